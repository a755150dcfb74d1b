import type { Rng } from "./random.ts";

// Failure reasons modelled on what GATK 4 on Spark prints, each tied to the
// pipeline step it happens in so that a FAILED job's progress stops there.

export type FailureContext = {
  ref: string;
  firstInput: string;
  lastInput: string;
  output: string;
  normalSample: string;
  bam: boolean;
  expectTime: number;
};

type Failure = {
  /** 1-based step the job was in, per pipeline length. */
  step: (steps: number) => number;
  message: (c: FailureContext, rng: Rng) => string;
  applies?: (c: FailureContext, steps: number) => boolean;
};

const bwaStep = (steps: number) => Math.min(2, steps);

const FAILURES: readonly Failure[] = [
  {
    step: () => 1,
    message: (c) =>
      `java.io.FileNotFoundException: No such file or directory: ${c.lastInput}\n` +
      "\tat org.apache.hadoop.fs.s3a.S3AFileSystem.s3GetFileStatus(S3AFileSystem.java:2269)\n" +
      "Caused by: com.obs.services.exception.ObsException: ResponseCode: 404, ResponseStatus: Not Found, ErrorCode: NoSuchKey",
  },
  {
    step: bwaStep,
    message: (_c, rng) => {
      const task = rng.int(20, 400);
      const exec = rng.int(1, 24);
      return (
        `org.apache.spark.SparkException: Job aborted due to stage failure: Task ${task} in stage 3.0 failed 4 times, ` +
        `most recent failure: Lost task ${task}.3 in stage 3.0 (TID ${rng.int(1000, 9000)}, executor ${exec}): ` +
        "java.lang.OutOfMemoryError: Java heap space\n" +
        "\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)\n" +
        "\tat org.broadinstitute.hellbender.tools.spark.bwa.BwaSparkEngine$ReadAligner.apply(BwaSparkEngine.java:134)"
      );
    },
  },
  {
    step: bwaStep,
    message: (_c, rng) =>
      `ExecutorLostFailure (executor ${rng.int(1, 24)} exited caused by one of the running tasks) ` +
      `Reason: Container killed by YARN for exceeding memory limits. ${(22 + rng.next()).toFixed(1)} GB of 22 GB ` +
      "physical memory used. Consider boosting spark.yarn.executor.memoryOverhead.",
  },
  {
    step: bwaStep,
    message: (c) =>
      `A USER ERROR has occurred: The reference index for ${c.ref} is invalid: ` +
      `Homo_sapiens_assembly.${c.ref}.fasta.img does not match the sequence dictionary ` +
      `(contig chrM length 16569 in dictionary, 16571 in index). Rebuild the BWA index image for ${c.ref}.`,
  },
  {
    step: (steps) => Math.min(3, steps),
    message: () =>
      "A USER ERROR has occurred: Input files reference and reads have incompatible contigs: " +
      "No overlapping contigs found.\n  reference contigs = [chr1, chr2, chr3, ...]\n  reads contigs = [1, 2, 3, ...]",
  },
  {
    step: (steps) => Math.min(4, steps),
    applies: (c, steps) => c.bam && steps === 7,
    message: (c) =>
      `A USER ERROR has occurred: Bad input: Sample ${c.normalSample} is not in BAM header: [SM1]`,
  },
  {
    step: (steps) => steps,
    message: (c) =>
      `com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, ` +
      `ResponseStatus: Forbidden, ErrorCode: AccessDenied while writing ${c.output}: ` +
      "the DLI agency has no write permission on this OBS bucket",
  },
  {
    step: (steps) => Math.max(1, steps - 2),
    message: (c) =>
      `Job exceeded its expected run time (expect_time=${c.expectTime}h) and was stopped by the gene service`,
  },
];

export function pickFailure(
  rng: Rng,
  context: FailureContext,
  steps: number,
): { step: number; message: string } {
  const candidates = FAILURES.filter((f) => f.applies?.(context, steps) ?? true);
  const failure = rng.pick(candidates);
  return { step: failure.step(steps), message: failure.message(context, rng) };
}

/** The germline tensorflow engine fails differently: it only takes sorted, indexed BAM. */
export function tensorflowFailure(bam: string): string {
  return (
    "ValueError: The tensorflow engine requires a coordinate-sorted BAM with an index: " +
    `${bam}.bai not found (run samtools index first)`
  );
}
