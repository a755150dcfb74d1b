import { z } from "zod/mini";
import { parseProgress } from "../../../lib/format";
import { type DecodedRequest, decodeRequest } from "../request/decode-request";

/**
 * One job as DLI sends it. Lenient where the UI copes (an unknown status, a missing owner, a
 * progress it cannot read); strict only where a row would be meaningless without the field.
 */
const jobSchema = z.object({
  job_id: z.string().check(z.minLength(1)),
  status: z.string().check(z.minLength(1)),
  start_time: z.number().check(z.int(), z.nonnegative()),
  owner: z.nullish(z.string()),
  progress: z.nullish(z.string()),
  duration: z.nullish(z.number().check(z.nonnegative())),
  message: z.nullish(z.string()),
  request: z.optional(z.unknown()),
});

export type Job = {
  kind: "job";
  jobId: string;
  status: string;
  startTime: number;
  owner: string | null;
  progressText: string | null;
  progress: { done: number; total: number } | null;
  durationSeconds: number | null;
  message: string | null;
  request: DecodedRequest;
};

/** A job that failed validation: kept as its own row so the rest of the page still shows. */
export type MalformedJob = {
  kind: "malformed";
  index: number;
  jobId: string | null;
  problems: string[];
};

export type JobRow = Job | MalformedJob;

function toJob(raw: z.infer<typeof jobSchema>): Job {
  return {
    kind: "job",
    jobId: raw.job_id,
    status: raw.status,
    startTime: raw.start_time,
    owner: raw.owner ?? null,
    progressText: raw.progress ?? null,
    progress: parseProgress(raw.progress),
    durationSeconds: raw.duration ?? null,
    message: raw.message ?? null,
    request: decodeRequest(raw.request),
  };
}

export function parseJob(raw: unknown, index: number): JobRow {
  const parsed = jobSchema.safeParse(raw);
  if (parsed.success) return toJob(parsed.data);
  const maybeId = raw && typeof raw === "object" ? (raw as { job_id?: unknown }).job_id : undefined;
  return {
    kind: "malformed",
    index,
    jobId: typeof maybeId === "string" && maybeId ? maybeId : null,
    problems: parsed.error.issues.map((issue) => {
      const field = issue.path.join(".") || "job";
      return `${field}: ${issue.message}`;
    }),
  };
}

/** A page of jobs; `extraJobs` counts jobs DLI sent beyond the `limit` asked for (dropped). */
export type JobsPage = { total: number; rows: JobRow[]; extraJobs?: number };

const pageEnvelope = z.object({
  job_count: z.number().check(z.int(), z.nonnegative()),
  jobs: z.array(z.unknown()),
});

/**
 * A page asked for with `limit`: the envelope is strict (without it there is no page); jobs are
 * parsed one by one, and no more than `limit` of them: an answer of 100,000 jobs to `limit=20`
 * froze the tab, so the rest are counted, not parsed or drawn.
 */
export function jobsPageSchema(limit: number) {
  return z.pipe(
    pageEnvelope,
    z.transform(({ job_count, jobs }): JobsPage => {
      const page: JobsPage = { total: job_count, rows: jobs.slice(0, limit).map(parseJob) };
      if (jobs.length > limit) page.extraJobs = jobs.length - limit;
      return page;
    }),
  );
}
