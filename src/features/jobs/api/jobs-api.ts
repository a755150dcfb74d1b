import { z } from "zod/mini";
import { requestJson } from "../../../lib/http";
import type { JobType, TimeWindow } from "../url/jobs-search";
import { jobsPageSchema } from "./job-schemas";

export type ListJobsParams = {
  projectId: string;
  jobType: JobType;
  limit: number;
  offset: number;
  window: TimeWindow;
};

/** Same-origin DLI path; the dashboard server answers it from DLI or the emulator. */
export function listJobsPath({
  projectId,
  jobType,
  limit,
  offset,
  window,
}: ListJobsParams): string {
  const query = new URLSearchParams({
    job_type: jobType,
    limit: String(limit),
    offset: String(offset),
  });
  if (window.start !== undefined) query.set("start", String(window.start));
  if (window.end !== undefined) query.set("end", String(window.end));
  return `/v2.0/${encodeURIComponent(projectId)}/gene/jobs?${query}`;
}

export function listJobs(params: ListJobsParams, signal?: AbortSignal) {
  return requestJson(listJobsPath(params), jobsPageSchema, signal ? { signal } : {});
}

export function cancelJob(projectId: string, jobId: string) {
  const path = `/v2.0/${encodeURIComponent(projectId)}/gene/jobs/${encodeURIComponent(jobId)}`;
  return requestJson(path, z.unknown(), { method: "DELETE" });
}
