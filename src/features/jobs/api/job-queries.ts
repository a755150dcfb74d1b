import { queryOptions } from "@tanstack/react-query";
import { getPreferences, type TimeZoneMode } from "../../../lib/preferences";
import { reportRangeProgress } from "../range/range-progress";
import { readRange } from "../range/read-range";
import { type JobsSearch, resolveTimeWindow } from "../url/jobs-search";
import { listJobs } from "./jobs-api";

/** What identifies one page of the list: exactly what the URL says about it. */
export type JobsListKey = {
  projectId: string;
  jobType: JobsSearch["type"];
  limit: JobsSearch["size"];
  offset: number;
  range?: JobsSearch["range"];
  from?: string;
  to?: string;
  /** Whole days are UTC days, not the viewer's (the time-zone switch). */
  utc?: true;
};

export function toListKey(
  projectId: string,
  search: JobsSearch,
  page = search.page,
  zone: TimeZoneMode = getPreferences().timeZone,
): JobsListKey {
  return {
    projectId,
    jobType: search.type,
    limit: search.size,
    offset: (page - 1) * search.size,
    ...(search.range ? { range: search.range } : {}),
    ...(search.from ? { from: search.from } : {}),
    ...(search.to ? { to: search.to } : {}),
    ...(zone === "utc" && (search.from || search.to) ? { utc: true as const } : {}),
  };
}

/** A whole range: the list key without paging. */
export type JobsRangeKey = Omit<JobsListKey, "limit" | "offset">;

export function toRangeKey(projectId: string, search: JobsSearch): JobsRangeKey {
  const { limit: _limit, offset: _offset, ...rangeKey } = toListKey(projectId, search);
  return rangeKey;
}

/** Identifies a range read for its progress report. */
export function rangeProgressId(key: JobsRangeKey): string {
  return JSON.stringify(key);
}

export const LIVE_INTERVAL_MS = 10_000;

export function hasActiveJob(rows: readonly { kind: string; status?: string }[]): boolean {
  return rows.some(
    (row) => row.status === "RUNNING" || row.status === "LAUNCHING" || row.status === "CANCELING",
  );
}

export const jobQueries = {
  all: () => ["jobs"] as const,
  project: (projectId: string) => [...jobQueries.all(), projectId] as const,
  list: (key: JobsListKey) =>
    queryOptions({
      queryKey: [...jobQueries.project(key.projectId), "list", key] as const,
      // A rolling range ("last 24 h") is resolved when the page is fetched, so a refresh
      // moves the window with the clock while the key (the bookmark) stays the same.
      queryFn: ({ signal }) =>
        listJobs(
          {
            projectId: key.projectId,
            jobType: key.jobType,
            limit: key.limit,
            offset: key.offset,
            window: resolveTimeWindow(key, Date.now(), key.utc ? "utc" : "local"),
          },
          signal,
        ),
    }),
  /** Every job of a range, read page by page (see readRange): for filters, sorts and counts. */
  range: (key: JobsRangeKey) =>
    queryOptions({
      queryKey: [...jobQueries.project(key.projectId), "range", key] as const,
      queryFn: async ({ signal }) => {
        const window = resolveTimeWindow(key, Date.now(), key.utc ? "utc" : "local");
        const progressId = rangeProgressId(key);
        try {
          return await readRange({
            signal,
            onProgress: (progress) => reportRangeProgress(progressId, progress),
            fetchPage: (offset, limit, pageSignal) =>
              listJobs(
                { projectId: key.projectId, jobType: key.jobType, limit, offset, window },
                pageSignal,
              ),
          });
        } finally {
          reportRangeProgress(progressId, undefined);
        }
      },
      // Reading a range costs many requests; don't repeat it on every mount or focus.
      staleTime: 60_000,
      refetchOnWindowFocus: false,
    }),
};
