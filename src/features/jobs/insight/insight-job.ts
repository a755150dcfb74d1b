import type { InsightJob } from "../../../contract/job-insight";
import type { Job, JobRow } from "../api/job-schemas";
import { summarizeRequest } from "../request/decode-request";

function requestField(job: Job, name: string): unknown {
  const { request } = job;
  if (request.kind !== "json") return undefined;
  const body = request.value;
  return body && typeof body === "object" && !Array.isArray(body) && Object.hasOwn(body, name)
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

function positiveNumber(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : undefined;
}

const insightJobs = new WeakMap<Job, InsightJob>();

/** A list row as the insight rules (src/contract/job-insight.ts) read it; made once per job. */
export function toInsightJob(job: Job, jobType: string): InsightJob {
  const cached = insightJobs.get(job);
  if (cached) return cached;
  const summary = summarizeRequest(job.request);
  const fileType = requestField(job, "file_type");
  const expectTimeHours = positiveNumber(requestField(job, "expect_time"));
  const insight: InsightJob = {
    jobId: job.jobId,
    jobType,
    status: job.status,
    startTime: job.startTime,
    durationSeconds: job.durationSeconds,
    progress: job.progress,
    message: job.message,
    samples: [summary.tumor, summary.normal, ...(summary.germlineSamples ?? [])].filter(
      (name): name is string => Boolean(name),
    ),
    ...(summary.reference ? { reference: summary.reference } : {}),
    ...(typeof fileType === "string" && fileType.trim() ? { fileType: fileType.trim() } : {}),
    ...(expectTimeHours ? { expectTimeHours } : {}),
  };
  insightJobs.set(job, insight);
  return insight;
}

/** The well-formed rows of a view, as insight jobs. */
export function toInsightJobs(rows: readonly JobRow[], jobType: string): InsightJob[] {
  const jobs: InsightJob[] = [];
  for (const row of rows) if (row.kind === "job") jobs.push(toInsightJob(row, jobType));
  return jobs;
}
