import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { CopyButton } from "../../components/copy-button";
import { ErrorPanel } from "../../components/error-panel";
import { appConfigQuery } from "../../lib/app-config";
import { ApiError } from "../../lib/http";
import { useMessages } from "../../lib/i18n/messages";
import { markContentShown } from "../../lib/lazy-component";
import { usePreferences } from "../../lib/preferences";
import { hasActiveJob, jobQueries, toListKey } from "./api/job-queries";
import { CancelRefusal } from "./cancel/cancel-refusal";
import { useCancelJob } from "./cancel/use-cancel-job";
import { EmptyList } from "./components/empty-list";
import { DateRangeFilter, JobTypeSwitch, RefreshControl } from "./components/filters";
import { Pager } from "./components/pager";
import { SearchBox } from "./components/search-box";
import { useListShortcuts, useShortcutHelp } from "./components/shortcuts";
import { SEARCH_PAGE_SIZE } from "./drawer/find-job";
import type { DrawerLookup } from "./drawer/job-drawer";
import { useDrawer } from "./drawer/use-drawer";
import { useExport } from "./export/use-export";
import {
  CapNotice,
  ConfirmCancelDialog,
  JobDrawer,
  RangeReadProgress,
  ShortcutHelp,
  StatusSummary,
  UnusedParamsNotice,
} from "./lazy-parts";
import { JobsTable, useJobsTable } from "./table/jobs-table";
import { useJobsSearch } from "./url/use-jobs-search";
import { type JobsView, useJobsView } from "./use-jobs-view";
import { viewTitle } from "./view-title";

function drawerLookup(view: JobsView, jobId: string): DrawerLookup {
  if (view.isError && !view.hasData) return { status: "unavailable" };
  if (!view.hasData || view.isStale) return { status: "loading" };
  const row = view.rows.find((r) => r.jobId === jobId);
  return row ? { status: "found", row } : { status: "not-on-page" };
}

/** The list of one project's jobs: filters, table and pager, all driven by the URL. */
export function JobsList({
  projectId,
  projectName,
}: {
  projectId: string;
  projectName?: string | null;
}) {
  const [search, setSearch, rewrittenAddress] = useJobsSearch();
  const m = useMessages();
  // Re-render (and re-key the queries) when the viewer switches between local time and UTC.
  usePreferences();
  const queryClient = useQueryClient();
  const [paused, setPaused] = useState(false);
  const view = useJobsView(projectId, search, { live: !paused });
  const config = useQuery(appConfigQuery());
  const cancel = useCancelJob(projectId);
  const drawer = useDrawer(search, setSearch);

  const pageCount = Math.max(1, Math.ceil(view.total / search.size));
  const table = useJobsTable({
    rows: view.rows,
    rowCount: view.total,
    pagination: { pageIndex: search.page - 1, pageSize: search.size },
    onPaginationChange: ({ pageIndex, pageSize }) =>
      setSearch(
        pageSize !== search.size
          ? { size: pageSize as typeof search.size }
          : { page: pageIndex + 1 },
      ),
  });

  // A bookmarked page 9 of a range that now has 3 pages: show the last page, not an empty one.
  useEffect(() => {
    if (view.settled && view.total > 0 && search.page > pageCount) setSearch({ page: pageCount });
  }, [view.settled, view.total, search.page, pageCount, setSearch]);

  // The drawer's code stays off the first load, but is fetched once the list is on screen so a
  // click opens it at once; the other parts shown on demand follow when the browser is idle.
  useEffect(() => {
    if (!view.settled) return;
    JobDrawer.preload().catch(() => {});
    markContentShown();
  }, [view.settled]);

  // The next page is usually where the reader goes; have it ready.
  useEffect(() => {
    if (!view.whole && view.settled && search.page < pageCount) {
      void queryClient.prefetchQuery(
        jobQueries.list(toListKey(projectId, search, search.page + 1)),
      );
    }
  }, [view.whole, view.settled, search, pageCount, projectId, queryClient]);

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
  const onSearch = useCallback((q: string) => setSearch({ q }), [setSearch]);

  const stepPage = useCallback(
    (delta: 1 | -1) =>
      setSearch(({ page }) => {
        const target = Math.min(Math.max(page + delta, 1), pageCount);
        return target === page ? {} : { page: target };
      }),
    [setSearch, pageCount],
  );

  const help = useShortcutHelp();
  useListShortcuts(
    {
      nextPage: () => stepPage(1),
      previousPage: () => stepPage(-1),
      refresh: view.refetch,
      focusSearch: () => document.querySelector<HTMLInputElement>(".search-box input")?.focus(),
    },
    help.show,
  );

  const exporter = useExport(projectId, search, view.range.key);

  const running = view.rows.filter((row) => row.kind === "job" && row.status === "RUNNING").length;
  const title = viewTitle({ project: projectName ?? projectId.slice(0, 8), search, running, m });
  useEffect(() => {
    document.title = title;
  }, [title]);

  const cancelAllowed = config.data?.cancelAllowed === true;
  const showError = view.isError && !view.hasData;
  const retryingAfter = view.failureCount > 0 && view.isFetching ? view.failureReason : null;
  const activeOnScreen = hasActiveJob(view.rows);

  return (
    <section className="jobs-list" aria-labelledby="jobs-heading">
      <div className="toolbar">
        <JobTypeSwitch search={search} setSearch={setSearch} />
        <DateRangeFilter search={search} setSearch={setSearch} />
        <div className="toolbar-end">
          <RefreshControl
            updatedAt={view.dataUpdatedAt}
            fetching={view.isFetching}
            onRefresh={view.refetch}
          />
          <CopyButton text={window.location.href} label={m.filters.copyLink} showLabel />
          <button
            type="button"
            aria-pressed={paused}
            onClick={() => setPaused(!paused)}
            title={paused ? m.filters.pausedHint : m.filters.liveHint}
          >
            {m.filters.pauseLive}
          </button>
        </div>
      </div>
      <div className="toolbar">
        <SearchBox value={search.q ?? ""} onSearch={onSearch} />
        {view.range.counts ? (
          <StatusSummary.Component
            counts={view.range.counts}
            selected={search.status ?? []}
            onToggle={(status) =>
              setSearch(({ status: current = [] }) => ({
                status: current.includes(status)
                  ? current.filter((s) => s !== status)
                  : [...current, status],
              }))
            }
            onClear={() => setSearch({ status: [] })}
          />
        ) : view.range.reading ? (
          <RangeReadProgress.Component
            progress={view.range.progress}
            onStop={view.range.stopReading}
          />
        ) : (
          <button type="button" onClick={view.range.requestRead}>
            {view.range.stopped ? m.filters.continueReading : m.filters.countByStatus}
          </button>
        )}
        <div className="toolbar-end export-buttons">
          <button type="button" onClick={() => void exporter.exportAs("csv")}>
            {m.filters.exportCsv}
          </button>
          <button type="button" onClick={() => void exporter.exportAs("json")}>
            {m.filters.exportJson}
          </button>
        </div>
      </div>
      {rewrittenAddress && (
        <UnusedParamsNotice.Component
          unused={rewrittenAddress.unused}
          onDismiss={rewrittenAddress.dismiss}
        />
      )}
      {view.range.counts && view.range.reading && (
        <RangeReadProgress.Component
          progress={view.range.progress}
          onStop={view.range.stopReading}
        />
      )}
      {view.range.capped && view.range.rangeTotal !== undefined && (
        <CapNotice.Component total={view.range.rangeTotal} />
      )}
      {!paused && activeOnScreen && (
        <p className="live-note muted" role="status">
          {m.filters.liveNote}
        </p>
      )}
      <div className="busy-bar" data-active={view.isFetching || undefined} aria-hidden="true" />
      {retryingAfter instanceof ApiError && (
        <p className="retry-note" role="status">
          {m.filters.retrying(retryingAfter.message, view.failureCount + 1)}
        </p>
      )}
      {cancel.refusal && (
        <CancelRefusal
          jobId={cancel.refusal.jobId}
          error={cancel.refusal.error}
          onDismiss={cancel.clearRefusal}
        />
      )}
      {exporter.error !== null && (
        <ErrorPanel error={exporter.error} onRetry={exporter.clearError} />
      )}
      {view.isError && view.hasData && (
        <ErrorPanel error={view.error} onRetry={view.refetch} retrying={view.isFetching} />
      )}
      {showError ? (
        <ErrorPanel error={view.error} onRetry={view.refetch} retrying={view.isFetching} />
      ) : (
        <>
          <JobsTable
            table={table}
            caption={m.table.captions[search.type] ?? search.type}
            loading={view.isPending}
            stale={view.isStale}
            onOpenJob={drawer.open}
            sort={search.sort}
            onSort={(sort) => setSearch({ sort })}
            onCancelJob={cancelAllowed ? cancel.ask : null}
            emptyMessage={
              view.isSuccess && view.rows.length === 0 ? (
                <EmptyList search={search} setSearch={setSearch} onlyThisPage={view.total > 0} />
              ) : null
            }
          />
          <Pager
            page={search.page}
            pageCount={table.getPageCount()}
            total={view.total}
            size={search.size}
            onPage={(page) => table.setPageIndex(page - 1)}
            onStep={stepPage}
            onSize={(size) => table.setPageSize(size)}
          />
        </>
      )}
      {search.job && (
        <JobDrawer.Component
          key={search.job}
          jobId={search.job}
          jobType={search.type}
          lookup={drawerLookup(view, search.job)}
          onClose={drawer.close}
          onCancelJob={cancelAllowed ? cancel.ask : null}
          find={{ fetchPage: fetchSearchPage, onFound: showFoundJob, expectedTotal: view.total }}
        />
      )}
      {help.open && <ShortcutHelp.Component onClose={help.hide} />}
      <p className="shortcut-hint muted">
        {m.filters.press} <kbd>?</kbd> {m.filters.shortcutHint}
      </p>
      {cancel.asking && (
        <ConfirmCancelDialog.Component
          job={cancel.asking}
          onConfirm={cancel.confirm}
          onDismiss={cancel.dismiss}
        />
      )}
    </section>
  );
}
