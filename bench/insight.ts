// The insight figure of `npm run bench` (issue 17): 20,000 real-shaped jobs summarised, their
// failures grouped by cause and the active ones flagged, by the pure functions in src/contract/
// that the overview and the server's watcher call. Plain Node, no browser: it measures the
// functions, not the page. The jobs are generated here (seeded), not taken from the emulator, so
// the figure does not move when the demo's story changes.
import { groupFailures } from "../src/contract/failure-cause.ts";
import {
  durationBaselines,
  type InsightJob,
  needsAttention,
  summarizeJobs,
  timeLeft,
} from "../src/contract/job-insight.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** mulberry32, seeded: every run measures the same jobs. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const hex = (length: number) =>
    Array.from({ length }, () => int(0, 15).toString(16).toUpperCase()).join("");
  return { next, int, pick, hex };
}

type Rng = ReturnType<typeof seeded>;
type Context = { ref: string; sample: string; tumor: string; normal: string; batch: number };

const input = (c: Context, read: number) =>
  `s3a://onco-wgs-raw/b${c.batch}/${c.sample}/${c.normal}_R${read}.fastq.gz`;
const output = (c: Context) =>
  `s3a://onco-wgs-results/somatic/b${c.batch}/${c.sample}/${c.sample}.somatic.vcf`;
const host = (rng: Rng) => `dli-node-${rng.int(1, 6)}-${String(rng.int(1, 48)).padStart(2, "0")}`;

/**
 * Failure messages as GATK on Spark, YARN, OBS, Python and the gene service print them (the
 * shapes of the demo's and of failure-cause.test.ts), each with this job's details: task, TID,
 * executor and host numbers, paths, sample names, sizes and request ids vary between occurrences.
 * Weighted: a few causes are common, the rest rare.
 */
const FAILURES: readonly [number, (rng: Rng, c: Context) => string][] = [
  [
    3,
    (rng) => {
      const task = rng.int(20, 400);
      const stage = rng.int(2, 5);
      return (
        `org.apache.spark.SparkException: Job aborted due to stage failure: Task ${task} in stage ${stage}.0 failed 4 times, ` +
        `most recent failure: Lost task ${task}.3 in stage ${stage}.0 (TID ${rng.int(1000, 9000)}) ` +
        `(${host(rng)} executor ${rng.int(1, 24)}): java.lang.OutOfMemoryError: Java heap space\n` +
        "\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)\n" +
        "\tat org.broadinstitute.hellbender.tools.spark.bwa.BwaSparkEngine$ReadAligner.apply(BwaSparkEngine.java:134)"
      );
    },
  ],
  [
    3,
    (rng) => {
      const limit = rng.pick([11, 22, 44]);
      return (
        `ExecutorLostFailure (executor ${rng.int(1, 24)} exited caused by one of the running tasks) ` +
        `Reason: Container killed by YARN for exceeding memory limits. ${(limit + rng.next() * 2).toFixed(1)} GB of ${limit} GB ` +
        "physical memory used. Consider boosting spark.yarn.executor.memoryOverhead."
      );
    },
  ],
  [
    2,
    (rng, c) =>
      "com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, " +
      `ResponseStatus: Forbidden, ErrorCode: AccessDenied, RequestId: ${rng.hex(16)} while writing ${output(c)}: ` +
      "the DLI agency has no write permission on bucket onco-wgs-results",
  ],
  [
    2,
    (rng, c) =>
      `java.io.FileNotFoundException: No such file or directory: ${input(c, 2)}\n` +
      "\tat org.apache.hadoop.fs.s3a.S3AFileSystem.s3GetFileStatus(S3AFileSystem.java:2269)\n" +
      "Caused by: com.obs.services.exception.ObsException: ResponseCode: 404, ResponseStatus: Not Found, " +
      `ErrorCode: NoSuchKey, RequestId: ${rng.hex(16)}`,
  ],
  [
    2,
    (rng, c) => {
      const length = rng.int(16_000, 180_000);
      return (
        `A USER ERROR has occurred: The reference index for ${c.ref} is invalid: ` +
        `s3a://onco-ref/${c.ref}/Homo_sapiens_assembly.fasta.img does not match the sequence dictionary ` +
        `(contig ${rng.pick(["chrM", "chrEBV", "chr1_KI270706v1_random"])} length ${length} in dictionary, ` +
        `${length + rng.int(1, 40)} in index). Rebuild the BWA index image for ${c.ref}.`
      );
    },
  ],
  [
    1,
    () =>
      "A USER ERROR has occurred: Input files reference and reads have incompatible contigs: " +
      "No overlapping contigs found.\n  reference contigs = [chr1, chr2, chr3, ...]\n  reads contigs = [1, 2, 3, ...]",
  ],
  [
    1,
    (_rng, c) =>
      `A USER ERROR has occurred: Bad input: Sample ${c.normal} is not in BAM header: [${c.tumor}]`,
  ],
  [
    1,
    (rng) =>
      `Job exceeded its expected run time (expect_time=${rng.pick([4, 6, 8, 12])}h) and was stopped by the gene service`,
  ],
  [
    1,
    (_rng, c) =>
      "ValueError: The tensorflow engine requires a coordinate-sorted BAM with an index: " +
      `s3a://popgen-cohort-raw/aligned/${c.sample}/${c.sample}.bam.bai not found (run samtools index first)`,
  ],
  [
    1,
    (rng) =>
      `Container [pid=${rng.int(1000, 60000)},containerID=container_e05_${rng.int(1e12, 2e12)}_${String(rng.int(1, 99)).padStart(4, "0")}_01_${String(rng.int(1, 999)).padStart(6, "0")}] ` +
      `is running beyond physical memory limits. Current usage: ${(10 + rng.next()).toFixed(1)} GB of 10 GB physical memory used; ` +
      `${(12 + rng.next() * 8).toFixed(1)} GB of 21 GB virtual memory used. Killing container.`,
  ],
  [
    1,
    (rng) =>
      "Traceback (most recent call last):\n" +
      `  File "/opt/gene/pipeline/prepare_inputs.py", line ${rng.int(10, 300)}, in read_groups\n` +
      "    rg = header['RG'][0]\n" +
      `KeyError: '${rng.pick(["RG", "SM", "normal_sample_name"])}'`,
  ],
  [
    1,
    (rng, c) =>
      "org.apache.spark.SparkException: Task failed while writing rows.\n" +
      `\tat org.apache.spark.sql.execution.datasources.FileFormatWriter$.executeTask(FileFormatWriter.scala:${rng.int(100, 400)})\n` +
      `Caused by: java.io.IOException: No space left on device: ${output(c)}\n` +
      "\tat java.io.FileOutputStream.writeBytes(Native Method)",
  ],
  [
    1,
    (rng) =>
      `ExecutorLostFailure (executor ${rng.int(1, 40)} exited caused by one of the running tasks) Reason: ` +
      "Remote RPC client disassociated. Likely due to containers exceeding thresholds, or network issues. " +
      "Check driver logs for WARN messages.",
  ],
  [
    1,
    (rng) =>
      `org.broadinstitute.hellbender.exceptions.UserException$MalformedRead: Read A00${rng.int(100, 999)}:${rng.int(1, 9)}:H7KJLDSXY:1:` +
      `${rng.int(1101, 2678)}:${rng.int(1000, 32000)}:${rng.int(1000, 32000)} is malformed: read ends after end of contig`,
  ],
  // Odd ones, each its own cause: the overview's "Other".
  [
    0.3,
    (rng) =>
      `Unexpected scheduler state ${rng.pick(["Q", "Z", "W", "X", "Y"])}${rng.int(1, 9)}: please report`,
  ],
  [
    0.2,
    (rng) => `java.lang.IllegalStateException: Unknown engine ${rng.pick(["gatk3", "dragen"])}`,
  ],
];

const FAILURE_WEIGHT = FAILURES.reduce((sum, [weight]) => sum + weight, 0);

function failureMessage(rng: Rng, c: Context): string {
  let roll = rng.next() * FAILURE_WEIGHT;
  for (const [weight, message] of FAILURES) {
    roll -= weight;
    if (roll < 0) return message(rng, c);
  }
  return (FAILURES[0] as (typeof FAILURES)[number])[1](rng, c);
}

/** A Java stack trace of `frames` frames: long messages run to hundreds of KB. */
function stack(rng: Rng, frames: number): string {
  return Array.from(
    { length: frames },
    () =>
      `\tat org.apache.spark.scheduler.Task${rng.int(1, 60)}.run(Task.scala:${rng.int(10, 999)})`,
  ).join("\n");
}

const STATUSES: readonly [number, string][] = [
  [0.78, "FINISHED"],
  [0.12, "FAILED"],
  [0.05, "CANCELLED"],
  [0.035, "RUNNING"],
  [0.008, "LAUNCHING"],
  [0.004, "CANCELING"],
  [0.003, "SUSPENDED"],
];

/**
 * `count` jobs over 90 days like a busy lab's: 78% FINISHED, 12% FAILED with messages of some
 * fifteen causes (1 in 100 with a long stack trace), 5% cancelled, a few running, launching or
 * cancelling (some stuck or slow), an unknown status now and then; somatic and germline, hg38 and
 * hg19, FASTQ and BAM, half of them with an expect_time. Seeded.
 */
export function insightJobs(count: number, seed: number, nowMs: number): InsightJob[] {
  const rng = seeded(seed);
  const jobs: InsightJob[] = [];
  for (let i = 0; i < count; i++) {
    const jobType = rng.next() < 0.7 ? "DNA_SOMATIC" : "DNA_GERMLINE";
    const ref = rng.pick(["hg38", "hg38", "hg19"]);
    const fileType = rng.next() < 0.7 ? "FASTQ" : "BAM";
    const steps = jobType === "DNA_SOMATIC" ? 7 : fileType === "FASTQ" ? 3 : 1;
    const sample = `ONC26-${String(rng.int(1, 900)).padStart(4, "0")}`;
    const c: Context = {
      ref,
      sample,
      tumor: `${sample}_tumor`,
      normal: `${sample}_normal`,
      batch: rng.int(1, 80),
    };
    const samples = jobType === "DNA_SOMATIC" ? [c.tumor, c.normal] : [sample];
    const fullSeconds = rng.int(40 * 60, 3 * 3600);
    let roll = rng.next();
    let status = "FINISHED";
    for (const [share, name] of STATUSES) {
      roll -= share;
      if (roll < 0) {
        status = name;
        break;
      }
    }
    const active = status === "RUNNING" || status === "LAUNCHING" || status === "CANCELING";
    const startTime = active
      ? nowMs - rng.int(1, 300) * MINUTE
      : nowMs - rng.int(60, (90 * DAY) / MINUTE) * MINUTE;
    let message: string | null = null;
    let step = steps;
    if (status === "FAILED") {
      message = failureMessage(rng, c);
      if (rng.next() < 0.01) message = `${message}\n${stack(rng, 2000)}`;
      step = rng.int(1, steps);
    } else if (status === "CANCELLED") {
      message = "Cancelled by user";
      step = rng.int(0, steps - 1);
    } else if (status === "LAUNCHING") {
      step = 0;
    } else if (active) {
      step = rng.int(1, Math.max(1, steps - 1));
    }
    const durationSeconds =
      status === "FINISHED"
        ? fullSeconds
        : status === "FAILED" || status === "CANCELLED"
          ? Math.round((fullSeconds * Math.max(step, 1)) / steps)
          : status === "CANCELING"
            ? rng.int(60, 3600)
            : null;
    const job: InsightJob = {
      jobId:
        `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`.toLowerCase(),
      jobType,
      status,
      startTime,
      durationSeconds,
      progress: { done: step, total: steps },
      message,
      reference: ref,
      fileType,
      samples,
    };
    if (rng.next() < 0.5) job.expectTimeHours = rng.pick([4, 6, 8, 12]);
    jobs.push(job);
  }
  // As the browser and the server get them: parsed from JSON, so no string is shared or a rope.
  return JSON.parse(JSON.stringify(jobs)) as InsightJob[];
}

export type InsightTimes = {
  totalMs: number;
  summaryMs: number;
  groupMs: number;
  flagMs: number;
};

/**
 * One overview's worth of work over `jobs`: the summary, the failure causes, the flagged jobs
 * (baselines included) and every running job's time left. ms for each part and in all.
 */
export function timeInsight(jobs: readonly InsightJob[], nowMs: number): InsightTimes {
  const t0 = performance.now();
  summarizeJobs(jobs);
  const t1 = performance.now();
  groupFailures(jobs);
  const t2 = performance.now();
  const baselines = durationBaselines(jobs);
  needsAttention(jobs, nowMs, baselines);
  for (const job of jobs) if (job.status === "RUNNING") timeLeft(job, baselines, nowMs);
  const t3 = performance.now();
  return { totalMs: t3 - t0, summaryMs: t1 - t0, groupMs: t2 - t1, flagMs: t3 - t2 };
}
