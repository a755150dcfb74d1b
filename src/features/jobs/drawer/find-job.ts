import type { JobsPage } from "../api/job-schemas";

/**
 * Looks through the range page by page for one job, stopping at the first hit. Returns the job's
 * position in the range (0-based), or null when it is nowhere.
 */
export async function findJobPosition({
  jobId,
  fetchPage,
  onProgress,
  signal,
  expectedTotal,
  pageSize,
}: {
  jobId: string;
  /** The range's size as the list last saw it, so the first progress report is right. */
  expectedTotal?: number;
  /** One page of the range at `offset`, `pageSize` long. */
  fetchPage: (offset: number) => Promise<JobsPage>;
  pageSize: number;
  onProgress: (page: number, pageCount: number) => void;
  signal: AbortSignal;
}): Promise<number | null> {
  let total = expectedTotal ?? Number.POSITIVE_INFINITY;
  for (let offset = 0, page = 1; offset < Math.max(total, 1); offset += pageSize, page++) {
    signal.throwIfAborted();
    onProgress(page, Number.isFinite(total) ? Math.ceil(total / pageSize) : page);
    const result = await fetchPage(offset);
    total = result.total;
    const index = result.rows.findIndex((row) => row.jobId === jobId);
    if (index >= 0) return offset + index;
    if (result.rows.length === 0) break;
  }
  return null;
}
