import type { InsightJob } from "../../src/contract/job-insight.ts";
import { asBody, textField } from "../../src/contract/request-fields.ts";
import { sampleNames } from "../../src/contract/run-identity.ts";
import type { Emulator } from "../emulator/routes.ts";
import type { ProxyBackend } from "../proxy.ts";
import { parseListQuery } from "../request-rules.ts";

// The watcher's reading of DLI: each project's recent window only, both job types, a page or two
// each, never whole histories. Proxy mode goes through the proxy's own door (endpoint, credentials,
// timeouts, size cap); demo mode asks the same emulator the browser sees.

/** Jobs that started within this window are read: longer than a WGS run takes to fail. */
export const RECENT_WINDOW_MS = 3 * 86_400_000;
const PAGE_LIMIT = 100;
/** Per job type and round: at most this many pages of 100 (the newest 200 jobs). */
const MAX_PAGES = 2;
const JOB_TYPES = ["DNA_SOMATIC", "DNA_GERMLINE"] as const;

export type ListPage = { job_count: number; jobs: unknown[] };
/** One page of a project's job list, as DLI answers `GET /v2.0/{project}/gene/jobs?…`. */
export type ListReader = (projectId: string, search: URLSearchParams) => Promise<ListPage>;

function asListPage(value: unknown): ListPage | undefined {
  const body = asBody(value);
  if (!body || !Array.isArray(body.jobs)) return undefined;
  const count = typeof body.job_count === "number" ? body.job_count : body.jobs.length;
  return { job_count: count, jobs: body.jobs };
}

/** Proxy mode: DLI through the proxy's door; an error status or a body that is no list throws. */
export function proxyReader(proxy: ProxyBackend): ListReader {
  return async (projectId, search) => {
    const answer = await proxy.readList(projectId, search);
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      body = undefined;
    }
    const code = asBody(body)?.error_code;
    if (answer.status !== 200) {
      const named = typeof code === "string" ? ` (${code.slice(0, 40)})` : "";
      throw new Error(`DLI answered HTTP ${answer.status}${named}`);
    }
    const page = asListPage(body);
    if (!page) throw new Error("DLI answered something that is not a job list");
    return page;
  };
}

/** Demo mode: the emulator the browser sees (its live jobs and cancels included). */
export function emulatorReader(emulator: Emulator): ListReader {
  return async (projectId, search) => {
    const parsed = parseListQuery(search);
    if (!parsed.ok) throw new Error(parsed.message);
    const result = emulator.store.list(projectId, parsed.query);
    if (!result) throw new Error("the demo has no such project");
    return result;
  };
}

function parseProgress(value: unknown): InsightJob["progress"] {
  if (typeof value !== "string") return null;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  return match ? { done: Number(match[1]), total: Number(match[2]) } : null;
}

function positiveNumber(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * A DLI job as the insight rules read it (the browser maps its rows the same way); undefined for
 * an entry without an id, status or start. Of the request only sample names, reference, file
 * type and expected time are kept: nothing else of it ever reaches a message.
 */
export function toInsightJob(wire: unknown, jobType: string): InsightJob | undefined {
  const job = asBody(wire);
  if (!job) return undefined;
  const { job_id: jobId, status, start_time: startTime, duration, message } = job;
  if (typeof jobId !== "string" || jobId === "" || typeof status !== "string") return undefined;
  if (typeof startTime !== "number" || !Number.isFinite(startTime)) return undefined;
  let body: ReturnType<typeof asBody>;
  if (typeof job.request === "string") {
    try {
      body = asBody(JSON.parse(job.request));
    } catch {
      // A request that is not JSON is still a job; it just names no samples.
    }
  }
  const reference = body && textField(body, "ref");
  const fileType = body && textField(body, "file_type");
  const expectTimeHours = body && positiveNumber(body.expect_time);
  return {
    jobId,
    jobType,
    status,
    startTime,
    durationSeconds: typeof duration === "number" && Number.isFinite(duration) ? duration : null,
    progress: parseProgress(job.progress),
    message: typeof message === "string" ? message : null,
    // Named as the run identity names them: tumor and normal, or the germline sample.
    samples: body ? sampleNames(jobType, body) : [],
    ...(reference ? { reference } : {}),
    ...(fileType ? { fileType } : {}),
    ...(expectTimeHours ? { expectTimeHours } : {}),
  };
}

/**
 * The jobs of a project that started in the recent window, both types, newest first per type:
 * one request per type, a second when the first page of 100 is full. `complete` is false when
 * more jobs started in the window than were read.
 */
export async function readRecentJobs(
  read: ListReader,
  projectId: string,
  nowMs: number,
): Promise<{ jobs: InsightJob[]; complete: boolean }> {
  const start = nowMs - RECENT_WINDOW_MS;
  const jobs: InsightJob[] = [];
  let complete = true;
  for (const jobType of JOB_TYPES) {
    let fetched = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const search = new URLSearchParams({
        job_type: jobType,
        limit: String(PAGE_LIMIT),
        offset: String(page * PAGE_LIMIT),
        start: String(start),
      });
      const answer = await read(projectId, search);
      fetched += answer.jobs.length;
      for (const wire of answer.jobs) {
        const job = toInsightJob(wire, jobType);
        if (job) jobs.push(job);
      }
      if (answer.jobs.length < PAGE_LIMIT || fetched >= answer.job_count) break;
      if (page === MAX_PAGES - 1) complete = false;
    }
  }
  return { jobs, complete };
}
