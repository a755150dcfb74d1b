import { resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { cancelAllowed, describeMode, loadConfig, type ServerConfig } from "./config.ts";

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
});
