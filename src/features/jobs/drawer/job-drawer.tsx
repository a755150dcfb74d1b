import { useId } from "react";
import { CopyButton } from "../../../components/copy-button";
import { ProgressBar } from "../../../components/progress-bar";
import { StatusBadge } from "../../../components/status-badge";
import { formatDateTime, formatDuration, formatUtcOffset } from "../../../lib/format";
import type { Job, JobRow } from "../api/job-schemas";
import { CANCELLABLE } from "../cancel/use-cancel-job";
import type { JobType } from "../url/jobs-search";
import { DrawerDialog } from "./drawer-dialog";
import { FindJobPanel, type FindJobProps } from "./find-job-panel";
import { RawRequest } from "./raw-request";
import { RequestSections } from "./request-sections";

export type DrawerLookup =
  | { status: "loading" }
  | { status: "found"; row: JobRow }
  | { status: "not-on-page" }
  | { status: "unavailable" };

const TYPE_NAMES: Record<JobType, string> = {
  DNA_SOMATIC: "DNA somatic",
  DNA_GERMLINE: "DNA germline",
};

function JobSummary({ job, jobType }: { job: Job; jobType: JobType }) {
  const messageId = useId();
  return (
    <>
      <dl className="summary">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={job.status} />
          </dd>
        </div>
        <div>
          <dt>Pipeline</dt>
          <dd>{TYPE_NAMES[jobType]}</dd>
        </div>
        <div>
          <dt>Progress (steps)</dt>
          <dd>
            <ProgressBar progress={job.progress} raw={job.progressText} />
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <time dateTime={new Date(job.startTime).toISOString()}>
              {formatDateTime(job.startTime)}{" "}
              <span className="muted">{formatUtcOffset(job.startTime)}</span>
            </time>
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(job.durationSeconds)}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{job.owner ?? <span className="muted">—</span>}</dd>
        </div>
      </dl>
      {job.message && (
        <section
          className={job.status === "FAILED" ? "failure" : "job-message"}
          aria-labelledby={messageId}
        >
          <h3 id={messageId}>{job.status === "FAILED" ? "Failure reason" : "Message"}</h3>
          <p className="message-text">{job.message}</p>
        </section>
      )}
    </>
  );
}

function JobBody({ job, jobType }: { job: Job; jobType: JobType }) {
  return (
    <>
      <JobSummary job={job} jobType={jobType} />
      {job.request.kind === "invalid" && (
        <p className="notice" role="note">
          <strong>This request is not valid JSON</strong> ({job.request.error}), so it cannot be
          shown field by field. Below is the text DLI sent, with anything that looks like a key
          masked.
        </p>
      )}
      {job.request.kind === "json" && (
        <RequestSections value={job.request.value} jobType={jobType} />
      )}
      <RawRequest jobId={job.jobId} request={job.request} />
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
}: {
  jobId: string;
  jobType: JobType;
  lookup: DrawerLookup;
  onClose: () => void;
  onCancelJob: ((job: Job) => void) | null;
  find: FindJobProps;
}) {
  const titleId = useId();
  const row = lookup.status === "found" ? lookup.row : null;
  return (
    <DrawerDialog labelledBy={titleId} onClose={onClose}>
      <header className="drawer-header">
        <h2 id={titleId}>
          Job <span className="mono">{jobId}</span>
        </h2>
        <div className="drawer-header-actions">
          <CopyButton text={jobId} label="Copy job ID" />
          {onCancelJob && row?.kind === "job" && CANCELLABLE.has(row.status) && (
            <button type="button" className="cancel-button" onClick={() => onCancelJob(row)}>
              Cancel job
            </button>
          )}
          <button type="button" className="close-button" onClick={onClose}>
            Close
          </button>
        </div>
      </header>
      <div className="drawer-body">
        {lookup.status === "loading" && <p aria-busy="true">Loading the job…</p>}
        {lookup.status === "not-on-page" && <FindJobPanel {...find} jobId={jobId} />}
        {lookup.status === "unavailable" && (
          <p className="notice" role="note">
            The job list could not be loaded, so this job cannot be shown. Close this panel to see
            why and retry.
          </p>
        )}
        {row?.kind === "malformed" && (
          <p className="notice" role="note">
            <strong>Malformed job.</strong> DLI sent this job in a shape the dashboard cannot read:{" "}
            {row.problems.join("; ")}.
          </p>
        )}
        {row?.kind === "job" && <JobBody job={row} jobType={jobType} />}
      </div>
    </DrawerDialog>
  );
}
