import type { IncomingMessage, ServerResponse } from "node:http";
import { type GeneJobsBackend, sendError, sendJson } from "../http-util.ts";
import { DEMO_PROJECTS, generateDemoJobs } from "./data.ts";
import { JobStore, type ListQuery } from "./store.ts";
import { JOB_TYPES, type JobType } from "./types.ts";

type Parsed = { ok: true; query: ListQuery } | { ok: false; message: string };

// Empty values count as absent, as they do for the real service's optional
// query parameters; anything else must be a plain base-10 integer.
function integerParam(
  search: URLSearchParams,
  name: string,
  check: (n: number) => boolean,
  expected: string,
): number | undefined | { message: string } {
  const raw = search.get(name);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || !check(n)) {
    return { message: `Parameter ${name} must be ${expected}, got "${raw.slice(0, 40)}"` };
  }
  return n;
}

export function parseListQuery(search: URLSearchParams): Parsed {
  const rawType = search.get("job_type");
  let type: JobType | undefined;
  if (rawType !== null && rawType !== "") {
    if (!JOB_TYPES.includes(rawType as JobType)) {
      return {
        ok: false,
        message: `Parameter job_type must be DNA_SOMATIC or DNA_GERMLINE, got "${rawType.slice(0, 40)}"`,
      };
    }
    type = rawType as JobType;
  }
  const limit = integerParam(
    search,
    "limit",
    (n) => n >= 1 && n <= 100,
    "an integer from 1 to 100",
  );
  const offset = integerParam(search, "offset", (n) => n >= 0, "an integer >= 0");
  const ms = "an integer Unix time in milliseconds";
  const start = integerParam(search, "start", () => true, ms);
  const end = integerParam(search, "end", () => true, ms);
  for (const v of [limit, offset, start, end]) {
    if (typeof v === "object") return { ok: false, message: v.message };
  }
  const query: ListQuery = {
    limit: (limit as number | undefined) ?? 10,
    offset: (offset as number | undefined) ?? 0,
  };
  if (type) query.type = type;
  if (start !== undefined) query.start = start as number;
  if (end !== undefined) query.end = end as number;
  return { ok: true, query };
}

function unknownProject(res: ServerResponse, projectId: string): void {
  const known = DEMO_PROJECTS.map((p) => `${p.id} (${p.name})`).join(", ");
  sendError(
    res,
    404,
    "DLI.0002",
    `Project ${projectId} does not exist (demo data has projects: ${known})`,
  );
}

export type Emulator = GeneJobsBackend & { store: JobStore };

/** The demo-mode backend: generates the demo data once, from `now()` at creation. */
export function createEmulator(now: () => number = Date.now): Emulator {
  const store = new JobStore(generateDemoJobs(now()), now);
  return {
    store,
    list(_req: IncomingMessage, res: ServerResponse, projectId: string, search: URLSearchParams) {
      const parsed = parseListQuery(search);
      if (!parsed.ok) return sendError(res, 400, "DLI.0001", parsed.message);
      const result = store.list(projectId, parsed.query);
      if (!result) return unknownProject(res, projectId);
      sendJson(res, 200, result);
    },
    cancel(_req: IncomingMessage, res: ServerResponse, projectId: string, jobId: string) {
      if (!store.hasProject(projectId)) return unknownProject(res, projectId);
      const result = store.cancel(projectId, jobId);
      if (result.ok) return sendJson(res, 200, {});
      if (result.reason === "not-found") {
        return sendError(
          res,
          404,
          "DLI.0002",
          `Job ${jobId} does not exist in project ${projectId}`,
        );
      }
      sendError(
        res,
        400,
        "DLI.0001",
        `Job ${jobId} cannot be cancelled: its status is ${result.status} (only LAUNCHING or RUNNING jobs can be cancelled)`,
      );
    },
  };
}
