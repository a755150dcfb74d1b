import { hashKey, keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { hasActiveJob } from "../../contract/job-status";
import { type JobsSearch, needsWholeRange } from "../../contract/list-url";
import { useLatestCallback } from "../../hooks/use-latest-callback";
import { usePreferences } from "../../lib/preferences";
import {
  jobKeys,
  jobQueries,
  LIVE_INTERVAL_MS,
  rangeProgressId,
  toPageView,
  toRangeView,
} from "./api/job-queries";
import type { JobRow } from "./api/job-schemas";
import { useCauseFilter } from "./insight/use-cause-filter";
import { countByStatus, filterJobs, sortJobs } from "./range/local-view";
import { useRangeProgress } from "./range/range-progress";
import type { SetJobsSearch } from "./url/use-jobs-search";

const NO_ROWS: JobRow[] = [];
const NO_IDS: ReadonlySet<string> = new Set();

/** Filtered views re-read live only for ranges up to this size (10 requests per refresh). */
export const LIVE_RANGE_LIMIT = 1000;

type WithRows = { state: { data?: { rows: readonly JobRow[]; total: number } | undefined } };

/**
 * Where the list's data comes from: the one place that decides what is asked of DLI.
 *
 * The plain newest-first view is DLI's own paging: one request a page, polled while a job on it
 * is active, the next page fetched ahead once. A status filter, a search or another sort needs
 * the whole range (DLI can do none of them): it is read once, a request per 100 jobs, and
 * filtered, sorted and paged here; "Count jobs by status" reads it for the plain view too. A
 * range read is repeated when a page shows the range grew (see noteRangeSize), on Refresh, and,
 * for small ranges only, by polling. Hidden tabs poll nothing (React Query's default), and a
 * read the view no longer needs is cancelled when its last observer goes.
 */
export function useJobsList(
  projectId: string,
  search: JobsSearch,
  setSearch: SetJobsSearch,
  { live }: { live: boolean },
) {
  const queryClient = useQueryClient();
  const { timeZone } = usePreferences();
  const whole = needsWholeRange(search);
  const pageView = toPageView(projectId, search, timeZone);
  const rangeView = toRangeView(projectId, search, timeZone);
  const rangeId = rangeProgressId(rangeView);

  const pollWhileActive = (query: WithRows) =>
    live && query.state.data && hasActiveJob(query.state.data.rows) ? LIVE_INTERVAL_MS : false;

  const pageQuery = useQuery({
    ...jobQueries.page(pageView),
    placeholderData: keepPreviousData,
    enabled: !whole,
    refetchInterval: pollWhileActive,
  });

  // "Count jobs by status" is remembered for the range it was asked on, not for the next one.
  const [countedRange, setCountedRange] = useState<string | null>(null);
  const readWhole = whole || countedRange === rangeId;
  const rangeQuery = useQuery({
    ...jobQueries.range(rangeView),
    enabled: readWhole,
    refetchInterval: (query) =>
      whole && (query.state.data?.total ?? Number.POSITIVE_INFINITY) <= LIVE_RANGE_LIMIT
        ? pollWhileActive(query)
        : false,
  });
  const progress = useRangeProgress(rangeId);

  // A job the viewer cancelled stays in a status-filtered view (as CANCELING, then as it ends)
  // until the view changes: a row that vanished under the pointer would say nothing of what
  // happened. Remembered for the view it was acted in.
  const viewId = `${rangeId}|${search.status?.join(",") ?? ""}|${search.q ?? ""}`;
  const [kept, setKept] = useState<{ viewId: string; ids: ReadonlySet<string> } | null>(null);
  const keep = kept?.viewId === viewId ? kept.ids : undefined;

  const rangeRows = rangeQuery.data?.rows ?? NO_ROWS;
  const cause = useCauseFilter(rangeRows, search.cause, search.type);
  // While the cause's code loads, nothing matches: the range unfiltered would flash by.
  const causeIds = cause ? (cause.pending ? NO_IDS : cause.ids) : undefined;
  const searched = useMemo(
    () => filterJobs(rangeRows, { q: search.q, only: causeIds }),
    [rangeRows, search.q, causeIds],
  );
  const counts = useMemo(
    () => (rangeQuery.data ? countByStatus(searched) : undefined),
    [rangeQuery.data, searched],
  );
  const local = useMemo(
    () =>
      whole
        ? sortJobs(filterJobs(searched, { status: search.status, keep }), search.sort)
        : NO_ROWS,
    [whole, searched, search.status, search.sort, keep],
  );

  const source = whole ? rangeQuery : pageQuery;
  const start = (search.page - 1) * search.size;
  const rows = whole ? local.slice(start, start + search.size) : (pageQuery.data?.rows ?? NO_ROWS);
  const total = whole ? local.length : (pageQuery.data?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / search.size));
  const showingPrevious = !whole && pageQuery.isPlaceholderData;
  /** The rows are here but the code that filters them by cause is not yet. */
  const waiting = Boolean(cause?.pending);
  const settled = source.isSuccess && !showingPrevious && !waiting;

  // A bookmarked page 9 of a range that now has 3 pages: show the last page, not an empty one.
  useEffect(() => {
    if (settled && total > 0 && search.page > pageCount) setSearch({ page: pageCount });
  }, [settled, total, search.page, pageCount, setSearch]);

  // The next page is usually where the reader goes: fetched ahead, once per page shown.
  const nextPageKey =
    !whole && settled && search.page < pageCount
      ? hashKey(jobKeys.page(toPageView(projectId, search, timeZone, search.page + 1)))
      : null;
  const prefetchNext = useLatestCallback(() => {
    void queryClient.prefetchQuery(
      jobQueries.page(toPageView(projectId, search, timeZone, search.page + 1)),
    );
  });
  useEffect(() => {
    if (nextPageKey) prefetchNext();
  }, [nextPageKey, prefetchNext]);

  const refetch = useLatestCallback(() => {
    if (!whole) void pageQuery.refetch();
    if (readWhole) void rangeQuery.refetch();
  });

  const countStatuses = useLatestCallback(() => {
    setCountedRange(rangeId);
    // Enabling starts the read; a read that was stopped has to be asked for again.
    if (readWhole && !rangeQuery.data && !rangeQuery.isFetching) void rangeQuery.refetch();
  });

  const stopReading = useLatestCallback(
    () => void queryClient.cancelQueries({ queryKey: jobKeys.range(rangeView), exact: true }),
  );

  const keepInView = useLatestCallback((jobId: string) =>
    setKept({ viewId, ids: new Set([...(keep ?? []), jobId]) }),
  );

  /** The job in this view, on this page or another (a filtered view holds them all). */
  const findRow = (jobId: string): JobRow | undefined =>
    (whole ? local : rows).find((row) => row.jobId === jobId);

  /** A page of this range, as large as DLI gives, for finding a job that is not on screen. */
  const scanRange = useLatestCallback((offset: number) =>
    queryClient.fetchQuery(jobQueries.scan(rangeView, offset)),
  );

  return {
    /** True when the view is read whole and filtered here; false for DLI's own pages. */
    whole,
    rows,
    total,
    pageCount,
    /** React Query's state of what is on screen: the page, or the whole range. */
    query: source,
    /** The previous page is still shown while the one asked for loads. */
    showingPrevious,
    /** The rows of the page asked for are on screen. */
    settled,
    waiting,
    /** The failure cause the view is filtered to (`cause=`), null without one. */
    cause,
    refetch,
    scanRange,
    findRow,
    keepInView,
    range: {
      view: rangeView,
      query: rangeQuery,
      progress,
      counts,
      /** A read was asked for and stopped before it finished. */
      stopped: readWhole && !rangeQuery.data && !rangeQuery.isFetching && !rangeQuery.isError,
      countStatuses,
      stopReading,
    },
  };
}

export type JobsList = ReturnType<typeof useJobsList>;
