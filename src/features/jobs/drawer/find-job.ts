import type { JobsPage } from "../api/job-schemas";

/** Pages of this size are read while searching: the most DLI gives per request. */
export const SEARCH_PAGE_SIZE = 100;

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
}: {
  jobId: string;
  /** The range's size as the list last saw it, so the first progress report is right. */
  expectedTotal?: number;
  fetchPage: (offset: number) => Promise<JobsPage>;
  onProgress: (page: number, pageCount: number) => void;
  signal: AbortSignal;
}): Promise<number | null> {
  let total = expectedTotal ?? Number.POSITIVE_INFINITY;
  for (let offset = 0, page = 1; offset < Math.max(total, 1); offset += SEARCH_PAGE_SIZE, page++) {
    signal.throwIfAborted();
    onProgress(page, Number.isFinite(total) ? Math.ceil(total / SEARCH_PAGE_SIZE) : page);
    const result = await fetchPage(offset);
    total = result.total;
    const index = result.rows.findIndex((row) => row.jobId === jobId);
    if (index >= 0) return offset + index;
    if (result.rows.length === 0) break;
  }
  return null;
}
