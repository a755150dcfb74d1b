import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { ErrorPanel } from "../../components/error-panel";
import { DLI_PAGE_LIMIT } from "../../contract/dli-request";
import { isCancellable, statusTone } from "../../contract/job-status";
import { appConfigQuery } from "../../lib/app-config";
import { useMessages } from "../../lib/i18n/messages";
import { markContentShown } from "../../lib/lazy-component";
import { useCancelJob } from "./cancel/use-cancel-job";
import { EmptyList } from "./components/empty-list";
import { ListNotices } from "./components/list-notices";
import { ListToolbar, RangeToolbar, useLivePause } from "./components/list-toolbar";
import { Pager } from "./components/pager";
import { PrintHeader } from "./components/print-header";
import { useListShortcuts, useShortcutHelp } from "./components/shortcuts";
import type { DrawerLookup } from "./drawer/job-drawer";
import { useDrawer } from "./drawer/use-drawer";
import { useExport } from "./export/use-export";
import { ConfirmCancelDialog, JobDrawer, ShortcutHelp } from "./lazy-parts";
import { JobStatusNotes } from "./table/job-columns";
import { JobsTable, useJobsTable } from "./table/jobs-table";
import { useJobsSearch } from "./url/use-jobs-search";
import { type JobsList as JobsListData, useJobsList } from "./use-jobs-list";
import { viewTitle } from "./view-title";

function drawerLookup(list: JobsListData, jobId: string): DrawerLookup {
  if (list.query.isError && list.query.data === undefined) return { status: "unavailable" };
  if (list.query.data === undefined || list.showingPrevious) return { status: "loading" };
  const row = list.findRow(jobId);
  if (!row) return { status: "not-on-page" };
  const status = row.kind === "job" ? row.status : "";
  return {
    status: "found",
    row,
    tone: statusTone(status),
    cancellable: isCancellable(status),
    statusNote: row.kind === "job" ? <JobStatusNotes job={row} /> : null,
  };
}

/**
 * The list of one project's jobs, all driven by the URL. A page that composes: the data step is
 * useJobsList's, paging and sorting the table's, the address useJobsSearch's.
 */
export function JobsList({
  projectId,
  projectName,
}: {
  projectId: string;
  projectName?: string | null;
}) {
  const [search, setSearch, rewrittenAddress] = useJobsSearch();
  const m = useMessages();
  const pause = useLivePause();
  const list = useJobsList(projectId, search, setSearch, { live: !pause.paused });
  const control = useJobsTable({
    rows: list.rows,
    rowCount: list.total,
    view: search,
    onViewChange: setSearch,
  });
  const config = useQuery(appConfigQuery()).data;
  const cancelAllowed = config?.cancelAllowed === true;
  const cancel = useCancelJob(projectId, { onConfirm: list.keepInView });
  const drawer = useDrawer(search, setSearch);
  const exporter = useExport(projectId, search, list.range.view);
  const help = useShortcutHelp();

  // The drawer's code stays off the first load, but is fetched once the list is on screen so a
  // click opens it at once; the other parts shown on demand follow when the browser is idle.
  useEffect(() => {
    if (!list.settled) return;
    JobDrawer.preload().catch(() => {});
    markContentShown();
  }, [list.settled]);

  useListShortcuts(
    {
      nextPage: () => control.table.nextPage(),
      previousPage: () => control.table.previousPage(),
      refresh: list.refetch,
      focusSearch: () => document.querySelector<HTMLInputElement>(".search-box input")?.focus(),
    },
    help.show,
  );

  const running = list.rows.filter((row) => row.kind === "job" && row.status === "RUNNING").length;
  const title = viewTitle({ project: projectName ?? projectId.slice(0, 8), search, running, m });
  useEffect(() => {
    document.title = title;
  }, [title]);

  const { query } = list;
  const onCancelJob = cancelAllowed ? cancel.ask : null;
  return (
    <section className="jobs-list" aria-labelledby="jobs-heading">
      <PrintHeader projectId={projectId} projectName={projectName} search={search} />
      <ListToolbar search={search} setSearch={setSearch} list={list} pause={pause} />
      <RangeToolbar
        search={search}
        setSearch={setSearch}
        list={list}
        onExport={(format) => void exporter.exportAs(format)}
      />
      <ListNotices
        list={list}
        live={!pause.paused}
        rewrittenAddress={rewrittenAddress}
        cancel={cancel}
        exportError={exporter.error}
        onClearExportError={exporter.clearError}
        onClearCause={() => setSearch({ cause: undefined })}
      />
      {query.isError && query.data === undefined ? (
        <ErrorPanel error={query.error} onRetry={list.refetch} retrying={query.isFetching} />
      ) : (
        <>
          <JobsTable
            control={control}
            caption={m.table.captions[search.type] ?? search.type}
            loading={(query.isPending && query.fetchStatus !== "idle") || list.waiting}
            stale={list.showingPrevious}
            onOpenJob={drawer.open}
            onCancelJob={onCancelJob}
            emptyMessage={
              query.isSuccess && !list.waiting && list.rows.length === 0 ? (
                <EmptyList search={search} setSearch={setSearch} onlyThisPage={list.total > 0} />
              ) : null
            }
          />
          <Pager control={control} />
        </>
      )}
      {search.job && (
        <JobDrawer.Component
          key={search.job}
          jobId={search.job}
          jobType={search.type}
          lookup={drawerLookup(list, search.job)}
          onClose={drawer.close}
          onCancelJob={onCancelJob}
          find={{
            fetchPage: list.scanRange,
            pageSize: DLI_PAGE_LIMIT,
            onFound: (position) => setSearch({ page: Math.floor(position / search.size) + 1 }),
            expectedTotal: list.total,
          }}
          relations={{
            projectId,
            compare: search.compare,
            onOpenJob: drawer.open,
            onOpenNewJob: (job) =>
              setSearch(
                {
                  job,
                  status: undefined,
                  q: undefined,
                  cause: undefined,
                  compare: undefined,
                  sort: "-started",
                  ...(search.to ? { from: undefined, to: undefined } : {}),
                },
                { push: true },
              ),
            onCompare: (compare) => setSearch({ compare }, { push: true }),
            submitAllowed: config?.submitAllowed === true,
          }}
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
