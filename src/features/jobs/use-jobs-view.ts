import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import {
  hasActiveJob,
  jobQueries,
  LIVE_INTERVAL_MS,
  rangeProgressId,
  toListKey,
  toRangeKey,
} from "./api/job-queries";
import type { JobRow } from "./api/job-schemas";
import { countByStatus, filterJobs, sortJobs } from "./range/local-view";
import { useRangeProgress } from "./range/range-progress";
import { type JobsSearch, needsWholeRange } from "./url/jobs-search";

const NO_ROWS: JobRow[] = [];

/** Filtered views refresh live only for ranges up to this size (10 requests per refresh). */
export const LIVE_RANGE_LIMIT = 1000;

/**
 * What the list shows, from one of two sources. DLI's own paging serves the plain newest-first
 * view; a status filter, a search or another sort needs the whole range, read once and then
 * filtered, sorted and paged here.
 */
export function useJobsView(projectId: string, search: JobsSearch, { live }: { live: boolean }) {
  const queryClient = useQueryClient();
  const whole = needsWholeRange(search);
  const liveInterval = (query: { state: { data?: { rows: readonly JobRow[] } | undefined } }) =>
    live && query.state.data && hasActiveJob(query.state.data.rows) ? LIVE_INTERVAL_MS : false;

  const pageQuery = useQuery({
    ...jobQueries.list(toListKey(projectId, search)),
    placeholderData: keepPreviousData,
    enabled: !whole,
    refetchInterval: liveInterval,
  });

  const rangeKey = toRangeKey(projectId, search);
  const rangeId = rangeProgressId(rangeKey);
  // "Count jobs by status": remembered for that range only.
  const [requestedRange, setRequestedRange] = useState<string | null>(null);
  const pageTotal = pageQuery.data?.total;
  // The plain view costs DLI one request a page; reading the whole range for counts is asked
  // for, or comes with a filter, search or sort that needs it anyway.
  const readWhole = whole || requestedRange === rangeId;
  const rangeQuery = useQuery({
    ...jobQueries.range(rangeKey),
    enabled: readWhole,
    // Re-reading a whole range costs a request per 100 jobs: live only while that stays small.
    refetchInterval: (query) =>
      whole && (query.state.data?.total ?? Number.POSITIVE_INFINITY) <= LIVE_RANGE_LIMIT
        ? liveInterval(query)
        : false,
  });
  const progress = useRangeProgress(rangeId);

  const rangeRows = rangeQuery.data?.rows ?? NO_ROWS;
  const searched = useMemo(() => filterJobs(rangeRows, { q: search.q }), [rangeRows, search.q]);
  const counts = useMemo(() => countByStatus(searched), [searched]);
  const local = useMemo(
    () =>
      whole ? sortJobs(filterJobs(searched, { status: search.status }), search.sort) : NO_ROWS,
    [whole, searched, search.status, search.sort],
  );

  // Refresh means both: the page on screen and, if read, the whole range.
  const refetch = () => {
    if (!whole) void pageQuery.refetch();
    if (readWhole) void rangeQuery.refetch();
  };
  const stopReading = () =>
    void queryClient.cancelQueries({ queryKey: jobQueries.range(rangeKey).queryKey });

  // Without a filter the page comes from DLI; when it says the range grew (a job started), the
  // counts read earlier are out of date.
  const rangeTotal = rangeQuery.data?.total;
  useEffect(() => {
    if (!whole && pageTotal !== undefined && rangeTotal !== undefined && pageTotal !== rangeTotal) {
      void queryClient.invalidateQueries({ queryKey: jobQueries.range(rangeKey).queryKey });
    }
  }, [whole, pageTotal, rangeTotal, queryClient, rangeKey]);

  const source = whole ? rangeQuery : pageQuery;
  const start = (search.page - 1) * search.size;
  const rows = whole ? local.slice(start, start + search.size) : (pageQuery.data?.rows ?? NO_ROWS);
  const total = whole ? local.length : (pageQuery.data?.total ?? 0);

  return {
    whole,
    rows,
    total,
    hasData: source.data !== undefined,
    isPending: source.isPending && source.fetchStatus !== "idle",
    isStale: !whole && pageQuery.isPlaceholderData,
    isFetching: source.isFetching,
    isSuccess: source.isSuccess,
    settled: source.isSuccess && !(pageQuery.isPlaceholderData && !whole),
    error: source.error,
    isError: source.isError,
    failureCount: source.failureCount,
    failureReason: source.failureReason,
    dataUpdatedAt: source.dataUpdatedAt,
    refetch,
    range: {
      key: rangeKey,
      rows: rangeQuery.data?.rows,
      read: rangeQuery.data !== undefined,
      reading: rangeQuery.isFetching,
      stopped:
        readWhole && rangeQuery.data === undefined && !rangeQuery.isFetching && !rangeQuery.isError,
      progress,
      capped: rangeQuery.data?.capped ?? false,
      rangeTotal: rangeQuery.data?.total ?? pageTotal,
      counts: rangeQuery.data ? counts : undefined,
      requestRead: () => {
        setRequestedRange(rangeId);
        if (rangeQuery.data === undefined) void rangeQuery.refetch();
      },
      stopReading,
      error: rangeQuery.error,
    },
  };
}

export type JobsView = ReturnType<typeof useJobsView>;
