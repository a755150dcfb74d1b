import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useEffect, useRef } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { ErrorPanel } from "../../components/error-panel";
import { ApiError } from "../../lib/http";
import { jobQueries, toListKey } from "./api/job-queries";
import { DateRangeFilter, JobTypeSwitch, RefreshControl } from "./components/filters";
import { Pager } from "./components/pager";
import { SEARCH_PAGE_SIZE } from "./drawer/find-job";
import type { DrawerLookup } from "./drawer/job-drawer";
import { JobsTable, useJobsTable } from "./table/jobs-table";
import { useJobsSearch } from "./url/use-jobs-search";

const loadJobDrawer = () => import("./drawer/job-drawer");
const JobDrawer = lazy(loadJobDrawer);

/** Marks a history entry pushed by opening the drawer, so closing it can go back instead. */
const OPENED_FROM_LIST = { drawerOpenedFromList: true };

function showErrorInsteadOfRows(query: { isError: boolean; data: unknown }): boolean {
  return query.isError && !query.data;
}

const TYPE_CAPTIONS = {
  DNA_SOMATIC: "DNA somatic jobs",
  DNA_GERMLINE: "DNA germline jobs",
} as const;

/** The list of one project's jobs: filters, table and pager, all driven by the URL. */
export function JobsList({ projectId }: { projectId: string }) {
  const [search, setSearch] = useJobsSearch();
  const queryClient = useQueryClient();
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

  // The drawer's code stays off the first load, but is fetched once the list is on screen so a
  // click opens it at once.
  useEffect(() => {
    if (settled) void loadJobDrawer();
  }, [settled]);

  // The next page is usually where the reader goes; have it ready.
  useEffect(() => {
    if (settled && search.page < pageCount) {
      void queryClient.prefetchQuery(
        jobQueries.list(toListKey(projectId, search, search.page + 1)),
      );
    }
  }, [settled, search, pageCount, projectId, queryClient]);

  // The drawer: `job=` in the URL. Opening pushes, so Back closes it; closing an entry we pushed
  // goes back, so it leaves no entry behind; a bookmarked drawer closes with a replace.
  const navigate = useNavigate();
  const location = useLocation();
  const openJob = useCallback(
    (jobId: string) => setSearch({ job: jobId }, { push: true, state: OPENED_FROM_LIST }),
    [setSearch],
  );
  const closeJob = useCallback(() => {
    const state = location.state as typeof OPENED_FROM_LIST | null;
    if (state?.drawerOpenedFromList) navigate(-1);
    else setSearch({ job: undefined }, { state: null });
  }, [location.state, navigate, setSearch]);

  // Focus goes back to the row the drawer was about, wherever it was opened from.
  const lastOpenJob = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (search.job) {
      lastOpenJob.current = search.job;
      return;
    }
    const jobId = lastOpenJob.current;
    lastOpenJob.current = undefined;
    if (!jobId) return;
    const row = document.querySelector<HTMLElement>(`tr[data-job-id="${CSS.escape(jobId)}"]`);
    row?.focus();
  }, [search.job]);

  const drawerLookup: DrawerLookup = showErrorInsteadOfRows(query)
    ? { status: "unavailable" }
    : !query.data || query.isPlaceholderData
      ? { status: "loading" }
      : (() => {
          const row = query.data.rows.find((r) => r.jobId === search.job);
          return row ? { status: "found", row } : { status: "not-on-page" };
        })();

  const fetchSearchPage = useCallback(
    (offset: number) =>
      queryClient.fetchQuery(
        jobQueries.list({ ...toListKey(projectId, search), limit: SEARCH_PAGE_SIZE, offset }),
      ),
    [queryClient, projectId, search],
  );
  const showFoundJob = useCallback(
    (position: number) => setSearch({ page: Math.floor(position / search.size) + 1 }),
    [setSearch, search.size],
  );

  const showError = showErrorInsteadOfRows(query);
  const loading = query.isPending && !query.isError;
  const retryingAfter = query.failureCount > 0 && query.isFetching ? query.failureReason : null;

  return (
    <section className="jobs-list" aria-labelledby="jobs-heading">
      <div className="toolbar">
        <JobTypeSwitch search={search} setSearch={setSearch} />
        <DateRangeFilter search={search} setSearch={setSearch} />
        <RefreshControl
          updatedAt={query.dataUpdatedAt}
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
            onOpenJob={openJob}
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
      {search.job && (
        <Suspense fallback={null}>
          <JobDrawer
            key={search.job}
            jobId={search.job}
            jobType={search.type}
            lookup={drawerLookup}
            onClose={closeJob}
            find={{ fetchPage: fetchSearchPage, onFound: showFoundJob, expectedTotal: total }}
          />
        </Suspense>
      )}
    </section>
  );
}
