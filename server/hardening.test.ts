import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ServerAuth, ServerConfig } from "./config.ts";
import { createMemoryBudget } from "./memory-budget.ts";
import type { ProxyOptions } from "./proxy.ts";
import { startServer } from "./server.ts";
import { answerIamLogin, type RawResponse, rawRequest, readAnswer } from "./test-helpers.ts";

// Issue 6, rule by rule, against a real server in proxy mode and a fake DLI that records
// everything it is sent. "Never forwarded" is checked by that record staying empty.

const TOKEN = "MIIT-hardening-token-7f3a9c2e51d04b86";
const AK = "HARDENINGAK7Q2W9E4R1T";
const SK = "hardening-sk-Zp4Lm8Qx2Vb6Nc0Rt3Yw";
const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const OTHER_PROJECT = "99999999999999999999999999999999";
const JOB = "c0619372-983d-4861-9133-69a518fca074";
const LIST = `/v2.0/${PROJECT}/gene/jobs`;
const CANCEL = `${LIST}/${JOB}`;
const PAGE = JSON.stringify({ job_count: 1, jobs: [{ job_id: JOB, status: "RUNNING" }] });
const CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/** API answers are data, never pages (issue 15). */
const API_CSP =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; port: number };
const seen: Seen[] = [];
let respond: (req: IncomingMessage, res: ServerResponse) => void;
const json = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(body);
};

let upstream: Server;
let upstreamUrl: URL;
const tmp = mkdtempSync(join(tmpdir(), "gene-jobs-hardening-"));

beforeAll(async () => {
  mkdirSync(join(tmp, "assets"), { recursive: true });
  writeFileSync(join(tmp, "index.html"), "<!doctype html><title>Gene Jobs</title>");
  writeFileSync(join(tmp, "assets", "index-AbC123.js"), "console.log(1)");
  upstream = createServer((req, res) => {
    seen.push({
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      port: req.socket.remotePort ?? 0,
    });
    respond(req, res);
  });
  await new Promise<void>((done) => upstream.listen(0, "127.0.0.1", done));
  upstreamUrl = new URL(`http://127.0.0.1:${(upstream.address() as { port: number }).port}`);
});

afterAll(async () => {
  const closed = new Promise<void>((done) => upstream.close(() => done()));
  upstream.closeAllConnections();
  await closed;
  rmSync(tmp, { recursive: true, force: true });
});

const running: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  seen.length = 0;
  respond = (_req, res) => json(res, 200, PAGE);
  await Promise.all(running.splice(0).map((s) => s.close()));
});

type ProxySetup = {
  auth?: ServerAuth;
  endpoint?: URL;
  allowCancel?: boolean;
  projectIds?: string[];
  proxy?: ProxyOptions;
};

async function proxyServer(setup: ProxySetup = {}) {
  const log: string[] = [];
  const onLine: (() => void)[] = [];
  const config: ServerConfig = {
    host: "127.0.0.1",
    port: 0,
    distDir: tmp,
    mode: "proxy",
    endpoint: setup.endpoint ?? upstreamUrl,
    auth: setup.auth ?? { kind: "token", token: TOKEN },
    projectIds: setup.projectIds ?? [PROJECT],
    allowCancel: setup.allowCancel ?? true,
  };
  const server = await startServer(config, {
    log: (line) => {
      log.push(line);
      for (const wake of onLine.splice(0)) wake();
    },
    proxy: setup.proxy ?? {},
  });
  running.push(server);
  /**
   * Resolves once the server has logged `count` API requests in all. It logs each when its
   * response has closed, so the exchange with DLI for that request is over.
   */
  const logged = async (count: number) => {
    while (log.length < count) await new Promise<void>((wake) => onLine.push(wake));
  };
  return { url: server.url, log, logged };
}

const errorCode = (res: RawResponse) => (JSON.parse(res.body) as { error_code: string }).error_code;

describe("routes: only the two DLI routes, written plainly, are forwarded", () => {
  respond = (_req, res) => json(res, 200, PAGE);

  it.each([
    // encoded slashes and backslashes
    `/v2.0/${PROJECT}%2Fgene/jobs`,
    `/v2.0/${PROJECT}/gene/jobs%2F${JOB}`,
    `/v2.0/${PROJECT}/gene/jobs%2f${JOB}`,
    `/v2.0/${PROJECT}/gene/jobs%5C${JOB}`,
    `/v2.0/${PROJECT}/gene/jobs/..%2F..%2Fv3%2Fauth%2Ftokens`,
    // dot segments, raw and encoded
    `/v2.0/${PROJECT}/../${PROJECT}/gene/jobs`,
    `/v2.0/x/../${PROJECT}/gene/jobs`,
    `/v2.0/${PROJECT}/gene/./jobs`,
    `/v2.0/${PROJECT}/gene/jobs/%2e%2e`,
    `/v2.0/%2E%2E/${PROJECT}/gene/jobs`,
    `/api/../v2.0/${PROJECT}/gene/jobs`,
    // empty segments
    `/v2.0//${PROJECT}/gene/jobs`,
    `//v2.0/${PROJECT}/gene/jobs`,
    `/v2.0/${PROJECT}/gene//jobs`,
    `${LIST}/`,
    // backslashes
    `/v2.0\\${PROJECT}\\gene\\jobs`,
    `/v2.0/${PROJECT}/gene/jobs\\`,
    // other encodings of the same path
    `/%762.0/${PROJECT}/gene/jobs`,
    `/v2.0/${PROJECT}/gene/%6Aobs`,
    `/v2.0/${PROJECT}/gene/jobs;a=b`,
    `/v2.0/${PROJECT}/gene/jobs%00`,
    `/v2.0/${PROJECT}/gene/jobs%23x`,
  ])("refuses %s with 400 and forwards nothing", async (path) => {
    const { url } = await proxyServer();
    const res = await rawRequest(url, path);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe("DLI.0001");
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(seen).toEqual([]);
  });

  it.each([
    "/v3",
    "/v3/auth/tokens",
    `/v3/${PROJECT}/gene/jobs`,
    `/V2.0/${PROJECT}/gene/jobs`,
    `/v2.0/${PROJECT}/gene/Jobs`,
    `/v2.0/${PROJECT}/gene`,
    `/v2.0/${PROJECT}/gene/jobs/${JOB}/logs`,
    `/v2.0/${PROJECT}/queues`,
    `/v2.0/${PROJECT}/sql-jobs`,
    "/api/config/x",
  ])("answers 404 to %s and forwards nothing", async (path) => {
    const { url } = await proxyServer();
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await rawRequest(url, path, method);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe("DLI.0023");
    }
    expect(seen).toEqual([]);
  });

  it.each([
    ["POST", LIST, "GET"],
    ["PUT", LIST, "GET"],
    ["PATCH", LIST, "GET"],
    ["DELETE", LIST, "GET"],
    ["HEAD", LIST, "GET"],
    ["OPTIONS", LIST, "GET"],
    ["TRACE", LIST, "GET"],
    ["GET", CANCEL, "DELETE"],
    ["POST", CANCEL, "DELETE"],
    ["PUT", CANCEL, "DELETE"],
    ["OPTIONS", CANCEL, "DELETE"],
    ["POST", "/api/config", "GET"],
  ])(
    "answers %s %s with 405, Allow: %s, no CORS, nothing forwarded",
    async (method, path, allow) => {
      const { url } = await proxyServer();
      const res = await rawRequest(url, path, method, {
        "Access-Control-Request-Method": "DELETE",
      });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(Object.keys(res.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
      expect(seen).toEqual([]);
    },
  );

  it.each([
    ["a project id with _", "/v2.0/my_project/gene/jobs", "GET"],
    ["a project id with a dot", "/v2.0/my.project/gene/jobs", "GET"],
    ["a project id of 65 characters", `/v2.0/${"a".repeat(65)}/gene/jobs`, "GET"],
    ["a job id that is not a UUID", `${LIST}/job-1`, "DELETE"],
    ["a job id with a dot", `${LIST}/${JOB}.json`, "DELETE"],
    ["a job id UUID with extra", `${LIST}/${JOB}0`, "DELETE"],
  ])("refuses %s with 400 DLI.0001", async (_name, path, method) => {
    const { url } = await proxyServer({ projectIds: [] });
    const res = await rawRequest(url, path, method);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe("DLI.0001");
    expect(seen).toEqual([]);
  });

  it("forwards the two routes when they are written plainly", async () => {
    const { url } = await proxyServer();
    expect((await rawRequest(url, LIST)).status).toBe(200);
    respond = (_req, res) => json(res, 200, "{}");
    expect((await rawRequest(url, CANCEL, "DELETE")).status).toBe(200);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([`GET ${LIST}`, `DELETE ${CANCEL}`]);
  });
});

describe("query: only the contract's parameters, validated, pass", () => {
  it.each([
    "job_type=DNA_RNA",
    "job_type=dna_somatic",
    "limit=0",
    "limit=101",
    "limit=1.5",
    "limit=1e2",
    "limit=%2010",
    "limit=0x10",
    "offset=-1",
    "offset=abc",
    "start=-5",
    "end=yesterday",
    "end=99999999999999999999",
    "limit=10&limit=20",
    "job_type=DNA_SOMATIC&job_type=DNA_GERMLINE",
  ])("refuses ?%s with a DLI-style 400 without asking DLI", async (qs) => {
    const { url } = await proxyServer();
    const res = await rawRequest(url, `${LIST}?${qs}`);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body).toEqual({ error_code: "DLI.0001", error_msg: expect.any(String) });
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(seen).toEqual([]);
  });

  it("drops unknown parameters and forwards the known ones canonically", async () => {
    const { url } = await proxyServer();
    const res = await rawRequest(
      url,
      `${LIST}?callback=x&end=0020&limit=05&X-Auth-Token=t&job_type=DNA_GERMLINE&offset=&start=1&endpoint=http://evil`,
    );
    expect(res.status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual([
      `${LIST}?job_type=DNA_GERMLINE&limit=5&start=1&end=20`,
    ]);
  });

  it("validates the same way in demo mode", async () => {
    const demo = await startServer(
      {
        host: "127.0.0.1",
        port: 0,
        distDir: tmp,
        mode: "demo",
        auth: { kind: "none" },
        projectIds: [],
        demoNow: () => Date.parse("2026-11-28T10:00:00Z"),
      },
      { log: () => {} },
    );
    running.push(demo);
    const project = "3f9c2a7e5b1d4c8e9a06f1b2d3c4e5a7";
    for (const qs of ["limit=0", "start=-5", "limit=1&limit=2", "job_type=X"]) {
      const res = await rawRequest(demo.url, `/v2.0/${project}/gene/jobs?${qs}`);
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe("DLI.0001");
    }
    expect((await rawRequest(demo.url, `/v2.0/${project}/gene/jobs?limit=1&x=y`)).status).toBe(200);
  });
});

describe("projects: DLI_PROJECT_IDS is an allow-list in proxy mode", () => {
  it("refuses another project with 403 DASHBOARD.PROJECT_NOT_ALLOWED for list and cancel", async () => {
    const { url } = await proxyServer();
    const list = await rawRequest(url, `/v2.0/${OTHER_PROJECT}/gene/jobs`);
    expect(list.status).toBe(403);
    expect(errorCode(list)).toBe("DASHBOARD.PROJECT_NOT_ALLOWED");
    const cancel = await rawRequest(url, `/v2.0/${OTHER_PROJECT}/gene/jobs/${JOB}`, "DELETE");
    expect(cancel.status).toBe(403);
    expect(errorCode(cancel)).toBe("DASHBOARD.PROJECT_NOT_ALLOWED");
    expect(seen).toEqual([]);
  });

  it("passes any well-formed project when DLI_PROJECT_IDS is empty", async () => {
    const { url } = await proxyServer({ projectIds: [] });
    expect((await rawRequest(url, `/v2.0/${OTHER_PROJECT}/gene/jobs`)).status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual([`/v2.0/${OTHER_PROJECT}/gene/jobs`]);
  });
});

describe("headers in", () => {
  const browserHeaders = {
    Cookie: "session=browser",
    Authorization: "Bearer browser",
    "X-Auth-Token": "browser-token",
    "X-Forwarded-For": "203.0.113.9",
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-Proto": "https",
    Forwarded: "for=203.0.113.9;host=evil.example",
    "X-Real-IP": "203.0.113.9",
    "X-Sdk-Date": "20200101T000000Z",
    "X-Project-Id": OTHER_PROJECT,
    "User-Agent": "browser",
    "Sec-Fetch-Site": "same-origin",
  };

  it("sends DLI only headers the server made: token auth", async () => {
    const { url } = await proxyServer();
    expect((await rawRequest(url, LIST, "GET", browserHeaders)).status).toBe(200);
    const got = seen[0]?.headers ?? {};
    expect(Object.keys(got).sort()).toEqual(["connection", "content-type", "host", "x-auth-token"]);
    expect(got.host).toBe(upstreamUrl.host);
    expect(got["x-auth-token"]).toBe(TOKEN);
  });

  it("sends DLI only headers the server made: AK/SK signing", async () => {
    const { url } = await proxyServer({ auth: { kind: "aksk", ak: AK, sk: SK } });
    expect((await rawRequest(url, LIST, "GET", browserHeaders)).status).toBe(200);
    const got = seen[0]?.headers ?? {};
    expect(Object.keys(got).sort()).toEqual([
      "authorization",
      "connection",
      "content-type",
      "host",
      "x-sdk-date",
    ]);
    expect(got.authorization).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${AK}, `));
    expect(got["x-sdk-date"]).not.toBe("20200101T000000Z");
  });

  it.each([
    ["GET", LIST, { "Sec-Fetch-Site": "cross-site" }],
    ["GET", LIST, { "Sec-Fetch-Site": "same-site" }],
    ["GET", "/api/config", { "Sec-Fetch-Site": "cross-site" }],
    ["DELETE", CANCEL, { "Sec-Fetch-Site": "cross-site" }],
    ["GET", LIST, { Origin: "https://evil.example" }],
    ["GET", LIST, { Origin: "null" }],
    ["DELETE", CANCEL, { Origin: "https://evil.example" }],
    ["GET", `${LIST}/../x`, { "Sec-Fetch-Site": "cross-site" }],
  ])("refuses a cross-site %s %s (%o) with 403 and no CORS", async (method, path, headers) => {
    const { url } = await proxyServer();
    const res = await rawRequest(url, path, method, headers);
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe("DASHBOARD.FORBIDDEN");
    expect(Object.keys(res.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
    expect(seen).toEqual([]);
  });

  it("accepts same-origin calls (Sec-Fetch-Site same-origin or none, matching Origin)", async () => {
    const { url } = await proxyServer();
    const origin = new URL(url).origin;
    const ok: Record<string, string>[] = [
      { "Sec-Fetch-Site": "same-origin" },
      { "Sec-Fetch-Site": "none" },
      { Origin: origin, "Sec-Fetch-Site": "same-origin" },
    ];
    for (const headers of ok)
      expect((await rawRequest(url, LIST, "GET", headers)).status).toBe(200);
    expect((await rawRequest(url, CANCEL, "DELETE", { Origin: origin })).status).toBe(200);
  });

  it("host names are case-insensitive: LOCALHOST in Host and Origin names this server (issue 15)", async () => {
    const { url } = await proxyServer();
    const port = new URL(url).port;
    const same: Record<string, string>[] = [
      { Host: `LOCALHOST:${port}` },
      { Host: `LOCALHOST:${port}`, Origin: `http://LOCALHOST:${port}` },
      { Host: `LocalHost:${port}`, Origin: `http://localhost:${port}` },
      { Host: `localhost:${port}`, Origin: `http://LOCALHOST:${port}` },
      { Host: `Dashboard.LOCALHOST:${port}`, Origin: `https://dashboard.localhost:${port}` },
      { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` },
    ];
    for (const headers of same) {
      const res = await rawRequest(url, CANCEL, "DELETE", headers);
      expect(`${JSON.stringify(headers)}: ${res.status}`).toBe(`${JSON.stringify(headers)}: 200`);
    }
    // Still refused: another port, another name, or a Host that is not a plain host name.
    const other: Record<string, string>[] = [
      { Host: `LOCALHOST:${port}`, Origin: `http://LOCALHOST:1${port}` },
      { Host: `LOCALHOST:${port}`, Origin: `http://127.0.0.1:${port}` },
      { Host: `evil.example@LOCALHOST:${port}`, Origin: `http://LOCALHOST:${port}` },
    ];
    for (const headers of other) {
      const res = await rawRequest(url, CANCEL, "DELETE", headers);
      expect(`${JSON.stringify(headers)}: ${res.status}`).toBe(`${JSON.stringify(headers)}: 403`);
    }
  });
});

describe("credentials never leave the server", () => {
  /** IAM on /v3/auth/tokens (for an IAM-user auth), the scripted DLI answer elsewhere. */
  function withIam(iamToken: string | undefined, answer: typeof respond): typeof respond {
    if (!iamToken) return answer;
    return (req, res) =>
      req.url === "/v3/auth/tokens"
        ? answerIamLogin(req, res, { token: iamToken })
        : answer(req, res);
  }

  async function exercise(auth: ServerAuth, iamToken?: string): Promise<string> {
    const { url, log } = await proxyServer({ auth, proxy: { timeoutMs: 300 } });
    const texts: string[] = [];
    const record = (res: RawResponse) => texts.push(JSON.stringify(res.headers), res.body);
    const paths: [string, string, () => void][] = [
      ["GET", LIST, () => undefined],
      ["GET", "/api/config", () => undefined],
      ["GET", "/", () => undefined],
      ["GET", "/assets/index-AbC123.js", () => undefined],
      ["GET", `${LIST}?limit=0`, () => undefined],
      ["GET", `${LIST}/..%2F`, () => undefined],
      ["POST", LIST, () => undefined],
      ["DELETE", CANCEL, () => undefined],
      ["GET", `/v2.0/${OTHER_PROJECT}/gene/jobs`, () => undefined],
    ];
    const answers: ((req: IncomingMessage, res: ServerResponse) => void)[] = [
      (_req, res) => json(res, 200, PAGE),
      (_req, res) =>
        json(res, 401, '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication"}'),
      (_req, res) => json(res, 500, '{"error_code":"DLI.0999","error_msg":"boom"}'),
      (_req, res) => res.socket?.destroy(),
      () => undefined, // never answers: 504
      (_req, res) => {
        res.writeHead(502, { "Content-Type": "text/html" });
        res.end("<html>bad gateway</html>");
      },
    ];
    for (const answer of answers) {
      respond = withIam(iamToken, answer);
      for (const [method, path] of paths) record(await rawRequest(url, path, method));
    }
    // The signature DLI saw must not come back either.
    for (const s of seen) {
      const signature = /Signature=([0-9a-f]+)/.exec(String(s.headers.authorization))?.[1];
      if (signature) texts.push(`SIGNATURE-SEEN:${signature}`);
    }
    return [texts.join("\n"), "LOG:", log.join("\n")].join("\n");
  }

  it("with a token: not in any response header or body, nor in the log", async () => {
    const all = await exercise({ kind: "token", token: TOKEN });
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(TOKEN.slice(0, 16));
  });

  it("with an IAM user: neither the password nor the token IAM issued, anywhere", async () => {
    const password = "IAM-hardening-Pa55word-93c1";
    const iamToken = "MIIiam-hardening-issued-token-5b2e";
    const all = await exercise(
      {
        kind: "iam",
        iam: { endpoint: upstreamUrl, domain: "lab", user: "dashboard", password },
      },
      iamToken,
    );
    expect(seen.some((s) => s.headers["x-auth-token"] === iamToken)).toBe(true);
    expect(all).not.toContain(password);
    expect(all).not.toContain(iamToken);
    expect(all).not.toContain(iamToken.slice(0, 16));
  });

  it("with AK/SK: neither key nor any signature in any response or the log", async () => {
    const all = await exercise({ kind: "aksk", ak: AK, sk: SK });
    const [responses, signatures] = [
      all.split("\n").filter((l) => !l.startsWith("SIGNATURE-SEEN:")),
      all
        .split("\n")
        .filter((l) => l.startsWith("SIGNATURE-SEEN:"))
        .map((l) => l.slice("SIGNATURE-SEEN:".length)),
    ];
    const text = responses.join("\n");
    expect(signatures.length).toBeGreaterThan(0);
    expect(text).not.toContain(AK);
    expect(text).not.toContain(SK);
    for (const signature of signatures) expect(text).not.toContain(signature);
  });

  it("never retries: one request upstream for a 401, a reset or a 5xx, for GET and DELETE", async () => {
    const { url, logged } = await proxyServer({ auth: { kind: "aksk", ak: AK, sk: SK } });
    const answers: ((req: IncomingMessage, res: ServerResponse) => void)[] = [
      (_req, res) =>
        json(res, 401, '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication"}'),
      (_req, res) => res.socket?.destroy(),
      (_req, res) => json(res, 503, '{"error_code":"DLI.0999","error_msg":"busy"}'),
    ];
    const asked = () => seen.map((s) => `${s.method} ${s.url}`);
    const sent: string[] = [];
    for (const answer of answers) {
      respond = answer;
      for (const [method, path] of [
        ["GET", LIST],
        ["DELETE", CANCEL],
      ] as const) {
        const res = await rawRequest(url, path, method);
        expect([401, 502, 503]).toContain(res.status);
        sent.push(`${method} ${path}`);
        // Logged: the server is done with this request, so DLI has had all it will send for it.
        await logged(sent.length);
        // Each request reached DLI once, and none before it was sent again meanwhile.
        expect(asked()).toEqual(sent);
      }
    }
    // A last request that DLI answers: a second try of the one before, sent as that one was
    // answered, would have reached DLI by the time this one is through.
    respond = (_req, res) => json(res, 200, PAGE);
    expect((await rawRequest(url, LIST)).status).toBe(200);
    expect(asked()).toEqual([...sent, `GET ${LIST}`]);
  });
});

describe("upstream faults", () => {
  it("down: 502 DASHBOARD.UPSTREAM_UNREACHABLE", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const { url } = await proxyServer({ endpoint: new URL(`http://127.0.0.1:${port}`) });
    const res = await rawRequest(url, LIST);
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body)).toEqual({
      error_code: "DASHBOARD.UPSTREAM_UNREACHABLE",
      error_msg: `Could not reach DLI at 127.0.0.1:${port}: ECONNREFUSED`,
    });
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("no connection within the connect timeout (TLS handshake never answered): 504", async () => {
    const sockets: Socket[] = [];
    const silent: TcpServer = createTcpServer((s) => sockets.push(s));
    await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
    const port = (silent.address() as { port: number }).port;
    const { url } = await proxyServer({
      endpoint: new URL(`https://127.0.0.1:${port}`),
      proxy: { connectTimeoutMs: 200, timeoutMs: 5000 },
    });
    const started = Date.now();
    const res = await rawRequest(url, LIST);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(504);
    expect(JSON.parse(res.body)).toEqual({
      error_code: "DASHBOARD.UPSTREAM_TIMEOUT",
      error_msg: `Could not connect to DLI at 127.0.0.1:${port} within 200 ms`,
    });
    for (const s of sockets) s.destroy();
    await new Promise<void>((done) => silent.close(() => done()));
  });

  it("slow to answer: 504 DASHBOARD.UPSTREAM_TIMEOUT at the total deadline", async () => {
    respond = () => undefined;
    const { url } = await proxyServer({ proxy: { timeoutMs: 200 } });
    const res = await rawRequest(url, LIST);
    expect(res.status).toBe(504);
    expect(errorCode(res)).toBe("DASHBOARD.UPSTREAM_TIMEOUT");
  });

  it("slow body (headers, then nothing): 504 at the total deadline", async () => {
    respond = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
      res.write('{"job_count":');
    };
    const { url } = await proxyServer({ proxy: { timeoutMs: 200 } });
    const res = await rawRequest(url, LIST);
    expect(res.status).toBe(504);
    expect(errorCode(res)).toBe("DASHBOARD.UPSTREAM_TIMEOUT");
  });

  it("reset before answering: 502", async () => {
    respond = (req) => req.socket.destroy();
    const { url } = await proxyServer();
    const res = await rawRequest(url, LIST);
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body).error_msg).toMatch(
      /^Could not reach DLI at 127\.0\.0\.1:\d+: (ECONNRESET|EPIPE)$/,
    );
  });

  it("reset in the middle of the body: 502, never half a page", async () => {
    respond = (req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "5000" });
      // Reset (RST) once the first part of the body has been handed to the connection.
      res.write(PAGE.slice(0, 20), () => req.socket.resetAndDestroy());
    };
    const { url } = await proxyServer();
    const res = await rawRequest(url, LIST);
    expect(res.status).toBe(502);
    expect(errorCode(res)).toBe("DASHBOARD.UPSTREAM_UNREACHABLE");
    // The headers and the first chunk had come in: the reset was in the middle of the body.
    expect(JSON.parse(res.body).error_msg).toMatch(
      /closed the connection in the middle of its answer$/,
    );
  });

  it.each([
    ["an HTML error page", 502, "text/html", "<html><body>502 Bad Gateway</body></html>"],
    ["HTML with 200", 200, "text/html", "<!doctype html><p>login</p><script>alert(1)</script>"],
    ["JSON declared as HTML", 200, "text/html", PAGE],
    ["JSON declared as nothing", 200, "", PAGE],
  ])(
    "answer not declared JSON (%s): status and text kept, served as text/plain, asked once",
    async (_n, status, type, body) => {
      respond = (_req, res) => {
        res.writeHead(status, { "Content-Type": type });
        res.end(body);
      };
      const { url } = await proxyServer();
      const res = await rawRequest(url, LIST);
      // The UI tells "Unexpected answer from DLI" (not JSON) from a gateway error by the status.
      expect(res.status).toBe(status);
      expect(res.body).toBe(body);
      expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(res.headers["content-security-policy"]).toBe(API_CSP);
      expect(seen).toHaveLength(1);
    },
  );

  it.each([
    ["truncated JSON", PAGE.slice(0, 30)],
    ["an empty 200", ""],
  ])(
    "answer declared JSON that is not (%s): text kept, served as JSON for the app to judge",
    async (_n, body) => {
      respond = (_req, res) => json(res, 200, body);
      const { url } = await proxyServer();
      const res = await rawRequest(url, LIST);
      // The app's JSON.parse fails and it says "Unexpected answer from DLI"; the server never
      // parses a body only to label it (issue 15).
      expect(res.status).toBe(200);
      expect(res.body).toBe(body);
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(seen).toHaveLength(1);
    },
  );

  it("a redirect is neither followed nor passed on", async () => {
    respond = (_req, res) => {
      res.writeHead(302, { Location: "http://127.0.0.1:1/steal" });
      res.end();
    };
    const { url } = await proxyServer();
    const res = await rawRequest(url, LIST);
    expect(res.status).toBe(502);
    expect(errorCode(res)).toBe("DASHBOARD.UPSTREAM_BAD_RESPONSE");
    expect(res.headers.location).toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  it.each([
    ["declared in Content-Length", true],
    ["streamed without a length", false],
  ])("an answer over the size cap (%s): 502 DASHBOARD.UPSTREAM_TOO_LARGE", async (_n, declared) => {
    const big = JSON.stringify({ job_count: 1, jobs: ["x".repeat(50_000)] });
    respond = (_req, res) => {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (declared) headers["Content-Length"] = String(big.length);
      res.writeHead(200, headers);
      if (declared) res.end(big);
      else {
        for (let i = 0; i < big.length; i += 8192) res.write(big.slice(i, i + 8192));
        res.end();
      }
    };
    const { url } = await proxyServer({ proxy: { maxResponseBytes: 10_000 } });
    const res = await rawRequest(url, LIST);
    expect(res.status).toBe(502);
    expect(errorCode(res)).toBe("DASHBOARD.UPSTREAM_TOO_LARGE");
  });

  describe("answers longer than what is held whole stream through (issue 15)", () => {
    const LONG = JSON.stringify({
      job_count: 1,
      jobs: [{ job_id: JOB, pad: "y".repeat(300_000) }],
    });
    /** Writes `body` in 8 KB pieces, with or without a declared length; `stopAt` cuts it off. */
    const stream = (body: string, declared: boolean, stopAt = body.length) =>
      ((req, res) => {
        const headers: Record<string, string> = { "Content-Type": "application/json" };
        if (declared) headers["Content-Length"] = String(body.length);
        res.writeHead(200, headers);
        for (let i = 0; i < stopAt; i += 8192) res.write(body.slice(i, Math.min(i + 8192, stopAt)));
        if (stopAt >= body.length) res.end();
        else res.write("", () => req.socket.resetAndDestroy());
      }) satisfies typeof respond;

    it.each([
      ["declared", true],
      ["chunked", false],
    ])("intact, with the server's own type (%s)", async (_n, declared) => {
      respond = stream(LONG, declared);
      const { url } = await proxyServer({ proxy: { holdBytes: 16_384 } });
      const res = await readAnswer(url, LIST);
      expect(res).toMatchObject({ status: 200, complete: true, body: LONG });
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(res.headers["content-length"]).toBe(declared ? String(LONG.length) : undefined);
      expect(res.headers["cache-control"]).toBe("no-store");
    });

    it.each([
      ["declared", true],
      ["chunked", false],
    ])(
      "cut off by DLI mid-way (%s): the browser sees a broken answer, never a short whole one",
      async (_n, declared) => {
        respond = stream(LONG, declared, 100_000);
        const { url, logged, log } = await proxyServer({ proxy: { holdBytes: 16_384 } });
        const res = await readAnswer(url, LIST);
        expect(res.status).toBe(200);
        expect(res.complete).toBe(false);
        expect(res.body.length).toBeLessThan(LONG.length);
        await logged(1);
        expect(JSON.parse(log[0] ?? "{}").upstream_ms).toEqual(expect.any(Number));
      },
    );

    it("over the size cap once streaming: broken off, and DLI's request aborted", async () => {
      let upstreamClosed = false;
      respond = (req, res) => {
        res.on("close", () => {
          upstreamClosed = true;
        });
        stream(LONG, false)(req, res);
      };
      const { url } = await proxyServer({
        proxy: { holdBytes: 16_384, maxResponseBytes: 100_000 },
      });
      const res = await readAnswer(url, LIST);
      expect(res.complete).toBe(false);
      expect(res.body.length).toBeLessThanOrEqual(100_000);
      await expect.poll(() => upstreamClosed).toBe(true);
    });
  });

  describe("one memory budget for all answers in flight (issue 15)", () => {
    const HELD = JSON.stringify({ job_count: 1, jobs: [{ job_id: JOB, pad: "z".repeat(60_000) }] });

    it.each([
      ["declares its length", true],
      ["is chunked", false],
    ])(
      "spent: a second answer that %s gets 503 DASHBOARD.BUSY with Retry-After; the first is whole",
      async (_n, declared) => {
        const budget = createMemoryBudget(100_000);
        let releaseFirst = () => {};
        let calls = 0;
        respond = (_req, res) => {
          calls++;
          if (calls === 1) {
            // The first answer: its length, half its body, then the rest when the test says.
            res.writeHead(200, {
              "Content-Type": "application/json",
              "Content-Length": String(HELD.length),
            });
            res.write(HELD.slice(0, 30_000));
            releaseFirst = () => res.end(HELD.slice(30_000));
            return;
          }
          const headers: Record<string, string> = { "Content-Type": "application/json" };
          if (declared || calls > 2) headers["Content-Length"] = String(HELD.length);
          res.writeHead(200, headers);
          for (let i = 0; i < HELD.length; i += 8192) res.write(HELD.slice(i, i + 8192));
          res.end();
        };
        const { url } = await proxyServer({ proxy: { memoryBudget: budget, holdBytes: 65_536 } });
        const first = readAnswer(url, LIST);
        // The first answer holds its whole declared length while it comes in.
        await expect.poll(() => budget.held).toBe(HELD.length);

        const second = await readAnswer(url, LIST);
        expect(second.status).toBe(503);
        expect(second.headers["retry-after"]).toBe("2");
        expect(JSON.parse(second.body)).toEqual({
          error_code: "DASHBOARD.BUSY",
          error_msg: expect.stringMatching(/^The dashboard server is holding as much/),
        });
        expect(budget.held).toBe(HELD.length);

        releaseFirst();
        expect(await first).toMatchObject({ status: 200, complete: true, body: HELD });
        await expect.poll(() => budget.held).toBe(0);
        // Given back: the next answer of the same size goes through.
        expect(await readAnswer(url, LIST)).toMatchObject({ status: 200, body: HELD });
        expect(calls).toBe(3);
      },
    );
  });

  it("reuses one keep-alive connection to DLI for consecutive requests", async () => {
    const { url } = await proxyServer();
    for (let i = 0; i < 5; i++) expect((await rawRequest(url, LIST)).status).toBe(200);
    expect(new Set(seen.map((s) => s.port)).size).toBe(1);
  });

  it("logs the upstream time", async () => {
    respond = (_req, res) => setTimeout(() => json(res, 200, PAGE), 60);
    const { url, log } = await proxyServer();
    await rawRequest(url, `${LIST}?limit=10`);
    const line = JSON.parse(log[0] ?? "{}");
    expect(line).toMatchObject({
      method: "GET",
      route: "/v2.0/{project_id}/gene/jobs",
      status: 200,
    });
    expect(line.upstream_ms).toBeGreaterThanOrEqual(50);
    expect(line.ms).toBeGreaterThanOrEqual(line.upstream_ms);
  });

  it("logs the upstream time of a request the browser left while DLI was working on it (issue 15)", async () => {
    respond = () => undefined;
    const { url, log, logged } = await proxyServer();
    const { hostname, port } = new URL(url);
    const browser = request({ hostname, port, path: LIST });
    browser.on("error", () => undefined);
    browser.end();
    await expect.poll(() => seen.length).toBe(1);
    browser.destroy();
    await logged(1);
    const line = JSON.parse(log[0] ?? "{}");
    expect(line).toMatchObject({ route: "/v2.0/{project_id}/gene/jobs", aborted: true });
    expect(line.upstream_ms).toEqual(expect.any(Number));
    expect(line.ms).toBeGreaterThanOrEqual(line.upstream_ms);
  });

  it("logs upstream_ms null when DLI was not called", async () => {
    const { url, log, logged } = await proxyServer();
    await rawRequest(url, `${LIST}?limit=0`);
    await logged(1);
    expect(JSON.parse(log[0] ?? "{}")).toMatchObject({ status: 400, upstream_ms: null });
  });
});

describe("headers out", () => {
  it("every response: the CSP (the API's stricter), nosniff, no-referrer, no banner; API and index.html no-store, assets a year", async () => {
    const { url } = await proxyServer();
    const cases: [string, string, string, string | RegExp][] = [
      ["GET", LIST, "200", "no-store"],
      ["GET", `${LIST}?limit=0`, "400", "no-store"],
      ["GET", "/api/config", "200", "no-store"],
      ["POST", LIST, "405", "no-store"],
      ["GET", "/v3/auth/tokens", "404", "no-store"],
      ["GET", "/", "200", "no-store"],
      ["GET", "/index.html", "200", "no-store"],
      ["GET", "/projects/x/jobs", "200", "no-store"],
      ["GET", "/assets/index-AbC123.js", "200", "public, max-age=31536000, immutable"],
      ["GET", "/assets/missing-AbC123.js", "404", "no-store"],
    ];
    for (const [method, path, status, cache] of cases) {
      const res = await rawRequest(url, path, method);
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} ${status}`);
      const api = /^\/(api|v2\.0|v3)\//.test(path);
      expect(res.headers["content-security-policy"]).toBe(api ? API_CSP : CSP);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers.server).toBeUndefined();
      expect(res.headers["x-powered-by"]).toBeUndefined();
      expect(res.headers["cache-control"]).toMatch(cache);
    }
  });
});
