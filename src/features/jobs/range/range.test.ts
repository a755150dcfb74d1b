import { describe, expect, it, vi } from "vitest";
import type { JobRow, JobsPage } from "../api/job-schemas";
import { decodeRequest } from "../request/decode-request";
import { countByStatus, filterJobs, sortJobs } from "./local-view";
import { readRange } from "./read-range";

function job(i: number, extra: Partial<Extract<JobRow, { kind: "job" }>> = {}): JobRow {
  return {
    kind: "job",
    jobId: `job-${i}`,
    status: "FINISHED",
    startTime: 1_000_000 - i,
    owner: "li.na",
    progressText: "7/7",
    progress: { done: 7, total: 7 },
    durationSeconds: 100 + i,
    message: null,
    request: decodeRequest(null),
    ...extra,
  };
}

function rangeOf(total: number) {
  const all = Array.from({ length: total }, (_, i) => job(i));
  return vi.fn(
    async (offset: number, limit: number): Promise<JobsPage> => ({
      total,
      rows: all.slice(offset, offset + limit),
    }),
  );
}

describe("readRange", () => {
  it("reads every page with limit 100 and keeps DLI's order", async () => {
    const fetchPage = rangeOf(250);
    const progress: number[] = [];
    const result = await readRange({
      fetchPage,
      signal: new AbortController().signal,
      onProgress: ({ read }) => progress.push(read),
    });
    expect(fetchPage.mock.calls.map(([offset, limit]) => [offset, limit])).toEqual([
      [0, 100],
      [100, 100],
      [200, 100],
    ]);
    expect(result.rows.map((r) => r.jobId)).toEqual(
      Array.from({ length: 250 }, (_, i) => `job-${i}`),
    );
    expect(result).toMatchObject({ total: 250, capped: false });
    expect(progress.at(-1)).toBe(250);
  });

  it("stops at the cap and says so", async () => {
    const fetchPage = rangeOf(1000);
    const result = await readRange({ fetchPage, signal: new AbortController().signal, cap: 300 });
    expect(fetchPage).toHaveBeenCalledTimes(3);
    expect(result.rows).toHaveLength(300);
    expect(result).toMatchObject({ total: 1000, capped: true });
  });

  it("keeps no more than `concurrency` requests in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const inner = rangeOf(1000);
    await readRange({
      signal: new AbortController().signal,
      concurrency: 3,
      fetchPage: async (offset, limit) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await Promise.resolve();
        const page = await inner(offset, limit);
        inFlight--;
        return page;
      },
    });
    expect(most).toBe(3);
  });

  it("drops a job seen twice when new jobs pushed it down a page", async () => {
    const result = await readRange({
      signal: new AbortController().signal,
      fetchPage: async (offset) => ({
        total: 150,
        rows:
          offset === 0
            ? Array.from({ length: 100 }, (_, i) => job(i))
            : [job(99), ...Array.from({ length: 49 }, (_, i) => job(100 + i))],
      }),
    });
    expect(result.rows).toHaveLength(149);
    expect(new Set(result.rows.map((r) => r.jobId)).size).toBe(149);
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const fetchPage = rangeOf(1000);
    const reading = readRange({
      signal: controller.signal,
      concurrency: 1,
      fetchPage: async (offset, limit) => {
        if (offset === 100) controller.abort();
        return fetchPage(offset, limit);
      },
    });
    await expect(reading).rejects.toThrow();
    expect(fetchPage.mock.calls.length).toBeLessThan(4);
  });
});

describe("filterJobs", () => {
  const rows: JobRow[] = [
    job(1, { status: "FAILED", message: "OutOfMemoryError in BwaSpark" }),
    job(2, {
      status: "RUNNING",
      request: decodeRequest(
        JSON.stringify({
          tumor_sample_name: "HCC1143_tumor",
          inputs: [{ sample_type: "tumor", sample_inputs: ["s3a://genes/HCC1143_T.bam"] }],
          output: "s3a://out/run7.vcf",
        }),
      ),
    }),
    job(3, { owner: "Zhang.Wei" }),
    { kind: "malformed", index: 3, jobId: "bad-1", problems: ["start_time"] },
  ];

  it("filters by status", () => {
    expect(filterJobs(rows, { status: ["FAILED", "RUNNING"] }).map((r) => r.jobId)).toEqual([
      "job-1",
      "job-2",
    ]);
  });

  it("searches ids, owners, samples, paths and messages, ignoring case", () => {
    const find = (q: string) => filterJobs(rows, { q }).map((r) => r.jobId);
    expect(find("hcc1143")).toEqual(["job-2"]);
    expect(find("RUN7.VCF")).toEqual(["job-2"]);
    expect(find("outofmemory")).toEqual(["job-1"]);
    expect(find("zhang")).toEqual(["job-3"]);
    expect(find("JOB-3")).toEqual(["job-3"]);
    expect(find("bad-1")).toEqual(["bad-1"]);
    expect(find("nothing")).toEqual([]);
  });

  it("combines both, and returns everything with neither", () => {
    expect(filterJobs(rows, { status: ["FAILED"], q: "bwaspark" })).toHaveLength(1);
    expect(filterJobs(rows, { status: ["RUNNING"], q: "bwaspark" })).toHaveLength(0);
    expect(filterJobs(rows, {})).toHaveLength(4);
  });
});

describe("sortJobs", () => {
  const rows: JobRow[] = [
    { kind: "malformed", index: 0, jobId: null, problems: [] },
    job(1, { durationSeconds: 50, owner: "b", status: "FINISHED" }),
    job(2, { durationSeconds: 300, owner: "a", status: "FAILED" }),
    job(3, { durationSeconds: null, owner: null, status: "RUNNING" }),
  ];
  const ids = (sort: Parameters<typeof sortJobs>[1]) => sortJobs(rows, sort).map((r) => r.jobId);

  it("sorts each way, malformed last", () => {
    expect(ids("-started")).toEqual(["job-1", "job-2", "job-3", null]);
    expect(ids("started")).toEqual(["job-3", "job-2", "job-1", null]);
    expect(ids("-duration")).toEqual(["job-2", "job-1", "job-3", null]);
    expect(ids("duration")).toEqual(["job-3", "job-1", "job-2", null]);
    expect(ids("status")).toEqual(["job-3", "job-2", "job-1", null]);
    expect(ids("owner")).toEqual(["job-3", "job-2", "job-1", null]);
  });

  it("is stable", () => {
    const same = [job(1), job(2), job(3)];
    expect(sortJobs(same, "owner").map((r) => r.jobId)).toEqual(["job-1", "job-2", "job-3"]);
  });
});

describe("countByStatus", () => {
  it("counts jobs per status", () => {
    expect(
      Object.fromEntries(countByStatus([job(1), job(2, { status: "FAILED" }), job(3)])),
    ).toEqual({
      FINISHED: 2,
      FAILED: 1,
    });
  });
});
