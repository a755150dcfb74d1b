import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ErrorPanel } from "../../components/error-panel";
import { useNow } from "../../hooks/use-now";
import { ApiError } from "../../lib/http";
import { jobQueries, toListKey } from "./api/job-queries";
import { DateRangeFilter, JobTypeSwitch, RefreshControl } from "./components/filters";
import { Pager } from "./components/pager";
import { JobsTable, useJobsTable } from "./table/jobs-table";
import { useJobsSearch } from "./url/use-jobs-search";

const TYPE_CAPTIONS = {
  DNA_SOMATIC: "DNA somatic jobs",
  DNA_GERMLINE: "DNA germline jobs",
} as const;

/** The list of one project's jobs: filters, table and pager, all driven by the URL. */
export function JobsList({ projectId }: { projectId: string }) {
  const [search, setSearch] = useJobsSearch();
  const queryClient = useQueryClient();
  const now = useNow(5_000);
  const listKey = toListKey(projectId, search);
  const query = useQuery({ ...jobQueries.list(listKey), placeholderData: keepPreviousData });

  const total = query.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / search.size));

  const table = useJobsTable({
    page: query.data,
    rowCount: total,
    pagination: { pageIndex: search.page - 1, pageSize: search.size },
    onPaginationChange: ({ pageIndex, pageSize }) =>
      setSearch(
        pageSize !== search.size
          ? { size: pageSize as typeof search.size }
          : { page: pageIndex + 1 },
      ),
  });

  // A bookmarked page 9 of a range that now has 3 pages: show the last page, not an empty one.
  const settled = query.isSuccess && !query.isPlaceholderData;
  useEffect(() => {
    if (settled && total > 0 && search.page > pageCount) setSearch({ page: pageCount });
  }, [settled, total, search.page, pageCount, setSearch]);

  // The next page is usually where the reader goes; have it ready.
  useEffect(() => {
    if (settled && search.page < pageCount) {
      void queryClient.prefetchQuery(
        jobQueries.list(toListKey(projectId, search, search.page + 1)),
      );
    }
  }, [settled, search, pageCount, projectId, queryClient]);

  const showError = query.isError && !query.data;
  const loading = query.isPending && !query.isError;
  const retryingAfter = query.failureCount > 0 && query.isFetching ? query.failureReason : null;

  return (
    <section className="jobs-list" aria-labelledby="jobs-heading">
      <div className="toolbar">
        <JobTypeSwitch search={search} setSearch={setSearch} />
        <DateRangeFilter search={search} setSearch={setSearch} />
        <RefreshControl
          updatedAt={query.dataUpdatedAt}
          now={now}
          fetching={query.isFetching}
          onRefresh={() => void query.refetch()}
        />
      </div>
      <div className="busy-bar" data-active={query.isFetching || undefined} aria-hidden="true" />
      {retryingAfter instanceof ApiError && (
        <p className="retry-note" role="status">
          DLI answered “{retryingAfter.message}”; retrying (attempt {query.failureCount + 1})…
        </p>
      )}
      {query.isError && query.data && (
        <ErrorPanel
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      )}
      {showError ? (
        <ErrorPanel
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : (
        <>
          <JobsTable
            table={table}
            caption={TYPE_CAPTIONS[search.type]}
            loading={loading}
            stale={query.isPlaceholderData}
            emptyMessage={
              query.isSuccess && query.data.rows.length === 0
                ? total > 0
                  ? "No jobs on this page."
                  : "No jobs in this range."
                : null
            }
          />
          <Pager
            page={search.page}
            pageCount={table.getPageCount()}
            total={total}
            size={search.size}
            onPage={(page) => table.setPageIndex(page - 1)}
            onSize={(size) => table.setPageSize(size)}
          />
        </>
      )}
    </section>
  );
}
