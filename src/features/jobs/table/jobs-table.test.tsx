// @vitest-environment jsdom
import { replaceEqualDeep } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as format from "../../../lib/format";
import { type JobRow, jobsPageSchema, parseJob } from "../api/job-schemas";
import { JobsTable, useJobsTable } from "./jobs-table";

afterEach(cleanup);

function rawJob(i: number, progress: string) {
  return {
    job_id: `c0619372-983d-4861-9133-${String(i).padStart(12, "0")}`,
    owner: "h00251609",
    status: "RUNNING",
    progress,
    start_time: 1_795_000_000_000 - i * 60_000,
    duration: 100,
    request: '{"ref":"hg38"}',
  };
}

function Table({ rows, onOpenJob }: { rows: JobRow[]; onOpenJob: (id: string) => void }) {
  const table = useJobsTable({
    rows,
    rowCount: rows.length,
    pagination: { pageIndex: 0, pageSize: 20 },
    onPaginationChange: () => {},
  });
  return (
    <JobsTable
      table={table}
      caption="Jobs"
      loading={false}
      stale={false}
      emptyMessage={null}
      onOpenJob={onOpenJob}
      sort="-started"
      onSort={() => {}}
      onCancelJob={() => {}}
    />
  );
}

describe("JobsTable rows", () => {
  it("re-render only for the jobs that changed, and call the latest handlers", () => {
    const formatTime = vi.spyOn(format, "formatDateTime");
    const rows = Array.from({ length: 20 }, (_, i) => parseJob(rawJob(i, "3/7"), i));
    const firstOpen = vi.fn();
    const { rerender } = render(<Table rows={rows} onOpenJob={firstOpen} />);
    expect(formatTime).toHaveBeenCalledTimes(20);

    // A live refresh: job 5 moved on, the other 19 are the objects React Query kept.
    const refreshed = rows.map((row, i) => (i === 5 ? parseJob(rawJob(5, "4/7"), 5) : row));
    const laterOpen = vi.fn();
    rerender(<Table rows={refreshed} onOpenJob={laterOpen} />);
    expect(formatTime).toHaveBeenCalledTimes(21);
    expect(screen.getAllByRole("progressbar")[5]).toHaveProperty("value", 4);

    screen.getAllByRole("row")[3]?.click();
    expect(firstOpen).not.toHaveBeenCalled();
    expect(laterOpen).toHaveBeenCalledWith(rawJob(2, "").job_id);
  });
});

describe("a refreshed page", () => {
  it("keeps the unchanged jobs as the same objects, so their rows are not redrawn", () => {
    const page = (progress5: string) =>
      jobsPageSchema.parse({
        job_count: 20,
        jobs: Array.from({ length: 20 }, (_, i) => rawJob(i, i === 5 ? progress5 : "3/7")),
      });
    const before = page("3/7");
    // What React Query does with every new answer (structural sharing).
    const after = replaceEqualDeep(before, page("4/7"));
    expect(after.rows[4]).toBe(before.rows[4]);
    expect(after.rows[5]).not.toBe(before.rows[5]);
  });
});
