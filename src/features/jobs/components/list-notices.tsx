import { ErrorPanel } from "../../../components/error-panel";
import { hasActiveJob } from "../../../contract/job-status";
import { formatNumber } from "../../../lib/format";
import { ApiError } from "../../../lib/http";
import { useMessages } from "../../../lib/i18n/messages";
import { CancelRefusal } from "../cancel/cancel-refusal";
import type { CancelJobControl } from "../cancel/use-cancel-job";
import { CapNotice, RangeReadProgress, UnusedParamsNotice } from "../lazy-parts";
import type { RewrittenAddress } from "../url/use-jobs-search";
import type { JobsList } from "../use-jobs-list";

/**
 * What the list has to say above the table: a rewritten address, a range still being read or
 * too large, live updates, retries, a refused cancel, a failed export, a refresh that failed.
 */
export function ListNotices({
  list,
  live,
  rewrittenAddress,
  cancel,
  exportError,
  onClearExportError,
  onClearCause,
}: {
  list: JobsList;
  live: boolean;
  rewrittenAddress: RewrittenAddress;
  cancel: CancelJobControl;
  exportError: unknown;
  onClearExportError: () => void;
  onClearCause: () => void;
}) {
  const m = useMessages();
  const { query, range } = list;
  const retryingAfter = query.failureCount > 0 && query.isFetching ? query.failureReason : null;
  const rangeTotal = range.query.data?.total;
  const extraJobs =
    (query.data?.extraJobs ?? 0) + (list.whole ? 0 : (range.query.data?.extraJobs ?? 0));
  return (
    <>
      {rewrittenAddress && (
        <UnusedParamsNotice.Component
          unused={rewrittenAddress.unused}
          onDismiss={rewrittenAddress.dismiss}
        />
      )}
      {list.cause && (
        <p className="notice" role="note">
          {m.pages.causeFilter(
            list.cause.pending ? list.cause.key : (list.cause.title ?? list.cause.key),
          )}{" "}
          <button type="button" className="link-button" onClick={onClearCause}>
            {m.pages.clearCause}
          </button>
        </p>
      )}
      {range.counts && range.query.isFetching && (
        <RangeReadProgress.Component progress={range.progress} onStop={range.stopReading} />
      )}
      {range.query.data?.capped && rangeTotal !== undefined && (
        <CapNotice.Component total={rangeTotal} />
      )}
      {extraJobs > 0 && (
        <p className="notice" role="note">
          {m.filters.extraJobs(formatNumber(extraJobs))}
        </p>
      )}
      {live && hasActiveJob(list.rows) && (
        <p className="live-note muted" role="status">
          {m.filters.liveNote}
        </p>
      )}
      <div className="busy-bar" data-active={query.isFetching || undefined} aria-hidden="true" />
      {retryingAfter instanceof ApiError && (
        <p className="retry-note" role="status">
          {m.filters.retrying(retryingAfter.message, query.failureCount + 1)}
        </p>
      )}
      {cancel.refusal && (
        <CancelRefusal
          jobId={cancel.refusal.jobId}
          error={cancel.refusal.error}
          onDismiss={cancel.clearRefusal}
        />
      )}
      {exportError !== null && <ErrorPanel error={exportError} onRetry={onClearExportError} />}
      {query.isError && query.data !== undefined && (
        <ErrorPanel error={query.error} onRetry={list.refetch} retrying={query.isFetching} />
      )}
    </>
  );
}
