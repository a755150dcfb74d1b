import { describe, expect, it } from "vitest";
import { failureCause } from "../../../contract/failure-cause";
import { type JobRow, parseJob } from "../api/job-schemas";
import { endedAt, summarizeMorning } from "./morning-model";

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 10, 25, 1, 0);
/** 18:00 yesterday in Shanghai. */
const SINCE = Date.UTC(2026, 10, 24, 10, 0);

const OOM = (task: number) =>
  `org.apache.spark.SparkException: Job aborted due to stage failure: Task ${task} in stage 3.0 failed 4 times: java.lang.OutOfMemoryError: Java heap space`;
const OBS = (bucket: string) =>
  `com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, ResponseStatus: Forbidden, ErrorCode: AccessDenied while writing s3a://${bucket}/out.vcf`;
const KEY_ERROR = "Traceback (most recent call last):\nKeyError: 'normal_sample_name'";

let serial = 0;

/** A somatic request the sample-sheet checks find nothing wrong with. */
function cleanRequest(sample: string) {
  const files = (side: string) =>
    ["R1", "R2"].map((read) => `s3a://raw/${sample}_${side}/${sample}_${side}_${read}.fastq.gz`);
  return {
    job_type: "DNA_SOMATIC",
    inputs: [
      { sample_type: "tumor", sample_inputs: files("tumor") },
      { sample_type: "normal", sample_inputs: files("normal") },
    ],
    tumor_sample_name: `${sample}_tumor`,
    normal_sample_name: `${sample}_normal`,
    file_type: "fastq",
    ref: "hg38",
    output: `s3a://results/${sample}/`,
  };
}

function row(
  status: string,
  startTime: number,
  { duration = 600, message = null as string | null, request = undefined as unknown } = {},
): JobRow {
  serial++;
  return parseJob(
    {
      job_id: `job-${serial}`,
      owner: "li.na",
      status,
      progress: "3/7",
      start_time: startTime,
      duration,
      message,
      request: JSON.stringify(request ?? cleanRequest(`S${serial}`)),
    },
    serial,
  );
}

/** Finished jobs of 40 to 60 minutes two days back: the baseline a running job is compared with. */
const history = () =>
  Array.from({ length: 12 }, (_, i) =>
    row("FINISHED", NOW - 40 * HOUR + i * HOUR, { duration: (40 + i * 2) * 60 }),
  );

describe("summarizeMorning", () => {
  it("counts running jobs, and failures and cancellations that ended since the moment", () => {
    const rows = [
      ...history(),
      row("RUNNING", NOW - 20 * MIN, { duration: 1200 }),
      row("LAUNCHING", NOW - 2 * MIN, { duration: 0 }),
      // Ended after the moment, though started before it: counted, and the list starts there.
      row("FAILED", SINCE - 2 * HOUR, { duration: 3 * 3600, message: OOM(1) }),
      row("FAILED", SINCE + HOUR, { message: OOM(7) }),
      row("FAILED", SINCE + 2 * HOUR, { message: OBS("lab-out") }),
      // Ended before the moment: yesterday's news.
      row("FAILED", SINCE - 3 * HOUR, { duration: 600, message: OOM(9) }),
      row("CANCELLED", SINCE + 3 * HOUR),
      row("CANCELLED", SINCE - 5 * HOUR),
    ];
    const morning = summarizeMorning(rows, "DNA_SOMATIC", SINCE, NOW);
    expect(morning).toMatchObject({
      active: 2,
      failed: 3,
      cancelled: 1,
      failedFrom: SINCE - 2 * HOUR,
      cancelledFrom: SINCE,
      attention: 0,
    });
  });

  it("names the commonest causes first, at most three, with their counts", () => {
    const rows = [
      row("FAILED", SINCE + 1 * HOUR, { message: OBS("a") }),
      row("FAILED", SINCE + 2 * HOUR, { message: OOM(1) }),
      row("FAILED", SINCE + 3 * HOUR, { message: OOM(2) }),
      row("FAILED", SINCE + 4 * HOUR, { message: OBS("b") }),
      row("FAILED", SINCE + 5 * HOUR, { message: OOM(3) }),
      row("FAILED", SINCE + 6 * HOUR, { message: KEY_ERROR }),
      row("FAILED", SINCE + 7 * HOUR, { message: "Unexpected state in scheduler" }),
    ];
    const { causes } = summarizeMorning(rows, "DNA_SOMATIC", SINCE, NOW);
    expect(causes.map((c) => [c.title, c.count])).toEqual([
      [failureCause(OOM(1)).title, 3],
      [failureCause(OBS("a")).title, 2],
      // One each: the most recent first.
      ["Unexpected state in scheduler", 1],
    ]);
    expect(causes[0]?.key).toBe(failureCause(OOM(5)).key);
    expect(causes[0]?.lastSeen).toBe(SINCE + 5 * HOUR);
  });

  it("counts active jobs flagged stuck or slow, and running jobs whose sample sheet looks wrong", () => {
    const rows = [
      ...history(),
      // Launching for 40 minutes: stuck.
      row("LAUNCHING", NOW - 40 * MIN, { duration: 0 }),
      // Running 5 hours where finished jobs took at most 62 minutes: slow.
      row("RUNNING", NOW - 5 * HOUR, { duration: 5 * 3600 }),
      // Running normally, but with no normal sample: the checks flag it.
      row("RUNNING", NOW - 10 * MIN, {
        duration: 600,
        request: { job_type: "DNA_SOMATIC", tumor_sample_name: "X_tumor", ref: "hg38" },
      }),
      // Running normally, nothing wrong.
      row("RUNNING", NOW - 10 * MIN, { duration: 600 }),
      // A failed job with a wrong sheet is not "needs attention": it is counted as failed.
      row("FAILED", NOW - 30 * MIN, {
        message: OOM(4),
        request: { job_type: "DNA_SOMATIC", tumor_sample_name: "Y", ref: "hg38" },
      }),
    ];
    expect(summarizeMorning(rows, "DNA_SOMATIC", SINCE, NOW)).toMatchObject({
      active: 4,
      attention: 3,
      failed: 1,
    });
  });

  it("reads nothing into malformed rows and an empty window", () => {
    const malformed = parseJob({ job_id: 42 }, 0);
    expect(summarizeMorning([malformed], "DNA_GERMLINE", SINCE, NOW)).toEqual({
      active: 0,
      failed: 0,
      cancelled: 0,
      failedFrom: SINCE,
      cancelledFrom: SINCE,
      attention: 0,
      causes: [],
    });
  });
});

describe("endedAt", () => {
  it("is the start plus the run time, or the start when DLI gave none", () => {
    expect(endedAt({ startTime: 1000, durationSeconds: 60 })).toBe(61_000);
    expect(endedAt({ startTime: 1000, durationSeconds: null })).toBe(1000);
  });
});
