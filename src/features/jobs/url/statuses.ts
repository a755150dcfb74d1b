// On its own (re-exported by jobs-search.ts) so the status counts, loaded on demand, need not
// import jobs-search.ts: that import made Rolldown split zod and React out of the entry chunk
// into two more first-load chunks.

/** The statuses DLI documents, in the order a lab member scans them. */
export const STATUSES = [
  "LAUNCHING",
  "RUNNING",
  "CANCELING",
  "FINISHED",
  "FAILED",
  "CANCELLED",
] as const;
