import { type KeyboardEvent, memo, type ReactNode } from "react";
import { isCancellable } from "../../../contract/job-status";
import { useMessages } from "../../../lib/i18n/messages";
import { usePreferences } from "../../../lib/preferences";
import type { Job } from "../api/job-schemas";
import type { JobTableCell, JobTableRowModel } from "./job-columns";

/**
 * A cell's content, by calling its column's `cell` function. `<FlexRender>` would mount it as a
 * component inside another component, two per cell: 1,600 for a page of 100 jobs, a good part of
 * the first render. Calling it is safe because the column functions in job-columns.tsx use no
 * hooks (the components they return do, as components).
 */
function renderCell(cell: JobTableCell): ReactNode {
  const content = cell.column.columnDef.cell;
  return typeof content === "function" ? content(cell.getContext()) : content;
}

/**
 * ↓ and ↑ move to the next and previous job, Home and End to the first and last: with 100 rows,
 * Tab alone (which also stops at each row's buttons) is a long way down the page.
 */
function moveRowFocus(event: KeyboardEvent<HTMLTableRowElement>): void {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const row = event.currentTarget;
  const rows = [...(row.parentElement?.querySelectorAll<HTMLElement>("tr.job-row") ?? [])];
  const at = rows.indexOf(row);
  const targets: Record<string, HTMLElement | undefined> = {
    ArrowDown: rows[at + 1],
    ArrowUp: rows[at - 1],
    Home: rows[0],
    End: rows.at(-1),
  };
  const target = targets[event.key];
  if (!target) return;
  event.preventDefault();
  target.focus();
}

type JobTableRowProps = {
  row: JobTableRowModel;
  onOpenJob: (jobId: string) => void;
  onCancelJob: ((job: Job) => void) | null;
};

function JobTableRowView({ row, onOpenJob, onCancelJob }: JobTableRowProps) {
  const m = useMessages();
  // The cells write times in the viewer's zone: subscribing re-renders the row on a switch.
  usePreferences();
  const job = row.original;
  // Malformed rows are drawn by the table itself.
  if (job.kind !== "job") return null;
  return (
    <tr
      data-job-id={row.id}
      data-status={job.status}
      className="job-row"
      tabIndex={0}
      onClick={() => onOpenJob(row.id)}
      onKeyDown={(event) => {
        if (event.target !== event.currentTarget) return;
        if (event.key === "Enter") onOpenJob(row.id);
        else moveRowFocus(event);
      }}
    >
      {row.getAllCells().map((cell) => (
        <td key={cell.id} className={`col-${cell.column.id}`}>
          {renderCell(cell)}
        </td>
      ))}
      {onCancelJob && (
        <td className="col-actions">
          {isCancellable(job.status) && (
            <button
              type="button"
              className="cancel-button"
              aria-label={m.table.cancelJobLabel(job.jobId)}
              onClick={(event) => {
                event.stopPropagation();
                onCancelJob(job);
              }}
            >
              {m.table.cancelJob}
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

/**
 * One job's row, re-rendered only when its job changes: a live refresh that moves one job's
 * progress redraws that row, not the page. React Query keeps unchanged jobs the same objects.
 */
export const JobTableRow = memo(
  JobTableRowView,
  (before, after) =>
    before.row.original === after.row.original &&
    before.onOpenJob === after.onOpenJob &&
    before.onCancelJob === after.onCancelJob,
);
