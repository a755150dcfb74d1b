// What the overview's charts draw, as plain data: jobs started per day or hour by status, the
// lanes of one day's timeline, and histograms of finished jobs' durations. Pure functions over
// job rows; the components only draw what these return.
import { bin, bisectRight, group, quantileSorted } from "d3-array";
import { scaleLinear } from "d3-scale";
import { type CountableTimeInterval, timeDay, timeHour, utcDay, utcHour } from "d3-time";
import type { TimeZoneMode } from "../../../../contract/time-window";

/** One job as the charts need it; `startTime` in ms, `durationSeconds` as DLI reports it. */
export type ChartJob = {
  jobId: string;
  status: string;
  startTime: number;
  durationSeconds: number | null;
  reference?: string;
};

/** A span of time in ms, `start` included and `end` not (a day ends where the next begins). */
export type Span = { start: number; end: number };

// The statuses DLI documents and their tones, copied from STATUSES and statusTone() in
// src/contract/job-status.ts (chart-data.test.ts checks the copy agrees). Copied, not imported:
// the charts load on demand, and a lazy chunk importing a module the first bundle also has makes
// Rolldown split that bundle.
export const CHART_STATUSES = [
  "LAUNCHING",
  "RUNNING",
  "CANCELING",
  "FINISHED",
  "FAILED",
  "CANCELLED",
] as const;

/** A documented status, or "other" for any status DLI may add later. */
export type ChartStatus = (typeof CHART_STATUSES)[number] | "other";

/** The order of a stack (bottom up), a legend and a table's columns. */
export const CHART_STATUS_ORDER: readonly ChartStatus[] = [...CHART_STATUSES, "other"];

const TONES: Record<string, string> = {
  LAUNCHING: "active",
  RUNNING: "active",
  CANCELING: "waiting",
  FINISHED: "ok",
  FAILED: "bad",
  CANCELLED: "muted",
};

/** The status's tone (as statusTone() in job-status.ts): "ok", "bad", …, "unknown". */
export function chartTone(status: string): string {
  return TONES[status] ?? "unknown";
}

export function chartStatus(status: string): ChartStatus {
  return (CHART_STATUSES as readonly string[]).includes(status) ? (status as ChartStatus) : "other";
}

/** Still moving (isActive() in job-status.ts): its bar on a timeline runs up to now. */
export function isActiveStatus(status: string): boolean {
  return status === "LAUNCHING" || status === "RUNNING" || status === "CANCELING";
}

export type StatusCounts = Record<ChartStatus, number>;

function zeroCounts(): StatusCounts {
  return {
    LAUNCHING: 0,
    RUNNING: 0,
    CANCELING: 0,
    FINISHED: 0,
    FAILED: 0,
    CANCELLED: 0,
    other: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Jobs started per day or hour

export type BucketUnit = "day" | "hour";

/** A day or an hour of the viewer's zone (or UTC) and the jobs started in it, by status. */
export type StartBucket = Span & { counts: StatusCounts; total: number };

export type StartBuckets = {
  buckets: StartBucket[];
  /** Per status over all buckets. */
  totals: StatusCounts;
  total: number;
  /** Jobs whose start falls outside every bucket (not counted above). */
  outside: number;
};

/** Local days and hours are the zone's own: a clock-change day has 23 or 25 hours. */
export function bucketInterval(unit: BucketUnit, zone: TimeZoneMode): CountableTimeInterval {
  if (unit === "day") return zone === "utc" ? utcDay : timeDay;
  return zone === "utc" ? utcHour : timeHour;
}

/** More buckets than this (90 days is 2,160 hours) are never drawn. */
export const MAX_BUCKETS = 2_500;

const UNIT_MS: Record<BucketUnit, number> = { day: 86_400_000, hour: 3_600_000 };

/**
 * Counts the jobs started in each day (or hour) of `window`, by status. Every day of the window
 * has a bucket, empty ones too; a job started at a bucket's first millisecond is in that bucket.
 * The first and last buckets end at the window's edges. A window too long to draw (an open
 * start) begins at the first job's start instead.
 */
export function bucketStarts(
  jobs: readonly ChartJob[],
  window: Span,
  unit: BucketUnit,
  zone: TimeZoneMode,
): StartBuckets {
  const interval = bucketInterval(unit, zone);
  let from = window.start;
  const to = window.end;
  if ((to - from) / UNIT_MS[unit] > MAX_BUCKETS) {
    let first = Number.POSITIVE_INFINITY;
    for (const job of jobs)
      if (job.startTime >= from && job.startTime < first) first = job.startTime;
    from = Math.max(from, Math.min(first, to), to - MAX_BUCKETS * UNIT_MS[unit]);
  }
  const starts =
    to > from
      ? interval.range(interval.floor(new Date(from)), new Date(to)).map((d) => d.getTime())
      : [];
  // The first and last buckets are cut to the window (a "last 7 days" begins at this minute a
  // week ago): a bucket's link then opens exactly the jobs it counted.
  if (starts.length > 0) starts[0] = from;
  const buckets: StartBucket[] = starts.map((start, i) => ({
    start,
    end: Math.min(
      to,
      starts[i + 1] ?? interval.offset(interval.floor(new Date(start)), 1).getTime(),
    ),
    counts: zeroCounts(),
    total: 0,
  }));
  const totals = zeroCounts();
  let total = 0;
  let outside = 0;
  const first = starts[0] ?? 0;
  const last = buckets[buckets.length - 1]?.end ?? first;
  for (const job of jobs) {
    const t = job.startTime;
    if (!(t >= first && t < last)) {
      outside++;
      continue;
    }
    const bucket = buckets[bisectRight(starts, t) - 1] as StartBucket;
    const status = chartStatus(job.status);
    bucket.counts[status]++;
    bucket.total++;
    totals[status]++;
    total++;
  }
  return { buckets, totals, total, outside };
}

// ---------------------------------------------------------------------------------------------
// One day's timeline

export type TimelineBar = {
  job: ChartJob;
  /** When the job started and ended (now, while it is active); ms. */
  start: number;
  end: number;
  /** The part of it inside the day, as drawn. */
  from: number;
  to: number;
  lane: number;
  active: boolean;
};

export type Timeline = {
  /** In order of start. */
  bars: TimelineBar[];
  laneCount: number;
  /** Most jobs running at one instant of the day, and the first instant it happened. */
  peak: { count: number; at: number | null };
};

/** When a job ended: its start plus its duration, or now while it is still active. */
export function jobEnd(job: ChartJob, nowMs: number): number {
  if (isActiveStatus(job.status)) return Math.max(nowMs, job.startTime);
  return job.startTime + Math.max(0, job.durationSeconds ?? 0) * 1000;
}

/** A min-heap of numbers or [key, value] pairs ordered by key; enough for lane packing. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i] as T, items[parent] as T)) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.less(items[left] as T, items[smallest] as T))
          smallest = left;
        if (right < items.length && this.less(items[right] as T, items[smallest] as T))
          smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest] as T, items[i] as T];
        i = smallest;
      }
    }
    return top;
  }
}

/**
 * The jobs that ran during `day`, each on a lane: a job takes the lowest lane free when it
 * starts, so jobs that ran one after another share a lane (queueing) and jobs that overlapped
 * stack up (concurrency), in as few lanes as the overlaps allow. `minBarMs` is the time the
 * narrowest bar covers on screen and `gapMs` the space kept after a bar, so bars never touch.
 */
export function packLanes(
  jobs: readonly ChartJob[],
  day: Span,
  nowMs: number,
  { minBarMs = 0, gapMs = 0 }: { minBarMs?: number; gapMs?: number } = {},
): Timeline {
  const bars: TimelineBar[] = [];
  for (const job of jobs) {
    const start = job.startTime;
    const end = jobEnd(job, nowMs);
    // Ran during the day: a job that ended as the day began did not, one that took no time did.
    if (start >= day.end || end < day.start || (end === day.start && start < day.start)) continue;
    bars.push({
      job,
      start,
      end,
      from: Math.max(start, day.start),
      to: Math.min(end, day.end),
      lane: 0,
      active: isActiveStatus(job.status),
    });
  }
  bars.sort((a, b) => a.from - b.from || a.to - b.to || (a.job.jobId < b.job.jobId ? -1 : 1));

  const busy = new MinHeap<[number, number]>(
    (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]),
  );
  const free = new MinHeap<number>((a, b) => a < b);
  let laneCount = 0;
  for (const bar of bars) {
    while (busy.size > 0 && (busy.peek() as [number, number])[0] <= bar.from)
      free.push((busy.pop() as [number, number])[1]);
    const lane = free.size > 0 ? (free.pop() as number) : laneCount++;
    bar.lane = lane;
    busy.push([Math.max(bar.to, bar.from + minBarMs) + gapMs, lane]);
  }
  return { bars, laneCount, peak: peakConcurrency(bars) };
}

/** Most bars over one instant. A bar ending when another starts does not overlap it. */
function peakConcurrency(bars: readonly TimelineBar[]): Timeline["peak"] {
  // +1 where a bar starts, -1 where it ends; at the same instant ends come first. A job that
  // took no time is running for its one millisecond.
  const events: { t: number; delta: 1 | -1 }[] = [];
  for (const bar of bars) {
    events.push({ t: bar.from, delta: 1 }, { t: Math.max(bar.to, bar.from + 1), delta: -1 });
  }
  events.sort((a, b) => a.t - b.t || a.delta - b.delta);
  let running = 0;
  let peak: Timeline["peak"] = { count: 0, at: null };
  for (const { t, delta } of events) {
    running += delta;
    if (running > peak.count) peak = { count: running, at: t };
  }
  return peak;
}

// ---------------------------------------------------------------------------------------------
// Durations of finished jobs

export type DurationBin = { x0: number; x1: number; count: number };

export type DurationGroup = {
  /** null: jobs whose request names no reference. */
  reference: string | null;
  count: number;
  median: number;
  p90: number;
  /** The same bins for every group, so the small charts compare. Seconds. */
  bins: DurationBin[];
};

export type DurationHistograms = {
  groups: DurationGroup[];
  /** The x axis shared by every group, seconds: 0 to a round number past the longest job. */
  domain: [number, number];
  /** The unit the bins are round in: 1 (seconds), 60 (minutes) or 3,600 (hours). */
  unit: number;
  total: number;
};

/** Seconds, minutes or hours: the unit that makes round bins for durations up to `max`. */
function durationUnit(maxSeconds: number): number {
  if (maxSeconds >= 3 * 3600) return 3600;
  if (maxSeconds >= 3 * 60) return 60;
  return 1;
}

/** Round thresholds in the unit's terms (a bin of 10 min, not of 617 s), in seconds. */
export function durationTicks(domain: [number, number], unit: number, count: number): number[] {
  return scaleLinear()
    .domain([domain[0] / unit, domain[1] / unit])
    .ticks(count)
    .map((tick) => tick * unit);
}

/**
 * Histograms of FINISHED jobs' durations, one per reference (largest group first, then by
 * name; jobs without one under `reference: null`), with each group's median and 90th
 * percentile. Every group has the same bins: about `binCount` of them, on round durations.
 */
export function durationHistograms(
  jobs: readonly ChartJob[],
  { binCount = 20 }: { binCount?: number } = {},
): DurationHistograms {
  const finished = jobs.filter(
    (job) =>
      job.status === "FINISHED" &&
      job.durationSeconds !== null &&
      Number.isFinite(job.durationSeconds) &&
      job.durationSeconds >= 0,
  );
  let max = 0;
  for (const job of finished) max = Math.max(max, job.durationSeconds as number);
  const unit = durationUnit(max);
  const scale = scaleLinear()
    .domain([0, Math.max(max / unit, 1)])
    .nice(binCount);
  const domain: [number, number] = [0, (scale.domain()[1] as number) * unit];
  // Inner edges only: d3 gives a threshold at the domain's end a bin of no width of its own,
  // where the longest jobs would hide; without it the last bin holds its upper edge.
  const thresholds = durationTicks(domain, unit, binCount).filter((t) => t < domain[1]);
  const binner = bin<number, number>().domain(domain).thresholds(thresholds);

  const byReference = group(finished, (job) => job.reference?.trim() || null);
  const groups: DurationGroup[] = [...byReference].map(([reference, members]) => {
    const sorted = members.map((job) => job.durationSeconds as number).sort((a, b) => a - b);
    return {
      reference,
      count: sorted.length,
      median: quantileSorted(sorted, 0.5) ?? 0,
      p90: quantileSorted(sorted, 0.9) ?? 0,
      bins: binner(sorted).map((b) => ({
        x0: b.x0 ?? 0,
        x1: b.x1 ?? 0,
        count: b.length,
      })),
    };
  });
  groups.sort(
    (a, b) =>
      b.count - a.count ||
      (a.reference === null ? 1 : 0) - (b.reference === null ? 1 : 0) ||
      (a.reference ?? "").localeCompare(b.reference ?? ""),
  );
  return { groups, domain, unit, total: finished.length };
}
