import { type CheckedJob, type Finding, prepareChecks } from "../../../contract/request-checks";
import { runKey } from "../../../contract/run-identity";
import type { Job, JobRow } from "../api/job-schemas";

/** What the rows at hand say about one job: its other runs and its sample-sheet findings. */
export type JobNotes = {
  /** Every run of the job's analysis among the rows, the job included, newest first. */
  runs: Job[];
  /** 1 for the first run (the oldest), `runs.length` for the newest. */
  runNumber: number;
  findings: Finding[];
};

export type NotesLookup = (job: Job) => JobNotes;

function requestValue(job: Job): unknown {
  return job.request.kind === "json" ? job.request.value : undefined;
}

function checkedJob(job: Job, jobType: string): CheckedJob {
  return {
    jobId: job.jobId,
    jobType,
    status: job.status,
    startTime: job.startTime,
    request: requestValue(job),
    durationSeconds: job.durationSeconds,
  };
}

// Worked out once per set of rows: a page of 100 rows asks 100 times per render.
const lookups = new WeakMap<readonly JobRow[], { jobType: string; lookup: NotesLookup }>();

/**
 * Runs and checks for jobs of `rows` (a page or a whole range, all of one job type). A job that
 * is not among the rows (the drawer's, found on another page) is checked against them too.
 */
export function notesLookup(rows: readonly JobRow[], jobType: string): NotesLookup {
  const cached = lookups.get(rows);
  if (cached?.jobType === jobType) return cached.lookup;
  const jobs = rows.filter((row): row is Job => row.kind === "job");
  const byKey = new Map<string, Job[]>();
  const keyOfJob = new Map<Job, string | null>();
  const keyOf = (job: Job) => {
    if (!keyOfJob.has(job)) keyOfJob.set(job, runKey(jobType, requestValue(job)));
    return keyOfJob.get(job) ?? null;
  };
  for (const job of jobs) {
    const key = keyOf(job);
    if (key === null) continue;
    const runs = byKey.get(key);
    if (runs) runs.push(job);
    else byKey.set(key, [job]);
  }
  for (const runs of byKey.values()) runs.sort((a, b) => b.startTime - a.startTime);
  const check = prepareChecks(jobs.map((job) => checkedJob(job, jobType)));
  const findings = new Map<Job, Finding[]>();

  const lookup: NotesLookup = (job) => {
    const key = keyOf(job);
    let runs = key === null ? [job] : (byKey.get(key) ?? [job]);
    if (!runs.includes(job)) {
      runs = [...runs.filter((run) => run.jobId !== job.jobId), job].sort(
        (a, b) => b.startTime - a.startTime,
      );
    }
    let found = findings.get(job);
    if (!found) {
      found = check(checkedJob(job, jobType));
      findings.set(job, found);
    }
    return { runs, runNumber: runs.length - runs.indexOf(job), findings: found };
  };
  lookups.set(rows, { jobType, lookup });
  return lookup;
}
