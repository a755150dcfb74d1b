import { describe, expect, it } from "vitest";
import type { Job, JobRow } from "../api/job-schemas";
import { decodeRequest } from "../request/decode-request";
import { notesLookup } from "./job-notes";

const HOUR = 3_600_000;

function somatic(
  id: string,
  startTime: number,
  status: string,
  fields: Record<string, unknown> = {},
): Job {
  return {
    kind: "job",
    jobId: id,
    status,
    startTime,
    owner: null,
    progressText: null,
    progress: null,
    durationSeconds: 3600,
    message: null,
    request: decodeRequest(
      JSON.stringify({
        tumor_sample_name: "P1_tumor",
        normal_sample_name: "P1_normal",
        ref: "hg38",
        file_type: "BAM",
        inputs: [
          { sample_type: "tumor", sample_inputs: ["s3a://raw/P1_tumor.bam"] },
          { sample_type: "normal", sample_inputs: ["s3a://raw/P1_normal.bam"] },
        ],
        output: `s3a://out/${id}.vcf`,
        ...fields,
      }),
    ),
  };
}

describe("notesLookup", () => {
  const first = somatic("run-1", 0, "FINISHED");
  const second = somatic("run-2", 5 * HOUR, "FAILED");
  const third = somatic("run-3", 50 * HOUR, "RUNNING");
  const other = somatic("other", 6 * HOUR, "FINISHED", { tumor_sample_name: "P2_tumor" });
  const rows: JobRow[] = [third, other, second, first];

  it("links the runs of one analysis, newest first, and numbers them from the oldest", () => {
    const notes = notesLookup(rows, "DNA_SOMATIC");
    expect(notes(second).runs.map((run) => run.jobId)).toEqual(["run-3", "run-2", "run-1"]);
    expect(notes(second).runNumber).toBe(2);
    expect(notes(third).runNumber).toBe(3);
    expect(notes(other).runs).toEqual([other]);
  });

  it("checks each job against the rows: a rerun within a day of a finished run is a duplicate", () => {
    const notes = notesLookup(rows, "DNA_SOMATIC");
    expect(notes(second).findings.map((f) => f.rule)).toEqual(["duplicate-run"]);
    expect(notes(third).findings).toEqual([]);
  });

  it("places a job that is not among the rows (found on another page) among its runs", () => {
    const outside = somatic("run-0", -10 * HOUR, "FINISHED");
    const notes = notesLookup(rows, "DNA_SOMATIC")(outside);
    expect(notes.runs.map((run) => run.jobId)).toEqual(["run-3", "run-2", "run-1", "run-0"]);
    expect(notes.runNumber).toBe(1);
  });

  it("gives a job whose request is not JSON no runs and no findings", () => {
    const broken: Job = { ...first, jobId: "broken", request: decodeRequest("{not json") };
    const notes = notesLookup([...rows, broken], "DNA_SOMATIC")(broken);
    expect(notes.runs).toEqual([broken]);
    expect(notes.findings).toEqual([]);
  });

  it("works the rows out once per set of rows", () => {
    expect(notesLookup(rows, "DNA_SOMATIC")).toBe(notesLookup(rows, "DNA_SOMATIC"));
  });
});
