import { functionalUpdate, type PaginationState, useTable } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { useLatestCallback } from "../../../hooks/use-latest-callback";
import { useMessages } from "../../../lib/i18n/messages";
import { usePreferences } from "../../../lib/preferences";
import type { Job, JobRow } from "../api/job-schemas";
import type { JobSort } from "../url/jobs-search";
import { jobColumns, jobTableFeatures } from "./job-columns";
import { JobTableRow } from "./job-table-row";

const SKELETON_ROWS = 8;

/** Columns that sort, and the direction a first click asks for. */
const SORTABLE: Record<string, "asc" | "desc"> = {
  started: "desc",
  status: "asc",
  duration: "desc",
  owner: "asc",
};

function sortDirection(sort: JobSort, columnId: string): "ascending" | "descending" | null {
  if (sort.replace(/^-/, "") !== columnId) return null;
  return sort.startsWith("-") ? "descending" : "ascending";
}

function nextSort(sort: JobSort, columnId: string, first: "asc" | "desc"): JobSort {
  const current = sortDirection(sort, columnId);
  const descending = current ? current === "ascending" : first === "desc";
  return `${descending ? "-" : ""}${columnId}` as JobSort;
}

function rowId(row: JobRow): string {
  return row.kind === "job" ? row.jobId : `malformed-${row.index}`;
}

export function useJobsTable({
  rows,
  rowCount,
  pagination,
  onPaginationChange,
}: {
  rows: JobRow[];
  rowCount: number;
  pagination: PaginationState;
  onPaginationChange: (next: PaginationState) => void;
}) {
  return useTable({
    features: jobTableFeatures,
    columns: jobColumns,
    data: rows,
    getRowId: rowId,
    manualPagination: true,
    rowCount,
    state: { pagination },
    onPaginationChange: (updater) => onPaginationChange(functionalUpdate(updater, pagination)),
  });
}

export type JobsTableInstance = ReturnType<typeof useJobsTable>;

export function JobsTable({
  table,
  caption,
  loading,
  stale,
  emptyMessage,
  onOpenJob,
  sort,
  onSort,
  onCancelJob,
}: {
  table: JobsTableInstance;
  onOpenJob: (jobId: string) => void;
  sort: JobSort;
  onSort: (sort: JobSort) => void;
  /** Offered on launching and running jobs when the server allows cancelling. */
  onCancelJob: ((job: Job) => void) | null;
  caption: string;
  loading: boolean;
  stale: boolean;
  emptyMessage: ReactNode;
}) {
  const m = useMessages();
  // Times are written in this zone by the cells; a row re-renders when it changes.
  const { timeZone } = usePreferences();
  const openJob = useLatestCallback(onOpenJob);
  const cancelJob = useLatestCallback((job: Job) => onCancelJob?.(job));
  const columnCount = jobColumns.length + (onCancelJob ? 1 : 0);
  const rows = table.getRowModel().rows;
  return (
    <div className={`table-wrap${stale ? " is-stale" : ""}`}>
      <p className="visually-hidden" role="status">
        {loading ? m.table.loading : ""}
      </p>
      <table className="jobs-table" aria-busy={loading || stale}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sortable = SORTABLE[header.column.id];
                const direction = sortDirection(sort, header.column.id);
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={`col-${header.column.id}`}
                    aria-sort={direction ?? undefined}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => onSort(nextSort(sort, header.column.id, sortable))}
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden="true" className="sort-mark">
                          {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
              {onCancelJob && (
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">{m.table.actions}</span>
                </th>
              )}
            </tr>
          ))}
        </thead>
        <tbody>
          {loading &&
            Array.from({ length: SKELETON_ROWS }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
              <tr key={i} className="skeleton-row">
                {Array.from({ length: columnCount }, (_, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                  <td key={j}>
                    <span className="skeleton" aria-hidden="true" />
                  </td>
                ))}
              </tr>
            ))}
          {!loading && emptyMessage && (
            <tr>
              <td colSpan={columnCount} className="empty-cell">
                {emptyMessage}
              </td>
            </tr>
          )}
          {rows.map((row) =>
            row.original.kind === "malformed" ? (
              <tr key={row.id} className="malformed-row">
                <td colSpan={columnCount}>
                  <strong>
                    <span aria-hidden="true">⚠ </span>
                    {m.table.malformed}
                  </strong>{" "}
                  {row.original.jobId ? (
                    <span className="mono">{row.original.jobId}</span>
                  ) : (
                    m.table.malformedOnPage(row.original.index + 1)
                  )}
                  {m.table.malformedBody(row.original.problems.join("; "))}
                </td>
              </tr>
            ) : (
              <JobTableRow
                key={row.id}
                row={row}
                timeZone={timeZone}
                onOpenJob={openJob}
                onCancelJob={onCancelJob ? cancelJob : null}
              />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
