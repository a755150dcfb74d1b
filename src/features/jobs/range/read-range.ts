import { DLI_PAGE_LIMIT } from "../../../contract/dli-request";
import type { JobRow, JobsPage } from "../api/job-schemas";

/** More than this is not read: 200 requests is already a lot to ask of DLI for one view. */
export const RANGE_CAP = 20_000;
/** Requests in flight at once: quick, without looking like a flood to the API gateway. */
export const RANGE_CONCURRENCY = 3;

export type RangeProgress = { read: number; total: number };

export type WholeRange = {
  rows: JobRow[];
  /** How many jobs DLI says the range holds (may exceed rows.length when capped). */
  total: number;
  capped: boolean;
  /** Jobs DLI sent beyond the page size asked for, over all pages (dropped, see jobsPageSchema). */
  extraJobs?: number;
};

/**
 * Reads every page of a range, newest first, a few requests at a time. Jobs that start while
 * it reads push the older ones down a page, so one can be seen twice: the first sighting wins.
 */
export async function readRange({
  fetchPage,
  onProgress,
  signal,
  cap = RANGE_CAP,
  concurrency = RANGE_CONCURRENCY,
}: {
  fetchPage: (offset: number, limit: number, signal: AbortSignal) => Promise<JobsPage>;
  onProgress?: (progress: RangeProgress) => void;
  signal: AbortSignal;
  cap?: number;
  concurrency?: number;
}): Promise<WholeRange> {
  signal.throwIfAborted();
  const first = await fetchPage(0, DLI_PAGE_LIMIT, signal);
  const total = first.total;
  const wanted = Math.min(total, cap);
  const offsets: number[] = [];
  for (let offset = DLI_PAGE_LIMIT; offset < wanted; offset += DLI_PAGE_LIMIT) offsets.push(offset);

  const pages: JobRow[][] = [first.rows];
  let read = first.rows.length;
  let extraJobs = first.extraJobs ?? 0;
  onProgress?.({ read: Math.min(read, wanted), total: wanted });

  let next = 0;
  async function worker() {
    while (next < offsets.length) {
      const index = next++;
      const offset = offsets[index] as number;
      signal.throwIfAborted();
      const page = await fetchPage(offset, DLI_PAGE_LIMIT, signal);
      pages[index + 1] = page.rows;
      extraJobs += page.extraJobs ?? 0;
      read += page.rows.length;
      onProgress?.({ read: Math.min(read, wanted), total: wanted });
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, offsets.length) }, worker));

  const seen = new Set<string>();
  const rows: JobRow[] = [];
  for (const row of pages.flat()) {
    if (row.jobId !== null) {
      if (seen.has(row.jobId)) continue;
      seen.add(row.jobId);
    }
    rows.push(row);
  }
  const range: WholeRange = { rows: rows.slice(0, wanted), total, capped: total > cap };
  if (extraJobs > 0) range.extraJobs = extraJobs;
  return range;
}
