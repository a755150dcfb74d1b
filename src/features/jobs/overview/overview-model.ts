import { type FailureGroups, groupFailures } from "../../../contract/failure-cause";
import {
  type DurationBaselines,
  durationBaselines,
  type InsightJob,
  type JobAttention,
  type JobSummary,
  needsAttention,
  summarizeJobs,
} from "../../../contract/job-insight";
import type { Finding } from "../../../contract/request-checks";
import type { Job, JobRow } from "../api/job-schemas";
import { toInsightJobs } from "../insight/insight-job";
import { notesLookup } from "../runs/job-notes";

export type Overview = {
  jobs: InsightJob[];
  summary: JobSummary;
  failures: FailureGroups;
  baselines: DurationBaselines;
  attention: JobAttention[];
  /** Jobs whose request the sample-sheet checks flag, newest first. */
  checked: { job: Job; findings: Finding[] }[];
};

/** Everything the overview draws, worked out once from the range's rows (pure; see the bench). */
export function buildOverview(rows: readonly JobRow[], jobType: string, nowMs: number): Overview {
  const jobs = toInsightJobs(rows, jobType);
  const baselines = durationBaselines(jobs);
  const notes = notesLookup(rows, jobType);
  const checked: Overview["checked"] = [];
  for (const row of rows) {
    if (row.kind !== "job") continue;
    const { findings } = notes(row);
    if (findings.length > 0) checked.push({ job: row, findings });
  }
  return {
    checked,
    jobs,
    summary: summarizeJobs(jobs),
    failures: groupFailures(jobs),
    baselines,
    attention: needsAttention(jobs, nowMs, baselines),
  };
}
