import { type ReactNode, useId } from "react";
import { CopyButton } from "../../../components/copy-button";
import { LongText } from "../../../components/long-text";
import { ProgressBar } from "../../../components/progress-bar";
import { StatusBadge } from "../../../components/status-badge";
import type { StatusTone } from "../../../contract/job-status";
import type { JobType } from "../../../contract/list-url";
import { formatDateTime, formatDuration, formatUtcOffset } from "../../../lib/format";
import { useViewMessages as useMessages } from "../../../lib/i18n/view-messages";
import type { Job, JobRow } from "../api/job-schemas";
import { JobRelations, type RelationsControl } from "../runs/job-relations";
import { JobNotifyButton } from "../watch/notify-button";
import { DrawerDialog } from "./drawer-dialog";
import { FindJobPanel, type FindJobProps } from "./find-job-panel";
import { RawRequest } from "./raw-request";
import { RequestSections } from "./request-sections";

/**
 * What the list knows of the job. A found job comes with what the status rules say of it (its
 * tone, whether DLI would cancel it) and the list's notes on it, so the drawer and the row say
 * the same.
 */
export type DrawerLookup =
  | { status: "loading" }
  | {
      status: "found";
      row: JobRow;
      tone: StatusTone;
      cancellable: boolean;
      /** The list's notes on an active job (stuck, slow, time left), in the same words. */
      statusNote?: ReactNode;
    }
  | { status: "not-on-page" }
  | { status: "unavailable" };

function JobSummary({
  job,
  jobType,
  tone,
  statusNote,
}: {
  job: Job;
  jobType: JobType;
  tone: StatusTone;
  statusNote?: ReactNode;
}) {
  const messageId = useId();
  const m = useMessages();
  const d = m.drawer;
  return (
    <>
      <dl className="summary">
        <div>
          <dt>{d.status}</dt>
          <dd>
            <StatusBadge status={job.status} tone={tone} />
            {statusNote && <span className="drawer-status-note">{statusNote}</span>}
          </dd>
        </div>
        <div>
          <dt>{d.pipeline}</dt>
          <dd>{d.pipelines[jobType] ?? jobType}</dd>
        </div>
        <div>
          <dt>{d.progress}</dt>
          <dd>
            <span className="progress">
              <ProgressBar progress={job.progress} raw={job.progressText} tone={tone} />
            </span>
          </dd>
        </div>
        <div>
          <dt>{d.started}</dt>
          <dd>
            <time dateTime={new Date(job.startTime).toISOString()}>
              {formatDateTime(job.startTime)}{" "}
              <span className="muted">{formatUtcOffset(job.startTime)}</span>
            </time>
          </dd>
        </div>
        <div>
          <dt>{d.duration}</dt>
          <dd>{formatDuration(job.durationSeconds, m.units)}</dd>
        </div>
        <div>
          <dt>{d.owner}</dt>
          <dd>{job.owner ?? <span className="muted">—</span>}</dd>
        </div>
      </dl>
      {job.message && (
        <section
          className={job.status === "FAILED" ? "failure" : "job-message"}
          aria-labelledby={messageId}
        >
          <h3 id={messageId}>{job.status === "FAILED" ? d.failureReason : d.message}</h3>
          {/* A stack trace is read whole (hundreds of short lines cost nothing); a megabyte is not. */}
          <LongText as="p" className="message-text" text={job.message} cutAt={20_000} />
        </section>
      )}
    </>
  );
}

function JobBody({
  job,
  jobType,
  tone,
  statusNote,
  relations,
}: {
  job: Job;
  jobType: JobType;
  tone: StatusTone;
  statusNote?: ReactNode;
  relations: RelationsControl;
}) {
  const m = useMessages();
  return (
    <>
      <JobSummary job={job} jobType={jobType} tone={tone} statusNote={statusNote} />
      {job.request.kind === "invalid" && (
        <p className="notice" role="note">
          <strong>{m.drawer.invalidJson}</strong>
          {m.drawer.invalidJsonRest(job.request.error)}
        </p>
      )}
      {job.request.kind === "json" && (
        <RequestSections value={job.request.value} jobType={jobType} />
      )}
      <RawRequest jobId={job.jobId} request={job.request} />
      {/* The summary already names any warning and the run number; the details follow the request. */}
      <JobRelations job={job} jobType={jobType} control={relations} />
    </>
  );
}

/** The detail drawer of one job. Its code is loaded on first open, off the list's critical path. */
export default function JobDrawer({
  jobId,
  jobType,
  lookup,
  onClose,
  onCancelJob,
  find,
  relations,
}: {
  jobId: string;
  jobType: JobType;
  lookup: DrawerLookup;
  /** Other runs, the comparison and "Run again". */
  relations: RelationsControl;
  onClose: () => void;
  /** Offered for a cancellable job when the server allows cancelling. */
  onCancelJob: ((job: Job) => void) | null;
  find: FindJobProps;
}) {
  const titleId = useId();
  const m = useMessages();
  const row = lookup.status === "found" ? lookup.row : null;
  return (
    <DrawerDialog labelledBy={titleId} onClose={onClose}>
      <header className="drawer-header">
        <h2 id={titleId}>
          {m.drawer.title} <span className="mono">{jobId}</span>
        </h2>
        <div className="drawer-header-actions">
          <CopyButton text={jobId} label={m.table.copyJobId} />
          {row?.kind === "job" && <JobNotifyButton job={row} jobType={jobType} />}
          {onCancelJob &&
            row?.kind === "job" &&
            lookup.status === "found" &&
            lookup.cancellable && (
              <button type="button" className="cancel-button" onClick={() => onCancelJob(row)}>
                {m.table.cancelJob}
              </button>
            )}
          <button type="button" className="close-button" onClick={onClose}>
            {m.drawer.close}
          </button>
        </div>
      </header>
      <div className="drawer-body">
        {lookup.status === "loading" && <p aria-busy="true">{m.drawer.loading}</p>}
        {lookup.status === "not-on-page" && <FindJobPanel {...find} jobId={jobId} />}
        {lookup.status === "unavailable" && (
          <p className="notice" role="note">
            {m.drawer.unavailable}
          </p>
        )}
        {row?.kind === "malformed" && (
          <p className="notice" role="note">
            <strong>{m.drawer.malformed}</strong> {m.drawer.malformedBody(row.problems.join("; "))}
          </p>
        )}
        {row?.kind === "job" && lookup.status === "found" && (
          <JobBody
            job={row}
            jobType={jobType}
            tone={lookup.tone}
            statusNote={lookup.statusNote}
            relations={relations}
          />
        )}
      </div>
    </DrawerDialog>
  );
}
