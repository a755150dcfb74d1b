import { z } from "zod/mini";
import { type RelaunchEdits, relaunchPath } from "../../../contract/relaunch";
import { requestJson } from "../../../lib/http";

const submitted = z.object({ job_id: z.string().check(z.minLength(1)) });

/**
 * Asks the dashboard server to submit the job again with these edits. Only the job id (in the
 * path), the edits and the job's start time leave the browser: the server takes the request
 * itself from DLI, reading the list over that start time (a hint: a wrong one only makes the
 * server look further, through DLI's newest pages).
 */
export function relaunchJob(
  projectId: string,
  job: { jobId: string; startTime: number },
  edits: RelaunchEdits,
) {
  return requestJson(relaunchPath(projectId, job.jobId), submitted, {
    method: "POST",
    body: { edits, startTime: job.startTime },
  });
}
