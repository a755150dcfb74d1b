import { statusRank } from "../../../contract/job-status";
import type { JobSort } from "../../../contract/list-url";
import type { Job, JobRow } from "../api/job-schemas";
import { summarizeRequest } from "../request/decode-request";

/** Every text a lab member may search by: id, owner, samples, input and output paths, message. */
export function searchableText(job: Job): string {
  const parts: string[] = [job.jobId, job.owner ?? "", job.message ?? ""];
  const summary = summarizeRequest(job.request);
  parts.push(summary.tumor ?? "", summary.normal ?? "", ...(summary.germlineSamples ?? []));
  parts.push(...summary.inputPaths, ...summary.outputPaths);
  return parts.join("\n").toLowerCase();
}

const haystacks = new WeakMap<Job, string>();

function haystackOf(job: Job): string {
  let text = haystacks.get(job);
  if (text === undefined) {
    text = searchableText(job);
    haystacks.set(job, text);
  }
  return text;
}

export function filterJobs(
  rows: readonly JobRow[],
  {
    status,
    q,
    keep,
    only,
  }: {
    status?: string[] | undefined;
    q?: string | undefined;
    /** Jobs shown whatever their status: the ones the viewer just acted on. */
    keep?: ReadonlySet<string> | undefined;
    /** Only these jobs (a failure cause's), when given. */
    only?: ReadonlySet<string> | undefined;
  },
): JobRow[] {
  const statuses = status?.length ? new Set(status) : null;
  const needle = q?.trim().toLowerCase();
  return rows.filter((row) => {
    if (only && !(row.jobId !== null && only.has(row.jobId))) return false;
    if (row.kind === "malformed") {
      // A malformed job has no status to match; it stays findable by its id.
      return !statuses && (!needle || (row.jobId ?? "").toLowerCase().includes(needle));
    }
    if (statuses && !statuses.has(row.status) && !keep?.has(row.jobId)) return false;
    return !needle || haystackOf(row).includes(needle);
  });
}

type Compare = (a: Job, b: Job) => number;

const COMPARE: Record<string, Compare> = {
  started: (a, b) => a.startTime - b.startTime,
  duration: (a, b) => (a.durationSeconds ?? -1) - (b.durationSeconds ?? -1),
  status: (a, b) => statusRank(a.status) - statusRank(b.status) || a.status.localeCompare(b.status),
  owner: (a, b) => (a.owner ?? "").localeCompare(b.owner ?? ""),
};

/**
 * A stable sort: ties keep DLI's newest-first order. Malformed jobs, having no fields to sort
 * by, go last.
 */
export function sortJobs(rows: readonly JobRow[], sort: JobSort): JobRow[] {
  const descending = sort.startsWith("-");
  const compare = COMPARE[sort.replace(/^-/, "")] as Compare;
  const jobs = rows.filter((row): row is Job => row.kind === "job");
  const malformed = rows.filter((row) => row.kind === "malformed");
  const sorted = jobs
    .map((job, index) => ({ job, index }))
    .sort(
      (a, b) => (descending ? -compare(a.job, b.job) : compare(a.job, b.job)) || a.index - b.index,
    )
    .map(({ job }) => job);
  return [...sorted, ...malformed];
}

export function countByStatus(rows: readonly JobRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.kind === "job") counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  }
  return counts;
}
