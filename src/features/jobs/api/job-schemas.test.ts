import { describe, expect, it } from "vitest";
import { jobsPageSchema, parseJob } from "./job-schemas";

const goodJob = {
  job_id: "c0619372-983d-4861-9133-69a518fca074",
  owner: "h00251609",
  status: "RUNNING",
  progress: "6/7",
  start_time: 1540954644485,
  duration: 2770,
  message: null,
  request: '{"ref":"hg38"}',
};

describe("parseJob", () => {
  it("reads a documented job", () => {
    expect(parseJob(goodJob, 0)).toMatchObject({
      kind: "job",
      jobId: goodJob.job_id,
      status: "RUNNING",
      progress: { done: 6, total: 7 },
      durationSeconds: 2770,
      request: { kind: "json", value: { ref: "hg38" } },
    });
  });

  it("keeps unknown statuses and tolerates missing optional fields", () => {
    const row = parseJob({ job_id: "x", status: "SUSPENDED", start_time: 1 }, 0);
    expect(row).toMatchObject({
      kind: "job",
      status: "SUSPENDED",
      owner: null,
      progress: null,
      request: { kind: "missing" },
    });
  });

  it("turns a job it cannot use into a malformed row that says why", () => {
    const row = parseJob({ ...goodJob, start_time: "yesterday", status: 3 }, 4);
    expect(row.kind).toBe("malformed");
    if (row.kind !== "malformed") return;
    expect(row.index).toBe(4);
    expect(row.jobId).toBe(goodJob.job_id);
    expect(row.problems.join(" ")).toMatch(/start_time/);
    expect(row.problems.join(" ")).toMatch(/status/);
    expect(parseJob(null, 0)).toMatchObject({ kind: "malformed", jobId: null });
  });
});

describe("jobsPageSchema", () => {
  it("parses jobs one by one", () => {
    const page = jobsPageSchema(20).parse({ job_count: 70, jobs: [goodJob, { nope: true }] });
    expect(page.total).toBe(70);
    expect(page.rows.map((r) => r.kind)).toEqual(["job", "malformed"]);
  });

  it("keeps at most the jobs asked for, and counts the rest (issue 15)", () => {
    const jobs = Array.from({ length: 5_000 }, (_, i) => ({ ...goodJob, job_id: `j${i}` }));
    const page = jobsPageSchema(20).parse({ job_count: 5_000, jobs });
    expect(page.rows).toHaveLength(20);
    expect(page.rows[19]?.jobId).toBe("j19");
    expect(page.extraJobs).toBe(4_980);
    expect(jobsPageSchema(20).parse({ job_count: 2, jobs: jobs.slice(0, 2) }).extraJobs).toBe(
      undefined,
    );
  });

  it("rejects an envelope that is not the contract", () => {
    expect(jobsPageSchema(20).safeParse({ jobs: [] }).success).toBe(false);
    expect(jobsPageSchema(20).safeParse({ job_count: "70", jobs: [] }).success).toBe(false);
    expect(jobsPageSchema(20).safeParse("<html>").success).toBe(false);
  });
});
