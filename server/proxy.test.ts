import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ServerAuth, ServerConfig } from "./config.ts";
import { forwardedQuery } from "./proxy.ts";
import { startServer } from "./server.ts";
import { signRequest } from "./sign.ts";
import { answerIamLogin } from "./test-helpers.ts";

const TOKEN = "MIIuserTOKEN-secret-value-1234567890";
const SK = "sk-secret-value-abcdef";
const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const JOB_ID = "c0619372-983d-4861-9133-69a518fca074";

type Seen = {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  closedEarly: boolean;
};
const seen: Seen[] = [];
let respond: (req: IncomingMessage, res: ServerResponse) => void;

let upstream: Server;
let upstreamUrl: URL;
beforeAll(async () => {
  upstream = createServer((req, res) => {
    const entry: Seen = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      closedEarly: false,
    };
    seen.push(entry);
    res.on("close", () => {
      if (!res.writableFinished) entry.closedEarly = true;
    });
    respond(req, res);
  });
  await new Promise<void>((done) => upstream.listen(0, "127.0.0.1", done));
  upstreamUrl = new URL(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});
afterAll(async () => {
  const closed = new Promise<void>((done) => upstream.close(() => done()));
  upstream.closeAllConnections();
  await closed;
});

const running: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  seen.length = 0;
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function proxyServer(
  auth: ServerAuth,
  endpoint = upstreamUrl,
  timeoutMs?: number,
  allowCancel?: boolean,
) {
  const log: string[] = [];
  const config: ServerConfig = {
    host: "127.0.0.1",
    port: 0,
    distDir: "/nonexistent",
    mode: "proxy",
    endpoint,
    auth,
    projectIds: [PROJECT],
  };
  if (allowCancel !== undefined) config.allowCancel = allowCancel;
  const options = timeoutMs === undefined ? {} : { timeoutMs };
  const server = await startServer(config, { log: (l) => log.push(l), proxy: options });
  running.push(server);
  return { url: server.url, log };
}

const jobs = { job_count: 1, jobs: [{ job_id: "c0619372-983d-4861-9133-69a518fca074" }] };

describe("proxy", () => {
  it("forwards the list with the token, only the contract's query params, and passes back the answer", async () => {
    respond = (_req, res) => {
      res.writeHead(200, {
        "Content-Type": "application/json;charset=UTF-8",
        "Set-Cookie": "session=upstream",
        "X-Request-Id": "abc",
      });
      res.end(JSON.stringify(jobs));
    };
    const { url, log } = await proxyServer({ kind: "token", token: TOKEN });
    const res = await fetch(
      `${url}/v2.0/${PROJECT}/gene/jobs?foo=bar&end=2&limit=10&job_type=DNA_SOMATIC&start=1&offset=0&token=x`,
      {
        headers: {
          Cookie: "browser=1",
          Authorization: "Bearer browser",
          "X-Auth-Token": "browser",
        },
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(jobs);
    // The dashboard's own type for declared JSON, never DLI's header (issue 15).
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("x-request-id")).toBeNull();

    expect(seen).toHaveLength(1);
    const [got] = seen;
    expect(got?.method).toBe("GET");
    expect(got?.url).toBe(
      `/v2.0/${PROJECT}/gene/jobs?job_type=DNA_SOMATIC&limit=10&offset=0&start=1&end=2`,
    );
    expect(got?.headers["x-auth-token"]).toBe(TOKEN);
    expect(got?.headers["content-type"]).toBe("application/json");
    expect(got?.headers.cookie).toBeUndefined();
    expect(got?.headers.authorization).toBeUndefined();
    expect(log.join("\n")).not.toContain(TOKEN);
  });

  it("passes back error statuses, bodies and Retry-After untouched, without the token", async () => {
    const body = '{"error_code":"APIGW.0308","error_msg":"The request is throttled"}';
    respond = (_req, res) => {
      res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "7" });
      res.end(body);
    };
    const { url } = await proxyServer({ kind: "token", token: TOKEN });
    const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs`);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    const text = await res.text();
    expect(text).toBe(body);
    expect(JSON.stringify([...res.headers])).not.toContain(TOKEN);
    expect(seen[0]?.url).toBe(`/v2.0/${PROJECT}/gene/jobs`);
  });

  it("signs with AK/SK so that the signature verifies upstream", async () => {
    respond = (_req, res) => res.end("{}");
    const { url } = await proxyServer(
      { kind: "aksk", ak: "MYAK", sk: SK },
      upstreamUrl,
      undefined,
      true,
    );
    const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs/${JOB_ID}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(SK);
    const got = seen[0];
    expect(got?.method).toBe("DELETE");
    expect(got?.url).toBe(`/v2.0/${PROJECT}/gene/jobs/${JOB_ID}`);
    const date = String(got?.headers["x-sdk-date"]);
    expect(date).toMatch(/^\d{8}T\d{6}Z$/);
    const expected = signRequest({
      method: "DELETE",
      url: new URL(`http://${got?.headers.host}${got?.url}`),
      headers: { "Content-Type": "application/json", "X-Sdk-Date": date },
      body: "",
      ak: "MYAK",
      sk: SK,
    });
    expect(got?.headers.authorization).toBe(expected.Authorization);
    expect(got?.headers["x-auth-token"]).toBeUndefined();
  });

  it("maps a refused connection to 502 DASHBOARD.UPSTREAM_UNREACHABLE", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const { url } = await proxyServer(
      { kind: "token", token: TOKEN },
      new URL(`http://127.0.0.1:${port}`),
    );
    const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs`);
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      error_code: "DASHBOARD.UPSTREAM_UNREACHABLE",
      error_msg: `Could not reach DLI at 127.0.0.1:${port}: ECONNREFUSED`,
    });
  });

  it("maps a TLS failure to 502", async () => {
    respond = (_req, res) => res.end("{}");
    const tls = new URL(`https://127.0.0.1:${upstreamUrl.port}`);
    const { url } = await proxyServer({ kind: "token", token: TOKEN }, tls);
    const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs`);
    expect(res.status).toBe(502);
    const body = await res.json();
    expect(body.error_code).toBe("DASHBOARD.UPSTREAM_UNREACHABLE");
    expect(body.error_msg).toMatch(/^Could not reach DLI at 127\.0\.0\.1:\d+: \S+$/);
  });

  it("maps a DNS failure to 502", async () => {
    const { url } = await proxyServer(
      { kind: "none" },
      new URL("https://dli.nonexistent.invalid"),
      2000,
    );
    const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs`);
    expect([502, 504]).toContain(res.status);
    const body = await res.json();
    if (res.status === 502)
      expect(body.error_msg).toMatch(/dli\.nonexistent\.invalid: (ENOTFOUND|EAI_AGAIN)/);
  }, 10_000);

  it("maps a slow upstream to 504 DASHBOARD.UPSTREAM_TIMEOUT and gives up on it", async () => {
    respond = () => {};
    const { url } = await proxyServer({ kind: "token", token: TOKEN }, upstreamUrl, 150);
    const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs`);
    expect(res.status).toBe(504);
    expect((await res.json()).error_code).toBe("DASHBOARD.UPSTREAM_TIMEOUT");
    await expect.poll(() => seen[0]?.closedEarly).toBe(true);
  });

  describe("cancel (DLI_ALLOW_CANCEL)", () => {
    const JOB = "c0619372-983d-4861-9133-69a518fca074";
    const refusal = {
      error_code: "DASHBOARD.CANCEL_DISABLED",
      error_msg:
        "Cancelling jobs is turned off on this dashboard server (set DLI_ALLOW_CANCEL=1 to allow it)",
    };

    it.each([
      ["absent", undefined],
      ["false", false],
    ])(
      "refuses cancel with 403 when allowCancel is %s, sending nothing upstream",
      async (_, allow) => {
        respond = (_req, res) => res.end("{}");
        const { url, log } = await proxyServer(
          { kind: "token", token: TOKEN },
          upstreamUrl,
          undefined,
          allow,
        );
        const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs/${JOB}`, { method: "DELETE" });
        expect(res.status).toBe(403);
        expect(res.headers.get("content-type")).toMatch(/^application\/json/);
        expect(await res.json()).toEqual(refusal);
        // The list still works, and it is the only thing upstream ever saw.
        expect((await fetch(`${url}/v2.0/${PROJECT}/gene/jobs`)).status).toBe(200);
        expect(seen.map((s) => s.method)).toEqual(["GET"]);
        expect(JSON.parse(log[0] ?? "")).toMatchObject({
          method: "DELETE",
          route: "/v2.0/{project_id}/gene/jobs/{job_id}",
          status: 403,
          upstream_ms: null,
        });
      },
    );

    it("refuses before validating ids, so no id shape reaches upstream either", async () => {
      respond = (_req, res) => res.end("{}");
      const { url } = await proxyServer({ kind: "token", token: TOKEN });
      const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs/bad.id`, { method: "DELETE" });
      expect(res.status).toBe(403);
      expect((await res.json()).error_code).toBe("DASHBOARD.CANCEL_DISABLED");
      expect(seen).toHaveLength(0);
    });

    it("forwards an allowed cancel with the token and passes back DLI's answer", async () => {
      respond = (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end("{}");
      };
      const { url } = await proxyServer(
        { kind: "token", token: TOKEN },
        upstreamUrl,
        undefined,
        true,
      );
      const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs/${JOB}`, {
        method: "DELETE",
        headers: { "X-Auth-Token": "browser" },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
      expect(seen).toHaveLength(1);
      expect(seen[0]?.method).toBe("DELETE");
      expect(seen[0]?.url).toBe(`/v2.0/${PROJECT}/gene/jobs/${JOB}`);
      expect(seen[0]?.headers["x-auth-token"]).toBe(TOKEN);
    });

    it("passes back DLI's own refusal of an allowed cancel untouched", async () => {
      const body = '{"error_code":"DLI.0001","error_msg":"Job is already finished"}';
      respond = (_req, res) => {
        res.writeHead(400, { "Content-Type": "application/json" });
        res.end(body);
      };
      const { url } = await proxyServer(
        { kind: "token", token: TOKEN },
        upstreamUrl,
        undefined,
        true,
      );
      const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs/${JOB}`, { method: "DELETE" });
      expect(res.status).toBe(400);
      expect(await res.text()).toBe(body);
      expect(seen.map((s) => s.method)).toEqual(["DELETE"]);
    });

    it("says so in /api/config", async () => {
      const off = await proxyServer({ kind: "token", token: TOKEN });
      const on = await proxyServer({ kind: "token", token: TOKEN }, upstreamUrl, undefined, true);
      expect((await (await fetch(`${off.url}/api/config`)).json()).cancelAllowed).toBe(false);
      expect((await (await fetch(`${on.url}/api/config`)).json()).cancelAllowed).toBe(true);
      expect(seen).toHaveLength(0);
    });
  });

  it("aborts the upstream request when the browser disconnects", async () => {
    respond = () => {};
    const { url } = await proxyServer({ kind: "token", token: TOKEN });
    const browser = new AbortController();
    const pending = fetch(`${url}/v2.0/${PROJECT}/gene/jobs`, { signal: browser.signal });
    await expect.poll(() => seen.length).toBe(1);
    browser.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => seen[0]?.closedEarly).toBe(true);
  });
});

describe("proxy with an IAM user (HUAWEICLOUD_IAM_*)", () => {
  const PASSWORD = "iam-Pa55word-secret";
  const IAM_TOKEN = "MIIiamTOKEN-issued-to-the-server";
  const iamAuth = (): ServerAuth => ({
    kind: "iam",
    iam: { endpoint: upstreamUrl, domain: "lab", user: "dashboard", password: PASSWORD },
  });
  /** The upstream plays IAM on /v3/auth/tokens and DLI on the rest. */
  function iamAndDli(iamStatus: number, dli: (res: ServerResponse) => void) {
    respond = (req, res) => {
      if (req.url !== "/v3/auth/tokens") return dli(res);
      answerIamLogin(req, res, iamStatus === 201 ? { token: IAM_TOKEN } : { refuse: iamStatus });
    };
  }

  it("logs in once, sends DLI the project's token, and shows neither token nor password", async () => {
    iamAndDli(201, (res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(jobs));
    });
    const { url, log } = await proxyServer(iamAuth());
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs?limit=10&offset=0`);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain(IAM_TOKEN);
    }
    expect(seen.map((s) => `${s.method} ${s.url.split("?")[0]}`)).toEqual([
      "POST /v3/auth/tokens",
      `GET /v2.0/${PROJECT}/gene/jobs`,
      `GET /v2.0/${PROJECT}/gene/jobs`,
      `GET /v2.0/${PROJECT}/gene/jobs`,
    ]);
    for (const dliCall of seen.slice(1)) expect(dliCall.headers["x-auth-token"]).toBe(IAM_TOKEN);
    const config = await (await fetch(`${url}/api/config`)).text();
    for (const secret of [PASSWORD, IAM_TOKEN]) {
      expect(log.join("\n")).not.toContain(secret);
      expect(config).not.toContain(secret);
    }
  });

  it("answers 401 DASHBOARD.IAM_REFUSED when IAM refuses the password, and never calls DLI", async () => {
    iamAndDli(401, (res) => {
      res.writeHead(500);
      res.end();
    });
    const { url } = await proxyServer(iamAuth());
    const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error_code: string; error_msg: string };
    expect(body.error_code).toBe("DASHBOARD.IAM_REFUSED");
    expect(body.error_msg).toMatch(/HUAWEICLOUD_IAM_PASSWORD/);
    expect(body.error_msg).not.toContain(PASSWORD);
    // A second request inside the pause does not try the password again.
    expect((await fetch(`${url}/v2.0/${PROJECT}/gene/jobs`)).status).toBe(401);
    expect(seen.map((s) => s.url)).toEqual(["/v3/auth/tokens"]);
  });

  it("passes DLI's 401 back once, without retrying the request", async () => {
    iamAndDli(201, (res) => {
      res.writeHead(401, { "Content-Type": "application/json" });
      res.end('{"error_code":"DLI.0013","error_msg":"token expired"}');
    });
    const { url } = await proxyServer(iamAuth());
    const res = await fetch(`${url}/v2.0/${PROJECT}/gene/jobs`);
    expect(res.status).toBe(401);
    expect(seen.filter((s) => s.method === "GET")).toHaveLength(1);
  });
});

describe("forwardedQuery", () => {
  it("keeps only the contract's params, in a fixed order, RFC 3986 encoded", () => {
    const q = new URLSearchParams("end=9&x=1&job_type=A B&limit=5&limit=6&callback=evil");
    expect(forwardedQuery(q)).toBe("job_type=A%20B&limit=5&end=9");
    expect(forwardedQuery(new URLSearchParams(""))).toBe("");
  });
});
