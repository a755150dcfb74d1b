import { functionalUpdate, type PaginationState, useTable } from "@tanstack/react-table";
import type { JobRow, JobsPage } from "../api/job-schemas";
import { jobColumns, jobTableFeatures } from "./job-columns";

const NO_ROWS: JobRow[] = [];
const SKELETON_ROWS = 8;

function rowId(row: JobRow): string {
  return row.kind === "job" ? row.jobId : `malformed-${row.index}`;
}

export function useJobsTable({
  page,
  rowCount,
  pagination,
  onPaginationChange,
}: {
  page: JobsPage | undefined;
  rowCount: number;
  pagination: PaginationState;
  onPaginationChange: (next: PaginationState) => void;
}) {
  return useTable({
    features: jobTableFeatures,
    columns: jobColumns,
    data: page?.rows ?? NO_ROWS,
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
}: {
  table: JobsTableInstance;
  onOpenJob: (jobId: string) => void;
  caption: string;
  loading: boolean;
  stale: boolean;
  emptyMessage: string | null;
}) {
  const columnCount = jobColumns.length;
  const rows = table.getRowModel().rows;
  return (
    <div className={`table-wrap${stale ? " is-stale" : ""}`}>
      <p className="visually-hidden" role="status">
        {loading ? "Loading jobs…" : ""}
      </p>
      <table className="jobs-table" aria-busy={loading || stale}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`col-${header.column.id}`}>
                  <table.FlexRender header={header} />
                </th>
              ))}
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
                    <span aria-hidden="true">⚠ </span>Malformed job
                  </strong>{" "}
                  {row.original.jobId ? (
                    <span className="mono">{row.original.jobId}</span>
                  ) : (
                    `#${row.original.index + 1} on this page`
                  )}
                  : DLI sent a job this dashboard cannot read ({row.original.problems.join("; ")}).
                </td>
              </tr>
            ) : (
              <tr
                key={row.id}
                data-job-id={row.id}
                data-status={row.original.status}
                className="job-row"
                tabIndex={0}
                onClick={() => onOpenJob(row.id)}
                onKeyDown={(event) => {
                  if (event.key === "Enter" && event.target === event.currentTarget)
                    onOpenJob(row.id);
                }}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={`col-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
