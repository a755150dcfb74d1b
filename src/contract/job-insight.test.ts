import { describe, expect, it } from "vitest";
import {
  attentionFlags,
  durationBaselines,
  type InsightJob,
  median,
  needsAttention,
  percentile,
  summarizeJobs,
  timeLeft,
} from "./job-insight";

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
let serial = 0;

function job(over: Partial<InsightJob> = {}): InsightJob {
  serial++;
  return {
    jobId: `job-${serial}`,
    jobType: "DNA_SOMATIC",
    status: "FINISHED",
    startTime: NOW - 24 * HOUR,
    durationSeconds: 3600,
    progress: { done: 7, total: 7 },
    message: null,
    reference: "hg38",
    fileType: "FASTQ",
    samples: ["T1_tumor", "T1_normal"],
    ...over,
  };
}

/** `count` finished jobs of one kind taking these many minutes, in turn. */
function finished(minutes: readonly number[], over: Partial<InsightJob> = {}): InsightJob[] {
  return minutes.map((m) => job({ durationSeconds: m * 60, ...over }));
}

/** A job of status `status` started `minutesAgo` before NOW. */
function started(status: string, minutesAgo: number, over: Partial<InsightJob> = {}) {
  return job({
    status,
    startTime: NOW - minutesAgo * MIN,
    durationSeconds: null,
    progress: null,
    ...over,
  });
}

describe("percentile", () => {
  it("interpolates between ranks as d3.quantile does", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // (n−1)·p: 9·0.5 = 4.5 → between 5 and 6; 9·0.9 = 8.1 → 9 + 0.1; 9·0.25 = 2.25 → 3.25.
    expect(percentile(values, 0.5)).toBe(5.5);
    expect(percentile(values, 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile(values, 0.25)).toBe(3.25);
    expect(percentile(values, 0.95)).toBeCloseTo(9.55, 10);
    expect(percentile([10, 20, 40], 0.75)).toBe(30);
  });

  it("clamps p and handles tiny inputs", () => {
    expect(percentile([3, 8], 0)).toBe(3);
    expect(percentile([3, 8], -1)).toBe(3);
    expect(percentile([3, 8], 1)).toBe(8);
    expect(percentile([3, 8], 2)).toBe(8);
    expect(percentile([42], 0.9)).toBe(42);
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([1, 2], Number.NaN)).toBeNull();
  });

  it("median of an odd and an even count", () => {
    expect(median([1, 4, 9])).toBe(4);
    expect(median([1, 4, 9, 10])).toBe(6.5);
    expect(median([])).toBeNull();
  });
});

describe("summarizeJobs", () => {
  it("counts per status, the success rate of ended jobs and finished durations", () => {
    const jobs = [
      ...finished([10, 20, 30, 40]),
      job({ status: "FINISHED", durationSeconds: null }),
      job({ status: "FAILED", durationSeconds: 999_999 }),
      job({ status: "CANCELLED" }),
      started("RUNNING", 5),
      started("SUSPENDED", 5),
    ];
    const summary = summarizeJobs(jobs);
    expect(summary).toEqual({
      total: 9,
      byStatus: { FINISHED: 5, FAILED: 1, CANCELLED: 1, RUNNING: 1, SUSPENDED: 1 },
      endedCount: 7,
      finishedCount: 5,
      successRate: 5 / 7,
      // Of 600, 1200, 1800, 2400 s: the null duration and the failed job's are not counted.
      medianSeconds: 1500,
      // (n−1)·0.9 = 2.7: 1800 + 0.7·600.
      p90Seconds: expect.closeTo(2220, 6),
    });
  });

  it("has no rate or durations when nothing has ended", () => {
    const summary = summarizeJobs([started("RUNNING", 1), started("LAUNCHING", 1)]);
    expect(summary.successRate).toBeNull();
    expect(summary.medianSeconds).toBeNull();
    expect(summary.p90Seconds).toBeNull();
    expect(summarizeJobs([]).total).toBe(0);
  });

  it("counts a status named __proto__ as a status", () => {
    const summary = summarizeJobs([started("__proto__", 1), started("__proto__", 1)]);
    expect(Object.getOwnPropertyDescriptor(summary.byStatus, "__proto__")?.value).toBe(2);
    expect(Object.getPrototypeOf(summary.byStatus)).toBe(Object.prototype);
  });

  it("ignores durations that are not a usable number", () => {
    const summary = summarizeJobs([
      ...finished([10]),
      job({ durationSeconds: Number.NaN }),
      job({ durationSeconds: -5 }),
      job({ durationSeconds: Number.POSITIVE_INFINITY }),
    ]);
    expect(summary.medianSeconds).toBe(600);
    expect(summary.finishedCount).toBe(4);
  });
});

describe("durationBaselines", () => {
  const minutes = (n: number) => Array.from({ length: n }, (_, i) => 60 + i);

  it("uses the kind's own baseline from ten finished jobs", () => {
    const baselines = durationBaselines([
      ...finished(minutes(10)),
      ...finished(
        minutes(30).map((m) => m * 3),
        { fileType: "BAM" },
      ),
    ]);
    const baseline = baselines.for({
      jobType: "DNA_SOMATIC",
      reference: "hg38",
      fileType: "FASTQ",
    });
    expect(baseline).toMatchObject({
      scope: "kind",
      jobType: "DNA_SOMATIC",
      reference: "hg38",
      fileType: "FASTQ",
      count: 10,
      // 60..69 minutes: (n−1)·p over 9 ranks.
      medianSeconds: 64.5 * 60,
      p25Seconds: 62.25 * 60,
      p75Seconds: 66.75 * 60,
    });
    expect(baseline?.p95Seconds).toBeCloseTo(68.55 * 60, 6);
  });

  it("falls back to the job type with nine", () => {
    const baselines = durationBaselines([
      ...finished(minutes(9)),
      ...finished([200, 200, 200], { fileType: "BAM" }),
    ]);
    const baseline = baselines.for({
      jobType: "DNA_SOMATIC",
      reference: "hg38",
      fileType: "FASTQ",
    });
    expect(baseline).toMatchObject({ scope: "type", jobType: "DNA_SOMATIC", count: 12 });
    expect(baseline).not.toHaveProperty("reference");
    expect(baseline).not.toHaveProperty("fileType");
  });

  it("has none for a type with fewer than three finished jobs", () => {
    const baselines = durationBaselines([
      ...finished([60, 70], { jobType: "DNA_GERMLINE" }),
      ...finished([60, 70, 80]),
    ]);
    expect(baselines.for({ jobType: "DNA_GERMLINE" })).toBeNull();
    expect(baselines.for({ jobType: "DNA_SOMATIC" })).toMatchObject({ scope: "type", count: 3 });
    expect(baselines.for({ jobType: "SOMETHING_ELSE" })).toBeNull();
  });

  it("counts only FINISHED jobs with a usable duration, and folds case", () => {
    const baselines = durationBaselines([
      ...finished(minutes(5)),
      ...finished(minutes(5), { reference: "HG38", fileType: "fastq" }),
      job({ status: "FINISHED", durationSeconds: null }),
      job({ status: "FAILED", durationSeconds: 60 }),
      job({ status: "SUSPENDED", durationSeconds: 60 }),
      job({ status: "RUNNING", durationSeconds: 60 }),
    ]);
    expect(
      baselines.for({ jobType: "DNA_SOMATIC", reference: "hg38", fileType: "FASTQ" }),
    ).toMatchObject({ scope: "kind", count: 10 });
  });
});

describe("attentionFlags", () => {
  // Ten finished hg38 FASTQ somatic jobs of 100..190 minutes: p95 = 100 + 9·0.95·10 = 185.5 min.
  const history = finished([100, 110, 120, 130, 140, 150, 160, 170, 180, 190]);
  const baselines = durationBaselines(history);
  const p95 = 185.5;

  it("running longer than the baseline's p95 is slow, with the figures", () => {
    expect(attentionFlags(started("RUNNING", p95 - 1), baselines, NOW)).toEqual([]);
    const flags = attentionFlags(started("RUNNING", p95 + 1), baselines, NOW);
    expect(flags).toEqual([
      {
        kind: "slow",
        runningSeconds: (p95 + 1) * 60,
        baseline: expect.objectContaining({
          scope: "kind",
          count: 10,
          p95Seconds: expect.closeTo(p95 * 60, 6),
        }),
      },
    ]);
  });

  it("is never slow without a baseline", () => {
    const germline = started("RUNNING", 10_000, { jobType: "DNA_GERMLINE" });
    expect(attentionFlags(germline, baselines, NOW)).toEqual([]);
  });

  it("launching more than 15 minutes", () => {
    expect(attentionFlags(started("LAUNCHING", 15), baselines, NOW)).toEqual([]);
    expect(attentionFlags(started("LAUNCHING", 16), baselines, NOW)).toEqual([
      { kind: "launching", forSeconds: 16 * 60 },
    ]);
  });

  it("cancelling more than 10 minutes, from when the cancel began", () => {
    // Ran 60 minutes, then cancelled: the duration stops when the cancel began.
    const canceling = (minutesAgo: number) =>
      started("CANCELING", minutesAgo, { durationSeconds: 60 * 60 });
    expect(attentionFlags(canceling(70), baselines, NOW)).toEqual([]);
    expect(attentionFlags(canceling(71), baselines, NOW)).toEqual([
      { kind: "canceling", forSeconds: 11 * 60 },
    ]);
  });

  it("active past its own expect_time", () => {
    const running = (minutesAgo: number) =>
      started("RUNNING", minutesAgo, { jobType: "DNA_GERMLINE", expectTimeHours: 2 });
    expect(attentionFlags(running(120), baselines, NOW)).toEqual([]);
    expect(attentionFlags(running(121), baselines, NOW)).toEqual([
      { kind: "past-expect", runningSeconds: 121 * 60, expectHours: 2 },
    ]);
    // Ended jobs are not flagged, whatever their age; nor nonsense expect times.
    const old = (status: string, expectTimeHours: number) =>
      started(status, 10_000, { jobType: "DNA_GERMLINE", expectTimeHours });
    expect(attentionFlags(old("FAILED", 2), baselines, NOW)).toEqual([]);
    expect(attentionFlags(old("RUNNING", 0), baselines, NOW)).toEqual([]);
    expect(attentionFlags(old("RUNNING", Number.NaN), baselines, NOW)).toEqual([]);
  });

  it("gives every flag that applies, the most urgent first", () => {
    const flags = attentionFlags(
      started("RUNNING", 300, { expectTimeHours: 4 }),
      baselines,
      NOW,
    ).map((f) => f.kind);
    expect(flags).toEqual(["past-expect", "slow"]);
  });

  it("ignores unknown statuses and a start in the future", () => {
    expect(attentionFlags(started("SUSPENDED", 10_000), baselines, NOW)).toEqual([]);
    expect(attentionFlags(started("RUNNING", -60), baselines, NOW)).toEqual([]);
  });
});

describe("timeLeft", () => {
  const history = finished([100, 110, 120, 130, 140, 150, 160, 170, 180, 190]);
  const baselines = durationBaselines(history);
  const left = (minutesAgo: number, over: Partial<InsightJob> = {}) =>
    timeLeft(started("RUNNING", minutesAgo, over), baselines, NOW);

  it("at the start, the baseline's p25..p75", () => {
    // p25 = 122.5 min, p75 = 167.5 min.
    expect(left(0)).toEqual({ lowSeconds: 122.5 * 60, highSeconds: 167.5 * 60 });
    expect(left(30)).toEqual({ lowSeconds: 92.5 * 60, highSeconds: 137.5 * 60 });
  });

  it("later, from the finished jobs that ran at least as long, never negative", () => {
    // Past 150 min only 150..190 are left: p25 = 160, p75 = 180.
    expect(left(150)).toEqual({ lowSeconds: 10 * 60, highSeconds: 30 * 60 });
    for (let minutes = 0; minutes <= 185; minutes += 5) {
      const range = left(minutes);
      expect(range, `${minutes} min`).not.toBeNull();
      expect(range?.lowSeconds).toBeGreaterThanOrEqual(0);
      expect(range?.highSeconds).toBeGreaterThanOrEqual(range?.lowSeconds ?? 0);
    }
  });

  it("is null past the p95 (the job is flagged slow then), for other statuses and no baseline", () => {
    expect(left(185)).not.toBeNull();
    expect(left(186)).toBeNull();
    expect(timeLeft(started("LAUNCHING", 0), baselines, NOW)).toBeNull();
    expect(timeLeft(job(), baselines, NOW)).toBeNull();
    expect(left(10, { jobType: "DNA_GERMLINE" })).toBeNull();
  });

  it("narrows the range by the job's own progress when the two agree", () => {
    // 60 min in, at step 4 of 7: between 3 and 4 steps done, so 45..80 min left at that pace;
    // history alone says 62.5..107.5 min.
    expect(left(60)).toEqual({ lowSeconds: 62.5 * 60, highSeconds: 107.5 * 60 });
    expect(left(60, { progress: { done: 4, total: 7 } })).toEqual({
      lowSeconds: 62.5 * 60,
      highSeconds: 80 * 60,
    });
    // At step 1 of 7 after 60 min the pace says ≥ 360 min left: no overlap, history stands.
    expect(left(60, { progress: { done: 1, total: 7 } })).toEqual({
      lowSeconds: 62.5 * 60,
      highSeconds: 107.5 * 60,
    });
  });
});

describe("needsAttention", () => {
  it("lists only flagged jobs, the most urgent first", () => {
    const jobs = [
      ...finished([100, 110, 120, 130, 140, 150, 160, 170, 180, 190]),
      started("RUNNING", 60, { jobId: "fine" }),
      started("RUNNING", 200, { jobId: "slow" }),
      started("RUNNING", 300, { jobId: "slower" }),
      started("RUNNING", 90, { jobId: "overdue", expectTimeHours: 1 }),
      started("LAUNCHING", 20, { jobId: "launching" }),
      started("CANCELING", 45, { jobId: "canceling", durationSeconds: 60 }),
      started("LAUNCHING", 5, { jobId: "just-launched" }),
      job({ jobId: "failed", status: "FAILED", startTime: NOW - 1000 * MIN }),
    ];
    const result = needsAttention(jobs, NOW);
    expect(result.map((entry) => entry.job.jobId)).toEqual([
      "launching",
      "canceling",
      "overdue",
      "slower",
      "slow",
    ]);
    expect(result[2]?.flags.map((f) => f.kind)).toEqual(["past-expect"]);
  });

  it("is empty for no jobs", () => {
    expect(needsAttention([], NOW)).toEqual([]);
  });
});
