import { describe, expect, it } from "vitest";
import { isActive, STATUSES, statusTone } from "../../../../contract/job-status";
import {
  bucketStarts,
  CHART_STATUSES,
  type ChartJob,
  chartTone,
  durationHistograms,
  isActiveStatus,
  jobEnd,
  packLanes,
} from "./chart-data";

// vitest.config.ts sets TZ=Asia/Shanghai (UTC+8). China kept summer time from 1986 to 1991,
// so 14 Apr 1991 had 23 hours there and 15 Sep 1991 had 25: the clock-change days below.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Local midnight (Asia/Shanghai in these tests) of a calendar day. */
function localDay(y: number, m: number, d: number): number {
  return new Date(y, m - 1, d).getTime();
}

let serial = 0;
function job(startTime: number, status = "FINISHED", extra: Partial<ChartJob> = {}): ChartJob {
  serial++;
  return { jobId: `job-${serial}`, status, startTime, durationSeconds: 600, ...extra };
}

describe("the charts' copy of the status rules", () => {
  it("agrees with src/contract/job-status.ts", () => {
    expect(CHART_STATUSES).toEqual(STATUSES);
    for (const status of [...STATUSES, "SUSPENDED", ""]) {
      expect(chartTone(status), status).toBe(statusTone(status));
      expect(isActiveStatus(status), status).toBe(isActive(status));
    }
  });
});

describe("bucketStarts", () => {
  const week = { start: localDay(2026, 11, 22), end: localDay(2026, 11, 29) };

  it("gives every day of the window a bucket, with nothing counted when there are no jobs", () => {
    const { buckets, total, totals, outside } = bucketStarts([], week, "day", "local");
    expect(buckets.map((b) => new Date(b.start).getDate())).toEqual([22, 23, 24, 25, 26, 27, 28]);
    expect(buckets.every((b, i) => b.end === (buckets[i + 1]?.start ?? week.end))).toBe(true);
    expect(buckets.every((b) => b.total === 0)).toBe(true);
    expect(total).toBe(0);
    expect(Object.values(totals).every((n) => n === 0)).toBe(true);
    expect(outside).toBe(0);
  });

  it("counts a job started at midnight in the new day, and one a millisecond earlier in the old", () => {
    const midnight = localDay(2026, 11, 28);
    const { buckets } = bucketStarts(
      [job(midnight, "FAILED"), job(midnight - 1, "FAILED"), job(midnight + 5 * HOUR)],
      week,
      "day",
      "local",
    );
    const [nov27, nov28] = buckets.slice(5);
    expect(nov27).toMatchObject({ start: midnight - DAY, end: midnight, total: 1 });
    expect(nov27?.counts.FAILED).toBe(1);
    expect(nov28).toMatchObject({ start: midnight, total: 2 });
    expect(nov28?.counts).toMatchObject({ FAILED: 1, FINISHED: 1 });
  });

  it("stacks by status, with statuses DLI may add later under other", () => {
    const at = localDay(2026, 11, 25) + 10 * HOUR;
    const jobs = ["RUNNING", "FAILED", "FAILED", "CANCELING", "SUSPENDED", "FINISHED"].map((s) =>
      job(at, s),
    );
    const { buckets, totals, total } = bucketStarts(jobs, week, "day", "local");
    expect(buckets[3]?.counts).toEqual({
      LAUNCHING: 0,
      RUNNING: 1,
      CANCELING: 1,
      FINISHED: 1,
      FAILED: 2,
      CANCELLED: 0,
      other: 1,
    });
    expect(totals).toEqual(buckets[3]?.counts);
    expect(total).toBe(6);
  });

  it("puts a job on the day of the chosen zone: 01:00 in Shanghai is the day before in UTC", () => {
    const at = localDay(2026, 11, 28) + HOUR; // 2026-11-27T17:00Z
    const utcWeek = { start: Date.UTC(2026, 10, 22), end: Date.UTC(2026, 10, 29) };
    const local = bucketStarts([job(at)], week, "day", "local");
    const utc = bucketStarts([job(at)], utcWeek, "day", "utc");
    expect(new Date(local.buckets.find((b) => b.total)?.start ?? 0).getDate()).toBe(28);
    expect(new Date(utc.buckets.find((b) => b.total)?.start ?? 0).getUTCDate()).toBe(27);
    expect(utc.buckets[0]?.start).toBe(Date.UTC(2026, 10, 22));
  });

  it("gives a spring-forward day 23 hours and an autumn day 25, by day and by hour", () => {
    const spring = { start: localDay(1991, 4, 13), end: localDay(1991, 4, 16) };
    const days = bucketStarts([], spring, "day", "local").buckets;
    expect(days.map((b) => (b.end - b.start) / HOUR)).toEqual([24, 23, 24]);
    const springHours = bucketStarts(
      [],
      { start: localDay(1991, 4, 14), end: localDay(1991, 4, 15) },
      "hour",
      "local",
    ).buckets;
    expect(springHours).toHaveLength(23);
    // The clock jumps from 02:00 to 03:00: no bucket is named 02:00.
    expect(springHours.map((b) => new Date(b.start).getHours())).not.toContain(2);

    const autumn = { start: localDay(1991, 9, 15), end: localDay(1991, 9, 16) };
    const autumnDay = bucketStarts([], autumn, "day", "local").buckets;
    expect(autumnDay.map((b) => (b.end - b.start) / HOUR)).toEqual([25]);
    // 01:30 summer time and 01:30 standard time, an hour apart, are two buckets named 01:00.
    const firstHalfPast = new Date(1991, 8, 15, 1, 30).getTime();
    const jobs = [job(firstHalfPast), job(firstHalfPast + HOUR)];
    const hours = bucketStarts(jobs, autumn, "hour", "local").buckets;
    expect(hours).toHaveLength(25);
    const counted = hours.filter((b) => b.total === 1);
    expect(counted.map((b) => new Date(b.start).getHours())).toEqual([1, 1]);
    expect(counted[1]?.start).toBe((counted[0]?.start ?? 0) + HOUR);
  });

  it("cuts the first and last buckets to the window, so a bucket counts what its link opens", () => {
    const window = { start: localDay(2026, 11, 21) + 14 * HOUR + 23 * 60_000, end: week.end };
    const jobs = [job(window.start - 1), job(window.start), job(window.end - 1), job(window.end)];
    const { buckets, total, outside } = bucketStarts(jobs, window, "day", "local");
    expect(buckets).toHaveLength(8);
    expect(buckets[0]).toMatchObject({ start: window.start, end: localDay(2026, 11, 22) });
    expect(buckets[0]?.total).toBe(1);
    expect(buckets[7]).toMatchObject({ start: localDay(2026, 11, 28), end: window.end, total: 1 });
    expect(total).toBe(2);
    expect(outside).toBe(2);
  });

  it("starts an open-ended window at the first job rather than drawing every day since 1970", () => {
    const first = localDay(2026, 11, 26) + 9 * HOUR;
    const { buckets, total } = bucketStarts(
      [job(first), job(first + DAY)],
      { start: 0, end: week.end },
      "day",
      "local",
    );
    expect(buckets.map((b) => new Date(b.start).getDate())).toEqual([26, 27, 28]);
    expect(buckets[0]?.start).toBe(first);
    expect(total).toBe(2);
  });
});

describe("packLanes", () => {
  const day = { start: localDay(2026, 11, 28), end: localDay(2026, 11, 29) };
  const at = (h: number, min = 0) => day.start + h * HOUR + min * 60_000;
  const lasting = (start: number, minutes: number, status = "FINISHED") =>
    job(start, status, { durationSeconds: minutes * 60 });

  it("has nothing to draw for no jobs", () => {
    expect(packLanes([], day, at(12))).toEqual({
      bars: [],
      laneCount: 0,
      peak: { count: 0, at: null },
    });
  });

  it("puts jobs that ran one after another on one lane, and jobs that overlapped on more", () => {
    const queued = [lasting(at(1), 60), lasting(at(2), 60), lasting(at(3), 30)];
    const together = [lasting(at(10), 120), lasting(at(10, 30), 60), lasting(at(11), 30)];
    const { bars, laneCount, peak } = packLanes([...together, ...queued], day, at(23));
    expect(bars.map((b) => [b.job.jobId, b.lane])).toEqual([
      [queued[0]?.jobId, 0],
      [queued[1]?.jobId, 0],
      [queued[2]?.jobId, 0],
      [together[0]?.jobId, 0],
      [together[1]?.jobId, 1],
      [together[2]?.jobId, 2],
    ]);
    expect(laneCount).toBe(3);
    expect(peak).toEqual({ count: 3, at: at(11) });
  });

  it("reuses the lowest lane that is free, so lanes fill from the top", () => {
    const jobs = [
      lasting(at(8), 60), // lane 0 until 09:00
      lasting(at(8, 10), 180), // lane 1 until 11:10
      lasting(at(8, 20), 30), // lane 2 until 08:50
      lasting(at(9, 30), 10), // lanes 0 and 2 free: takes 0
      lasting(at(9, 35), 10), // lane 2
    ];
    expect(packLanes(jobs, day, at(23)).bars.map((b) => b.lane)).toEqual([0, 1, 2, 0, 2]);
  });

  it("runs an active job's bar up to now, whatever duration DLI reported so far", () => {
    const running = job(at(9), "RUNNING", { durationSeconds: 60 });
    const canceling = job(at(7), "CANCELING", { durationSeconds: 3_600 });
    const { bars } = packLanes([running, canceling], day, at(12));
    expect(bars.map((b) => [b.job.status, b.end, b.active])).toEqual([
      ["CANCELING", at(12), true],
      ["RUNNING", at(12), true],
    ]);
    expect(jobEnd(job(at(9), "FAILED", { durationSeconds: null }), at(12))).toBe(at(9));
  });

  it("cuts a job that crossed midnight to the day, and leaves out one that ended as it began", () => {
    const overnight = lasting(day.start - 2 * HOUR, 180);
    const endedAtMidnight = lasting(day.start - HOUR, 60);
    const instantAtMidnight = lasting(day.start, 0);
    const startsTomorrow = lasting(day.end, 10);
    const { bars } = packLanes(
      [overnight, endedAtMidnight, instantAtMidnight, startsTomorrow],
      day,
      day.end + DAY,
    );
    expect(bars.map((b) => b.job.jobId)).toEqual([instantAtMidnight.jobId, overnight.jobId]);
    expect(bars[1]).toMatchObject({ start: day.start - 2 * HOUR, from: day.start, to: at(1) });
  });

  it("does not count jobs that touch as running together", () => {
    const { peak, laneCount } = packLanes(
      [lasting(at(1), 60), lasting(at(2), 60), lasting(at(3), 0)],
      day,
      at(23),
    );
    expect(peak.count).toBe(1);
    expect(laneCount).toBe(1);
  });

  it("counts overlaps right when durations have fractions of a second", () => {
    const jobs = [
      lasting(at(1), 60 + 0.5 / 60), // until 02:00:00.5
      lasting(at(1, 30), 30 + 0.25 / 60), // until 02:00:00.25
      lasting(at(2), 1),
    ];
    expect(packLanes(jobs, day, at(23)).peak).toEqual({ count: 3, at: at(2) });
  });

  it("keeps bars apart on screen: a bar's least width and the gap after it hold its lane", () => {
    // At 1 px = 1 min, three instant jobs a minute apart would be drawn on top of each other.
    const jobs = [lasting(at(6), 0), lasting(at(6, 1), 0), lasting(at(6, 2), 0)];
    expect(packLanes(jobs, day, at(23)).laneCount).toBe(1);
    const spaced = packLanes(jobs, day, at(23), { minBarMs: 3 * 60_000, gapMs: 2 * 60_000 });
    expect(spaced.bars.map((b) => b.lane)).toEqual([0, 1, 2]);
  });
});

describe("durationHistograms", () => {
  const finished = (minutes: number, reference?: string) =>
    job(0, "FINISHED", { durationSeconds: minutes * 60, ...(reference ? { reference } : {}) });

  it("draws nothing for no finished jobs, on an axis that is still an axis", () => {
    const result = durationHistograms([
      job(0, "FAILED"),
      job(0, "RUNNING"),
      job(0, "FINISHED", { durationSeconds: null }),
    ]);
    expect(result.groups).toEqual([]);
    expect(result.total).toBe(0);
    expect(result.domain[1]).toBeGreaterThan(0);
  });

  it("groups finished jobs by reference, the largest first, with their median and 90th percentile", () => {
    const jobs = [
      ...[10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((min) => finished(min, "hg38")),
      ...[30, 40].map((min) => finished(min, "GRCh37")),
      finished(5, "  "),
      finished(7),
      job(0, "FAILED", { durationSeconds: 9_999, reference: "hg38" }),
    ];
    const { groups, total, unit } = durationHistograms(jobs);
    expect(total).toBe(14);
    expect(unit).toBe(60);
    expect(groups.map((g) => [g.reference, g.count])).toEqual([
      ["hg38", 10],
      ["GRCh37", 2],
      [null, 2],
    ]);
    // d3's quantile interpolates: the median of 10…100 min is 55 min, the 90th percentile 91.
    expect(groups[0]).toMatchObject({ median: 55 * 60, p90: 91 * 60 });
    expect(groups[1]).toMatchObject({ median: 35 * 60, p90: 39 * 60 });
  });

  it("bins every group alike on round durations, a job on a bin's edge in the bin it opens", () => {
    const jobs = [finished(0, "a"), finished(10, "a"), finished(10, "b"), finished(100, "b")];
    const { groups, domain } = durationHistograms(jobs, { binCount: 10 });
    expect(domain).toEqual([0, 100 * 60]);
    const [a, b] = groups;
    expect(a?.bins.map((x) => [x.x0, x.x1])).toEqual(b?.bins.map((x) => [x.x0, x.x1]));
    expect(a?.bins.map((x) => x.x1 - x.x0)).toEqual(Array(10).fill(600));
    // 10 min opens the second bin; the longest job is in the last bin, not past it.
    expect(a?.bins.map((x) => x.count)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(b?.bins.map((x) => x.count)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("counts in hours when jobs take hours, and in seconds when they take seconds", () => {
    expect(durationHistograms([finished(5 * 60)]).unit).toBe(3_600);
    expect(durationHistograms([finished(0.5)]).unit).toBe(1);
  });
});

describe("20,000 jobs", () => {
  it("are bucketed, packed and binned in well under a frame budget each", () => {
    const start = localDay(2026, 10, 30);
    const statuses = [...STATUSES, "SUSPENDED"];
    const jobs: ChartJob[] = Array.from({ length: 20_000 }, (_, i) => ({
      jobId: `job-${i}`,
      status: statuses[i % statuses.length] as string,
      // Spread over 30 days, a little unevenly.
      startTime: start + Math.floor(((i * 7919) % 20_000) * ((30 * DAY) / 20_000)),
      durationSeconds: 600 + ((i * 104_729) % 20_000),
      reference: ["hg38", "hg19", "GRCh37", ""][i % 4] as string,
    }));
    const window = { start, end: start + 30 * DAY };
    const oneDay = { start: start + 10 * DAY, end: start + 11 * DAY };
    // Once to warm up the JIT, then measured.
    bucketStarts(jobs, window, "day", "local");
    packLanes(jobs, oneDay, window.end);
    durationHistograms(jobs);
    const t0 = performance.now();
    const days = bucketStarts(jobs, window, "day", "local");
    const hours = bucketStarts(jobs, window, "hour", "utc");
    const t1 = performance.now();
    const lanes = packLanes(jobs, oneDay, window.end, { minBarMs: 60_000, gapMs: 30_000 });
    const t2 = performance.now();
    const histograms = durationHistograms(jobs);
    const t3 = performance.now();
    expect(days.total).toBe(20_000);
    expect(hours.buckets).toHaveLength(30 * 24);
    expect(hours.total).toBe(20_000);
    expect(lanes.bars.length).toBeGreaterThan(600);
    expect(histograms.groups).toHaveLength(4);
    // Measured at about 12, 20 and 6 ms on a shared two-core machine (the day holds some 3,700
    // bars: every active job since the first runs through it); the bounds leave room for load.
    expect(t1 - t0).toBeLessThan(100);
    expect(t2 - t1).toBeLessThan(100);
    expect(t3 - t2).toBeLessThan(100);
  });
});
