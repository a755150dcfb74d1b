import { z } from "zod/mini";
import { cancelJobPath, type ListJobsParams, listJobsPath } from "../../../contract/dli-request";
import { requestJson } from "../../../lib/http";
import { jobsPageSchema } from "./job-schemas";

export function listJobs(params: ListJobsParams, signal?: AbortSignal) {
  return requestJson(listJobsPath(params), jobsPageSchema(params.limit), signal ? { signal } : {});
}

export function cancelJob(projectId: string, jobId: string) {
  return requestJson(cancelJobPath(projectId, jobId), z.unknown(), { method: "DELETE" });
}
