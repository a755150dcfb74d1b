import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { startServer } from "./server.ts";
import { signRequest } from "./sign.ts";
import { answerIamLogin } from "./test-helpers.ts";

// DLI_PROJECTS with two regions: two fake DLIs (and two fake IAMs) on loopback stand for
// cn-north-4 and cn-east-3, reached through DLI_ENDPOINT_<REGION> as an operator would set them.

const NORTH_PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const EAST_PROJECT = "7c8d9e0f1a2b43c4d5e6f708192a3b4c";
const UNLISTED = "99999999999949999999999999999999";
const JOB = "c0619372-983d-4861-9133-69a518fca074";
const TOKEN = "MIIregion-TOKEN-secret";

type Seen = { method: string; url: string; headers: IncomingMessage["headers"] };

/** A loopback server recording what reaches it; `answer` says what it replies. */
async function fakeService(name: string) {
  const seen: Seen[] = [];
  const listAnswer = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ job_count: 1, jobs: [{ job_id: JOB, owner: name }] }));
  };
  const service = {
    seen,
    listAnswer,
    answer: listAnswer,
    server: undefined as unknown as Server,
    origin: "",
  };
  service.server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    service.answer(req, res);
  });
  await new Promise<void>((done) => service.server.listen(0, "127.0.0.1", done));
  service.origin = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
  return service;
}

type Service = Awaited<ReturnType<typeof fakeService>>;
let north: Service;
let east: Service;
let northIam: Service;
let eastIam: Service;

beforeAll(async () => {
  north = await fakeService("north");
  east = await fakeService("east");
  northIam = await fakeService("north-iam");
  eastIam = await fakeService("east-iam");
});
afterAll(async () => {
  await Promise.all(
    [north, east, northIam, eastIam].map((s) => {
      const closed = new Promise<void>((done) => s.server.close(() => done()));
      s.server.closeAllConnections();
      return closed;
    }),
  );
});

const running: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const s of [north, east, northIam, eastIam]) {
    s.seen.length = 0;
    s.answer = s.listAnswer;
  }
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** The server as `tsx server/index.ts` would build it from these settings. */
async function serve(env: Record<string, string>) {
  const config = loadConfig({
    PORT: "0",
    DIST_DIR: "/nonexistent",
    DLI_PROJECTS: `cn-north-4/${NORTH_PROJECT}=Oncology 肿瘤,cn-east-3/${EAST_PROJECT}`,
    DLI_ENDPOINT_CN_NORTH_4: north.origin,
    DLI_ENDPOINT_CN_EAST_3: east.origin,
    ...env,
  });
  const log: string[] = [];
  const server = await startServer(config, { log: (line) => log.push(line) });
  running.push(server);
  return { url: server.url, log };
}

describe("DLI_PROJECTS: each project's requests go to its region's DLI", () => {
  it("sends the list of each project to its own region, and nothing to the other", async () => {
    const { url } = await serve({ DLI_AUTH_TOKEN: TOKEN });
    const fromNorth = await fetch(`${url}/v2.0/${NORTH_PROJECT}/gene/jobs?limit=10&x=1`);
    expect(fromNorth.status).toBe(200);
    expect((await fromNorth.json()).jobs[0].owner).toBe("north");
    const fromEast = await fetch(`${url}/v2.0/${EAST_PROJECT}/gene/jobs?job_type=DNA_GERMLINE`);
    expect((await fromEast.json()).jobs[0].owner).toBe("east");

    expect(north.seen.map((s) => s.url)).toEqual([`/v2.0/${NORTH_PROJECT}/gene/jobs?limit=10`]);
    expect(east.seen.map((s) => s.url)).toEqual([
      `/v2.0/${EAST_PROJECT}/gene/jobs?job_type=DNA_GERMLINE`,
    ]);
    expect(north.seen[0]?.headers.host).toBe(new URL(north.origin).host);
    expect(east.seen[0]?.headers["x-auth-token"]).toBe(TOKEN);
  });

  it("sends a cancel to the job's region when cancel is allowed", async () => {
    const { url } = await serve({ DLI_AUTH_TOKEN: TOKEN, DLI_ALLOW_CANCEL: "1" });
    east.answer = (_req, res) => res.end("{}");
    const res = await fetch(`${url}/v2.0/${EAST_PROJECT}/gene/jobs/${JOB}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(east.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      `DELETE /v2.0/${EAST_PROJECT}/gene/jobs/${JOB}`,
    ]);
    expect(north.seen).toEqual([]);
  });

  it("refuses a project not in DLI_PROJECTS with 403, asking no region", async () => {
    const { url } = await serve({ DLI_AUTH_TOKEN: TOKEN, DLI_ALLOW_CANCEL: "1" });
    for (const [path, method] of [
      [`/v2.0/${UNLISTED}/gene/jobs`, "GET"],
      [`/v2.0/${UNLISTED}/gene/jobs/${JOB}`, "DELETE"],
    ] as const) {
      const res = await fetch(`${url}${path}`, { method });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error_code: "DASHBOARD.PROJECT_NOT_ALLOWED",
        error_msg: "This dashboard server does not serve that project (it is not in DLI_PROJECTS)",
      });
    }
    expect([...north.seen, ...east.seen]).toEqual([]);
  });

  it("tells the browser each project's id and display name, never a region or endpoint", async () => {
    const { url } = await serve({ DLI_AUTH_TOKEN: TOKEN });
    const text = await (await fetch(`${url}/api/config`)).text();
    expect(JSON.parse(text)).toEqual({
      mode: "proxy",
      // Two hosts: the header names none rather than one of them.
      endpointHost: null,
      projects: [
        { id: NORTH_PROJECT, name: "Oncology 肿瘤", description: null },
        { id: EAST_PROJECT, name: null, description: null },
      ],
      cancelAllowed: false,
      submitAllowed: false,
    });
    for (const hidden of ["cn-north-4", "cn-east-3", "127.0.0.1", "myhuaweicloud", TOKEN]) {
      expect(text).not.toContain(hidden);
    }
  });

  it("signs AK/SK requests for each region's own host", async () => {
    const { url } = await serve({ HUAWEICLOUD_SDK_AK: "MYAK", HUAWEICLOUD_SDK_SK: "MYSK-secret" });
    await fetch(`${url}/v2.0/${NORTH_PROJECT}/gene/jobs`);
    await fetch(`${url}/v2.0/${EAST_PROJECT}/gene/jobs`);
    for (const got of [north.seen[0], east.seen[0]]) {
      const date = String(got?.headers["x-sdk-date"]);
      const expected = signRequest({
        method: "GET",
        url: new URL(`http://${got?.headers.host}${got?.url}`),
        headers: { "Content-Type": "application/json", "X-Sdk-Date": date },
        body: "",
        ak: "MYAK",
        sk: "MYSK-secret",
      });
      expect(got?.headers.authorization).toBe(expected.Authorization);
    }
    expect(north.seen[0]?.headers.host).not.toBe(east.seen[0]?.headers.host);
  });

  it("logs in to each region's IAM for that region's project, and sends each DLI its token", async () => {
    northIam.answer = (req, res) => answerIamLogin(req, res, { token: "MIInorth-token" });
    eastIam.answer = (req, res) => answerIamLogin(req, res, { token: "MIIeast-token" });
    const { url, log } = await serve({
      HUAWEICLOUD_IAM_ENDPOINT_CN_NORTH_4: northIam.origin,
      HUAWEICLOUD_IAM_ENDPOINT_CN_EAST_3: eastIam.origin,
      HUAWEICLOUD_IAM_DOMAIN: "lab-account",
      HUAWEICLOUD_IAM_USER: "dashboard",
      HUAWEICLOUD_IAM_PASSWORD: "Pa55-secret",
    });
    for (let i = 0; i < 2; i++) {
      expect((await fetch(`${url}/v2.0/${NORTH_PROJECT}/gene/jobs`)).status).toBe(200);
      expect((await fetch(`${url}/v2.0/${EAST_PROJECT}/gene/jobs`)).status).toBe(200);
    }
    // One login per project and region, each at its region's IAM; the tokens are cached.
    expect(northIam.seen.map((s) => `${s.method} ${s.url}`)).toEqual(["POST /v3/auth/tokens"]);
    expect(eastIam.seen).toHaveLength(1);
    expect(north.seen.map((s) => s.headers["x-auth-token"])).toEqual([
      "MIInorth-token",
      "MIInorth-token",
    ]);
    expect(east.seen.map((s) => s.headers["x-auth-token"])).toEqual([
      "MIIeast-token",
      "MIIeast-token",
    ]);
    expect(log.join("\n")).not.toMatch(/MII|Pa55/);
  });
});
