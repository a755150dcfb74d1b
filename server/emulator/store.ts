import { isCancellable } from "../../src/contract/job-status.ts";
import type { DemoJob, JobType } from "./types.ts";

// In-memory DLI: one array per project and job type, plus one for all types,
// each sorted newest first. A page is two binary searches and a slice.

export type ListQuery = {
  type?: JobType;
  limit: number;
  offset: number;
  start?: number;
  end?: number;
};

export type ListResult = { job_count: number; jobs: Record<string, unknown>[] };

export type CancelResult =
  | { ok: true }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "status"; status: string };

type ProjectIndex = {
  all: DemoJob[];
  byType: Record<JobType, DemoJob[]>;
  byId: Map<string, DemoJob>;
};

/** How long a cancelled job stays CANCELING before DLI reports it CANCELLED. */
export const CANCEL_TAKES_MS = 20_000;

function newestFirst(a: DemoJob, b: DemoJob): number {
  return b.startMs - a.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** First index in [0, length] where `pred` holds; `pred` must be false...then true. */
function firstWhere(jobs: DemoJob[], pred: (job: DemoJob) => boolean): number {
  let lo = 0;
  let hi = jobs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(jobs[mid] as DemoJob)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Status, progress and duration of a job at `now` (live jobs follow the clock). */
export function jobView(job: DemoJob, now: number): Record<string, unknown> {
  const plan = job.live;
  if (!plan) return job.wire;
  const at = job.cancelledAtMs ?? now;
  const elapsed = Math.max(0, Math.floor((at - job.startMs) / 1000));
  let status: string;
  let step: number;
  let duration = elapsed;
  if (elapsed < plan.launchSec) {
    status = "LAUNCHING";
    step = 0;
  } else if (elapsed < plan.launchSec + plan.runSec) {
    status = "RUNNING";
    // A failing job reaches the step it fails in when its run time is up.
    const lastStep = plan.failure?.step ?? plan.steps;
    const perStep = plan.runSec / lastStep;
    // Shows the step being executed, so it stays below n until the job ends.
    step = Math.min(lastStep, plan.steps - 1, 1 + Math.floor((elapsed - plan.launchSec) / perStep));
  } else if (plan.failure) {
    status = "FAILED";
    step = plan.failure.step;
    duration = plan.launchSec + plan.runSec;
  } else {
    status = "FINISHED";
    step = plan.steps;
    duration = plan.launchSec + plan.runSec;
  }
  const cancelled = job.cancelledAtMs !== undefined;
  // Spark takes a while to stop its executors: a cancelled job is CANCELING for a moment first.
  const stopping = cancelled && now - (job.cancelledAtMs as number) < CANCEL_TAKES_MS;
  const failed = status === "FAILED" && !cancelled;
  return {
    ...job.wire,
    status: stopping ? "CANCELING" : cancelled ? "CANCELLED" : status,
    progress: `${step}/${plan.steps}`,
    duration,
    message: cancelled ? "Cancelled by user" : failed ? (plan.failure?.message ?? null) : null,
  };
}

export class JobStore {
  readonly #projects = new Map<string, ProjectIndex>();
  readonly #now: () => number;

  constructor(jobsByProject: Map<string, DemoJob[]>, now: () => number) {
    this.#now = now;
    for (const [projectId, jobs] of jobsByProject) {
      const all = [...jobs].sort(newestFirst);
      this.#projects.set(projectId, {
        all,
        byType: {
          DNA_SOMATIC: all.filter((j) => j.type === "DNA_SOMATIC"),
          DNA_GERMLINE: all.filter((j) => j.type === "DNA_GERMLINE"),
        },
        byId: new Map(all.map((j) => [j.id, j])),
      });
    }
  }

  hasProject(projectId: string): boolean {
    return this.#projects.has(projectId);
  }

  /** The emulator's clock. */
  now(): number {
    return this.#now();
  }

  /** Every job of a project, newest first (the submit checks read them all). */
  jobs(projectId: string): readonly DemoJob[] {
    return this.#projects.get(projectId)?.all ?? [];
  }

  /** Adds a newly submitted job to its project, in start order; false for an unknown project. */
  insert(projectId: string, job: DemoJob): boolean {
    const index = this.#projects.get(projectId);
    if (!index || index.byId.has(job.id)) return false;
    for (const jobs of [index.all, index.byType[job.type]]) {
      jobs.splice(
        firstWhere(jobs, (j) => newestFirst(job, j) < 0),
        0,
        job,
      );
    }
    index.byId.set(job.id, job);
    return true;
  }

  /** `undefined` when the project does not exist. */
  list(projectId: string, q: ListQuery): ListResult | undefined {
    const index = this.#projects.get(projectId);
    if (!index) return undefined;
    const jobs = q.type ? index.byType[q.type] : index.all;
    const { start, end } = q;
    // Sorted descending by start: [from, to) holds start <= startMs <= end.
    const from = end === undefined ? 0 : firstWhere(jobs, (j) => j.startMs <= end);
    const to = start === undefined ? jobs.length : firstWhere(jobs, (j) => j.startMs < start);
    const count = Math.max(0, to - from);
    const pageStart = Math.min(to, from + q.offset);
    const pageEnd = Math.min(to, pageStart + q.limit);
    const now = this.#now();
    return {
      job_count: count,
      jobs: jobs.slice(pageStart, pageEnd).map((j) => jobView(j, now)),
    };
  }

  /** Current status as the list would show it, for cancel rules and tests. */
  status(projectId: string, jobId: string): string | undefined {
    const job = this.#projects.get(projectId)?.byId.get(jobId);
    return job ? String(jobView(job, this.#now()).status) : undefined;
  }

  cancel(projectId: string, jobId: string): CancelResult {
    const job = this.#projects.get(projectId)?.byId.get(jobId);
    if (!job) return { ok: false, reason: "not-found" };
    const now = this.#now();
    const status = String(jobView(job, now).status);
    if (!isCancellable(status)) return { ok: false, reason: "status", status };
    job.cancelledAtMs = now;
    return { ok: true };
  }
}
