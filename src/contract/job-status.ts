// The rules about a job's status, in one place: the list's filters and sort, polling, cancel,
// badges, progress bars and the emulator all ask here. Part of src/contract/: imports nothing.

/** The statuses DLI documents, in the order a lab member scans them (the filter chips' order). */
export const STATUSES = [
  "LAUNCHING",
  "RUNNING",
  "CANCELING",
  "FINISHED",
  "FAILED",
  "CANCELLED",
] as const;

export type KnownStatus = (typeof STATUSES)[number];

export function isKnownStatus(status: string): status is KnownStatus {
  return (STATUSES as readonly string[]).includes(status);
}

/** Still moving: DLI will change it without anyone asking, so a view showing it polls. */
export function isActive(status: string): boolean {
  return status === "LAUNCHING" || status === "RUNNING" || status === "CANCELING";
}

/** DLI accepts a cancel only for these. */
export function isCancellable(status: string): boolean {
  return status === "LAUNCHING" || status === "RUNNING";
}

/** Over: it will not change again. */
export function isEnded(status: string): boolean {
  return status === "FINISHED" || status === "FAILED" || status === "CANCELLED";
}

/** Sorting by status ("status" ascending): what needs a look first, the successes last. */
const SORT_ORDER: readonly string[] = [
  "LAUNCHING",
  "RUNNING",
  "CANCELING",
  "FAILED",
  "CANCELLED",
  "FINISHED",
];

/** A status's place when sorting by status; unknown statuses after every known one. */
export function statusRank(status: string): number {
  const index = SORT_ORDER.indexOf(status);
  return index === -1 ? SORT_ORDER.length : index;
}

/** How a status is coloured, the same in badges, progress bars and charts. */
export type StatusTone = "active" | "waiting" | "ok" | "bad" | "muted" | "unknown";

const TONES: Record<KnownStatus, StatusTone> = {
  LAUNCHING: "active",
  RUNNING: "active",
  // Still moving, and not to be mistaken for CANCELLED: a job can hang here for hours.
  CANCELING: "waiting",
  FINISHED: "ok",
  FAILED: "bad",
  CANCELLED: "muted",
};

export function statusTone(status: string): StatusTone {
  return isKnownStatus(status) ? TONES[status] : "unknown";
}

/** Launching or cancelling longer than this is not normal: the list says so. */
const STUCK_AFTER_MS: Readonly<Record<string, number>> = {
  LAUNCHING: 15 * 60_000,
  CANCELING: 10 * 60_000,
};

/**
 * How long a job has been launching or cancelling (ms), when that is longer than it should take;
 * null otherwise. A cancelling job's duration stops when the cancel began, so it has been
 * cancelling since its start plus its duration.
 */
export function stuckFor(
  job: { status: string; startTime: number; durationSeconds: number | null },
  nowMs: number,
): number | null {
  const limit = STUCK_AFTER_MS[job.status];
  if (limit === undefined) return null;
  const since =
    job.status === "CANCELING" && job.durationSeconds !== null
      ? job.startTime + job.durationSeconds * 1000
      : job.startTime;
  const elapsed = nowMs - since;
  return elapsed > limit ? elapsed : null;
}

/** True when any of these jobs is still active (a view of them needs polling). */
export function hasActiveJob(rows: readonly object[]): boolean {
  return rows.some(
    (row) => "status" in row && typeof row.status === "string" && isActive(row.status),
  );
}
