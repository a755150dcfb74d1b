// What is news to a watcher: from two reads of the same window, the jobs that failed, ended or
// became flagged in between. Pure: the watcher (watcher.ts) reads, this decides, and the watcher
// announces. The first read of a window is a baseline: what it shows is old news.
import type { AttentionFlag, InsightJob } from "../../../contract/job-insight";
import { isActive, isEnded } from "../../../contract/job-status";

/** What a read showed of one job. */
export type SeenJob = { status: string; flagged: boolean };
/** What the previous read of a window showed, by job id. */
export type WindowMemory = ReadonlyMap<string, SeenJob>;

export type WatchEvent =
  /** A job of a watched project, or a watched job, failed. */
  | { kind: "failed"; projectId: string; job: InsightJob }
  /** A watched job finished or was cancelled. */
  | { kind: "ended"; projectId: string; job: InsightJob }
  /** A job of a watched project became stuck, slow or overdue. */
  | { kind: "flagged"; projectId: string; job: InsightJob; flag: AttentionFlag };

/** Names an event once: the same job failing is announced once, whichever tab sees it. */
export function eventKey(event: Pick<WatchEvent, "kind" | "projectId" | "job">): string {
  return `${event.projectId}/${event.job.jobId}:${event.kind}`;
}

export type WindowRead = {
  projectId: string;
  /** The window's jobs, as the insight rules read them. */
  jobs: readonly InsightJob[];
  /** The flagged jobs' most urgent flag, by job id (needsAttention over the same jobs). */
  flags: ReadonlyMap<string, AttentionFlag>;
};

export type Watching = {
  /** Every job of the window's project is watched (failures and flags). */
  project: boolean;
  /** Watched jobs by id, with their status when the watch began. */
  jobs: ReadonlyMap<string, { status: string }>;
};

/**
 * The events between the previous read of a window (`previous`; undefined for the first read,
 * the baseline) and this one, leaving out what `announced` already holds; and what to remember
 * of this read for the next.
 *
 * A watched job is compared with its status when the watch began if no read saw it before: a
 * job that ended while no dashboard tab was open is announced when one opens.
 */
export function windowNews(
  read: WindowRead,
  watching: Watching,
  previous: WindowMemory | undefined,
  announced: ReadonlySet<string>,
): { events: WatchEvent[]; memory: Map<string, SeenJob> } {
  const events: WatchEvent[] = [];
  const memory = new Map<string, SeenJob>();
  const { projectId } = read;
  const add = (event: WatchEvent) => {
    if (!announced.has(eventKey(event))) events.push(event);
  };
  for (const job of read.jobs) {
    const flag = read.flags.get(job.jobId);
    memory.set(job.jobId, { status: job.status, flagged: flag !== undefined });
    const watchedJob = watching.jobs.get(job.jobId);
    if (!watching.project && !watchedJob) continue;

    const before: SeenJob | undefined =
      previous?.get(job.jobId) ??
      (watchedJob ? { status: watchedJob.status, flagged: false } : undefined);
    // The baseline: a job the first read shows is old news (unless watched on its own, above).
    if (previous === undefined && before === undefined) continue;
    // A job new since the last read (before undefined) is news if it already failed or is flagged.
    const wasStatus = before?.status;

    if (job.status === "FAILED" && wasStatus !== "FAILED") {
      add({ kind: "failed", projectId, job });
    } else if (
      watchedJob &&
      isEnded(job.status) &&
      job.status !== "FAILED" &&
      (wasStatus === undefined || !isEnded(wasStatus))
    ) {
      add({ kind: "ended", projectId, job });
    } else if (watching.project && flag && isActive(job.status) && !before?.flagged) {
      add({ kind: "flagged", projectId, job, flag });
    }
  }
  return { events, memory };
}
