import { type FailureKind, failureContext, failureOf, ONE_OFF_FAILURES } from "./failures.ts";
import { ONCOLOGY_PROJECT_ID, POPULATION_PROJECT_ID, type ProjectSpec } from "./projects.ts";
import { createRng, type Rng } from "./random.ts";
import { germlineRequest, type Ref, somaticRequest } from "./requests.ts";
import { DAY, HOUR, labMidnight, MINUTE, runLabel, SECOND } from "./schedule.ts";
import type { DemoJob, JobType, LivePlan } from "./types.ts";

// The week the overview opens on (issues 17 and 18), written out rather than left to chance, so
// that `npm start` tells the same story whatever the day: failures that share causes with
// different details, a few one-off messages, a job stuck launching, a slow one, one past its own
// expect_time, runs of one analysis with a changed setting, and sample-sheet mistakes. Placed
// relative to the clock anchor; deterministic for a given anchor; ids never change.

type Request = Record<string, unknown>;

/** How a scripted job ends; `message` for a one-off text, `kind` for a recurring cause. */
type Ending =
  | { status: "FINISHED" }
  | { status: "FAILED"; kind: FailureKind }
  | { status: "FAILED"; message: string; step: number };

type Scripted = {
  name: string;
  type: JobType;
  startMs: number;
  request: Request;
  owner?: string;
} & ({ ending: Ending } | { live: Omit<LivePlan, "steps"> });

/** A story job's id: drawn from its name, so it is the same for every anchor and run. */
export function storyJobId(projectId: string, name: string): string {
  let hash = 0x811c9dc5;
  for (const ch of `${projectId}/${name}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return createRng(hash >>> 0).uuid();
}

function stepsOf(type: JobType, request: Request): number {
  if (type === "DNA_SOMATIC") return 7;
  return String(request.file_type).toUpperCase() === "BAM" ? 1 : 3;
}

/** A full run's length, as the background's jobs of that kind take. */
function fullSeconds(rng: Rng, type: JobType, request: Request): number {
  const bam = String(request.file_type).toUpperCase() === "BAM";
  if (type === "DNA_SOMATIC") return bam ? rng.int(20 * 60, 70 * 60) : rng.int(55 * 60, 3 * 3600);
  return bam ? rng.int(8 * 60, 35 * 60) : rng.int(25 * 60, 95 * 60);
}

class Story {
  readonly jobs: DemoJob[] = [];
  readonly #projectId: string;
  readonly #spec: ProjectSpec;
  readonly #anchor: number;

  constructor(projectId: string, spec: ProjectSpec, anchor: number) {
    this.#projectId = projectId;
    this.#spec = spec;
    this.#anchor = anchor;
  }

  /** `hour:minute` lab time, `days` lab days before the anchor's day (1 = yesterday). */
  day(days: number, hour: number, minute: number): number {
    return labMidnight(this.#anchor) - days * DAY + hour * HOUR + minute * MINUTE;
  }

  /** `minutes` before the anchor. */
  ago(minutes: number): number {
    return this.#anchor - minutes * MINUTE;
  }

  rng(name: string, salt = "request"): Rng {
    let hash = this.#spec.seed;
    for (const ch of `${name}/${salt}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
    return createRng(hash >>> 0);
  }

  somatic(
    name: string,
    sample: string,
    startMs: number,
    options: { fileType?: "fastq" | "bam"; ref?: Ref } = {},
  ): Request {
    const { raw, result, ref } = this.#spec.buckets;
    return somaticRequest(this.rng(name), {
      sample,
      fileType: options.fileType ?? "fastq",
      ref: options.ref ?? "hg38",
      rawBucket: raw,
      resultBucket: result,
      refBucket: ref,
      batch: runLabel(startMs),
    });
  }

  germline(
    name: string,
    sample: string,
    startMs: number,
    options: { fileType?: "FASTQ" | "BAM"; ref?: Ref; engine?: "gatk" | "tensorflow" } = {},
  ): Request {
    const { raw, result } = this.#spec.buckets;
    return germlineRequest(this.rng(name), {
      sample,
      fileType: options.fileType ?? "FASTQ",
      ref: options.ref ?? "hg38",
      engine: options.engine ?? "gatk",
      rawBucket: raw,
      resultBucket: result,
      batch: runLabel(startMs),
    });
  }

  add(job: Scripted): string {
    const id = storyJobId(this.#projectId, job.name);
    const rng = this.rng(job.name, "run");
    const steps = stepsOf(job.type, job.request);
    const wire: Record<string, unknown> = {
      job_id: id,
      owner: job.owner ?? rng.pick(this.#spec.owners),
      status: "LAUNCHING",
      progress: `0/${steps}`,
      start_time: job.startMs,
      duration: 0,
      message: null,
      request: JSON.stringify(job.request),
    };
    if ("live" in job) {
      this.jobs.push({
        id,
        type: job.type,
        startMs: job.startMs,
        wire,
        live: { ...job.live, steps },
      });
      return id;
    }
    const full = fullSeconds(rng, job.type, job.request);
    const { ending } = job;
    if (ending.status === "FINISHED") {
      Object.assign(wire, { status: "FINISHED", progress: `${steps}/${steps}`, duration: full });
    } else {
      const failure =
        "kind" in ending
          ? failureOf(
              ending.kind,
              rng,
              failureContext(job.type, job.request, this.#spec.buckets.ref),
              steps,
            )
          : { step: Math.min(ending.step, steps), message: ending.message };
      const duration = Math.max(40, Math.round((full * (failure.step - 1 + rng.next())) / steps));
      Object.assign(wire, {
        status: "FAILED",
        progress: `${failure.step}/${steps}`,
        duration,
        message: failure.message,
      });
    }
    // Scripted ended jobs start on an earlier lab day, so they ended before the anchor.
    const end = job.startMs + Number(wire.duration) * SECOND;
    if (end > this.#anchor) throw new Error(`story job ${job.name} would end after the anchor`);
    this.jobs.push({ id, type: job.type, startMs: job.startMs, wire });
    return id;
  }

  failed(
    name: string,
    type: JobType,
    startMs: number,
    request: Request,
    kind: FailureKind,
  ): string {
    return this.add({ name, type, startMs, request, ending: { status: "FAILED", kind } });
  }
}

/** The same request with some fields changed: a rerun, as the lab submits it. */
function rerunOf(request: Request, changes: Request): Request {
  return { ...structuredClone(request), ...changes };
}

const sparkConf = (...settings: string[]) => settings.flatMap((s) => ["--spark-conf", s]);

/**
 * Jobs that simply finished, spread over the week's working hours: the scripted failures are a
 * bad week's, not the lab's every job.
 */
function finishedBatch(
  s: Story,
  count: number,
  type: JobType,
  sample: (i: number) => string,
): void {
  for (let i = 0; i < count; i++) {
    const name = `batch-${i}`;
    const rng = s.rng(name, "start");
    const at = s.day(1 + (i % 6), rng.int(9, 16), rng.int(0, 59));
    const request =
      type === "DNA_SOMATIC" ? s.somatic(name, sample(i), at) : s.germline(name, sample(i), at);
    s.add({ name, type, startMs: at, request, ending: { status: "FINISHED" } });
  }
}

function oncologyStory(story: Story): void {
  const s = story;
  finishedBatch(s, 30, "DNA_SOMATIC", (i) => `ONC26-9${String(100 + i).padStart(3, "0")}`);
  // Recurring causes, each with its own numbers, hosts, paths and samples.
  const oom: [string, string, number, Ref][] = [
    ["oom-1", "ONC26-9905", s.day(1, 10, 20), "hg38"],
    ["oom-2", "ONC26-9911", s.day(2, 14, 5), "hg38"],
    ["oom-3", "HCC1143", s.day(4, 9, 45), "hg38"],
  ];
  for (const [name, sample, at, ref] of oom) {
    s.failed(name, "DNA_SOMATIC", at, s.somatic(name, sample, at, { ref }), "bwaOutOfMemory");
  }
  for (const [name, sample, at] of [
    ["obs-1", "ONC26-9907", s.day(1, 11, 10)],
    ["obs-2", "ONC26-9913", s.day(2, 9, 30)],
    ["obs-3", "ONC26-9919", s.day(3, 17, 50)],
  ] as const) {
    s.failed(name, "DNA_SOMATIC", at, s.somatic(name, sample, at), "obsWriteDenied");
  }
  const obsGermline = s.day(5, 13, 15);
  s.failed(
    "obs-4",
    "DNA_GERMLINE",
    obsGermline,
    s.germline("obs-4", "ONC26-9920", obsGermline),
    "obsWriteDenied",
  );
  for (const [name, sample, at, ref] of [
    ["index-1", "ONC26-9909", s.day(1, 15, 40), "hg38"],
    ["index-2", "ONC26-9921", s.day(3, 10, 5), "hg38"],
    ["index-3", "ONC26-9927", s.day(5, 11, 30), "hg19"],
  ] as const) {
    s.failed(name, "DNA_SOMATIC", at, s.somatic(name, sample, at, { ref }), "referenceIndex");
  }
  for (const [name, sample, at] of [
    ["yarn-1", "ONC26-9915", s.day(2, 11, 20)],
    ["yarn-3", "ONC26-9929", s.day(6, 10, 10)],
  ] as const) {
    s.failed(name, "DNA_SOMATIC", at, s.somatic(name, sample, at), "yarnMemoryLimit");
  }
  const yarnGermline = s.day(4, 13, 0);
  s.failed(
    "yarn-2",
    "DNA_GERMLINE",
    yarnGermline,
    s.germline("yarn-2", "ONC26-9925", yarnGermline),
    "yarnMemoryLimit",
  );
  for (const [name, sample, at] of [
    ["missing-1", "ONC26-9931", s.day(3, 14, 20)],
    ["missing-2", "ONC26-9937", s.day(6, 9, 15)],
  ] as const) {
    s.failed(name, "DNA_SOMATIC", at, s.somatic(name, sample, at), "inputMissing");
  }
  // Seen once: the overview's "Other".
  const disk = s.day(2, 16, 45);
  s.add({
    name: "disk-full",
    type: "DNA_SOMATIC",
    startMs: disk,
    request: s.somatic("disk-full", "ONC26-9939", disk),
    ending: { status: "FAILED", message: ONE_OFF_FAILURES.diskFull(s.rng("disk-full")), step: 3 },
  });
  const keyError = s.day(5, 17, 20);
  s.add({
    name: "python-key-error",
    type: "DNA_SOMATIC",
    startMs: keyError,
    request: s.somatic("python-key-error", "ONC26-9941", keyError, { fileType: "bam" }),
    ending: { status: "FAILED", message: ONE_OFF_FAILURES.pythonKeyError(), step: 1 },
  });

  // Runs of one analysis: out of memory, then the same pair with more executor memory.
  const oomAt = s.day(3, 10, 12);
  const oomRun: Request = {
    ...s.somatic("oom-run", "ONC26-9917", oomAt),
    bwaspark_conf: sparkConf("spark.executor.memory=16g", "spark.executor.cores=4"),
  };
  s.failed("oom-run", "DNA_SOMATIC", oomAt, oomRun, "bwaOutOfMemory");
  s.add({
    name: "oom-rerun",
    type: "DNA_SOMATIC",
    startMs: s.day(3, 15, 40),
    request: rerunOf(oomRun, {
      bwaspark_conf: sparkConf("spark.executor.memory=32g", "spark.executor.cores=4"),
    }),
    ending: { status: "FINISHED" },
  });
  // Three runs: a mistyped input path, then YARN's memory limit, then more overhead.
  const firstAt = s.day(5, 9, 30);
  const fixed: Request = { ...s.somatic("three-runs", "ONC26-9933", firstAt), bwaspark_conf: null };
  const inputs = fixed.inputs as { sample_type: string; sample_inputs: string[] }[];
  const typo = rerunOf(fixed, {
    inputs: inputs.map((sample) => ({
      ...sample,
      sample_inputs: sample.sample_inputs.map((path) => path.replace("_normal_R2", "_nomral_R2")),
    })),
  });
  s.failed("three-runs-1", "DNA_SOMATIC", firstAt, typo, "inputMissing");
  s.failed("three-runs-2", "DNA_SOMATIC", s.day(4, 11, 5), fixed, "yarnMemoryLimit");
  s.add({
    name: "three-runs-3",
    type: "DNA_SOMATIC",
    startMs: s.day(4, 16, 20),
    request: rerunOf(fixed, {
      bwaspark_conf: sparkConf("spark.yarn.executor.memoryOverhead=6g"),
    }),
    ending: { status: "FINISHED" },
  });

  // Sample-sheet mistakes, one per rule where DLI accepts the request.
  const sameAt = s.day(3, 12, 30);
  s.add({
    name: "tumor-is-normal",
    type: "DNA_SOMATIC",
    startMs: sameAt,
    request: {
      ...s.somatic("tumor-is-normal", "ONC26-9949", sameAt),
      normal_sample_name: "ONC26-9949_tumor",
    },
    ending: {
      status: "FAILED",
      step: 4,
      message:
        "java.lang.IllegalArgumentException: Tumor and normal sample names must differ; both are ONC26-9949_tumor\n" +
        "\tat org.broadinstitute.hellbender.tools.walkers.mutect.Mutect2Engine.checkSampleNames(Mutect2Engine.java:160)",
    },
  });
  const noNormalAt = s.day(2, 10, 40);
  const noNormal = s.somatic("missing-normal", "ONC26-9946", noNormalAt, { fileType: "bam" });
  noNormal.inputs = (noNormal.inputs as { sample_type: string }[]).filter(
    (sample) => sample.sample_type === "tumor",
  );
  s.add({
    name: "missing-normal",
    type: "DNA_SOMATIC",
    startMs: noNormalAt,
    request: noNormal,
    ending: {
      status: "FAILED",
      step: 4,
      message:
        "A USER ERROR has occurred: Bad input: Sample ONC26-9946_normal is not in BAM header: [ONC26-9946_tumor]",
    },
  });
  const bothAt = s.day(4, 15, 10);
  const both = s.somatic("input-in-both", "ONC26-9958", bothAt);
  const [tumor] = both.inputs as { sample_type: string; sample_inputs: string[] }[];
  both.inputs = [
    tumor,
    { sample_type: "normal", sample_inputs: [...(tumor?.sample_inputs ?? [])] },
  ];
  s.add({
    name: "input-in-both",
    type: "DNA_SOMATIC",
    startMs: bothAt,
    request: both,
    // Nothing stops it: it finishes, and calls no somatic variant at all.
    ending: { status: "FINISHED" },
  });
  const otherAt = s.day(1, 13, 25);
  const other = s.somatic("other-sample", "ONC26-9952", otherAt);
  const otherInputs = other.inputs as { sample_type: string; sample_inputs: string[] }[];
  other.inputs = otherInputs.map((sample) =>
    sample.sample_type === "normal"
      ? {
          ...sample,
          sample_inputs: sample.sample_inputs.map((path) =>
            path.replaceAll("ONC26-9952", "ONC26-9933"),
          ),
        }
      : sample,
  );
  s.add({
    name: "other-sample",
    type: "DNA_SOMATIC",
    startMs: otherAt,
    request: other,
    ending: { status: "FINISHED" },
  });
  const mismatchAt = s.day(2, 15, 55);
  const mismatch: Request = {
    ...s.somatic("reference-mismatch", "ONC26-9961", mismatchAt, { ref: "hg19" }),
    knownsites: ["dbsnp_138.hg19.vcf", "homo_sapiens_assembly38.known_indels.vcf"],
    germline_resource: "somatic-hg38faf-only-gnomad.hg38.vcf.gz",
  };
  s.add({
    name: "reference-mismatch",
    type: "DNA_SOMATIC",
    startMs: mismatchAt,
    request: mismatch,
    ending: {
      status: "FAILED",
      step: 3,
      message:
        "A USER ERROR has occurred: Input files reference and features have incompatible contigs: " +
        "Found contigs with the same name but different lengths:\n" +
        "  contig reference = chr1 / 249250621\n  contig features = chr1 / 248956422.\n" +
        "  features file is: homo_sapiens_assembly38.known_indels.vcf",
    },
  });

  // Running now: one stuck launching, one slow, one past its expect_time, and the same pair
  // submitted twice by two people (a duplicate, writing the same output).
  const stuckAt = s.ago(38);
  s.add({
    name: "stuck-launching",
    type: "DNA_SOMATIC",
    startMs: stuckAt,
    request: s.somatic("stuck-launching", "ONC26-9981", stuckAt),
    live: { launchSec: 2 * 86_400, runSec: 3 * 3600 },
  });
  const slowAt = s.ago(250);
  s.add({
    name: "slow-running",
    type: "DNA_SOMATIC",
    startMs: slowAt,
    request: {
      ...s.somatic("slow-running", "ONC26-9983", slowAt, { fileType: "bam" }),
      expect_time: 12,
    },
    live: { launchSec: 180, runSec: 10 * 3600 },
  });
  const lateAt = s.ago(140);
  s.add({
    name: "past-expect-time",
    type: "DNA_SOMATIC",
    startMs: lateAt,
    request: { ...s.somatic("past-expect-time", "ONC26-9985", lateAt), expect_time: 2 },
    live: { launchSec: 240, runSec: 5 * 3600 },
  });
  const twiceAt = s.ago(52);
  const twice = s.somatic("submitted-twice", "ONC26-9970", twiceAt);
  s.add({
    name: "submitted-twice-1",
    type: "DNA_SOMATIC",
    startMs: twiceAt,
    request: twice,
    owner: "zhang.wei",
    live: { launchSec: 150, runSec: 150 * 60 },
  });
  s.add({
    name: "submitted-twice-2",
    type: "DNA_SOMATIC",
    startMs: s.ago(47),
    request: structuredClone(twice),
    owner: "li.na",
    live: { launchSec: 200, runSec: 150 * 60 },
  });
}

function populationStory(story: Story): void {
  const s = story;
  // A cohort batch came off the sequencer this week.
  finishedBatch(s, 40, "DNA_GERMLINE", (i) => `CHNPOP-06${String(100 + i).padStart(3, "0")}`);
  const causes: [FailureKind, [string, string, number][]][] = [
    [
      "yarnMemoryLimit",
      [
        ["yarn-1", "CHNPOP-06012", s.day(1, 10, 30)],
        ["yarn-2", "CHNPOP-06019", s.day(3, 14, 10)],
        ["yarn-3", "CHNPOP-06027", s.day(5, 11, 45)],
      ],
    ],
    [
      "obsWriteDenied",
      [
        ["obs-1", "CHNPOP-06014", s.day(1, 16, 20)],
        ["obs-2", "CHNPOP-06016", s.day(2, 13, 35)],
        ["obs-3", "CHNPOP-06023", s.day(4, 10, 5)],
      ],
    ],
    [
      "inputMissing",
      [
        ["missing-1", "CHNPOP-06015", s.day(2, 11, 15)],
        ["missing-2", "CHNPOP-06024", s.day(4, 15, 40)],
        ["missing-3", "CHNPOP-06031", s.day(6, 9, 20)],
      ],
    ],
    [
      "bwaOutOfMemory",
      [
        ["oom-1", "CHNPOP-06021", s.day(3, 10, 50)],
        ["oom-2", "NA24631", s.day(5, 16, 5)],
        ["oom-3", "CHNPOP-06033", s.day(6, 13, 30)],
      ],
    ],
  ];
  for (const [kind, jobs] of causes) {
    for (const [name, sample, at] of jobs) {
      s.failed(name, "DNA_GERMLINE", at, s.germline(name, sample, at), kind);
    }
  }
  // Seen once.
  const tfAt = s.day(3, 16, 40);
  const tf = s.germline("tensorflow", "CHNPOP-06035", tfAt, {
    fileType: "BAM",
    engine: "tensorflow",
  });
  s.add({
    name: "tensorflow",
    type: "DNA_GERMLINE",
    startMs: tfAt,
    request: tf,
    ending: {
      status: "FAILED",
      step: 1,
      message:
        "ValueError: The tensorflow engine requires a coordinate-sorted BAM with an index: " +
        `${(tf.input as string[])[0]}.bai not found (run samtools index first)`,
    },
  });
  const timeoutAt = s.day(4, 12, 25);
  s.add({
    name: "driver-timeout",
    type: "DNA_GERMLINE",
    startMs: timeoutAt,
    request: s.germline("driver-timeout", "CHNPOP-06037", timeoutAt),
    ending: { status: "FAILED", message: ONE_OFF_FAILURES.driverTimeout(), step: 2 },
  });

  // Runs of one analysis: YARN's memory limit, then the same files with more overhead.
  const firstAt = s.day(2, 9, 50);
  const first: Request = {
    ...s.germline("overhead-run", "CHNPOP-06003", firstAt),
    bwaspark_conf: sparkConf("spark.yarn.executor.memoryOverhead=2g"),
  };
  s.failed("overhead-run", "DNA_GERMLINE", firstAt, first, "yarnMemoryLimit");
  s.add({
    name: "overhead-rerun",
    type: "DNA_GERMLINE",
    startMs: s.day(2, 13, 5),
    request: rerunOf(first, { bwaspark_conf: sparkConf("spark.yarn.executor.memoryOverhead=4g") }),
    ending: { status: "FINISHED" },
  });

  // Sample-sheet mistakes: two R1 files of two lanes, one file twice, a finished run submitted again.
  const lanesAt = s.day(2, 15, 5);
  const lanes = s.germline("unpaired-lanes", "CHNPOP-06041", lanesAt);
  const base = String((lanes.input as string[])[0]).replace(/\/[^/]+$/, "");
  lanes.input = [
    `${base}/CHNPOP-06041_S7_L001_R1_001.fastq.gz`,
    `${base}/CHNPOP-06041_S7_L002_R1_001.fastq.gz`,
  ];
  s.add({
    name: "unpaired-lanes",
    type: "DNA_GERMLINE",
    startMs: lanesAt,
    request: lanes,
    ending: {
      status: "FAILED",
      step: 1,
      message:
        "picard.PicardException: Input paired fastq files must be the same length\n" +
        "\tat picard.sam.FastqToSam.doPaired(FastqToSam.java:402)",
    },
  });
  const twiceAt = s.day(5, 14, 30);
  const twice = s.germline("repeated-input", "CHNPOP-06044", twiceAt);
  const r1 = (twice.input as string[])[0] as string;
  twice.input = [r1, r1];
  s.add({
    name: "repeated-input",
    type: "DNA_GERMLINE",
    startMs: twiceAt,
    request: twice,
    ending: { status: "FINISHED" },
  });
  const againAt = s.day(1, 9, 40);
  const again = s.germline("duplicate", "CHNPOP-06011", againAt);
  s.add({
    name: "duplicate-1",
    type: "DNA_GERMLINE",
    startMs: againAt,
    request: again,
    ending: { status: "FINISHED" },
  });
  s.add({
    name: "duplicate-2",
    type: "DNA_GERMLINE",
    startMs: s.day(1, 14, 55),
    request: structuredClone(again),
    ending: { status: "FINISHED" },
  });

  // Running now: stuck launching, slow, past its expect_time.
  const stuckAt = s.ago(24);
  s.add({
    name: "stuck-launching",
    type: "DNA_GERMLINE",
    startMs: stuckAt,
    request: s.germline("stuck-launching", "CHNPOP-06051", stuckAt),
    live: { launchSec: 2 * 86_400, runSec: 3600 },
  });
  const slowAt = s.ago(270);
  s.add({
    name: "slow-running",
    type: "DNA_GERMLINE",
    startMs: slowAt,
    request: s.germline("slow-running", "CHNPOP-06053", slowAt),
    live: { launchSec: 120, runSec: 9 * 3600 },
  });
  const lateAt = s.ago(145);
  s.add({
    name: "past-expect-time",
    type: "DNA_SOMATIC",
    startMs: lateAt,
    request: { ...s.somatic("past-expect-time", "CHNPOP-06055", lateAt), expect_time: 2 },
    live: { launchSec: 240, runSec: 5 * 3600 },
  });
}

const STORIES: Record<string, (story: Story) => void> = {
  [ONCOLOGY_PROJECT_ID]: oncologyStory,
  [POPULATION_PROJECT_ID]: populationStory,
};

/** The scripted jobs of a generated demo project (none for the others). */
export function storyJobs(projectId: string, spec: ProjectSpec, anchor: number): DemoJob[] {
  const write = STORIES[projectId];
  if (!write) return [];
  const story = new Story(projectId, spec, anchor);
  write(story);
  return story.jobs;
}
