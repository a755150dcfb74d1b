import type { RuleId } from "../../src/contract/request-checks.ts";
import { sampleStem } from "../../src/contract/request-fields.ts";
import type { Rng } from "./random.ts";

// Failure reasons modelled on what GATK 4 on Spark, YARN, OBS and the gene service print, each
// tied to the pipeline step it happens in so that a FAILED job's progress stops there. The same
// cause reads differently each time (task and executor numbers, hosts, paths, sizes, request ids),
// as real logs do: the overview must group them by what went wrong, not by the text.

export type FailureContext = {
  ref: string;
  firstInput: string;
  lastInput: string;
  output: string;
  tumorSample: string;
  normalSample: string;
  bam: boolean;
  expectTime: number;
  /** The OBS bucket of the reference files. */
  refBucket: string;
};

/** What the messages need from a request (decoded, as the demo builds it or DLI accepted it). */
export function failureContext(
  type: "DNA_SOMATIC" | "DNA_GERMLINE",
  request: Record<string, unknown>,
  refBucket: string,
): FailureContext {
  const own = (key: string) => (Object.hasOwn(request, key) ? request[key] : undefined);
  const text = (key: string) => {
    const value = own(key);
    return typeof value === "string" ? value.trim() : "";
  };
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const samples = own("inputs");
  const inputs =
    type === "DNA_SOMATIC"
      ? (Array.isArray(samples) ? samples : []).flatMap((entry) =>
          entry && typeof entry === "object"
            ? strings((entry as Record<string, unknown>).sample_inputs)
            : [],
        )
      : strings(own("input"));
  const expect = own("expect_time");
  return {
    ref: text("ref"),
    firstInput: inputs[0] ?? "",
    lastInput: inputs[inputs.length - 1] ?? "",
    output: text("output"),
    tumorSample: text("tumor_sample_name"),
    normalSample: text("normal_sample_name"),
    bam: text("file_type").toUpperCase() === "BAM",
    expectTime: typeof expect === "number" ? expect : 8,
    refBucket,
  };
}

type Failure = {
  /** 1-based step the job was in, per pipeline length. */
  step: (steps: number) => number;
  message: (c: FailureContext, rng: Rng) => string;
  applies?: (c: FailureContext, steps: number) => boolean;
};

const bwaStep = (steps: number) => Math.min(2, steps);
const mutectStep = (steps: number) => Math.min(4, steps);

const hex = (rng: Rng, length: number) =>
  Array.from({ length }, () => rng.int(0, 15).toString(16).toUpperCase()).join("");
const host = (rng: Rng) => `dli-node-${rng.int(1, 6)}-${String(rng.int(1, 48)).padStart(2, "0")}`;
const bucketOf = (path: string) => /^[a-z0-9]+:\/\/([^/]+)/.exec(path)?.[1] ?? "the bucket";

/** The kinds of failure the demo shows, by cause. */
export const FAILURES = {
  inputMissing: {
    step: () => 1,
    message: (c, rng) =>
      `java.io.FileNotFoundException: No such file or directory: ${c.lastInput}\n` +
      "\tat org.apache.hadoop.fs.s3a.S3AFileSystem.s3GetFileStatus(S3AFileSystem.java:2269)\n" +
      "Caused by: com.obs.services.exception.ObsException: ResponseCode: 404, ResponseStatus: Not Found, " +
      `ErrorCode: NoSuchKey, RequestId: ${hex(rng, 16)}`,
  },
  bwaOutOfMemory: {
    step: bwaStep,
    message: (_c, rng) => {
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
  },
  yarnMemoryLimit: {
    step: bwaStep,
    message: (_c, rng) => {
      const limit = rng.pick([11, 22, 22, 44]);
      const used = (limit + 0.1 + rng.next() * 1.8).toFixed(1);
      return (
        `ExecutorLostFailure (executor ${rng.int(1, 24)} exited caused by one of the running tasks) ` +
        `Reason: Container killed by YARN for exceeding memory limits. ${used} GB of ${limit} GB ` +
        "physical memory used. Consider boosting spark.yarn.executor.memoryOverhead."
      );
    },
  },
  referenceIndex: {
    step: bwaStep,
    message: (c, rng) => {
      const contig = rng.pick(["chrM", "chrEBV", "chr1_KI270706v1_random", "chrUn_GL000220v1"]);
      const length = rng.int(16_000, 180_000);
      const build = c.ref === "hg19" ? "19" : "38";
      return (
        `A USER ERROR has occurred: The reference index for ${c.ref} is invalid: ` +
        `s3a://${c.refBucket}/${c.ref}/Homo_sapiens_assembly${build}.fasta.img does not match the sequence dictionary ` +
        `(contig ${contig} length ${length} in dictionary, ${length + rng.int(1, 40)} in index). ` +
        `Rebuild the BWA index image for ${c.ref}.`
      );
    },
  },
  contigNames: {
    step: (steps) => Math.min(3, steps),
    // Reads aligned to b37 (contigs 1, 2, ..., MT) given with a UCSC-style reference (chr1, ...).
    message: (c, rng) => {
      const extra = rng.pick(["GL000207.1, GL000226.1", "NC_007605", "hs37d5", "GL000192.1"]);
      return (
        "A USER ERROR has occurred: Input files reference and reads have incompatible contigs: " +
        `No overlapping contigs found.\n  reference contigs = [chr1, chr2, chr3, ..., chrM] (${c.ref})\n` +
        `  reads contigs = [1, 2, 3, ..., MT, ${extra}]`
      );
    },
  },
  sampleNotInBam: {
    step: mutectStep,
    applies: (c, steps) => c.bam && steps === 7,
    message: (c) =>
      `A USER ERROR has occurred: Bad input: Sample ${c.normalSample} is not in BAM header: [${c.tumorSample}]`,
  },
  obsWriteDenied: {
    step: (steps) => steps,
    message: (c, rng) =>
      "com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, " +
      `ResponseStatus: Forbidden, ErrorCode: AccessDenied, RequestId: ${hex(rng, 16)} while writing ${c.output}: ` +
      `the DLI agency has no write permission on bucket ${bucketOf(c.output)}`,
  },
  expectTimeExceeded: {
    step: (steps) => Math.max(1, steps - 2),
    message: (c, rng) =>
      `Job exceeded its expected run time (expect_time=${c.expectTime}h, ran ${c.expectTime}h ${rng.int(0, 14)}min) ` +
      "and was stopped by the gene service",
  },
} satisfies Record<string, Failure>;

export type FailureKind = keyof typeof FAILURES;

/** One failure of a given kind, with this job's details. */
export function failureOf(
  kind: FailureKind,
  rng: Rng,
  context: FailureContext,
  steps: number,
): { step: number; message: string } {
  const failure: Failure = FAILURES[kind];
  return { step: failure.step(steps), message: failure.message(context, rng) };
}

/** A failure that fits the job, drawn at random (the background of 90 days of jobs). */
export function pickFailure(
  rng: Rng,
  context: FailureContext,
  steps: number,
): { step: number; message: string } {
  const fits = (Object.keys(FAILURES) as FailureKind[]).filter(
    (kind) => (FAILURES[kind] as Failure).applies?.(context, steps) ?? true,
  );
  return failureOf(rng.pick(fits), rng, context, steps);
}

/** The germline tensorflow engine fails differently: it only takes sorted, indexed BAM. */
export function tensorflowFailure(bam: string): string {
  return (
    "ValueError: The tensorflow engine requires a coordinate-sorted BAM with an index: " +
    `${bam}.bai not found (run samtools index first)`
  );
}

// ---- Messages seen once in a while (the overview's "Other") --------------------------------

export const ONE_OFF_FAILURES = {
  diskFull: (rng: Rng) =>
    "java.io.IOException: No space left on device\n" +
    "\tat java.io.FileOutputStream.writeBytes(Native Method)\n" +
    `\tat org.apache.spark.storage.DiskBlockObjectWriter.commitAndGet(DiskBlockObjectWriter.scala:171) on ${host(rng)}`,
  pythonKeyError: () =>
    "Traceback (most recent call last):\n" +
    '  File "/opt/gene/pipeline/prepare_inputs.py", line 214, in read_groups\n' +
    "    rg = header['RG'][0]\n" +
    "KeyError: 'RG'",
  driverTimeout: () =>
    "org.apache.spark.SparkException: Exception thrown in awaitResult: \n" +
    "Caused by: java.util.concurrent.TimeoutException: Futures timed out after [300 seconds]",
} as const;

// ---- What a flagged request does when it runs -----------------------------------------------

/** What the checks saw, in the words a failing tool would print. */
export type FlaggedRequest = {
  rule: RuleId;
  context: FailureContext;
  /** The sample a flagged input file is listed under. */
  sample: string;
  /** The first input file the finding names. */
  file: string;
  /** The wrong-build resource, for a reference mismatch. */
  resource: string;
  /** Another job of the same samples or output, for the messages that name it. */
  relatedJobId: string | undefined;
  /** True when that job writes (or wrote) this very output. */
  outputTaken: boolean;
};

/**
 * How a job the sample-sheet checks flag fails in the emulator: the tool that would trip over
 * the mistake, with its message, at its step. Duplicates and shared outputs fail where the job
 * writes its output, which the other run owns.
 */
export function failureForFinding(
  f: FlaggedRequest,
  steps: number,
): { step: number; message: string } {
  const c = f.context;
  switch (f.rule) {
    case "missing-normal":
      return {
        step: mutectStep(steps),
        message: `A USER ERROR has occurred: Bad input: Sample ${c.normalSample || "normal"} is not in BAM header: [${c.tumorSample}]`,
      };
    case "tumor-is-normal":
      return {
        step: mutectStep(steps),
        message:
          `java.lang.IllegalArgumentException: Tumor and normal sample names must differ; both are ${c.tumorSample}\n` +
          "\tat org.broadinstitute.hellbender.tools.walkers.mutect.Mutect2Engine.checkSampleNames(Mutect2Engine.java:160)",
      };
    case "repeated-input":
    case "unpaired-fastq":
      return {
        step: 1,
        message:
          "picard.PicardException: Input paired fastq files must be the same length\n" +
          "\tat picard.sam.FastqToSam.doPaired(FastqToSam.java:402)",
      };
    case "input-in-tumor-and-normal":
      return {
        step: mutectStep(steps),
        message: `A USER ERROR has occurred: Bad input: tumor and normal reads come from the same file: ${f.file}`,
      };
    case "input-of-other-sample":
      // The reads' header names the sample they really come from.
      return {
        step: mutectStep(steps),
        message: `A USER ERROR has occurred: Bad input: Sample ${f.sample} is not in BAM header: [${sampleStem(f.file)}]`,
      };
    case "reference-mismatch":
      return {
        step: Math.min(3, steps),
        message:
          "A USER ERROR has occurred: Input files reference and features have incompatible contigs: " +
          "Found contigs with the same name but different lengths:\n" +
          `  contig reference = chr1 / ${c.ref === "hg19" ? 249250621 : 248956422}\n` +
          `  contig features = chr1 / ${c.ref === "hg19" ? 248956422 : 249250621}.\n` +
          `  features file is: ${f.resource}`,
      };
    case "shared-output":
    case "duplicate-run":
      if (f.outputTaken || f.rule === "shared-output") {
        return {
          step: steps,
          message:
            `org.apache.hadoop.fs.FileAlreadyExistsException: ${c.output} already exists` +
            (f.relatedJobId ? ` (written by job ${f.relatedJobId})` : "") +
            "\n\tat org.apache.hadoop.fs.s3a.S3AFileSystem.create(S3AFileSystem.java:726)",
        };
      }
      return {
        step: 1,
        message:
          "Job stopped by the gene service: the same samples and reference were submitted again " +
          `while job ${f.relatedJobId ?? "(unknown)"} is still running or finished less than a day ago`,
      };
  }
}
