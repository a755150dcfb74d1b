import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { DLI_PAGE_LIMIT, listJobsPath } from "../../../contract/dli-request";
import type { JobsSearch } from "../../../contract/list-url";
import { resolveTimeWindow, type TimeZoneMode } from "../../../contract/time-window";
import { reportRangeProgress } from "../range/range-progress";
import { readRange, type WholeRange } from "../range/read-range";
import type { JobsPage } from "./job-schemas";
import { listJobs } from "./jobs-api";

/**
 * A project's jobs of one type over one span of time: what the URL says about it, nothing more.
 * Plain values only, built below in one place, so equal views make equal keys.
 */
export type RangeView = {
  projectId: string;
  jobType: JobsSearch["type"];
  range?: JobsSearch["range"];
  from?: string;
  to?: string;
  /** Whole days are UTC days, not the viewer's (the time-zone switch). */
  utc?: true;
};

/** One DLI page of a range. */
export type PageView = RangeView & { limit: number; offset: number };

export function toRangeView(projectId: string, search: JobsSearch, zone: TimeZoneMode): RangeView {
  return {
    projectId,
    jobType: search.type,
    ...(search.range ? { range: search.range } : {}),
    ...(search.from ? { from: search.from } : {}),
    ...(search.to ? { to: search.to } : {}),
    // Only whole days depend on the zone; a rolling range or instants are the same everywhere.
    ...(zone === "utc" && (search.from || search.to) ? { utc: true as const } : {}),
  };
}

export function toPageView(
  projectId: string,
  search: JobsSearch,
  zone: TimeZoneMode,
  page: number = search.page,
  limit: number = search.size,
): PageView {
  return { ...toRangeView(projectId, search, zone), limit, offset: (page - 1) * limit };
}

function rangeOf({ limit: _limit, offset: _offset, ...range }: PageView): RangeView {
  return range;
}

/** The keys, from the widest (every job query) to one page; invalidate and cancel by these. */
export const jobKeys = {
  all: () => ["jobs"] as const,
  project: (projectId: string) => [...jobKeys.all(), projectId] as const,
  pages: (projectId: string) => [...jobKeys.project(projectId), "list"] as const,
  page: (view: PageView) => [...jobKeys.pages(view.projectId), view] as const,
  ranges: (projectId: string) => [...jobKeys.project(projectId), "range"] as const,
  range: (view: RangeView) => [...jobKeys.ranges(view.projectId), view] as const,
};

/** Identifies a range read for its progress report. */
export function rangeProgressId(view: RangeView): string {
  return JSON.stringify(jobKeys.range(view));
}

export const LIVE_INTERVAL_MS = 10_000;

/**
 * A page's `job_count` is its whole range's size. When it differs from the size of the range
 * read earlier, jobs started (or left a rolling window) since: that read is out of date. Marked
 * here, where the page arrives, once per page read; a read of the range already under way is
 * left to finish rather than started again.
 */
function noteRangeSize(client: QueryClient, view: RangeView, total: number): void {
  const queryKey = jobKeys.range(view);
  const range = client.getQueryData<WholeRange>(queryKey);
  if (range && range.total !== total) {
    void client.invalidateQueries({ queryKey, exact: true }, { cancelRefetch: false });
  }
}

function timeWindowOf(view: RangeView, nowMs = Date.now()) {
  // A rolling range ("last 24 h") is resolved when it is fetched, so a refresh moves the window
  // with the clock while the key (the bookmark) stays the same.
  return resolveTimeWindow(view, nowMs, view.utc ? "utc" : "local");
}

/**
 * A page's window. The server preloads the first page with the HTML for the minute it served
 * it; when the app's own fetch falls in the next minute, it asks for that preloaded window, a
 * minute older, so the browser reuses the answer rather than DLI being asked twice.
 */
export function pageWindow(view: PageView, nowMs = Date.now()) {
  const current = timeWindowOf(view, nowMs);
  if (typeof document === "undefined") return current;
  const previous = timeWindowOf(view, nowMs - 60_000);
  if (previous.start === current.start && previous.end === current.end) return current;
  const request = { ...view, window: previous };
  const href = listJobsPath(request);
  const preloaded = [...document.querySelectorAll('link[rel="preload"][as="fetch"]')].some(
    (link) => link.getAttribute("href") === href,
  );
  return preloaded ? previous : current;
}

export const jobQueries = {
  /** One page, as DLI pages it (newest first). */
  page: (view: PageView) =>
    queryOptions({
      queryKey: jobKeys.page(view),
      queryFn: async ({ signal, client }): Promise<JobsPage> => {
        const page = await listJobs(
          {
            projectId: view.projectId,
            jobType: view.jobType,
            limit: view.limit,
            offset: view.offset,
            window: pageWindow(view),
          },
          signal,
        );
        noteRangeSize(client, rangeOf(view), page.total);
        return page;
      },
    }),
  /** Every job of a range, read page by page (see readRange): for filters, sorts and counts. */
  range: (view: RangeView) =>
    queryOptions({
      queryKey: jobKeys.range(view),
      queryFn: async ({ signal }): Promise<WholeRange> => {
        const window = timeWindowOf(view);
        const progressId = rangeProgressId(view);
        try {
          return await readRange({
            signal,
            onProgress: (progress) => reportRangeProgress(progressId, progress),
            fetchPage: (offset, limit, pageSignal) =>
              listJobs(
                { projectId: view.projectId, jobType: view.jobType, limit, offset, window },
                pageSignal,
              ),
          });
        } finally {
          reportRangeProgress(progressId, undefined);
        }
      },
      // Reading a range costs a request per 100 jobs; don't repeat it on every mount or focus.
      staleTime: 60_000,
      refetchOnWindowFocus: false,
    }),
  /** A page of the range at `offset`, as large as DLI gives: for finding one job in it. */
  scan: (view: RangeView, offset: number) =>
    jobQueries.page({ ...view, limit: DLI_PAGE_LIMIT, offset }),
};
