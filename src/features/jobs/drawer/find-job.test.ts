import { describe, expect, it, vi } from "vitest";
import { DLI_PAGE_LIMIT } from "../../../contract/dli-request";
import type { JobsPage } from "../api/job-schemas";
import { findJobPosition } from "./find-job";

const TOTAL = 250;
const ids = Array.from({ length: TOTAL }, (_, i) => `job-${i}`);

function fakeFetch() {
  return vi.fn(
    async (offset: number): Promise<JobsPage> => ({
      total: TOTAL,
      rows: ids.slice(offset, offset + DLI_PAGE_LIMIT).map((jobId, i) => ({
        kind: "malformed" as const,
        index: i,
        jobId,
        problems: [],
      })),
    }),
  );
}

describe("findJobPosition", () => {
  it("stops at the first page that holds the job and reports progress", async () => {
    const fetchPage = fakeFetch();
    const progress: [number, number][] = [];
    const position = await findJobPosition({
      jobId: "job-142",
      fetchPage,
      pageSize: DLI_PAGE_LIMIT,
      onProgress: (page, count) => progress.push([page, count]),
      signal: new AbortController().signal,
      expectedTotal: 240,
    });
    expect(position).toBe(142);
    expect(fetchPage.mock.calls.map(([offset]) => offset)).toEqual([0, 100]);
    // The first report uses the list's count; later ones what DLI said.
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });

  it("reads every page once and says null when the job is nowhere", async () => {
    const fetchPage = fakeFetch();
    const position = await findJobPosition({
      jobId: "missing",
      fetchPage,
      pageSize: DLI_PAGE_LIMIT,
      onProgress: () => {},
      signal: new AbortController().signal,
    });
    expect(position).toBeNull();
    expect(fetchPage.mock.calls.map(([offset]) => offset)).toEqual([0, 100, 200]);
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    const fetchPage = fakeFetch();
    const search = findJobPosition({
      jobId: "missing",
      pageSize: DLI_PAGE_LIMIT,
      fetchPage: async (offset) => {
        controller.abort();
        return fetchPage(offset);
      },
      onProgress: () => {},
      signal: controller.signal,
    });
    await expect(search).rejects.toThrow();
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });
});
