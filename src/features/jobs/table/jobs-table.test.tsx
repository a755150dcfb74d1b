// @vitest-environment jsdom
import { replaceEqualDeep } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as format from "../../../lib/format";
import { type JobRow, jobsPageSchema, parseJob } from "../api/job-schemas";
import { Pager } from "../components/pager";
import { JobsTable, type TableView, type TableViewChange, useJobsTable } from "./jobs-table";

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

function Table({
  rows,
  onOpenJob,
  rowCount = rows.length,
  view = { page: 1, size: 20, sort: "-started" },
  onViewChange = () => {},
}: {
  rows: JobRow[];
  onOpenJob: (id: string) => void;
  rowCount?: number;
  view?: TableView;
  onViewChange?: (change: TableViewChange) => void;
}) {
  const control = useJobsTable({ rows, rowCount, view, onViewChange });
  return (
    <>
      <JobsTable
        control={control}
        caption="Jobs"
        loading={false}
        stale={false}
        emptyMessage={null}
        onOpenJob={onOpenJob}
        onCancelJob={() => {}}
      />
      <Pager control={control} />
    </>
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
      jobsPageSchema(20).parse({
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

describe("the table's one callback", () => {
  /** Applies each reported change to `view`, as the address bar does. */
  function renderWithView(initial: TableView, rowCount: number) {
    let view = initial;
    const changes: Partial<TableView>[] = [];
    const onViewChange = (change: TableViewChange) => {
      const patch = change(view);
      changes.push(patch);
      view = { ...view, ...patch };
    };
    render(
      <Table
        rows={[]}
        onOpenJob={() => {}}
        rowCount={rowCount}
        view={initial}
        onViewChange={onViewChange}
      />,
    );
    return { changes, current: () => view };
  }

  it("reports every pager control as a change of page, size or sort", () => {
    const { changes } = renderWithView({ page: 3, size: 20, sort: "-started" }, 200);
    screen.getByRole("button", { name: "Next page" }).click();
    screen.getByRole("button", { name: "Previous page" }).click();
    screen.getByRole("button", { name: "Last page" }).click();
    screen.getByRole("button", { name: "Page 1" }).click();
    screen.getByRole("button", { name: /^Duration/ }).click();
    const size = screen.getByRole("combobox", { name: "Rows per page" }) as HTMLSelectElement;
    fireEvent.change(size, { target: { value: "50" } });
    expect(changes).toEqual([
      { page: 4 },
      { page: 3 },
      { page: 10 },
      { page: 1 },
      { sort: "-duration" },
      { size: 50 },
    ]);
  });

  it("works each change out from the view as it is then, so two quick clicks move two pages", () => {
    const { current } = renderWithView({ page: 1, size: 20, sort: "-started" }, 200);
    const next = screen.getByRole("button", { name: "Next page" });
    // No re-render between the clicks: the second must build on the first.
    next.click();
    next.click();
    expect(current().page).toBe(3);
  });
});
