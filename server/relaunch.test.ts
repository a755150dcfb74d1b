import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyEdits, relaunchPath } from "../src/contract/relaunch.ts";
import type { ServerAuth, ServerConfig } from "./config.ts";
import { EDGE_CASES_PROJECT_ID, ONCOLOGY_PROJECT_ID } from "./emulator/data.ts";
import { EDGE_JOB_IDS } from "./emulator/edge-cases.ts";
import type { ProxyOptions } from "./proxy.ts";
import { isCredentialName, MAX_LIST_READS, MAX_RELAUNCH_BODY_BYTES } from "./relaunch.ts";
import { startServer } from "./server.ts";
import { signRequest } from "./sign.ts";
import { proxyTestConfig } from "./test-helpers.ts";

// "Run again" (issue 18 §4) against a real server: in proxy mode with a fake DLI that records
// every request it gets (method, path, query, headers, body), in demo mode with the emulator.
// "Nothing forwarded" is that record staying empty.

const TOKEN = "MIIT-relaunch-token-5c0d8e7f21a94b36";
const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const JOB = "5e1f0c2a-7b3d-4e8f-9a6b-1c2d3e4f5a6b";
const OTHER_JOB = "00000000-0000-4000-8000-000000000001";
const NEW_JOB = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
const ACCESS = "AK-ORIGINAL-must-never-leave-7Q2W9E";
const SECRET = "SK-ORIGINAL-must-never-leave-Zp4Lm8Qx";
const STARTED = Date.parse("2026-11-20T08:30:00Z");

const ORIGINAL = {
  job_type: "DNA_SOMATIC",
  inputs: [
    { sample_type: "tumor", sample_inputs: ["s3a://lab/P1-T_R1.fq.gz", "s3a://lab/P1-T_R2.fq.gz"] },
    {
      sample_type: "normal",
      sample_inputs: ["s3a://lab/P1-N_R1.fq.gz", "s3a://lab/P1-N_R2.fq.gz"],
    },
  ],
  tumor_sample_name: "P1-T",
  normal_sample_name: "P1-N",
  file_type: "FASTQ",
  ref: "hg38",
  output: "s3a://lab/out/P1",
  bwaspark_conf: ["--executor-memory", "8g"],
  mutect_is_export_bam: false,
  expect_time: 8,
  access_encoded_key: ACCESS,
  secret_encoded_key: SECRET,
};

const EDITS = {
  bwaspark_conf: ["--executor-memory", "16g"],
  output: "s3a://lab/out/P1-run2",
  expect_time: 12,
  mutect_is_export_bam: null,
};

type Seen = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
};

type Dli = {
  /** The jobs each type's list holds, newest first; `job_count` is their number unless set. */
  lists: Record<string, Record<string, unknown>[]>;
  jobCount?: number;
  listAnswer?: { status: number; body: string };
  submitAnswer: { status: number; body: string } | "never";
};

const seen: Seen[] = [];
let dli: Dli;
let upstream: Server;
let upstreamPort: number;

const listed = (id: string, request: unknown, start = STARTED) => ({
  job_id: id,
  owner: "lab",
  status: "FAILED",
  progress: "3/7",
  start_time: start,
  duration: 1200,
  message: "java.lang.OutOfMemoryError: Java heap space",
  request: typeof request === "string" ? request : JSON.stringify(request),
});

function defaultDli(): Dli {
  return {
    lists: {
      DNA_SOMATIC: [listed(OTHER_JOB, { job_type: "DNA_SOMATIC" }), listed(JOB, ORIGINAL)],
      DNA_GERMLINE: [],
    },
    submitAnswer: { status: 201, body: JSON.stringify({ job_id: NEW_JOB }) },
  };
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://dli");
      seen.push({
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const send = (status: number, body: string) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(body);
      };
      if (req.method === "POST") {
        if (dli.submitAnswer === "never") return;
        return send(dli.submitAnswer.status, dli.submitAnswer.body);
      }
      if (dli.listAnswer) return send(dli.listAnswer.status, dli.listAnswer.body);
      const type = url.searchParams.get("job_type") ?? "";
      const start = Number(url.searchParams.get("start") ?? 0);
      const end = Number(url.searchParams.get("end") ?? Number.MAX_SAFE_INTEGER);
      const all = (dli.lists[type] ?? []).filter(
        (j) => (j.start_time as number) >= start && (j.start_time as number) <= end,
      );
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 10);
      send(
        200,
        JSON.stringify({
          job_count: dli.jobCount ?? all.length,
          jobs: all.slice(offset, offset + limit),
        }),
      );
    });
  });
  await new Promise<void>((done) => upstream.listen(0, "127.0.0.1", done));
  upstreamPort = (upstream.address() as AddressInfo).port;
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

type Setup = { allowSubmit?: boolean; auth?: ServerAuth; proxy?: ProxyOptions };

async function proxyServer(setup: Setup = {}) {
  dli = defaultDli();
  const log: string[] = [];
  const config: ServerConfig = {
    ...proxyTestConfig(upstreamPort, TOKEN, [PROJECT]),
    allowSubmit: setup.allowSubmit ?? true,
  };
  if (setup.auth) config.auth = setup.auth;
  const server = await startServer(config, {
    log: (line) => log.push(line),
    proxy: setup.proxy ?? {},
  });
  running.push(server);
  return { url: server.url, log };
}

async function demoServer() {
  const config: ServerConfig = {
    host: "127.0.0.1",
    port: 0,
    distDir: "/nonexistent",
    mode: "demo",
    auth: { kind: "none" },
    projectIds: [],
    demoNow: () => Date.parse("2026-11-28T10:00:00Z"),
  };
  const log: string[] = [];
  const server = await startServer(config, { log: (line) => log.push(line) });
  running.push(server);
  return { url: server.url, log };
}

/** The answer's JSON fields (an error's code and message, or the new job's id); {} if not JSON. */
type Answer = {
  status: number;
  headers: IncomingMessage["headers"];
  text: string;
  json: Record<string, string | undefined>;
};

/** A POST as the browser's fetch sends it (same-origin, JSON), unless headers say otherwise. */
function post(
  base: string,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = "POST",
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path,
        method,
        headers: {
          "Content-Type": "application/json",
          Origin: `http://127.0.0.1:${port}`,
          "Sec-Fetch-Site": "same-origin",
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          let json: Answer["json"] = {};
          try {
            json = JSON.parse(text);
          } catch {
            // Left {}: the test reads the status and text.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    // The server may answer (413) before the whole body is sent, and close.
    req.on("error", (error) => reject(error));
    req.end(body);
  });
}

const relaunch = (base: string, body: unknown, jobId = JOB, project = PROJECT) =>
  post(base, relaunchPath(project, jobId), JSON.stringify(body));

const submits = () => seen.filter((s) => s.method === "POST");

describe("proxy mode: the submit is the original request with the edits", () => {
  it("submits the original request, its credentials included, with the edits applied", async () => {
    const { url } = await proxyServer();
    const res = await relaunch(url, { edits: EDITS });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ job_id: NEW_JOB });
    const [submit, ...more] = submits();
    expect(more).toEqual([]);
    expect(submit?.path).toBe(`/v2.0/${PROJECT}/gene/jobs`);
    expect([...(submit?.query.keys() ?? [])]).toEqual([]);
    expect(submit?.headers["x-auth-token"]).toBe(TOKEN);
    expect(submit?.headers["content-type"]).toBe("application/json");
    const sent = JSON.parse(submit?.body ?? "");
    expect(sent).toEqual({ ...applyEdits(ORIGINAL, EDITS) });
    expect(sent).toMatchObject({
      access_encoded_key: ACCESS,
      secret_encoded_key: SECRET,
      bwaspark_conf: ["--executor-memory", "16g"],
      output: "s3a://lab/out/P1-run2",
      expect_time: 12,
      mutect_is_export_bam: null,
      tumor_sample_name: "P1-T",
    });
    expect(res.text).not.toContain(ACCESS);
    expect(res.text).not.toContain(SECRET);
  });

  it("with no edits, submits the original request unchanged", async () => {
    const { url } = await proxyServer();
    expect((await relaunch(url, { edits: {} })).status).toBe(201);
    expect(JSON.parse(submits()[0]?.body ?? "")).toEqual(ORIGINAL);
  });

  it("keeps an original __proto__ key as data and sends it on", async () => {
    const { url } = await proxyServer();
    dli.lists.DNA_SOMATIC = [
      listed(JOB, `{"job_type":"DNA_SOMATIC","__proto__":{"polluted":true},"output":"s3a://a/b"}`),
    ];
    expect((await relaunch(url, { edits: { expect_time: 2 } })).status).toBe(201);
    const body = submits()[0]?.body ?? "";
    expect(body).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("signs the submit over its body with AK/SK", async () => {
    const ak = "RELAUNCHAK7Q2W9E4R1T";
    const sk = "relaunch-sk-Zp4Lm8Qx2Vb6Nc0Rt3Yw";
    const { url } = await proxyServer({ auth: { kind: "aksk", ak, sk } });
    expect((await relaunch(url, { edits: EDITS })).status).toBe(201);
    const submit = submits()[0] as Seen;
    const date = String(submit.headers["x-sdk-date"]);
    const expected = signRequest({
      method: "POST",
      url: new URL(`http://127.0.0.1:${upstreamPort}/v2.0/${PROJECT}/gene/jobs`),
      headers: { "Content-Type": "application/json", "X-Sdk-Date": date },
      body: submit.body,
      ak,
      sk,
    });
    expect(submit.headers.authorization).toBe(expected.Authorization);
  });

  it("reads the list of the job's own type, 100 a page, and sends nothing else upstream", async () => {
    const { url } = await proxyServer();
    dli.lists.DNA_SOMATIC = [];
    dli.lists.DNA_GERMLINE = [listed(JOB, { ...ORIGINAL, job_type: "DNA_GERMLINE" })];
    expect((await relaunch(url, { edits: {} })).status).toBe(201);
    const reads = seen.filter((s) => s.method === "GET");
    expect(reads.map((r) => Object.fromEntries(r.query))).toEqual([
      { job_type: "DNA_SOMATIC", limit: "100", offset: "0" },
      { job_type: "DNA_GERMLINE", limit: "100", offset: "0" },
    ]);
    expect(reads.every((r) => r.headers["x-auth-token"] === TOKEN)).toBe(true);
  });

  it("with a startTime hint, reads the minute around it first", async () => {
    const { url } = await proxyServer();
    expect((await relaunch(url, { edits: {}, startTime: STARTED })).status).toBe(201);
    const first = seen[0];
    expect(Object.fromEntries(first?.query ?? [])).toEqual({
      job_type: "DNA_SOMATIC",
      limit: "100",
      offset: "0",
      start: String(STARTED - 60_000),
      end: String(STARTED + 60_000),
    });
    expect(seen.map((s) => s.method)).toEqual(["GET", "POST"]);
  });

  it("falls back to the newest pages when the hint is wrong", async () => {
    const { url } = await proxyServer();
    const res = await relaunch(url, { edits: {}, startTime: STARTED - 86_400_000 });
    expect(res.status).toBe(201);
    expect(seen.filter((s) => s.method === "GET").map((s) => s.query.has("start"))).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe("proxy mode: what is refused, with nothing forwarded", () => {
  it.each([
    "access_encoded_key",
    "secret_encoded_key",
    "ak",
    "sk",
    "token",
    "password",
    "accessKey",
    "X-Auth-Token",
    "spark.hadoop.fs.s3a.secret.key",
  ])("refuses an edit of the credential %s with 400", async (key) => {
    const { url } = await proxyServer();
    const res = await relaunch(url, { edits: { ...EDITS, [key]: "attacker-value" } });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe("DLI.0001");
    expect(res.json.error_msg).toContain(`edits.${JSON.stringify(key)}`);
    expect(res.json.error_msg).toMatch(/credential/);
    expect(res.text).not.toContain("attacker-value");
    expect(seen).toEqual([]);
  });

  it("names the credential when other unknown keys come first", async () => {
    const { url } = await proxyServer();
    const res = await relaunch(url, { edits: { ref: "hg19", secret_encoded_key: "x" } });
    expect(res.status).toBe(400);
    expect(res.json.error_msg).toMatch(/^edits\."secret_encoded_key" is refused: credentials/);
    expect(seen).toEqual([]);
  });

  it("refuses a credential beside the edits, too", async () => {
    const { url } = await proxyServer();
    const res = await relaunch(url, { edits: {}, secret_encoded_key: "x" });
    expect(res.status).toBe(400);
    expect(res.json.error_msg).toMatch(/^"secret_encoded_key" is refused: credentials/);
    expect(seen).toEqual([]);
  });

  it.each([
    [{ edits: { ref: "hg19" } }, 'edits."ref" cannot be edited'],
    [{ edits: { inputs: [] } }, 'edits."inputs" cannot be edited'],
    [{ edits: { job_type: "DNA_GERMLINE" } }, 'edits."job_type" cannot be edited'],
    [JSON.parse('{"edits":{"__proto__":{"output":"s3a://x/y"}}}'), 'edits."__proto__"'],
    [{ edits: {}, job_id: JOB }, '"job_id" is not accepted'],
    [{ edits: {}, request: "{}" }, '"request" is not accepted'],
    [{}, "edits must be an object"],
    [{ edits: [] }, "edits must be an object"],
    [[], "The body must be a JSON object"],
    [{ edits: { expect_time: 0 } }, "edits.expect_time must be null or a whole number of hours"],
    [{ edits: { expect_time: 721 } }, "edits.expect_time must be"],
    [{ edits: { expect_time: 1.5 } }, "edits.expect_time must be"],
    [{ edits: { expect_time: "8" } }, "edits.expect_time must be"],
    [{ edits: { output: "https://evil.example/x" } }, "edits.output must be null or an OBS path"],
    [{ edits: { output: "s3a://a/b c" } }, "edits.output must be"],
    [{ edits: { bam_output: `s3a://a/${"x".repeat(1100)}` } }, "edits.bam_output must be"],
    [{ edits: { conf: "--x" } }, "edits.conf must be null or a list"],
    [{ edits: { conf: [1] } }, "edits.conf must be"],
    [{ edits: { conf: ["a\nb"] } }, "edits.conf must be"],
    [{ edits: { conf: Array.from({ length: 201 }, () => "a") } }, "edits.conf must be"],
    [{ edits: { is_export_bam: "true" } }, "edits.is_export_bam must be true, false or null"],
    [{ edits: {}, startTime: -1 }, "startTime must be"],
  ])("refuses %j with 400 naming the field", async (body, message) => {
    const { url } = await proxyServer();
    const res = await relaunch(url, body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error_code: "DLI.0001",
      error_msg: expect.stringContaining(message),
    });
    expect(seen).toEqual([]);
  });

  it("refuses a body that is not JSON, or not sent as JSON", async () => {
    const { url } = await proxyServer();
    const path = relaunchPath(PROJECT, JOB);
    const broken = await post(url, path, '{"edits":');
    expect(broken.status).toBe(400);
    expect(broken.json.error_msg).toMatch(/must be JSON/);
    const form = await post(url, path, "edits=1", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect(form.json.error_code).toBe("DASHBOARD.UNSUPPORTED_MEDIA_TYPE");
    const notUtf8 = await post(url, path, Buffer.from([0x7b, 0xff, 0x7d]));
    expect(notUtf8.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it("refuses a body over 64 KB with 413, declared or not", async () => {
    const { url } = await proxyServer();
    const big = JSON.stringify({ edits: { conf: ["x".repeat(MAX_RELAUNCH_BODY_BYTES)] } });
    const declared = await post(url, relaunchPath(PROJECT, JOB), big);
    expect(declared.status).toBe(413);
    expect(declared.json.error_code).toBe("DASHBOARD.BODY_TOO_LARGE");
    const chunked = await post(url, relaunchPath(PROJECT, JOB), big, {
      "Transfer-Encoding": "chunked",
    });
    expect(chunked.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it("without DLI_ALLOW_SUBMIT: 403, nothing read or submitted, and /api/config says so", async () => {
    const { url } = await proxyServer({ allowSubmit: false });
    const res = await relaunch(url, { edits: EDITS });
    expect(res.status).toBe(403);
    expect(res.json.error_code).toBe("DASHBOARD.SUBMIT_DISABLED");
    expect(res.json.error_msg).toContain("DLI_ALLOW_SUBMIT=1");
    const config = await (await fetch(`${url}/api/config`)).json();
    expect(config.submitAllowed).toBe(false);
    expect(seen).toEqual([]);
    const on = await proxyServer();
    expect((await (await fetch(`${on.url}/api/config`)).json()).submitAllowed).toBe(true);
  });

  it.each([
    ["a cross-origin page", { Origin: "https://evil.example" }],
    ["a cross-site request", { "Sec-Fetch-Site": "cross-site" }],
    ["a foreign Host", { Host: "evil.example" }],
  ])("refuses %s with 403 like cancel", async (_what, headers) => {
    const { url } = await proxyServer();
    const res = await post(url, relaunchPath(PROJECT, JOB), JSON.stringify({ edits: {} }), headers);
    expect(res.status).toBe(403);
    expect(res.json.error_code).toBe("DASHBOARD.FORBIDDEN");
    expect(seen).toEqual([]);
  });

  it("answers other methods with 405 Allow: POST", async () => {
    const { url } = await proxyServer();
    for (const method of ["GET", "PUT", "DELETE", "OPTIONS"]) {
      const res = await post(url, relaunchPath(PROJECT, JOB), "", {}, method);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("POST");
    }
    expect(seen).toEqual([]);
  });

  it("checks the ids and the project as the other routes do", async () => {
    const { url } = await proxyServer();
    const body = { edits: {} };
    expect((await relaunch(url, body, "not-a-uuid")).status).toBe(400);
    const other = await relaunch(url, body, JOB, "99999999999999999999999999999999");
    expect(other.status).toBe(403);
    expect(other.json.error_code).toBe("DASHBOARD.PROJECT_NOT_ALLOWED");
    const encoded = await post(url, `/api/projects/${PROJECT}/jobs/..%2F${JOB}/relaunch`, "{}");
    expect(encoded.status).toBe(400);
    const longer = await post(url, `${relaunchPath(PROJECT, JOB)}/x`, "{}");
    expect(longer.status).toBe(404);
    expect(seen).toEqual([]);
  });
});

describe("proxy mode: finding the job, and DLI's answers", () => {
  it("answers 404 when the job is not in the list, after at most 10 reads", async () => {
    const { url } = await proxyServer();
    const filler = Array.from({ length: 2_000 }, (_, i) =>
      listed(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, ORIGINAL),
    );
    dli.lists = { DNA_SOMATIC: filler, DNA_GERMLINE: filler };
    const res = await relaunch(url, { edits: {} });
    expect(res.status).toBe(404);
    expect(res.json.error_code).toBe("DASHBOARD.JOB_NOT_FOUND");
    expect(res.json.error_msg).toContain(`Job ${JOB} was not found`);
    expect(seen.filter((s) => s.method === "GET")).toHaveLength(MAX_LIST_READS);
    expect(submits()).toEqual([]);
  });

  it("stops reading a type at its last page", async () => {
    const { url } = await proxyServer();
    dli.lists.DNA_SOMATIC = [listed(OTHER_JOB, ORIGINAL)];
    expect((await relaunch(url, { edits: {} })).status).toBe(404);
    expect(seen).toHaveLength(2);
  });

  it.each([
    ["not valid JSON", '{"job_type":"DNA_GERMLINE","input":["s3a://a/b.bam"],', "REQUEST_NOT_JSON"],
    ["a JSON string, not an object", '"DNA_SOMATIC"', "REQUEST_NOT_JSON"],
    ["missing", null, "REQUEST_MISSING"],
  ])(
    "answers 422 when the original request is %s, and submits nothing",
    async (_what, raw, code) => {
      const { url } = await proxyServer();
      dli.lists.DNA_SOMATIC = [{ ...listed(JOB, ORIGINAL), request: raw }];
      const res = await relaunch(url, { edits: {} });
      expect(res.status).toBe(422);
      expect(res.json.error_code).toBe(`DASHBOARD.${code}`);
      expect(res.json.error_msg).toMatch(/cannot be submitted again|no request/);
      expect(submits()).toEqual([]);
    },
  );

  it("passes DLI's refusal of the submit back with its status and code, without the secrets", async () => {
    const { url } = await proxyServer();
    dli.submitAnswer = {
      status: 400,
      body: JSON.stringify({
        error_code: "DLI.0001",
        error_msg: `Parameter access_encoded_key ${ACCESS} is invalid for secret ${SECRET}`,
      }),
    };
    const res = await relaunch(url, { edits: EDITS });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error_code: "DLI.0001",
      error_msg: "Parameter access_encoded_key *** is invalid for secret ***",
    });
  });

  it("passes DLI's refusal of the list back, and submits nothing", async () => {
    const { url } = await proxyServer();
    dli.listAnswer = {
      status: 401,
      body: '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}',
    };
    const res = await relaunch(url, { edits: {} });
    expect(res.status).toBe(401);
    expect(res.json.error_code).toBe("APIGW.0301");
    expect(submits()).toEqual([]);
  });

  it("says so when DLI answers without an error code, or accepts without a job id", async () => {
    const { url } = await proxyServer();
    dli.submitAnswer = { status: 500, body: "<html>oops</html>" };
    const html = await relaunch(url, { edits: {} });
    expect(html.status).toBe(500);
    expect(html.json.error_code).toBe("DASHBOARD.UPSTREAM_ERROR");
    dli.submitAnswer = { status: 201, body: '{"job_id":"<script>"}' };
    const nameless = await relaunch(url, { edits: {} });
    expect(nameless.status).toBe(502);
    expect(nameless.json.error_code).toBe("DASHBOARD.UPSTREAM_BAD_RESPONSE");
  });

  it("answers only job_id, whatever else DLI's 201 carries", async () => {
    const { url } = await proxyServer();
    dli.submitAnswer = {
      status: 201,
      body: JSON.stringify({ job_id: NEW_JOB, request: ORIGINAL, echo: SECRET }),
    };
    const res = await relaunch(url, { edits: {} });
    expect(res.json).toEqual({ job_id: NEW_JOB });
  });

  it("a submit DLI does not answer in time: 504, warning that the job may exist", async () => {
    const { url } = await proxyServer({ proxy: { timeoutMs: 300 } });
    dli.submitAnswer = "never";
    const res = await relaunch(url, { edits: {} });
    expect(res.status).toBe(504);
    expect(res.json.error_code).toBe("DASHBOARD.UPSTREAM_TIMEOUT");
    expect(res.json.error_msg).toMatch(/may have been submitted/);
    expect(submits()).toHaveLength(1);
  });

  it("logs the route template only: no ids, edits or secrets", async () => {
    const { url, log } = await proxyServer();
    await relaunch(url, { edits: EDITS });
    await relaunch(url, { edits: { access_encoded_key: "attacker" } });
    await expect.poll(() => log.length).toBe(2);
    const text = log.join("\n");
    expect(JSON.parse(log[0] as string)).toMatchObject({
      method: "POST",
      route: "/api/projects/{project_id}/jobs/{job_id}/relaunch",
      status: 201,
    });
    for (const hidden of [PROJECT, JOB, ACCESS, SECRET, TOKEN, "attacker", "16g"]) {
      expect(text).not.toContain(hidden);
    }
  });
});

describe("demo mode: the emulator's submit", () => {
  const listOf = async (base: string, project: string, type: string) =>
    (await (await fetch(`${base}/v2.0/${project}/gene/jobs?job_type=${type}&limit=100`)).json())
      .jobs as Record<string, unknown>[];

  it("creates a job that the list shows next, with the edits applied", async () => {
    const { url } = await demoServer();
    const [original] = (await listOf(url, ONCOLOGY_PROJECT_ID, "DNA_SOMATIC")).filter(
      (j) => j.status === "FINISHED",
    );
    const id = String(original?.job_id);
    const edits = { expect_time: 30, conf: ["--conf", "spark.executor.memory=16g"] };
    const res = await relaunch(url, { edits }, id, ONCOLOGY_PROJECT_ID);
    expect(res.status).toBe(201);
    const newId = res.json.job_id;
    const [newest] = await listOf(url, ONCOLOGY_PROJECT_ID, "DNA_SOMATIC");
    expect(newest?.job_id).toBe(newId);
    expect(newest?.status).toBe("LAUNCHING");
    expect(JSON.parse(String(newest?.request))).toEqual({
      ...applyEdits(JSON.parse(String(original?.request)), edits),
    });
  });

  it("carries the request's credentials to the new job, and never answers them", async () => {
    const { url } = await demoServer();
    const id = EDGE_JOB_IDS.secretsInRequest;
    const [original] = (await listOf(url, EDGE_CASES_PROJECT_ID, "DNA_SOMATIC")).filter(
      (j) => j.job_id === id,
    );
    const request = JSON.parse(String(original?.request));
    const res = await relaunch(url, { edits: { expect_time: 4 } }, id, EDGE_CASES_PROJECT_ID);
    for (const secret of [request.access_encoded_key, request.secret_encoded_key]) {
      expect(secret).toMatch(/FAKE/);
      expect(res.text).not.toContain(secret);
    }
    expect(res.status).toBe(201);
    expect(Object.keys(res.json)).toEqual(["job_id"]);
    const [newest] = await listOf(url, EDGE_CASES_PROJECT_ID, "DNA_SOMATIC");
    expect(newest?.job_id).toBe(res.json.job_id);
    expect(JSON.parse(String(newest?.request))).toEqual({ ...request, expect_time: 4 });
  });

  it("answers 422 for the edge case whose request is cut off", async () => {
    const { url } = await demoServer();
    const res = await relaunch(
      url,
      { edits: {} },
      EDGE_JOB_IDS.truncatedRequest,
      EDGE_CASES_PROJECT_ID,
    );
    expect(res.status).toBe(422);
  });

  it("answers 404 for a job the demo does not have, and for an unknown project", async () => {
    const { url } = await demoServer();
    const missing = await relaunch(url, { edits: {} }, OTHER_JOB, ONCOLOGY_PROJECT_ID);
    expect(missing.status).toBe(404);
    expect(missing.json.error_code).toBe("DASHBOARD.JOB_NOT_FOUND");
    const project = await relaunch(url, { edits: {} }, JOB, "ffffffffffffffffffffffffffffffff");
    expect(project.status).toBe(404);
    expect(project.json.error_code).toBe("DLI.0002");
  });

  it("is on without any setting, and says so in /api/config", async () => {
    const { url } = await demoServer();
    expect((await (await fetch(`${url}/api/config`)).json()).submitAllowed).toBe(true);
  });
});

describe("isCredentialName", () => {
  it.each([
    ["access_encoded_key", true],
    ["secretEncodedKey", true],
    ["fs.s3a.access.key", true],
    ["AK", true],
    ["api_token", true],
    ["output", false],
    ["mutect_bam_output", false],
    ["task", false],
    ["skip_steps", false],
  ])("%s → %s", (name, expected) => {
    expect(isCredentialName(name)).toBe(expected);
  });
});
