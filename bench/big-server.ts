// Child process of `npm run bench`: the real server (createAppServer: guard, query rules, security
// headers, JSON) in demo mode, with an emulator store of 1,000,000 synthetic jobs in one project.
// Run apart from the load generator so the two do not share an event loop. Prints one JSON line
// ({ url, projectId, firstMs, lastMs, buildMs, heapMb }) once listening.
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { DAY } from "../server/emulator/schedule.ts";
import { JobStore } from "../server/emulator/store.ts";
import type { DemoJob } from "../server/emulator/types.ts";
import { sendError, sendJson } from "../server/http-util.ts";
import { parseListQuery } from "../server/request-rules.ts";
import { createAppServer } from "../server/server.ts";

const JOBS = Number(process.env.BENCH_SERVER_JOBS ?? 1_000_000);
const PROJECT_ID = "b0000000000000000000000000000001";
const SPAN_MS = 730 * DAY;

const built = performance.now();
const anchor = Date.now();
const owners = ["alice", "bob", "chen", "dana"];
const request = JSON.stringify({ ref: "hg38", tumor: "t.bam", normal: "n.bam" });
const jobs: DemoJob[] = new Array(JOBS);
for (let i = 0; i < JOBS; i++) {
  const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
  const startMs = anchor - Math.floor((i * SPAN_MS) / JOBS) - (i % 61) * 1000;
  const type = i % 4 === 3 ? "DNA_GERMLINE" : "DNA_SOMATIC";
  jobs[i] = {
    id,
    type,
    startMs,
    wire: {
      job_id: id,
      owner: owners[i % owners.length],
      status: "FINISHED",
      progress: "7/7",
      start_time: startMs,
      duration: 3600 + (i % 7200),
      message: null,
      request,
    },
  };
}
const store = new JobStore(new Map([[PROJECT_ID, jobs]]), Date.now);
jobs.length = 0;

// The same list path as server/emulator/routes.ts createEmulator, over this store.
const server = createAppServer(
  {
    host: "127.0.0.1",
    port: 0,
    distDir: resolve(import.meta.dirname, "..", "dist"),
    mode: "demo",
    auth: { kind: "none" },
    projectIds: [],
  },
  {
    log: () => {},
    backend: {
      list(_req, res, projectId, search) {
        const parsed = parseListQuery(search);
        if (!parsed.ok) return sendError(res, 400, "DLI.0001", parsed.message);
        const result = store.list(projectId, parsed.query);
        if (!result) return sendError(res, 404, "DLI.0002", `Project ${projectId} does not exist`);
        sendJson(res, 200, result);
      },
      cancel(_req, res) {
        sendError(res, 403, "DASHBOARD.CANCEL_DISABLED", "not in the bench");
      },
    },
  },
);
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  globalThis.gc?.();
  console.log(
    JSON.stringify({
      url: `http://127.0.0.1:${port}`,
      projectId: PROJECT_ID,
      jobs: JOBS,
      firstMs: anchor - SPAN_MS,
      lastMs: anchor,
      buildMs: Math.round(performance.now() - built),
      heapMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
    }),
  );
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
