// Insight over job rows: the overview's summary, the duration baselines of finished jobs, the
// flags of jobs that look stuck or slow, and the time left of running ones. Pure functions over
// plain rows, shared by the browser (overview, list rows, drawer) and the server's notification
// watcher, so a job is flagged the same everywhere. Part of src/contract/: imports only its own
// modules. Flags are data, not words: the UI words them in two languages, the server in English.

import { isActive, isEnded, stuckFor } from "./job-status";

/** One job as the insight functions read it (the browser maps its `Job` to this; so does the server). */
export type InsightJob = {
  jobId: string;
  /** "DNA_SOMATIC" | "DNA_GERMLINE" */
  jobType: string;
  /** DLI's status, possibly one it has not documented. */
  status: string;
  /** ms since epoch */
  startTime: number;
  durationSeconds: number | null;
  /** "6/7" parsed: DLI's step k of n. */
  progress: { done: number; total: number } | null;
  /** DLI's failure message. */
  message: string | null;
  /** request.ref, e.g. "hg38" */
  reference?: string;
  /** request.file_type, e.g. "FASTQ" / "BAM" */
  fileType?: string;
  /** request.expect_time, hours */
  expectTimeHours?: number;
  /** Sample names: tumor and normal, or the germline samples. */
  samples: readonly string[];
};

// ---------------------------------------------------------------------------------------------
// Percentiles

/**
 * The p-quantile (0 ≤ p ≤ 1) of ascending `sortedValues`, interpolating linearly between the two
 * nearest ranks as d3.quantileSorted does; null for no values or a p that is not a number.
 */
export function percentile(sortedValues: ArrayLike<number>, p: number): number | null {
  const n = sortedValues.length;
  if (n === 0 || Number.isNaN(p)) return null;
  if (p <= 0 || n < 2) return sortedValues[0] as number;
  if (p >= 1) return sortedValues[n - 1] as number;
  const i = (n - 1) * p;
  const i0 = Math.floor(i);
  const v0 = sortedValues[i0] as number;
  const v1 = sortedValues[i0 + 1] as number;
  return v0 + (v1 - v0) * (i - i0);
}

/** The median of ascending `sortedValues`; null for none. */
export function median(sortedValues: ArrayLike<number>): number | null {
  return percentile(sortedValues, 0.5);
}

/** A duration DLI sent that can be counted: a finite number of seconds, not negative. */
function usableDuration(seconds: number | null): seconds is number {
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0;
}

function ascending(values: number[]): Float64Array {
  // A typed array sorts numerically, and faster than Array#sort with a comparator.
  return Float64Array.from(values).sort();
}

// ---------------------------------------------------------------------------------------------
// Summary

export type JobSummary = {
  total: number;
  /** Every status seen, documented or not. */
  byStatus: Record<string, number>;
  /** FINISHED + FAILED + CANCELLED */
  endedCount: number;
  finishedCount: number;
  /** FINISHED / (FINISHED + FAILED + CANCELLED); null when none has ended. */
  successRate: number | null;
  /** Of FINISHED jobs with a duration; null when there are none. */
  medianSeconds: number | null;
  p90Seconds: number | null;
};

export function summarizeJobs(jobs: readonly InsightJob[]): JobSummary {
  // A Map, then fromEntries: a status named "__proto__" is counted, not set as a prototype.
  const counts = new Map<string, number>();
  const finishedDurations: number[] = [];
  let ended = 0;
  let finished = 0;
  for (const job of jobs) {
    counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
    if (isEnded(job.status)) ended++;
    if (job.status === "FINISHED") {
      finished++;
      if (usableDuration(job.durationSeconds)) finishedDurations.push(job.durationSeconds);
    }
  }
  const sorted = ascending(finishedDurations);
  return {
    total: jobs.length,
    byStatus: Object.fromEntries(counts),
    endedCount: ended,
    finishedCount: finished,
    successRate: ended > 0 ? finished / ended : null,
    medianSeconds: median(sorted),
    p90Seconds: percentile(sorted, 0.9),
  };
}

// ---------------------------------------------------------------------------------------------
// Duration baselines

/** How long finished jobs like this one took: of the same kind, or of the same type. */
export type Baseline = {
  /** "kind": same job type, reference and file type; "type": same job type only. */
  scope: "kind" | "type";
  jobType: string;
  reference?: string;
  fileType?: string;
  /** Finished jobs with a duration it is computed from. */
  count: number;
  medianSeconds: number;
  p25Seconds: number;
  p75Seconds: number;
  p95Seconds: number;
};

/** What makes two jobs "of the same kind". */
type KindFields = Pick<InsightJob, "jobType" | "reference" | "fileType">;

export type DurationBaselines = {
  /** The baseline a job is compared with, or null when too few jobs like it have finished. */
  for(job: KindFields): Baseline | null;
};

/** A kind's own baseline needs this many finished jobs (the "fewer than ten" rule). */
export const KIND_BASELINE_MIN = 10;
/**
 * Falling back to the job type needs only this many: three durations already bound what is
 * usual for a pipeline, and with fewer than three no job is ever called slow or given a time left.
 */
export const TYPE_BASELINE_MIN = 3;

/** The durations each baseline was computed from, ascending (for the time left). */
const durationsOf = new WeakMap<Baseline, Float64Array>();

/**
 * A kind's key, case-folded (DLI accepts "fastq" and "FASTQ", "hg38" and "HG38" alike). Built once
 * per spelling and looked up through nested maps: a key string per job cost 20,000 allocations.
 */
function kindKeys(): (job: KindFields) => string {
  const byType = new Map<string, Map<string, Map<string, string>>>();
  return (job) => {
    const reference = job.reference ?? "";
    const fileType = job.fileType ?? "";
    let byReference = byType.get(job.jobType);
    if (!byReference) {
      byReference = new Map();
      byType.set(job.jobType, byReference);
    }
    let byFileType = byReference.get(reference);
    if (!byFileType) {
      byFileType = new Map();
      byReference.set(reference, byFileType);
    }
    let key = byFileType.get(fileType);
    if (key === undefined) {
      key = `${job.jobType}\u0000${reference.trim().toLowerCase()}\u0000${fileType.trim().toUpperCase()}`;
      byFileType.set(fileType, key);
    }
    return key;
  };
}

type Bucket = { first: InsightJob; durations: number[] };

function toBaseline(scope: Baseline["scope"], bucket: Bucket): Baseline {
  const sorted = ascending(bucket.durations);
  const at = (p: number) => percentile(sorted, p) as number;
  const baseline: Baseline = {
    scope,
    jobType: bucket.first.jobType,
    count: sorted.length,
    medianSeconds: at(0.5),
    p25Seconds: at(0.25),
    p75Seconds: at(0.75),
    p95Seconds: at(0.95),
  };
  if (scope === "kind") {
    // Named as the first such job spelt them, for the words ("hg38 somatic jobs").
    if (bucket.first.reference) baseline.reference = bucket.first.reference;
    if (bucket.first.fileType) baseline.fileType = bucket.first.fileType;
  }
  durationsOf.set(baseline, sorted);
  return baseline;
}

/**
 * Baselines from the FINISHED jobs with a duration, per kind (job type + reference + file type)
 * and per job type. `for(job)` gives the kind's when it has at least KIND_BASELINE_MIN (10)
 * finished jobs, else the type's when that has at least TYPE_BASELINE_MIN (3), else null.
 */
export function durationBaselines(jobs: readonly InsightJob[]): DurationBaselines {
  const kindKey = kindKeys();
  const kinds = new Map<string, Bucket>();
  const types = new Map<string, Bucket>();
  const add = (map: Map<string, Bucket>, key: string, job: InsightJob, seconds: number) => {
    const bucket = map.get(key);
    if (bucket) bucket.durations.push(seconds);
    else map.set(key, { first: job, durations: [seconds] });
  };
  for (const job of jobs) {
    if (job.status !== "FINISHED" || !usableDuration(job.durationSeconds)) continue;
    add(kinds, kindKey(job), job, job.durationSeconds);
    add(types, job.jobType, job, job.durationSeconds);
  }
  const kindBaselines = new Map<string, Baseline>();
  for (const [key, bucket] of kinds) {
    if (bucket.durations.length >= KIND_BASELINE_MIN) {
      kindBaselines.set(key, toBaseline("kind", bucket));
    }
  }
  const typeBaselines = new Map<string, Baseline>();
  for (const [key, bucket] of types) {
    if (bucket.durations.length >= TYPE_BASELINE_MIN) {
      typeBaselines.set(key, toBaseline("type", bucket));
    }
  }
  return {
    for: (job) => kindBaselines.get(kindKey(job)) ?? typeBaselines.get(job.jobType) ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Attention flags

export type AttentionFlag =
  /** RUNNING longer than 95% of the finished jobs of its baseline took. */
  | { kind: "slow"; runningSeconds: number; baseline: Baseline }
  /** LAUNCHING for more than 15 minutes (job-status's stuckFor). */
  | { kind: "launching"; forSeconds: number }
  /** CANCELING for more than 10 minutes (job-status's stuckFor). */
  | { kind: "canceling"; forSeconds: number }
  /** Still active past the expect_time its request gave. */
  | { kind: "past-expect"; runningSeconds: number; expectHours: number };

/** Whole seconds since the job started; 0 when its start is in the future (a skewed clock). */
function runningSecondsOf(job: InsightJob, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - job.startTime) / 1000));
}

/**
 * What about this job needs a look, as data; empty when nothing does. Flags come in the order of
 * FLAG_URGENCY. Time is counted from the job's start, as DLI's durations are.
 */
export function attentionFlags(
  job: InsightJob,
  baselines: DurationBaselines,
  nowMs: number,
): AttentionFlag[] {
  const flags: AttentionFlag[] = [];
  const stuck = stuckFor(job, nowMs);
  if (stuck !== null) {
    const forSeconds = Math.floor(stuck / 1000);
    flags.push(
      job.status === "LAUNCHING"
        ? { kind: "launching", forSeconds }
        : { kind: "canceling", forSeconds },
    );
  }
  const runningSeconds = runningSecondsOf(job, nowMs);
  const expectHours = job.expectTimeHours;
  if (
    isActive(job.status) &&
    typeof expectHours === "number" &&
    Number.isFinite(expectHours) &&
    expectHours > 0 &&
    runningSeconds > expectHours * 3600
  ) {
    flags.push({ kind: "past-expect", runningSeconds, expectHours });
  }
  if (job.status === "RUNNING") {
    const baseline = baselines.for(job);
    if (baseline && runningSeconds > baseline.p95Seconds) {
      flags.push({ kind: "slow", runningSeconds, baseline });
    }
  }
  return flags;
}

/**
 * Most urgent first: a job that does not move at all (launching, cancelling), then one past the
 * time its owner gave it, then one slower than usual.
 */
export const FLAG_URGENCY: readonly AttentionFlag["kind"][] = [
  "launching",
  "canceling",
  "past-expect",
  "slow",
];

/** How far past its threshold a flag is: 1.5 means half as long again as allowed. */
function overshoot(flag: AttentionFlag): number {
  switch (flag.kind) {
    case "launching":
      return flag.forSeconds / (15 * 60);
    case "canceling":
      return flag.forSeconds / (10 * 60);
    case "past-expect":
      return flag.runningSeconds / (flag.expectHours * 3600);
    case "slow":
      return flag.runningSeconds / Math.max(1, flag.baseline.p95Seconds);
  }
}

export type JobAttention = { job: InsightJob; flags: AttentionFlag[] };

/**
 * The flagged jobs with their flags, most urgent first: by their most urgent flag's kind
 * (FLAG_URGENCY), then by how far past its threshold that flag is, then the longest-running.
 * The baselines default to those of `jobs` themselves.
 */
export function needsAttention(
  jobs: readonly InsightJob[],
  nowMs: number,
  baselines: DurationBaselines = durationBaselines(jobs),
): JobAttention[] {
  const flagged: { entry: JobAttention; rank: number; over: number }[] = [];
  for (const job of jobs) {
    if (!isActive(job.status)) continue;
    const flags = attentionFlags(job, baselines, nowMs);
    const top = flags[0];
    if (!top) continue;
    flagged.push({
      entry: { job, flags },
      rank: FLAG_URGENCY.indexOf(top.kind),
      over: overshoot(top),
    });
  }
  flagged.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.over - a.over ||
      a.entry.job.startTime - b.entry.job.startTime ||
      (a.entry.job.jobId < b.entry.job.jobId ? -1 : 1),
  );
  return flagged.map((item) => item.entry);
}

// ---------------------------------------------------------------------------------------------
// Time left

export type TimeLeft = { lowSeconds: number; highSeconds: number };

/** Index of the first value ≥ `value` in ascending `sorted`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How long a RUNNING job has left, as a range of whole seconds, never negative. The rule:
 *
 * 1. History: of the baseline's finished jobs that ran at least as long as this one has so far,
 *    the 25th and 75th percentiles of their durations, minus the time elapsed. (At the start this
 *    is the baseline's p25..p75; later it narrows to the jobs that were still going by then, so
 *    the estimate never runs below zero while the job is within the usual.)
 * 2. The job's own progress: at step k of n (k being the step in progress) it has done between
 *    k−1 and k steps in the time elapsed, so if steps were equal it would have between
 *    elapsed·(n−k)/k and elapsed·(n−k+1)/(k−1) left. Steps are not equal (aligning takes longest),
 *    so this only narrows the history's range, when the two overlap; otherwise history stands.
 *
 * Null for a job that is not RUNNING, has no baseline, or has run longer than the baseline's p95
 * (it is flagged "slow" then instead).
 */
export function timeLeft(
  job: InsightJob,
  baselines: DurationBaselines,
  nowMs: number,
): TimeLeft | null {
  if (job.status !== "RUNNING") return null;
  const baseline = baselines.for(job);
  if (!baseline) return null;
  const elapsed = Math.max(0, (nowMs - job.startTime) / 1000);
  if (elapsed > baseline.p95Seconds) return null;
  const sorted = durationsOf.get(baseline);
  if (!sorted) return null;
  const stillGoing = sorted.subarray(lowerBound(sorted, elapsed));
  if (stillGoing.length === 0) return null;
  let low = (percentile(stillGoing, 0.25) as number) - elapsed;
  let high = (percentile(stillGoing, 0.75) as number) - elapsed;
  const progress = job.progress;
  if (progress && progress.done >= 1 && progress.done < progress.total) {
    const k = progress.done;
    const n = progress.total;
    const paceLow = (elapsed * (n - k)) / k;
    const paceHigh = k > 1 ? (elapsed * (n - k + 1)) / (k - 1) : Number.POSITIVE_INFINITY;
    const narrowedLow = Math.max(low, paceLow);
    const narrowedHigh = Math.min(high, paceHigh);
    if (narrowedLow <= narrowedHigh) {
      low = narrowedLow;
      high = narrowedHigh;
    }
  }
  const lowSeconds = Math.max(0, Math.round(low));
  return { lowSeconds, highSeconds: Math.max(lowSeconds, Math.round(high)) };
}
