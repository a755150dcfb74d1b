import {
  type Cell,
  createColumnHelper,
  type Row,
  rowPaginationFeature,
  tableFeatures,
} from "@tanstack/react-table";
import { CopyButton } from "../../../components/copy-button";
import { ProgressBar } from "../../../components/progress-bar";
import { StatusBadge } from "../../../components/status-badge";
import { statusTone, stuckFor } from "../../../contract/job-status";
import { useNow } from "../../../hooks/use-now";
import { formatDateTime, formatDuration, formatUtcOffset } from "../../../lib/format";
import { useMessages } from "../../../lib/i18n/messages";
import type { Job, JobRow } from "../api/job-schemas";
import { failureSummary } from "../failures/failure-summary";
import { RowInsight } from "../lazy-parts";
import { summarizeRequest } from "../request/decode-request";

export const jobTableFeatures = tableFeatures({ rowPaginationFeature });

/** A row and a cell of the job table, for the components that draw them. */
export type JobTableRowModel = Row<typeof jobTableFeatures, JobRow>;
export type JobTableCell = Cell<typeof jobTableFeatures, JobRow>;

const column = createColumnHelper<typeof jobTableFeatures, JobRow>();

// The `cell` functions below are called as plain functions (see renderCell in
// job-table-row.tsx): no hooks in them; put any in a component they return.
//
// A page of the list is 100 rows, so every element in a cell is 100 elements to create, style
// and lay out: the cells lean on their <td> (col-* classes in styles.css) for layout and write
// one text node where they can (a template string, not `{a} {b}`).

/** Malformed rows are drawn whole by the table, so every cell here sees a real job. */
function job(row: { original: JobRow }): Job | null {
  return row.original.kind === "job" ? row.original : null;
}

function ColumnHeader({ id }: { id: string }) {
  return <>{useMessages().table.headers[id] ?? id}</>;
}

function CopyJobId({ jobId }: { jobId: string }) {
  return <CopyButton text={jobId} label={useMessages().table.copyJobId} />;
}

/** "Cancelling for 3h 30min": a job hanging in a state that should pass in minutes. */
function StuckNote({ job: j }: { job: Job }) {
  const now = useNow(30_000);
  const m = useMessages();
  const stuck = stuckFor(j, now);
  if (stuck === null) return null;
  const word = m.statuses[j.status] ?? j.status;
  return (
    <span className="stuck-note">
      {m.table.stuckFor(word, formatDuration(Math.floor(stuck / 60_000) * 60, m.units))}
    </span>
  );
}

/**
 * What a job's status cell says besides its badge: stuck launching or cancelling, slow, past its
 * expected time, time left, its other runs, sample-sheet warnings. The drawer shows the same.
 */
export function JobStatusNotes({ job: j }: { job: Job }) {
  return (
    <>
      {(j.status === "LAUNCHING" || j.status === "CANCELING") && <StuckNote job={j} />}
      <RowInsight.Component job={j} />
    </>
  );
}

function Duration({ seconds }: { seconds: number | null }) {
  return formatDuration(seconds, useMessages().units);
}

function Samples({ job: j }: { job: Job }) {
  const m = useMessages();
  const summary = summarizeRequest(j.request);
  if (summary.tumor || summary.normal) {
    return (
      <>
        <abbr title={m.table.tumor}>{m.table.tumorMark}</abbr>
        {` ${summary.tumor ?? "—"}`}
        <br />
        <abbr title={m.table.normal}>{m.table.normalMark}</abbr>
        {` ${summary.normal ?? "—"}`}
      </>
    );
  }
  if (summary.germlineSamples) return summary.germlineSamples.join(m.units.listJoin);
  if (j.request.kind === "invalid")
    return <span className="muted">{m.table.requestUnreadable}</span>;
  return <span className="muted">—</span>;
}

export const jobColumns = column.columns([
  column.display({
    id: "started",
    header: () => <ColumnHeader id="started" />,
    cell: ({ row }) => {
      const j = job(row);
      if (!j) return null;
      return (
        <time dateTime={new Date(j.startTime).toISOString()}>
          {`${formatDateTime(j.startTime)} `}
          <span className="muted small">{formatUtcOffset(j.startTime)}</span>
        </time>
      );
    },
  }),
  column.display({
    id: "status",
    header: () => <ColumnHeader id="status" />,
    cell: ({ row }) => {
      const j = job(row);
      if (!j) return null;
      return (
        <>
          <StatusBadge status={j.status} tone={statusTone(j.status)} />
          <JobStatusNotes job={j} />
          {j.status === "FAILED" && j.message && (
            <span className="status-message">{failureSummary(j.message)}</span>
          )}
        </>
      );
    },
  }),
  column.display({
    id: "jobId",
    header: () => <ColumnHeader id="jobId" />,
    cell: ({ row }) => {
      const j = job(row);
      if (!j) return null;
      return (
        <>
          {j.jobId}
          <CopyJobId jobId={j.jobId} />
        </>
      );
    },
  }),
  column.display({
    id: "samples",
    header: () => <ColumnHeader id="samples" />,
    cell: ({ row }) => {
      const j = job(row);
      return j ? <Samples job={j} /> : null;
    },
  }),
  column.display({
    id: "reference",
    header: () => <ColumnHeader id="reference" />,
    cell: ({ row }) => {
      const j = job(row);
      return j ? (summarizeRequest(j.request).reference ?? <span className="muted">—</span>) : null;
    },
  }),
  column.display({
    id: "owner",
    header: () => <ColumnHeader id="owner" />,
    cell: ({ row }) => {
      const j = job(row);
      return j ? (j.owner ?? <span className="muted">—</span>) : null;
    },
  }),
  column.display({
    id: "duration",
    header: () => <ColumnHeader id="duration" />,
    cell: ({ row }) => {
      const j = job(row);
      return j ? <Duration seconds={j.durationSeconds} /> : null;
    },
  }),
  column.display({
    id: "progress",
    header: () => <ColumnHeader id="progress" />,
    cell: ({ row }) => {
      const j = job(row);
      return j ? (
        <ProgressBar progress={j.progress} raw={j.progressText} tone={statusTone(j.status)} />
      ) : null;
    },
  }),
]);
