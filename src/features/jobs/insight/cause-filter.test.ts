import { describe, expect, it } from "vitest";
import { failureCause } from "../../../contract/failure-cause";
import type { JobRow } from "../api/job-schemas";
import { filterJobs } from "../range/local-view";
import { decodeRequest } from "../request/decode-request";
import { causeFilter } from "./cause-filter";

const HEAP = (executor: number) =>
  `org.apache.spark.SparkException: Job aborted due to stage failure: Task ${executor * 7} in stage 3.0 failed 4 times, most recent failure: Lost task 1.3 in stage 3.0 (TID ${executor * 100}, executor ${executor}): java.lang.OutOfMemoryError: Java heap space\n\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)`;
const OBS = (path: string) =>
  `com.obs.services.exception.ObsException: Error message:Request Error.OBS servcie Error Message. -- ResponseCode: 403, ResponseStatus: Forbidden, ErrorCode: AccessDenied writing ${path}`;

function job(id: string, status: string, message: string | null = null): JobRow {
  return {
    kind: "job",
    jobId: id,
    status,
    startTime: 1_700_000_000_000,
    owner: null,
    progressText: "2/7",
    progress: { done: 2, total: 7 },
    durationSeconds: 60,
    message,
    request: decodeRequest(null),
  };
}

const rows: JobRow[] = [
  job("heap-1", "FAILED", HEAP(3)),
  job("heap-2", "FAILED", HEAP(11)),
  job("obs-1", "FAILED", OBS("obs://bucket/a.vcf")),
  job("obs-2", "FAILED", OBS("obs://other/b.vcf")),
  job("once-1", "FAILED", "ValueError: sample sheet has no header"),
  job("once-2", "FAILED", "Killed by signal 9"),
  job("ok", "FINISHED"),
  { kind: "malformed", index: 7, jobId: "broken", problems: ["status: required"] },
];

describe("the list's cause filter", () => {
  it("keeps exactly the jobs the overview counted under a cause", () => {
    const key = failureCause(HEAP(1)).key;
    const filter = causeFilter(rows, key, "DNA_SOMATIC");
    expect([...filter.ids].sort()).toEqual(["heap-1", "heap-2"]);
    expect(filter.title).toBe(failureCause(HEAP(1)).title);
    const shown = filterJobs(rows, { only: filter.ids }).map((row) => row.jobId);
    expect(shown).toEqual(["heap-1", "heap-2"]);
  });

  it("'other' is the causes seen once in this range", () => {
    const filter = causeFilter(rows, "other", "DNA_SOMATIC");
    expect([...filter.ids].sort()).toEqual(["once-1", "once-2"]);
    expect(filter.title).toBe("Other");
  });

  it("a cause not in the range matches nothing, and says so with a null title", () => {
    const filter = causeFilter(rows, "no-such-cause-0000", "DNA_SOMATIC");
    expect(filter.ids.size).toBe(0);
    expect(filter.title).toBeNull();
    expect(filterJobs(rows, { only: filter.ids })).toEqual([]);
  });
});
