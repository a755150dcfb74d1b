import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHandler } from "./api.ts";
import type { ServerConfig } from "./config.ts";
import { DEMO_PROJECTS, EDGE_CASES_PROJECT_ID, ONCOLOGY_PROJECT_ID } from "./emulator/data.ts";
import { EDGE_JOB_IDS } from "./emulator/edge-cases.ts";
import { rawRequest } from "./test-helpers.ts";

const NO_SUCH_JOB = "00000000-0000-4000-8000-00000000dead";
const NOW = Date.parse("2026-11-28T10:00:00Z");
const demo: ServerConfig = {
  host: "127.0.0.1",
  port: 0,
  distDir: "/nonexistent",
  mode: "demo",
  auth: { kind: "none" },
  projectIds: [],
  demoNow: () => NOW,
};

/** The handler alone, as Vite mounts it: non-API paths must reach next(). */
async function mount(config: ServerConfig, log: string[] = []) {
  const handler = createApiHandler(config, { log: (line) => log.push(line) });
  const server: Server = createServer((req, res) => handler(req, res, () => res.end("next")));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, log, close: () => new Promise<void>((done) => server.close(() => done())) };
}

let app: Awaited<ReturnType<typeof mount>>;
beforeAll(async () => {
  app = await mount(demo);
});
afterAll(() => app.close());

const jobsUrl = (project: string, qs = "") => `${app.url}/v2.0/${project}/gene/jobs${qs}`;

describe("GET /api/config", () => {
  it("lists the demo projects in demo mode", async () => {
    const res = await fetch(`${app.url}/api/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      mode: "demo",
      endpointHost: null,
      projects: DEMO_PROJECTS.map((p) => ({ ...p })),
      cancelAllowed: true,
      submitAllowed: true,
    });
  });

  it("lists DLI_PROJECT_IDS and the endpoint host, never a credential, in proxy mode", async () => {
    const proxy = await mount({
      ...demo,
      mode: "proxy",
      endpoint: new URL("https://dli.cn-north-4.myhuaweicloud.com"),
      auth: { kind: "aksk", ak: "AK-SHOULD-NOT-LEAK", sk: "SK-SHOULD-NOT-LEAK" },
      projectIds: ["p1", "p2"],
    });
    const text = await (await fetch(`${proxy.url}/api/config`)).text();
    await proxy.close();
    expect(JSON.parse(text)).toEqual({
      mode: "proxy",
      endpointHost: "dli.cn-north-4.myhuaweicloud.com",
      projects: [
        { id: "p1", name: null, description: null },
        { id: "p2", name: null, description: null },
      ],
      cancelAllowed: false,
      submitAllowed: false,
    });
    expect(text).not.toMatch(/LEAK/);
  });

  it("reports cancelAllowed from allowCancel in proxy mode", async () => {
    const proxy = { ...demo, mode: "proxy" as const, endpoint: new URL("https://dli.example.com") };
    for (const allowCancel of [true, false]) {
      const mounted = await mount({ ...proxy, allowCancel });
      const body = await (await fetch(`${mounted.url}/api/config`)).json();
      await mounted.close();
      expect(body).toMatchObject({ mode: "proxy", endpointHost: "dli.example.com" });
      expect(body.cancelAllowed).toBe(allowCancel);
    }
  });
});

describe("GET /v2.0/{project_id}/gene/jobs (demo)", () => {
  it("answers a page of the requested type", async () => {
    const res = await fetch(jobsUrl(ONCOLOGY_PROJECT_ID, "?job_type=DNA_SOMATIC&limit=3"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.job_count).toBeGreaterThanOrEqual(1500);
    expect(body.jobs).toHaveLength(3);
    const starts = body.jobs.map((j: { start_time: number }) => j.start_time);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it("rejects bad parameters with DLI.0001 naming the parameter", async () => {
    const res = await fetch(jobsUrl(ONCOLOGY_PROJECT_ID, "?start=yesterday"));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error_code).toBe("DLI.0001");
    expect(body.error_msg).toContain("start");
  });

  it("answers 404 DLI.0002 for an unknown project, listing the demo projects", async () => {
    const res = await fetch(jobsUrl("0123456789abcdef0123456789abcdef"));
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error_code).toBe("DLI.0002");
    expect(body.error_msg).toContain(ONCOLOGY_PROJECT_ID);
  });

  it.each(["bad.id", "a%2Fb", "x".repeat(65), "%E0%A4%A"])(
    "answers 400 DLI.0001 for project id %s",
    async (id) => {
      const res = await rawRequest(app.url, `/v2.0/${id}/gene/jobs`);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error_code).toBe("DLI.0001");
    },
  );
});

describe("DELETE /v2.0/{project_id}/gene/jobs/{job_id} (demo)", () => {
  it("cancels a RUNNING job once, then refuses", async () => {
    const list = await (await fetch(jobsUrl(ONCOLOGY_PROJECT_ID, "?limit=10"))).json();
    const running = list.jobs.find((j: { status: string }) => j.status === "RUNNING");
    expect(running).toBeDefined();
    const url = jobsUrl(ONCOLOGY_PROJECT_ID, `/${running.job_id}`);
    const first = await fetch(url, { method: "DELETE" });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({});
    const second = await fetch(url, { method: "DELETE" });
    expect(second.status).toBe(400);
    // Still stopping (the emulator's jobs are CANCELING for a while first): refused all the same.
    expect((await second.json()).error_msg).toContain("CANCELING");
  });

  it("shows the cancelled job as CANCELLED in a later list, progress frozen", async () => {
    let now = NOW;
    const fresh = await mount({ ...demo, demoNow: () => now });
    try {
      const listUrl = `${fresh.url}/v2.0/${ONCOLOGY_PROJECT_ID}/gene/jobs?limit=10`;
      const before = await (await fetch(listUrl)).json();
      const running = before.jobs.find((j: { status: string }) => j.status === "RUNNING");
      expect(running).toBeDefined();
      const res = await fetch(
        `${fresh.url}/v2.0/${ONCOLOGY_PROJECT_ID}/gene/jobs/${running.job_id}`,
        { method: "DELETE" },
      );
      expect(res.status).toBe(200);
      now += 60 * 60 * 1000;
      const after = await (await fetch(listUrl)).json();
      const job = after.jobs.find((j: { job_id: string }) => j.job_id === running.job_id);
      expect(job).toMatchObject({ status: "CANCELLED", message: "Cancelled by user" });
      expect(job.duration).toBe(running.duration);
      expect(after.job_count).toBe(before.job_count);
    } finally {
      await fresh.close();
    }
  });

  it("refuses with 403 DASHBOARD.CANCEL_DISABLED when allowCancel is false", async () => {
    const off = await mount({ ...demo, allowCancel: false });
    const res = await fetch(`${off.url}/v2.0/${ONCOLOGY_PROJECT_ID}/gene/jobs/some-job`, {
      method: "DELETE",
    });
    const config = await (await fetch(`${off.url}/api/config`)).json();
    await off.close();
    expect(res.status).toBe(403);
    expect((await res.json()).error_code).toBe("DASHBOARD.CANCEL_DISABLED");
    expect(config.cancelAllowed).toBe(false);
  });

  it("refuses a job in an unknown status, and 404s an unknown job", async () => {
    const suspended = await fetch(
      jobsUrl(EDGE_CASES_PROJECT_ID, `/${EDGE_JOB_IDS.unknownStatus}`),
      {
        method: "DELETE",
      },
    );
    expect(suspended.status).toBe(400);
    expect((await suspended.json()).error_msg).toContain("SUSPENDED");
    const missing = await fetch(jobsUrl(ONCOLOGY_PROJECT_ID, `/${NO_SUCH_JOB}`), {
      method: "DELETE",
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error_code).toBe("DLI.0002");
    const badId = await fetch(jobsUrl(ONCOLOGY_PROJECT_ID, "/bad.id"), { method: "DELETE" });
    expect(badId.status).toBe(400);
  });
});

describe("routing", () => {
  it.each([
    "/api",
    "/api/nope",
    "/v2.0",
    "/v2.0/p1/jobs",
    "/v2.0/p1/gene/jobs/j1/extra",
    "/v2.0/p1/gene/other?x=1",
  ])("keeps unknown API path %s from the SPA fallback", async (path) => {
    const res = await rawRequest(app.url, path);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).error_code).toBe("DLI.0023");
  });

  it("answers 405 with Allow for a wrong method on a known path", async () => {
    const post = await fetch(jobsUrl(ONCOLOGY_PROJECT_ID), { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
    expect((await post.json()).error_code).toEqual(expect.any(String));
    const get = await fetch(jobsUrl(ONCOLOGY_PROJECT_ID, "/some-job"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("DELETE");
    const config = await fetch(`${app.url}/api/config`, { method: "PUT" });
    expect(config.status).toBe(405);
  });

  it("passes every other path to next()", async () => {
    for (const path of ["/", "/projects/x/jobs", "/assets/a.js", "/apix", "/v2.0x", "/v3x/auth"]) {
      expect((await rawRequest(app.url, path)).body).toBe("next");
    }
  });

  it("logs one JSON line per API request: method, route template, status, ms, upstream ms", async () => {
    const log: string[] = [];
    const logged = await mount(demo, log);
    await fetch(`${logged.url}/v2.0/${ONCOLOGY_PROJECT_ID}/gene/jobs?limit=2&secret=s3cr3t`, {
      headers: { "X-Auth-Token": "browser-token-must-not-be-logged" },
    });
    await fetch(`${logged.url}/v2.0/${ONCOLOGY_PROJECT_ID}/gene/jobs/${NO_SUCH_JOB}`, {
      method: "DELETE",
    });
    await rawRequest(logged.url, "/v2.0/..%2Fsecret-path/gene/jobs");
    await fetch(`${logged.url}/projects/x`);
    await logged.close();
    expect(log).toHaveLength(3);
    const lines = log.map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      t: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      method: "GET",
      route: "/v2.0/{project_id}/gene/jobs",
      status: 200,
      ms: expect.any(Number),
      upstream_ms: null,
    });
    expect(lines[1]).toMatchObject({
      method: "DELETE",
      route: "/v2.0/{project_id}/gene/jobs/{job_id}",
      status: 404,
    });
    expect(lines[2]).toMatchObject({ method: "GET", route: null, status: 400 });
    const all = log.join("\n");
    for (const hidden of [
      ONCOLOGY_PROJECT_ID,
      NO_SUCH_JOB,
      "s3cr3t",
      "secret-path",
      "browser-token",
      "limit",
    ]) {
      expect(all).not.toContain(hidden);
    }
  });
});

describe("request guard", () => {
  const path = `/v2.0/${ONCOLOGY_PROJECT_ID}/gene/jobs?limit=1`;

  it.each(["localhost:8080", "127.0.0.1", "127.0.0.2:1", "[::1]:8080", "app.localhost"])(
    "accepts the loopback Host %s",
    async (host) => {
      expect((await rawRequest(app.url, path, "GET", { Host: host })).status).toBe(200);
    },
  );

  it.each(["evil.example.com", "evil.example.com:8080", "127.0.0.1.evil.example", "0.0.0.0"])(
    "refuses Host %s on a loopback-bound server (DNS rebinding)",
    async (host) => {
      const res = await rawRequest(app.url, path, "GET", { Host: host });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error_code).toBe("DASHBOARD.FORBIDDEN");
    },
  );

  it("accepts any Host when bound to another address", async () => {
    const open = await mount({ ...demo, host: "0.0.0.0" });
    const res = await rawRequest(open.url, path, "GET", { Host: "dashboard.lab.example" });
    await open.close();
    expect(res.status).toBe(200);
  });

  it("refuses a cross-origin DELETE but allows a same-origin one", async () => {
    const host = new URL(app.url).host;
    const job = `/v2.0/${ONCOLOGY_PROJECT_ID}/gene/jobs/${NO_SUCH_JOB}`;
    const cross = await rawRequest(app.url, job, "DELETE", { Origin: "https://evil.example" });
    expect(cross.status).toBe(403);
    const sandboxed = await rawRequest(app.url, job, "DELETE", { Origin: "null" });
    expect(sandboxed.status).toBe(403);
    const same = await rawRequest(app.url, job, "DELETE", { Origin: `http://${host}` });
    expect(same.status).toBe(404);
  });
});
