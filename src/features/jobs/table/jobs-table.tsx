import { functionalUpdate, useTable } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { JobSort, JobsSearch, PageSize } from "../../../contract/list-url";
import { useLatestCallback } from "../../../hooks/use-latest-callback";
import { useMessages } from "../../../lib/i18n/messages";
import type { Job, JobRow } from "../api/job-schemas";
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

/** What the table shows of the list: its page, rows per page and order. */
export type TableView = Pick<JobsSearch, "page" | "size" | "sort">;

/**
 * A change the table asks for, worked out from the view as it is when applied (the address
 * bar's), not as this render saw it: two quick clicks on Next move two pages.
 */
export type TableViewChange = (current: TableView) => Partial<TableView>;

/**
 * The list's table. It owns paging and sorting: the pager, the sort buttons and the shortcuts
 * all go through it, and it reports every change through `onViewChange`, once.
 */
export function useJobsTable({
  rows,
  rowCount,
  view,
  onViewChange,
}: {
  rows: JobRow[];
  rowCount: number;
  view: TableView;
  onViewChange: (change: TableViewChange) => void;
}) {
  const table = useTable({
    features: jobTableFeatures,
    columns: jobColumns,
    data: rows,
    getRowId: rowId,
    manualPagination: true,
    rowCount,
    state: { pagination: { pageIndex: view.page - 1, pageSize: view.size } },
    onPaginationChange: (updater) =>
      onViewChange((current) => {
        const before = { pageIndex: current.page - 1, pageSize: current.size };
        const after = functionalUpdate(updater, before);
        // A new size starts again at page 1, as any other change of view does.
        if (after.pageSize !== before.pageSize) return { size: after.pageSize as PageSize };
        return after.pageIndex === before.pageIndex ? {} : { page: after.pageIndex + 1 };
      }),
  });
  const sortBy = useLatestCallback((columnId: string, first: "asc" | "desc") =>
    onViewChange((current) => ({ sort: nextSort(current.sort, columnId, first) })),
  );
  return { table, view, sortBy };
}

export type JobsTableControl = ReturnType<typeof useJobsTable>;

export function JobsTable({
  control: { table, view, sortBy },
  caption,
  loading,
  stale,
  emptyMessage,
  onOpenJob,
  onCancelJob,
}: {
  control: JobsTableControl;
  onOpenJob: (jobId: string) => void;
  /** Offered on launching and running jobs when the server allows cancelling. */
  onCancelJob: ((job: Job) => void) | null;
  caption: string;
  loading: boolean;
  stale: boolean;
  emptyMessage: ReactNode;
}) {
  const m = useMessages();
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
                const direction = sortDirection(view.sort, header.column.id);
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
                        onClick={() => sortBy(header.column.id, sortable)}
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
