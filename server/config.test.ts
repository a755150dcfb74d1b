import { resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  cancelAllowed,
  describeMode,
  loadConfig,
  type ServerConfig,
  submitAllowed,
  upstreamOf,
} from "./config.ts";

describe("loadConfig", () => {
  it("defaults to demo mode on 127.0.0.1:8080 serving <repo>/dist", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: "127.0.0.1",
      port: 8080,
      mode: "demo",
      auth: { kind: "none" },
    });
    expect(c.distDir).toBe(resolve(import.meta.dirname, "..", "dist"));
    expect(c.endpoint).toBeUndefined();
    expect(c.projectIds).toEqual([]);
    expect(c.demoNow).toBeUndefined();
    expect(c.allowCancel).toBe(true);
    expect(c.allowSubmit).toBe(true);
    expect(describeMode(c)).toBe("demo data");
  });

  it("reads PORT, HOST, DIST_DIR and DLI_PROJECT_IDS", () => {
    const c = loadConfig({
      PORT: "0",
      HOST: "0.0.0.0",
      DIST_DIR: "/tmp/x",
      DLI_PROJECT_IDS: " a1 ,, b2 ,",
    });
    expect(c).toMatchObject({
      host: "0.0.0.0",
      port: 0,
      distDir: "/tmp/x",
      projectIds: ["a1", "b2"],
    });
  });

  it("rejects a bad PORT", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
  });

  it("switches to proxy mode with DLI_ENDPOINT, normalised to its origin", () => {
    const c = loadConfig({
      DLI_ENDPOINT: "https://dli.cn-north-4.myhuaweicloud.com/",
      DLI_AUTH_TOKEN: "tok",
    });
    expect(c.mode).toBe("proxy");
    expect(c.endpoint?.href).toBe("https://dli.cn-north-4.myhuaweicloud.com/");
    expect(c.auth).toEqual({ kind: "token", token: "tok" });
    expect(c.allowCancel).toBe(false);
    expect(describeMode(c)).toBe(
      "proxy to https://dli.cn-north-4.myhuaweicloud.com, token auth, read-only",
    );
    expect(describeMode(c)).not.toContain("tok,");
  });

  it.each([
    "not a url",
    "ftp://dli.example.com",
    "https://dli.example.com/v2.0",
    "https://dli.example.com?x=1",
    "https://user:pw@dli.example.com",
  ])("throws a clear error for DLI_ENDPOINT=%s", (raw) => {
    expect(() => loadConfig({ DLI_ENDPOINT: raw })).toThrow(/DLI_ENDPOINT/);
  });

  it("prefers the token over AK/SK, and uses AK/SK otherwise", () => {
    const both = loadConfig({
      DLI_AUTH_TOKEN: "t",
      HUAWEICLOUD_SDK_AK: "ak",
      HUAWEICLOUD_SDK_SK: "sk",
    });
    expect(both.auth.kind).toBe("token");
    const aksk = loadConfig({
      DLI_ENDPOINT: "http://127.0.0.1:9999",
      HUAWEICLOUD_SDK_AK: "ak",
      HUAWEICLOUD_SDK_SK: "sk",
    });
    expect(aksk.auth).toEqual({ kind: "aksk", ak: "ak", sk: "sk" });
    expect(describeMode(aksk)).toBe("proxy to http://127.0.0.1:9999, AK/SK signing, read-only");
    expect(() => loadConfig({ HUAWEICLOUD_SDK_AK: "ak" })).toThrow(/together/);
  });

  it("logs in as an IAM user when all four HUAWEICLOUD_IAM_* are set, after token and AK/SK", () => {
    const iamEnv = {
      DLI_ENDPOINT: "https://dli.cn-north-4.myhuaweicloud.com",
      HUAWEICLOUD_IAM_ENDPOINT: "https://iam.cn-north-4.myhuaweicloud.com/",
      HUAWEICLOUD_IAM_DOMAIN: "lab-account",
      HUAWEICLOUD_IAM_USER: "dashboard",
      HUAWEICLOUD_IAM_PASSWORD: "Pa55-secret",
    };
    const c = loadConfig(iamEnv);
    expect(c.auth).toEqual({
      kind: "iam",
      iam: {
        endpoint: new URL("https://iam.cn-north-4.myhuaweicloud.com"),
        domain: "lab-account",
        user: "dashboard",
        password: "Pa55-secret",
      },
    });
    expect(describeMode(c)).toBe(
      "proxy to https://dli.cn-north-4.myhuaweicloud.com, IAM user tokens from iam.cn-north-4.myhuaweicloud.com, read-only",
    );
    expect(loadConfig({ ...iamEnv, DLI_AUTH_TOKEN: "t" }).auth.kind).toBe("token");
    expect(
      loadConfig({ ...iamEnv, HUAWEICLOUD_SDK_AK: "ak", HUAWEICLOUD_SDK_SK: "sk" }).auth.kind,
    ).toBe("aksk");
    expect(() => loadConfig({ ...iamEnv, HUAWEICLOUD_IAM_PASSWORD: " " })).toThrow(
      /must be set together; missing: HUAWEICLOUD_IAM_PASSWORD$/,
    );
    expect(() =>
      loadConfig({ ...iamEnv, HUAWEICLOUD_IAM_ENDPOINT: "https://iam.example/v3/auth/tokens" }),
    ).toThrow(/HUAWEICLOUD_IAM_ENDPOINT must be an origin only/);
  });

  it("warns once when proxying without credentials", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    loadConfig({ DLI_ENDPOINT: "https://a.example" });
    loadConfig({ DLI_ENDPOINT: "https://a.example" });
    expect(warn.mock.calls.length).toBeLessThanOrEqual(1);
    warn.mockRestore();
  });

  it("freezes the demo clock with DEMO_NOW", () => {
    const c = loadConfig({ DEMO_NOW: "2026-11-28T10:00:00Z" });
    expect(c.demoNow?.()).toBe(Date.parse("2026-11-28T10:00:00Z"));
    expect(() => loadConfig({ DEMO_NOW: "yesterday" })).toThrow(/DEMO_NOW/);
  });

  describe("DLI_ALLOW_CANCEL", () => {
    const proxy = (value?: string) =>
      loadConfig({
        DLI_ENDPOINT: "https://dli.example.com",
        DLI_AUTH_TOKEN: "t",
        ...(value === undefined ? {} : { DLI_ALLOW_CANCEL: value }),
      });

    it.each(["1", "true", "TRUE", " True "])("allows cancel in proxy mode with %j", (value) => {
      const c = proxy(value);
      expect(c.allowCancel).toBe(true);
      expect(cancelAllowed(c)).toBe(true);
      expect(describeMode(c)).toBe("proxy to https://dli.example.com, token auth, cancel allowed");
    });

    it.each([undefined, "", "  ", "0", "false", "FALSE"])(
      "keeps proxy mode read-only with %j",
      (value) => {
        const c = proxy(value);
        expect(c.allowCancel).toBe(false);
        expect(cancelAllowed(c)).toBe(false);
        expect(describeMode(c)).toMatch(/, read-only$/);
      },
    );

    it.each(["yes", "on", "2", "enabled", "1,true"])(
      "throws a clear error for DLI_ALLOW_CANCEL=%s, in either mode",
      (value) => {
        const message = `DLI_ALLOW_CANCEL must be 1 or true (allow cancelling jobs) or 0, false or empty (read-only), got "${value}"`;
        expect(() => proxy(value)).toThrow(message);
        expect(() => loadConfig({ DLI_ALLOW_CANCEL: value })).toThrow(message);
      },
    );

    it("always allows cancel in demo mode", () => {
      for (const value of [undefined, "0", "false", "1"]) {
        const c = loadConfig(value === undefined ? {} : { DLI_ALLOW_CANCEL: value });
        expect(c.allowCancel).toBe(true);
        expect(cancelAllowed(c)).toBe(true);
      }
    });

    it("defaults an absent allowCancel by mode, and honours an explicit one", () => {
      const base: ServerConfig = {
        host: "127.0.0.1",
        port: 0,
        distDir: "/nonexistent",
        mode: "demo",
        auth: { kind: "none" },
        projectIds: [],
      };
      const proxyBase: ServerConfig = {
        ...base,
        mode: "proxy",
        endpoint: new URL("https://dli.example.com"),
      };
      expect(cancelAllowed(base)).toBe(true);
      expect(cancelAllowed(proxyBase)).toBe(false);
      expect(cancelAllowed({ ...proxyBase, allowCancel: true })).toBe(true);
      expect(cancelAllowed({ ...base, allowCancel: false })).toBe(false);
    });
  });

  describe("DLI_ALLOW_SUBMIT", () => {
    const proxy = (env: Record<string, string> = {}) =>
      loadConfig({ DLI_ENDPOINT: "https://dli.example.com", DLI_AUTH_TOKEN: "t", ...env });

    it.each(["1", "true", " TRUE "])("allows Run again in proxy mode with %j", (value) => {
      const c = proxy({ DLI_ALLOW_SUBMIT: value });
      expect(c.allowSubmit).toBe(true);
      expect(submitAllowed(c)).toBe(true);
      expect(describeMode(c)).toBe("proxy to https://dli.example.com, token auth, submit allowed");
      expect(describeMode(proxy({ DLI_ALLOW_SUBMIT: value, DLI_ALLOW_CANCEL: "1" }))).toMatch(
        /, cancel allowed, submit allowed$/,
      );
    });

    it.each(["", "0", "false"])("keeps it off in proxy mode with %j, and unset", (value) => {
      for (const c of [proxy({ DLI_ALLOW_SUBMIT: value }), proxy()]) {
        expect(c.allowSubmit).toBe(false);
        expect(submitAllowed(c)).toBe(false);
        expect(describeMode(c)).toMatch(/, read-only$/);
      }
    });

    it.each(["yes", "on", "2"])(
      "throws a clear error for DLI_ALLOW_SUBMIT=%s, in either mode",
      (value) => {
        const message = `DLI_ALLOW_SUBMIT must be 1 or true (allow running jobs again) or 0, false or empty (read-only), got "${value}"`;
        expect(() => proxy({ DLI_ALLOW_SUBMIT: value })).toThrow(message);
        expect(() => loadConfig({ DLI_ALLOW_SUBMIT: value })).toThrow(message);
      },
    );

    it("is always on in demo mode, and defaults an absent allowSubmit by mode", () => {
      expect(submitAllowed(loadConfig({ DLI_ALLOW_SUBMIT: "0" }))).toBe(true);
      const base: ServerConfig = {
        host: "127.0.0.1",
        port: 0,
        distDir: "/nonexistent",
        mode: "demo",
        auth: { kind: "none" },
        projectIds: [],
      };
      expect(submitAllowed(base)).toBe(true);
      expect(submitAllowed({ ...base, mode: "proxy" })).toBe(false);
      expect(submitAllowed({ ...base, mode: "proxy", allowSubmit: true })).toBe(true);
    });
  });
});

describe("DLI_PROJECTS: several projects and regions", () => {
  const NORTH = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
  const EAST = "7c8d9e0f1a2b43c4d5e6f708192a3b4c";

  it("reads region/projectId=name entries, each with its region's default endpoint", () => {
    const c = loadConfig({
      DLI_PROJECTS: ` cn-north-4/${NORTH}=Oncology , cn-east-3/${EAST}`,
      DLI_AUTH_TOKEN: "tok",
    });
    expect(c.mode).toBe("proxy");
    expect(c.endpoint).toBeUndefined();
    expect(c.projectIds).toEqual([NORTH, EAST]);
    expect(c.projects).toEqual([
      {
        id: NORTH,
        region: "cn-north-4",
        endpoint: new URL("https://dli.cn-north-4.myhuaweicloud.com"),
        name: "Oncology",
      },
      {
        id: EAST,
        region: "cn-east-3",
        endpoint: new URL("https://dli.cn-east-3.myhuaweicloud.com"),
      },
    ]);
    expect(c.allowCancel).toBe(false);
    expect(describeMode(c)).toBe(
      "proxy to cn-north-4 at https://dli.cn-north-4.myhuaweicloud.com, cn-east-3 at https://dli.cn-east-3.myhuaweicloud.com, token auth, read-only",
    );
  });

  it("keeps display names with spaces, Chinese and '=' whole", () => {
    const c = loadConfig({
      DLI_PROJECTS: `cn-north-4/${NORTH}=肿瘤 队列 (2026),ap-southeast-1/${EAST}= Cohort = B `,
    });
    expect(c.projects?.map((p) => p.name)).toEqual(["肿瘤 队列 (2026)", "Cohort = B"]);
  });

  it("takes a region's endpoint from DLI_ENDPOINT_<REGION>, upper case with underscores", () => {
    const c = loadConfig({
      DLI_PROJECTS: `cn-north-4/${NORTH},cn-east-3/${EAST}`,
      DLI_ENDPOINT_CN_NORTH_4: "http://127.0.0.1:9001/",
    });
    expect(c.projects?.map((p) => p.endpoint.href)).toEqual([
      "http://127.0.0.1:9001/",
      "https://dli.cn-east-3.myhuaweicloud.com/",
    ]);
    expect(() =>
      loadConfig({
        DLI_PROJECTS: `cn-north-4/${NORTH}`,
        DLI_ENDPOINT_CN_NORTH_4: "https://dli.example.com/v2.0",
      }),
    ).toThrow(/^DLI_ENDPOINT_CN_NORTH_4 must be an origin only/);
  });

  it("warns about a DLI_ENDPOINT_<REGION> that no entry uses (a typo would go unnoticed)", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    loadConfig({
      DLI_PROJECTS: `cn-north-4/${NORTH}`,
      DLI_AUTH_TOKEN: "t",
      DLI_ENDPOINT_CN_NORTH4: "http://127.0.0.1:9001",
    });
    expect(warn.mock.calls.flat().join("\n")).toContain(
      "DLI_ENDPOINT_CN_NORTH4 is set but no DLI_PROJECTS entry is in that region",
    );
  });

  it("keeps DLI_ENDPOINT with DLI_PROJECT_IDS as one region, with no projects list", () => {
    const c = loadConfig({
      DLI_ENDPOINT: "https://dli.cn-north-4.myhuaweicloud.com",
      DLI_PROJECT_IDS: `${NORTH},${EAST}`,
    });
    expect(c.projects).toBeUndefined();
    expect(c.projectIds).toEqual([NORTH, EAST]);
    expect(c.endpoint?.origin).toBe("https://dli.cn-north-4.myhuaweicloud.com");
  });

  it("refuses DLI_PROJECTS together with DLI_ENDPOINT or DLI_PROJECT_IDS", () => {
    const projects = `cn-north-4/${NORTH}`;
    for (const other of [{ DLI_ENDPOINT: "https://dli.example.com" }, { DLI_PROJECT_IDS: NORTH }]) {
      expect(() => loadConfig({ DLI_PROJECTS: projects, ...other })).toThrow(
        /^DLI_PROJECTS replaces DLI_ENDPOINT and DLI_PROJECT_IDS/,
      );
    }
  });

  it.each([
    [`cn-north-4/${NORTH},,cn-east-3/${EAST}`, /^DLI_PROJECTS entry 2 is empty;/],
    [`cn-north-4/${NORTH},`, /^DLI_PROJECTS entry 2 is empty;/],
    [" , ", /^DLI_PROJECTS entry 1 is empty;/],
    [NORTH, new RegExp(`^DLI_PROJECTS entry 1 "${NORTH}" names no region`)],
    [
      `cn-north-4/${NORTH},cn-east-3/${EAST},cn-east-3/${NORTH}=Again`,
      new RegExp(
        `^DLI_PROJECTS entry 3 "cn-east-3/${NORTH}=Again" lists project ${NORTH} again \\(it is entry 1 already\\)`,
      ),
    ],
    [
      `CN-NORTH-4/${NORTH}`,
      /^DLI_PROJECTS entry 1 "CN-NORTH-4\/\w+": "CN-NORTH-4" is not a region name/,
    ],
    [`cn_north_4/${NORTH}`, /"cn_north_4" is not a region name/],
    [`dli.evil.example/${NORTH}`, /"dli.evil.example" is not a region name/],
    [`cn-north-4.evil.example/${NORTH}`, /is not a region name/],
    [`/${NORTH}`, /^DLI_PROJECTS entry 1 "\/\w+": "" is not a region name/],
    ["cn-north-4/", /^DLI_PROJECTS entry 1 "cn-north-4\/": "" is not a project id/],
    [
      `cn-east-3/${EAST},cn-north-4/0a1b/../x`,
      /^DLI_PROJECTS entry 2 "cn-north-4\/0a1b\/..\/x": "0a1b\/..\/x" is not a project id/,
    ],
    ["cn-north-4/abc def", /"abc def" is not a project id/],
    [`cn-north-4/${NORTH}=`, /^DLI_PROJECTS entry 1 ".*": the display name after "=" is empty/],
    [`cn-north-4/${NORTH}=${"x".repeat(101)}`, /the display name must be at most 100 characters/],
    [`cn-north-4/${NORTH}=a\tb`, /without control characters/],
  ])("refuses DLI_PROJECTS=%s at start, naming the entry", (raw, message) => {
    expect(() => loadConfig({ DLI_PROJECTS: raw })).toThrow(message);
  });

  it("gives an IAM user each region's IAM, HUAWEICLOUD_IAM_ENDPOINT then optional", () => {
    const iam = {
      HUAWEICLOUD_IAM_DOMAIN: "lab-account",
      HUAWEICLOUD_IAM_USER: "dashboard",
      HUAWEICLOUD_IAM_PASSWORD: "Pa55-secret",
    };
    const projects = `cn-north-4/${NORTH},cn-east-3/${EAST}`;
    const regional = loadConfig({
      DLI_PROJECTS: projects,
      HUAWEICLOUD_IAM_ENDPOINT_CN_EAST_3: "http://127.0.0.1:9003",
      ...iam,
    });
    expect(regional.auth).toMatchObject({
      kind: "iam",
      iam: {
        regionEndpoints: {
          "cn-north-4": new URL("https://iam.cn-north-4.myhuaweicloud.com"),
          "cn-east-3": new URL("http://127.0.0.1:9003"),
        },
      },
    });
    expect(describeMode(regional)).toContain(
      "IAM user tokens from iam.cn-north-4.myhuaweicloud.com, 127.0.0.1:9003,",
    );
    // One IAM named for all (the global one) serves every region without an override.
    const global = loadConfig({
      DLI_PROJECTS: projects,
      HUAWEICLOUD_IAM_ENDPOINT: "https://iam.myhuaweicloud.com",
      ...iam,
    });
    expect(global.auth).toMatchObject({
      iam: {
        endpoint: new URL("https://iam.myhuaweicloud.com"),
        regionEndpoints: {
          "cn-north-4": new URL("https://iam.myhuaweicloud.com"),
          "cn-east-3": new URL("https://iam.myhuaweicloud.com"),
        },
      },
    });
    expect(() =>
      loadConfig({ DLI_PROJECTS: projects, ...iam, HUAWEICLOUD_IAM_PASSWORD: "" }),
    ).toThrow(
      /^HUAWEICLOUD_IAM_DOMAIN, HUAWEICLOUD_IAM_USER, HUAWEICLOUD_IAM_PASSWORD must be set together; missing: HUAWEICLOUD_IAM_PASSWORD$/,
    );
  });
});

describe("upstreamOf", () => {
  it("routes a DLI_PROJECTS project to its region, and refuses an unlisted one", () => {
    const c = loadConfig({
      DLI_PROJECTS: "cn-north-4/aaa=A,cn-east-3/bbb",
      DLI_ENDPOINT_CN_EAST_3: "http://127.0.0.1:9003",
      DLI_AUTH_TOKEN: "t",
    });
    expect(upstreamOf(c, "aaa")).toEqual({
      endpoint: new URL("https://dli.cn-north-4.myhuaweicloud.com"),
      region: "cn-north-4",
    });
    expect(upstreamOf(c, "bbb")?.endpoint.host).toBe("127.0.0.1:9003");
    expect(upstreamOf(c, "ccc")).toBeUndefined();
  });

  it("routes every listed project (or any, with no list) to DLI_ENDPOINT", () => {
    const one = loadConfig({ DLI_ENDPOINT: "https://dli.example.com", DLI_PROJECT_IDS: "aaa" });
    expect(upstreamOf(one, "aaa")).toEqual({ endpoint: new URL("https://dli.example.com") });
    expect(upstreamOf(one, "bbb")).toBeUndefined();
    const any = loadConfig({ DLI_ENDPOINT: "https://dli.example.com" });
    expect(upstreamOf(any, "bbb")?.endpoint.host).toBe("dli.example.com");
  });
});
