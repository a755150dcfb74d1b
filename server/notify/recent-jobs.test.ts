import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBackend } from "../api.ts";
import { loadConfig, type ServerConfig } from "../config.ts";
import { DEMO_PROJECTS, EDGE_CASES_PROJECT_ID, ONCOLOGY_PROJECT_ID } from "../emulator/data.ts";
import { createEmulator } from "../emulator/routes.ts";
import { createProxy } from "../proxy.ts";
import { emulatorReader, proxyReader, readRecentJobs, toInsightJob } from "./recent-jobs.ts";
import type { NotifySettings } from "./settings.ts";
import { readerFor, startNotifications, watchedProjects } from "./start.ts";
import { FakeClock, fakeReceiver } from "./test-doubles.ts";

const NOW = Date.UTC(2026, 10, 28, 2, 0, 0);
const NORTH = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const EAST = "7c8d9e0f1a2b43c4d5e6f708192a3b4c";

describe("toInsightJob: a DLI job as the insight rules read it", () => {
  it("keeps status, times, progress, message and sample names, nothing else of the request", () => {
    const job = toInsightJob(
      {
        job_id: "c0619372-983d-4861-9133-69a518fca074",
        status: "FAILED",
        progress: "3/7",
        start_time: NOW,
        duration: 120,
        message: "boom",
        request: JSON.stringify({
          tumor_sample_name: " HCC1143_tumor ",
          normal_sample_name: "HCC1143_normal",
          ref: "hg38",
          file_type: "fastq",
          expect_time: "8",
          access_encoded_key: "AK",
          output: "s3a://b/out",
        }),
      },
      "DNA_SOMATIC",
    );
    expect(job).toEqual({
      jobId: "c0619372-983d-4861-9133-69a518fca074",
      jobType: "DNA_SOMATIC",
      status: "FAILED",
      startTime: NOW,
      durationSeconds: 120,
      progress: { done: 3, total: 7 },
      message: "boom",
      samples: ["HCC1143_tumor", "HCC1143_normal"],
      reference: "hg38",
      fileType: "fastq",
      expectTimeHours: 8,
    });
  });

  it("names germline samples by their files, and survives a request that is not JSON", () => {
    const germline = toInsightJob(
      {
        job_id: "j",
        status: "RUNNING",
        start_time: NOW,
        request: JSON.stringify({ input: ["s3a://b/NA12878_1.fq.gz", "s3a://b/NA12878_2.fq.gz"] }),
      },
      "DNA_GERMLINE",
    );
    expect(germline?.samples).toEqual(["NA12878"]);
    const truncated = toInsightJob(
      { job_id: "j", status: "FAILED", start_time: NOW, duration: "x", request: '{"input":[' },
      "DNA_GERMLINE",
    );
    expect(truncated).toMatchObject({
      samples: [],
      durationSeconds: null,
      progress: null,
      message: null,
    });
  });

  it.each([
    [null],
    [{ status: "FAILED", start_time: NOW }],
    [{ job_id: "j", start_time: NOW }],
    [{ job_id: "j", status: "FAILED", start_time: "2026-11-28T00:00:00Z" }],
  ])("leaves out an entry without an id, status or start: %j", (wire) => {
    expect(toInsightJob(wire, "DNA_SOMATIC")).toBeUndefined();
  });
});

describe("proxy mode: the watcher reads DLI through the proxy's door", () => {
  type Seen = { url: string; headers: IncomingMessage["headers"] };
  const seen: Seen[] = [];
  let status = 200;
  let dli: Server;
  let origin: string;

  beforeAll(async () => {
    dli = createServer((req, res) => {
      seen.push({ url: req.url ?? "", headers: req.headers });
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(
        status === 200
          ? JSON.stringify({
              job_count: 1,
              jobs: [{ job_id: "j1", status: "FAILED", start_time: NOW - 1000, message: "x" }],
            })
          : '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}',
      );
    });
    await new Promise<void>((done) => dli.listen(0, "127.0.0.1", done));
    origin = `http://127.0.0.1:${(dli.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    const closed = new Promise<void>((done) => dli.close(() => done()));
    dli.closeAllConnections();
    await closed;
  });
  afterEach(() => {
    seen.length = 0;
    status = 200;
  });

  function regionsConfig(): ServerConfig {
    return loadConfig({
      DLI_PROJECTS: `cn-north-4/${NORTH}=Oncology,cn-east-3/${EAST}`,
      DLI_ENDPOINT_CN_EAST_3: origin,
      DLI_AUTH_TOKEN: "MIIwatcher-TOKEN",
    });
  }

  it("reads a project's recent window at its region's DLI, with the server's credentials", async () => {
    const read = readerFor(createProxy(regionsConfig()));
    const recent = await readRecentJobs(read, EAST, NOW);
    expect(recent.jobs.map((job) => [job.jobId, job.jobType])).toEqual([
      ["j1", "DNA_SOMATIC"],
      ["j1", "DNA_GERMLINE"],
    ]);
    const start = NOW - 3 * 86_400_000;
    expect(seen.map((s) => s.url)).toEqual([
      `/v2.0/${EAST}/gene/jobs?job_type=DNA_SOMATIC&limit=100&offset=0&start=${start}`,
      `/v2.0/${EAST}/gene/jobs?job_type=DNA_GERMLINE&limit=100&offset=0&start=${start}`,
    ]);
    expect(seen[0]?.headers["x-auth-token"]).toBe("MIIwatcher-TOKEN");
  });

  it("throws on DLI's error status, naming its code and never its text", async () => {
    status = 401;
    const read = proxyReader(createProxy(regionsConfig()));
    await expect(read(EAST, new URLSearchParams())).rejects.toThrow(
      /^DLI answered HTTP 401 \(APIGW\.0301\)$/,
    );
  });

  it("refuses a project the server does not serve", async () => {
    const read = proxyReader(createProxy(regionsConfig()));
    await expect(read("not-listed", new URLSearchParams())).rejects.toThrow(/does not serve/);
    expect(seen).toEqual([]);
  });

  it("watches DLI_PROJECTS with their names, or DLI_PROJECT_IDS, and refuses to watch nothing", () => {
    expect(watchedProjects(regionsConfig())).toEqual([
      { id: NORTH, name: "Oncology" },
      { id: EAST },
    ]);
    expect(
      watchedProjects(
        loadConfig({ DLI_ENDPOINT: origin, DLI_PROJECT_IDS: NORTH, DLI_AUTH_TOKEN: "t" }),
      ),
    ).toEqual([{ id: NORTH }]);
    expect(() =>
      watchedProjects(loadConfig({ DLI_ENDPOINT: origin, DLI_AUTH_TOKEN: "t" })),
    ).toThrow(
      "NOTIFY_WEBHOOK_URL needs the projects to watch: set DLI_PROJECTS or DLI_PROJECT_IDS",
    );
  });
});

describe("demo mode: the watcher reads the emulator the browser sees", () => {
  it("reads the demo projects' recent jobs, and refuses an unknown project", async () => {
    const read = emulatorReader(createEmulator(() => NOW));
    const recent = await readRecentJobs(read, ONCOLOGY_PROJECT_ID, NOW);
    expect(recent.jobs.length).toBeGreaterThan(0);
    expect(recent.jobs.every((job) => job.startTime >= NOW - 3 * 86_400_000)).toBe(true);
    await expect(read("nope", new URLSearchParams())).rejects.toThrow(
      "the demo has no such project",
    );
  });

  it("watches every demo project and posts no credential or path from the demo's requests", async () => {
    const config: ServerConfig = {
      host: "127.0.0.1",
      port: 0,
      distDir: "/nonexistent",
      mode: "demo",
      auth: { kind: "none" },
      projectIds: [],
      demoNow: () => NOW,
    };
    expect(watchedProjects(config).map((p) => p.id)).toEqual(DEMO_PROJECTS.map((p) => p.id));
    const receiver = await fakeReceiver("json");
    const clock = new FakeClock(NOW);
    const settings: NotifySettings = {
      kind: "json",
      webhookUrl: receiver.url,
      everyMs: 300_000,
      // Due at once: every demo project's digest goes out in the first minute.
      digestAt: { hour: 10, minute: 0 },
      timeZone: "Asia/Shanghai",
      stateFile: join(mkdtempSync(join(tmpdir(), "notify-demo-")), "state.json"),
      publicUrl: new URL("https://genes.lab.example"),
    };
    const watcher = await startNotifications(config, settings, createBackend(config), {
      clock,
      log: () => {},
    });
    await clock.settled();
    await watcher.stop();
    await receiver.close();
    const digests = receiver.received.filter((r) => r.body.event === "digest");
    expect(digests.map((r) => r.body.project)).toEqual(DEMO_PROJECTS.map((p) => p.id));
    const posted = JSON.stringify(receiver.received.map((r) => r.body));
    expect(posted).toContain(EDGE_CASES_PROJECT_ID);
    expect(posted).not.toMatch(/FAKE-DEMO|FAKEDEMOAK|s3a:|obs:\/\//);
    // Generating the demo's history takes a while on a busy machine.
  }, 20_000);
});
