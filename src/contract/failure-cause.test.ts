import { describe, expect, it } from "vitest";
import {
  causeKeysSeenOnce,
  failureCause,
  groupFailures,
  jobMatchesCause,
  OTHER_CAUSE_KEY,
  stoppedAtStep,
} from "./failure-cause";
import type { InsightJob } from "./job-insight";

// Real-shaped messages, grouped as a lab member would group them: each inner list is one cause,
// its messages differing only in what varies between occurrences (numbers, executors, TIDs,
// paths, sample names, sizes, quoted values).
const CAUSES: Record<string, { title: string; messages: string[] }> = {
  bwaHeap: {
    title: "OutOfMemoryError: Java heap space in BwaSpark",
    messages: [
      "org.apache.spark.SparkException: Job aborted due to stage failure: Task 118 in stage 3.0 failed 4 times, most recent failure: Lost task 118.3 in stage 3.0 (TID 4242, executor 7): java.lang.OutOfMemoryError: Java heap space\n\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)\n\tat org.broadinstitute.hellbender.tools.spark.bwa.BwaSparkEngine$ReadAligner.apply(BwaSparkEngine.java:134)",
      "org.apache.spark.SparkException: Job aborted due to stage failure: Task 27 in stage 5.0 failed 4 times, most recent failure: Lost task 27.3 in stage 5.0 (TID 8810, executor 19): java.lang.OutOfMemoryError: Java heap space\n\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)\n\tat org.broadinstitute.hellbender.tools.spark.bwa.BwaSparkEngine$ReadAligner.apply(BwaSparkEngine.java:134)",
      // Spark 3 names the host in a second pair of brackets.
      "org.apache.spark.SparkException: Job aborted due to stage failure: Task 33 in stage 4.0 failed 4 times, most recent failure: Lost task 33.3 in stage 4.0 (TID 4521) (dli-node-3-07 executor 12): java.lang.OutOfMemoryError: Java heap space\n\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)\n\tat org.broadinstitute.hellbender.tools.spark.bwa.BwaSparkEngine$ReadAligner.apply(BwaSparkEngine.java:134)",
      "org.apache.spark.SparkException: Job aborted due to stage failure: Task 3 in stage 2.0 failed 4 times, most recent failure: Lost task 3.3 in stage 2.0 (TID 77) (192.168.0.41 executor 2): java.lang.OutOfMemoryError: Java heap space\r\n\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:151)\r\n\tat org.broadinstitute.hellbender.tools.spark.bwa.BwaSparkEngine$ReadAligner.apply(BwaSparkEngine.java:140)",
    ],
  },
  markDuplicatesHeap: {
    title: "OutOfMemoryError: Java heap space in MarkDuplicatesSpark",
    messages: [
      "org.apache.spark.SparkException: Job aborted due to stage failure: Task 9 in stage 7.0 failed 4 times, most recent failure: Lost task 9.3 in stage 7.0 (TID 1201, executor 4): java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3236)\n\tat org.broadinstitute.hellbender.tools.spark.transforms.markduplicates.MarkDuplicatesSpark.mark(MarkDuplicatesSpark.java:210)",
      "org.apache.spark.SparkException: Job aborted due to stage failure: Task 40 in stage 7.0 failed 4 times, most recent failure: Lost task 40.3 in stage 7.0 (TID 1399, executor 11): java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3236)\n\tat org.broadinstitute.hellbender.tools.spark.transforms.markduplicates.MarkDuplicatesSpark.mark(MarkDuplicatesSpark.java:210)",
    ],
  },
  gcOverhead: {
    title: "OutOfMemoryError: GC overhead limit exceeded",
    messages: [
      "java.lang.OutOfMemoryError: GC overhead limit exceeded",
      'Exception in thread "main" java.lang.OutOfMemoryError: GC overhead limit exceeded',
    ],
  },
  yarnMemory: {
    title: "Container killed by YARN for exceeding memory limits",
    messages: [
      "ExecutorLostFailure (executor 3 exited caused by one of the running tasks) Reason: Container killed by YARN for exceeding memory limits. 22.4 GB of 22 GB physical memory used. Consider boosting spark.yarn.executor.memoryOverhead.",
      "ExecutorLostFailure (executor 17 exited caused by one of the running tasks) Reason: Container killed by YARN for exceeding memory limits. 45.3 GB of 44 GB physical memory used. Consider boosting spark.yarn.executor.memoryOverhead.",
      "ExecutorLostFailure (executor 17 exited caused by one of the running tasks) Reason: Container killed by YARN for exceeding memory limits. 11.1 GB of 11 GB physical memory used. Consider boosting spark.yarn.executor.memoryOverhead.",
      "org.apache.spark.SparkException: Job aborted due to stage failure: Task 5 in stage 2.0 failed 4 times, most recent failure: Lost task 5.3 in stage 2.0 (TID 61, executor 9): ExecutorLostFailure (executor 9 exited caused by one of the running tasks) Reason: Container killed by YARN for exceeding memory limits. 6.5 GB of 6 GB physical memory used.",
      "Container [pid=28812,containerID=container_e05_1700000000000_0042_01_000003] is running beyond physical memory limits. Current usage: 10.5 GB of 10 GB physical memory used; 12.3 GB of 21 GB virtual memory used. Killing container.",
    ],
  },
  obsWriteDenied: {
    title: "OBS 403 AccessDenied writing output",
    messages: [
      "com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, ResponseStatus: Forbidden, ErrorCode: AccessDenied while writing s3a://onco-wgs-results/somatic/2026-11-batch07/ONC26-0042/ONC26-0042.somatic.vcf: the DLI agency has no write permission on this OBS bucket",
      "com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, ResponseStatus: Forbidden, ErrorCode: AccessDenied, RequestId: 0A1B2C3D4E5F6789 while writing s3a://onco-wgs-results/somatic/b1/HCC1143/HCC1143.somatic.vcf: the DLI agency has no write permission on bucket onco-wgs-results",
      "com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, ResponseStatus: Forbidden, ErrorCode: AccessDenied while writing s3a://popgen-cohort-vcf/germline/b3/CHNPOP-01234/output/CHNPOP-01234.g.vcf: the DLI agency has no write permission on this OBS bucket",
      // boto says the same with the operation's name and no status.
      'Traceback (most recent call last):\n  File "/opt/gene/upload.py", line 88, in <module>\n    s3.put_object(Bucket=bucket, Key=key, Body=data)\nbotocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
    ],
  },
  obsReadMissing: {
    title: "OBS 404 NoSuchKey reading input",
    messages: [
      "java.io.FileNotFoundException: No such file or directory: s3a://onco-wgs-raw/2026-11-batch07/ONC26-0042/ONC26-0042_normal_R2.fastq.gz\n\tat org.apache.hadoop.fs.s3a.S3AFileSystem.s3GetFileStatus(S3AFileSystem.java:2269)\nCaused by: com.obs.services.exception.ObsException: ResponseCode: 404, ResponseStatus: Not Found, ErrorCode: NoSuchKey",
      "java.io.FileNotFoundException: No such file or directory: s3a://onco-wgs-raw/b3/COLO829/COLO829_tumor_R1.fastq.gz\n\tat org.apache.hadoop.fs.s3a.S3AFileSystem.s3GetFileStatus(S3AFileSystem.java:2269)\nCaused by: com.obs.services.exception.ObsException: ResponseCode: 404, ResponseStatus: Not Found, ErrorCode: NoSuchKey, RequestId: 9F8E7D6C5B4A3210",
      "java.io.FileNotFoundException: No such file or directory: s3a://lab/raw/T7_R2.fastq.gz\n\tat org.apache.hadoop.fs.s3a.S3AFileSystem.s3GetFileStatus(S3AFileSystem.java:2269)\nCaused by: com.obs.services.exception.ObsException: ResponseCode: 404, ResponseStatus: Not Found, ErrorCode: NoSuchKey",
    ],
  },
  referenceIndex: {
    title: "Reference index does not match the sequence dictionary",
    messages: [
      "A USER ERROR has occurred: The reference index for hg38 is invalid: Homo_sapiens_assembly.hg38.fasta.img does not match the sequence dictionary (contig chrM length 16569 in dictionary, 16571 in index). Rebuild the BWA index image for hg38.",
      "A USER ERROR has occurred: The reference index for hg38 is invalid: s3a://onco-ref/hg38/Homo_sapiens_assembly38.fasta.img does not match the sequence dictionary (contig chr1_KI270706v1_random length 175055 in dictionary, 175093 in index). Rebuild the BWA index image for hg38.",
      "A USER ERROR has occurred: The reference index for hg19 is invalid: Homo_sapiens_assembly.hg19.fasta.img does not match the sequence dictionary (contig chrM length 16571 in dictionary, 16569 in index). Rebuild the BWA index image for hg19.",
    ],
  },
  incompatibleContigs: {
    title:
      "Input files reference and reads have incompatible contigs: No overlapping contigs found",
    messages: [
      "A USER ERROR has occurred: Input files reference and reads have incompatible contigs: No overlapping contigs found.\n  reference contigs = [chr1, chr2, chr3, ...]\n  reads contigs = [1, 2, 3, ...]",
      "A USER ERROR has occurred: Input files reference and reads have incompatible contigs: No overlapping contigs found.\n  reference contigs = [1, 2, 3, 4, ...]\n  reads contigs = [chr1, chr2, ...]",
    ],
  },
  sampleNotInHeader: {
    title: "Bad input: Sample … is not in BAM header",
    messages: [
      "A USER ERROR has occurred: Bad input: Sample ONC26-0042_normal is not in BAM header: [SM1]",
      "A USER ERROR has occurred: Bad input: Sample HCC1143_normal is not in BAM header: [HCC1143_N, HCC1143_T]",
    ],
  },
  pastExpectTime: {
    title: "Job exceeded its expected run time and was stopped by the gene service",
    messages: [
      "Job exceeded its expected run time (expect_time=8h) and was stopped by the gene service",
      "Job exceeded its expected run time (expect_time=12h) and was stopped by the gene service",
    ],
  },
  tensorflowIndex: {
    title:
      "ValueError: The tensorflow engine requires a coordinate-sorted BAM with an index: … not found (run samtools…",
    messages: [
      "ValueError: The tensorflow engine requires a coordinate-sorted BAM with an index: s3a://popgen-cohort-raw/aligned/NA12878/NA12878.bam.bai not found (run samtools index first)",
      "ValueError: The tensorflow engine requires a coordinate-sorted BAM with an index: s3a://x/N1.bam.bai not found (run samtools index first)",
    ],
  },
  pythonKeyError: {
    title: "KeyError",
    messages: [
      "Traceback (most recent call last):\n  File \"/opt/gene/pipeline/prepare_inputs.py\", line 214, in read_groups\n    rg = header['RG'][0]\nKeyError: 'RG'",
      "Traceback (most recent call last):\n  File \"/opt/gene/run.py\", line 42, in <module>\n    main()\n  File \"/opt/gene/run.py\", line 17, in main\n    name = request['normal_sample_name']\nKeyError: 'normal_sample_name'",
      'Traceback (most recent call last):\n  File "/opt/gene/run.py", line 57, in <module>\n    main()\nKeyError: "tumor_sample_name"',
    ],
  },
  noSpace: {
    title: "IOException: No space left on device",
    messages: [
      "java.io.IOException: No space left on device\n\tat java.io.FileOutputStream.writeBytes(Native Method)\n\tat org.apache.spark.storage.DiskBlockObjectWriter.commitAndGet(DiskBlockObjectWriter.scala:171) on dli-node-3-07",
      "org.apache.spark.SparkException: Task failed while writing rows.\n\tat org.apache.spark.sql.execution.datasources.FileFormatWriter$.executeTask(FileFormatWriter.scala:291)\nCaused by: java.io.IOException: No space left on device\n\tat java.io.FileOutputStream.writeBytes(Native Method)",
      "org.apache.spark.SparkException: Job aborted due to stage failure: Task 2 in stage 9.0 failed 4 times, most recent failure: Lost task 2.3 in stage 9.0 (TID 900, executor 1): java.io.IOException: No space left on device\n\tat java.io.FileOutputStream.writeBytes(Native Method)",
    ],
  },
  malformedRead: {
    title: "MalformedRead: Read … is malformed: read ends after end of contig",
    messages: [
      "org.broadinstitute.hellbender.exceptions.UserException$MalformedRead: Read HWI-ST1234:8:1101:1234:5678 is malformed: read ends after end of contig",
      "org.broadinstitute.hellbender.exceptions.UserException$MalformedRead: Read A00123:8:H7KJLDSXY:1:1101:10004:1000 is malformed: read ends after end of contig",
    ],
  },
  rpcLost: {
    title: "ExecutorLostFailure: Remote RPC client disassociated",
    messages: [
      "ExecutorLostFailure (executor 5 exited caused by one of the running tasks) Reason: Remote RPC client disassociated. Likely due to containers exceeding thresholds, or network issues. Check driver logs for WARN messages.",
      "ExecutorLostFailure (executor 12 exited caused by one of the running tasks) Reason: Remote RPC client disassociated. Likely due to containers exceeding thresholds, or network issues. Check driver logs for WARN messages.",
    ],
  },
  sameSample: {
    title:
      "IllegalArgumentException: Tumor and normal sample names must differ; both are … in Mutect2",
    messages: [
      "java.lang.IllegalArgumentException: Tumor and normal sample names must differ; both are ONC26-0042_tumor\n\tat org.broadinstitute.hellbender.tools.walkers.mutect.Mutect2Engine.checkSampleNames(Mutect2Engine.java:160)",
      "java.lang.IllegalArgumentException: Tumor and normal sample names must differ; both are HCC1954\n\tat org.broadinstitute.hellbender.tools.walkers.mutect.Mutect2Engine.checkSampleNames(Mutect2Engine.java:160)",
    ],
  },
  driverTimeout: {
    title: "TimeoutException: Futures timed out after …",
    messages: [
      "org.apache.spark.SparkException: Exception thrown in awaitResult: \nCaused by: java.util.concurrent.TimeoutException: Futures timed out after [300 seconds]",
      "org.apache.spark.SparkException: Exception thrown in awaitResult: \nCaused by: java.util.concurrent.TimeoutException: Futures timed out after [120 seconds]",
    ],
  },
  nullPointer: {
    title: "NullPointerException",
    messages: [
      "java.lang.NullPointerException",
      "java.lang.NullPointerException\n\tat org.apache.spark.deploy.yarn.ApplicationMaster.run(ApplicationMaster.scala:123)",
    ],
  },
  empty: { title: "No message", messages: ["", "   \n ", "\n"] },
};

const ALL = Object.entries(CAUSES);

describe("failureCause", () => {
  it("is given at least twenty real-shaped messages", () => {
    expect(ALL.flatMap(([, c]) => c.messages).length).toBeGreaterThanOrEqual(20);
  });

  it.each(ALL)("%s: every variant lands in one cause, with a readable title", (_, cause) => {
    const found = cause.messages.map((message) => failureCause(message));
    expect(new Set(found.map((c) => c.key)).size).toBe(1);
    expect(found[0]?.title).toBe(cause.title);
  });

  it("gives different causes different keys", () => {
    const keys = ALL.map(([, cause]) => failureCause(cause.messages[0] ?? "").key);
    expect(new Set(keys).size).toBe(ALL.length);
  });

  it("keys are URL-safe, at most 48 characters, and the same on every run", () => {
    for (const [, cause] of ALL) {
      for (const message of cause.messages) {
        expect(failureCause(message).key).toMatch(/^[a-z0-9-]{1,48}$/);
      }
    }
    // Literal: the cause in a bookmarked `cause=` URL still means the same jobs tomorrow.
    const key = (name: string) => failureCause(CAUSES[name]?.messages[0] ?? "").key;
    expect(key("bwaHeap")).toBe("outofmemoryerror-java-heap-space-in-0z9v4l4");
    expect(key("obsWriteDenied")).toBe("obs-403-accessdenied-writing-output-0tafyo2");
    expect(key("yarnMemory")).toBe("container-killed-by-yarn-for-exceeding-17oehff");
    expect(key("referenceIndex")).toBe("reference-index-does-not-match-the-00r77tz");
    expect(key("empty")).toBe("no-message-06u9vqm");
  });

  it("tells reading from writing, and read from written storage errors", () => {
    const denied = (verb: string) =>
      failureCause(
        `com.obs.services.exception.ObsException: ResponseCode: 403, ResponseStatus: Forbidden, ErrorCode: AccessDenied while ${verb} s3a://bucket/output/x.vcf`,
      ).title;
    expect(denied("writing")).toBe("OBS 403 AccessDenied writing output");
    expect(denied("reading")).toBe("OBS 403 AccessDenied reading input");
    // A path's "output" folder says nothing about the direction.
    expect(denied("accessing")).toBe("OBS 403 AccessDenied");
    expect(
      failureCause(
        "com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 5F3A9C21B7E0D4A6)\n\tat com.amazonaws.services.s3.AmazonS3Client.getObject(AmazonS3Client.java:1472)",
      ).title,
    ).toBe("OBS 403 AccessDenied reading input");
  });

  it("reads a Python traceback's last line, not its frames", () => {
    expect(
      failureCause(
        "Traceback (most recent call last):\n  File \"/opt/gene/align.py\", line 12, in <module>\n    run()\nsubprocess.CalledProcessError: Command '['samtools', 'index', 'x.bam']' returned non-zero exit status 1.",
      ).title,
    ).toBe("CalledProcessError: Command … returned non-zero exit status …");
  });

  it("keeps a one-word cause apart from its words' neighbours", () => {
    expect(failureCause("java.lang.OutOfMemoryError: Java heap space").key).not.toBe(
      failureCause(CAUSES.bwaHeap?.messages[0] ?? "").key,
    );
  });

  it("never throws, and reads only the first 4 KB of a megabyte", () => {
    const head = "java.lang.RuntimeException: Task failed unexpectedly\n";
    const huge = `${head}${"\tat org.example.Frame.call(Frame.java:1)\n".repeat(30_000)}`;
    expect(huge.length).toBeGreaterThan(1_000_000);
    expect(failureCause(huge)).toEqual(failureCause(`${huge.slice(0, 4096)}`));
    expect(failureCause(huge).title).toBe("RuntimeException: Task failed unexpectedly");
    // What comes after the first 4 KB does not change the cause.
    expect(failureCause(`${huge}ObsException ResponseCode: 403`).key).toBe(failureCause(huge).key);
  });

  it("survives hostile text: __proto__, nulls, quotes, no words", () => {
    for (const text of [
      "__proto__",
      "constructor",
      "TypeError: Cannot read properties of undefined (reading '__proto__')",
      "'''''''''''",
      "12345 67.8",
      "\u0000\u0001",
      "a-".repeat(5000),
    ]) {
      const cause = failureCause(text);
      expect(cause.key).toMatch(/^[a-z0-9-]{1,48}$/);
      expect(cause.title.length).toBeGreaterThan(0);
    }
    expect(failureCause(null).title).toBe("No message");
    expect(
      failureCause("TypeError: Cannot read properties of undefined (reading '__proto__')").title,
    ).toBe("TypeError: Cannot read properties of undefined");
  });
});

describe("stoppedAtStep", () => {
  it("is DLI's step k of n, at least 1, at most n", () => {
    expect(stoppedAtStep({ done: 2, total: 7 })).toEqual({ step: 2, total: 7 });
    expect(stoppedAtStep({ done: 0, total: 7 })).toEqual({ step: 1, total: 7 });
    expect(stoppedAtStep({ done: 9, total: 7 })).toEqual({ step: 7, total: 7 });
    expect(stoppedAtStep({ done: 1, total: 0 })).toBeNull();
    expect(stoppedAtStep(null)).toBeNull();
  });
});

const HOUR = 3_600_000;
let serial = 0;

function failed(message: string | null, over: Partial<InsightJob> = {}): InsightJob {
  serial++;
  return {
    jobId: `job-${serial}`,
    jobType: "DNA_SOMATIC",
    status: "FAILED",
    startTime: serial * HOUR,
    durationSeconds: 600,
    progress: { done: 2, total: 7 },
    message,
    samples: [`S${serial}_tumor`, `S${serial}_normal`],
    ...over,
  };
}

describe("groupFailures", () => {
  const heap = CAUSES.bwaHeap?.messages ?? [];
  const obs = CAUSES.obsWriteDenied?.messages ?? [];
  const yarn = CAUSES.yarnMemory?.messages ?? [];

  function scenario(): InsightJob[] {
    return [
      failed(heap[0] ?? "", { startTime: 10 * HOUR, samples: ["B", "A"] }),
      failed(obs[0] ?? "", { startTime: 11 * HOUR, progress: { done: 7, total: 7 } }),
      failed(heap[1] ?? "", { startTime: 30 * HOUR, samples: ["A", "C"] }),
      failed(heap[2] ?? "", {
        startTime: 20 * HOUR,
        progress: { done: 3, total: 7 },
        samples: ["D"],
      }),
      failed(obs[1] ?? "", { startTime: 12 * HOUR, progress: { done: 7, total: 7 } }),
      failed(yarn[0] ?? "", { startTime: 40 * HOUR, progress: null }),
      failed(yarn[1] ?? "", { startTime: 41 * HOUR, progress: null }),
      failed("java.lang.NullPointerException", { startTime: 5 * HOUR }),
      failed("Some one-off nobody else has", { startTime: 6 * HOUR }),
      // Not failed: never grouped, whatever their message.
      failed(heap[0] ?? "", { status: "CANCELLED" }),
      failed(heap[0] ?? "", { status: "FINISHED" }),
      failed(heap[0] ?? "", { status: "SUSPENDED" }),
    ];
  }

  it("groups the failed jobs by cause, largest first, newest first on a tie", () => {
    const { causes } = groupFailures(scenario());
    expect(causes.map((c) => [c.title, c.count])).toEqual([
      ["OutOfMemoryError: Java heap space in BwaSpark", 3],
      // Two each: YARN was seen last (41 h), OBS at 12 h.
      ["Container killed by YARN for exceeding memory limits", 2],
      ["OBS 403 AccessDenied writing output", 2],
    ]);
  });

  it("tells each cause's step, first and last seen, samples and newest example", () => {
    const [heapGroup, yarnGroup, obsGroup] = groupFailures(scenario()).causes;
    expect(heapGroup).toMatchObject({
      key: failureCause(heap[0] ?? "").key,
      jobIds: expect.any(Array),
      commonStep: { step: 2, total: 7 },
      firstSeen: 10 * HOUR,
      lastSeen: 30 * HOUR,
      samples: ["A", "B", "C", "D"],
      example: heap[1],
    });
    expect(heapGroup?.jobIds).toHaveLength(3);
    expect(yarnGroup?.commonStep).toBeNull();
    expect(obsGroup?.commonStep).toEqual({ step: 7, total: 7 });
  });

  it("puts causes seen once together under Other", () => {
    const { other } = groupFailures(scenario());
    expect(other).toMatchObject({ key: OTHER_CAUSE_KEY, title: "Other", count: 2 });
    expect(other?.example).toBe("Some one-off nobody else has");
    expect(groupFailures(scenario().slice(0, 7)).other).toBeNull();
  });

  it("has nothing to group without failed jobs", () => {
    expect(groupFailures([])).toEqual({ causes: [], other: null });
  });

  it("on a tie of steps, names the earlier step whatever the order", () => {
    const jobs = [
      failed(heap[0] ?? "", { progress: { done: 4, total: 7 } }),
      failed(heap[1] ?? "", { progress: { done: 2, total: 7 } }),
    ];
    expect(groupFailures(jobs).causes[0]?.commonStep).toEqual({ step: 2, total: 7 });
    expect(groupFailures(jobs.reverse()).causes[0]?.commonStep).toEqual({ step: 2, total: 7 });
  });

  it("matches exactly the jobs it grouped (the list's cause filter)", () => {
    const jobs = scenario();
    const groups = groupFailures(jobs);
    const seenOnce = causeKeysSeenOnce(jobs);
    for (const group of [...groups.causes, groups.other]) {
      if (!group) continue;
      const matched = jobs.filter((job) => jobMatchesCause(job, group.key, seenOnce));
      expect(matched.map((job) => job.jobId).sort()).toEqual([...group.jobIds].sort());
    }
    // Without the one-offs of the set, nothing is "other".
    expect(jobs.some((job) => jobMatchesCause(job, OTHER_CAUSE_KEY))).toBe(false);
    expect(jobs.some((job) => jobMatchesCause(job, "no-such-cause-0000000"))).toBe(false);
  });

  it("copes with a __proto__ sample and message", () => {
    const jobs = [
      failed("__proto__", { samples: ["__proto__"] }),
      failed("__proto__", { samples: ["constructor"] }),
    ];
    expect(groupFailures(jobs).causes[0]).toMatchObject({
      count: 2,
      samples: ["__proto__", "constructor"],
    });
  });
});
