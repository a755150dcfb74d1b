import { describe, expect, it } from "vitest";
import { failureSummary } from "./failure-summary";

describe("failureSummary", () => {
  it.each([
    [
      "org.apache.spark.SparkException: Job aborted due to stage failure: Task 118 in stage 3.0 failed 4 times, most recent failure: Lost task 118.3 in stage 3.0 (TID 4242, executor 7): java.lang.OutOfMemoryError: Java heap space\n\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)",
      "OutOfMemoryError: Java heap space",
    ],
    [
      "com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, ResponseStatus: Forbidden, ErrorCode: AccessDenied while writing s3a://out/run7.vcf: the DLI agency has no write permission on this OBS bucket",
      "ObsException 403 AccessDenied",
    ],
    [
      "java.io.FileNotFoundException: No such file or directory: s3a://lab/raw/T7_R2.fastq.gz\n\tat org.apache.hadoop.fs.s3a.S3AFileSystem.s3GetFileStatus(S3AFileSystem.java:2269)\nCaused by: com.obs.services.exception.ObsException: ResponseCode: 404, ResponseStatus: Not Found, ErrorCode: NoSuchKey",
      "FileNotFoundException: No such file or directory: s3a://lab/raw/T7_R2.fastq.gz",
    ],
    [
      "A USER ERROR has occurred: The reference index for hg38 is invalid: Homo_sapiens_assembly.hg38.fasta.img does not match the sequence dictionary (contig chrM length 16569 in dictionary, 16571 in index). Rebuild the BWA index image for hg38.",
      "The reference index for hg38 is invalid: Homo_sapiens_assembly.hg38.fasta.img does not match the sequence dictionary (contig chrM length 16569 in dictionary, 1…",
    ],
    [
      "ExecutorLostFailure (executor 3 exited caused by one of the running tasks) Reason: Container killed by YARN for exceeding memory limits. 22.4 GB of 22 GB physical memory used.",
      "Container killed by YARN for exceeding memory limits",
    ],
    [
      "ValueError: The tensorflow engine requires a coordinate-sorted BAM with an index: s3a://x/N1.bam.bai not found (run samtools index first)",
      "ValueError: The tensorflow engine requires a coordinate-sorted BAM with an index: s3a://x/N1.bam.bai not found (run samtools index first)",
    ],
    [
      "Traceback (most recent call last):\n  File \"/opt/gene/run.py\", line 42, in <module>\n    main()\nKeyError: 'normal_sample_name'",
      "KeyError: 'normal_sample_name'",
    ],
    [
      "Job exceeded its expected run time (expect_time=8h) and was stopped by the gene service",
      "Job exceeded its expected run time (expect_time=8h) and was stopped by the gene service",
    ],
    ["java.lang.NullPointerException", "NullPointerException"],
  ])("%#: reads what went wrong", (message, summary) => {
    expect(failureSummary(message)).toBe(summary);
  });

  it("never returns more than a line of 160 characters", () => {
    const summary = failureSummary(`RuntimeException: ${"x".repeat(1_000_000)}`);
    expect(summary.length).toBe(160);
    expect(summary.endsWith("…")).toBe(true);
  });
});
