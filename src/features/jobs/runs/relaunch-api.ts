import { z } from "zod/mini";
import { type RelaunchEdits, relaunchPath } from "../../../contract/relaunch";
import { requestJson } from "../../../lib/http";

const submitted = z.object({ job_id: z.string().check(z.minLength(1)) });

/**
 * Asks the dashboard server to submit the job again with these edits. Only the job id (in the
 * path) and the edits leave the browser: the server takes the request itself from DLI.
 */
export function relaunchJob(projectId: string, jobId: string, edits: RelaunchEdits) {
  return requestJson(relaunchPath(projectId, jobId), submitted, {
    method: "POST",
    body: { edits },
  });
}
