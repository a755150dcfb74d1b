import { failureCause } from "../../../contract/failure-cause";
import { type InsightJob, needsAttention } from "../../../contract/job-insight";
import { isActive } from "../../../contract/job-status";
import type { JobRow } from "../api/job-schemas";
import { toInsightJobs } from "../insight/insight-job";
import { notesLookup } from "../runs/job-notes";

/** How many failure causes a pipeline's line names. */
export const TOP_CAUSES = 3;

export type MorningCause = { key: string; title: string; count: number; lastSeen: number };

/** One pipeline of one project since the moment: what the morning card shows. */
export type PipelineMorning = {
  /** Launching, running or cancelling now. */
  active: number;
  /** Failed since the moment (ended after it). */
  failed: number;
  cancelled: number;
  /**
   * Where the list of those failed (cancelled) jobs starts: the moment, or the start of the
   * earliest of them when one started before the moment and ended after it. The list filters
   * by start time, so this is the `from` that shows every job counted.
   */
  failedFrom: number;
  cancelledFrom: number;
  /** Active jobs flagged stuck, slow or past their expected time, or whose sample sheet looks wrong. */
  attention: number;
  /** The commonest causes of the failures counted, most jobs first, then the most recent. */
  causes: MorningCause[];
};

/** When a job stopped: DLI's duration is its run time, counted from its start. */
export function endedAt(job: Pick<InsightJob, "startTime" | "durationSeconds">): number {
  const seconds = job.durationSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0
    ? job.startTime + seconds * 1000
    : job.startTime;
}

/**
 * What a pipeline's recent window says since `sinceMs`, at `nowMs` (the time of the read, so
 * the flags do not change between two renders of the same data). Pure.
 */
export function summarizeMorning(
  rows: readonly JobRow[],
  jobType: string,
  sinceMs: number,
  nowMs: number,
): PipelineMorning {
  const jobs = toInsightJobs(rows, jobType);
  let active = 0;
  let failed = 0;
  let cancelled = 0;
  let failedFrom = sinceMs;
  let cancelledFrom = sinceMs;
  const causes = new Map<string, MorningCause>();
  for (const job of jobs) {
    if (isActive(job.status)) {
      active++;
      continue;
    }
    if (endedAt(job) < sinceMs) continue;
    if (job.status === "FAILED") {
      failed++;
      failedFrom = Math.min(failedFrom, job.startTime);
      const { key, title } = failureCause(job.message);
      const cause = causes.get(key);
      if (cause) {
        cause.count++;
        cause.lastSeen = Math.max(cause.lastSeen, job.startTime);
      } else {
        causes.set(key, { key, title, count: 1, lastSeen: job.startTime });
      }
    } else if (job.status === "CANCELLED") {
      cancelled++;
      cancelledFrom = Math.min(cancelledFrom, job.startTime);
    }
  }

  const needing = new Set(needsAttention(jobs, nowMs).map(({ job }) => job.jobId));
  if (active > needing.size) {
    // Sample-sheet findings only for jobs still running: those can still be stopped.
    const notes = notesLookup(rows, jobType);
    for (const row of rows) {
      if (row.kind === "job" && isActive(row.status) && notes(row).findings.length > 0) {
        needing.add(row.jobId);
      }
    }
  }

  return {
    active,
    failed,
    cancelled,
    failedFrom,
    cancelledFrom,
    attention: needing.size,
    causes: [...causes.values()]
      .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || (a.key < b.key ? -1 : 1))
      .slice(0, TOP_CAUSES),
  };
}
