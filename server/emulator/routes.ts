import type { IncomingMessage, ServerResponse } from "node:http";
import { type GeneJobsBackend, sendError, sendJson } from "../http-util.ts";
import { parseListQuery } from "../request-rules.ts";
import { DEMO_PROJECTS, generateDemoJobs } from "./data.ts";
import { JobStore } from "./store.ts";
import { type SubmitAnswer, type SubmitOptions, submitJob } from "./submit.ts";

/** The list query rules live in `request-rules.ts`, shared with proxy mode. */
export { parseListQuery };

function unknownProject(res: ServerResponse, projectId: string): void {
  const known = DEMO_PROJECTS.map((p) => `${p.id} (${p.name})`).join(", ");
  sendError(
    res,
    404,
    "DLI.0002",
    `Project ${projectId} does not exist (demo data has projects: ${known})`,
  );
}

/** The largest submit body the emulator reads (a request with thousands of known sites fits). */
export const MAX_SUBMIT_BYTES = 2 * 1024 * 1024;

/**
 * The request body as text; null when it is larger than `limit` bytes. An oversized body is read
 * to its end and dropped, so that the client, still sending, gets the answer rather than a reset.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return size > limit ? null : Buffer.concat(chunks).toString("utf8");
}

export type Emulator = GeneJobsBackend & {
  store: JobStore;
  /**
   * DLI's submit, `POST /v2.0/{project_id}/gene/jobs`, as a function: `body` is the JSON text
   * as sent or the decoded request. Answers 201 `{job_id}`, or DLI's error body with 400 (bad
   * input) or 404 (unknown project). For server code only: the browser has no route to it.
   */
  submitJob(projectId: string, body: unknown, options?: SubmitOptions): SubmitAnswer;
  /** The same over HTTP: reads the request body (JSON, at most MAX_SUBMIT_BYTES) and answers. */
  submit(req: IncomingMessage, res: ServerResponse, projectId: string): Promise<void>;
};

/** The demo-mode backend: generates the demo data once, from `now()` at creation. */
export function createEmulator(now: () => number = Date.now): Emulator {
  const store = new JobStore(generateDemoJobs(now()), now);
  const submit = (projectId: string, body: unknown, options?: SubmitOptions) =>
    submitJob(store, projectId, body, options);
  return {
    store,
    submitJob: submit,
    async submit(req: IncomingMessage, res: ServerResponse, projectId: string) {
      if (!store.hasProject(projectId)) return unknownProject(res, projectId);
      const text = await readBody(req, MAX_SUBMIT_BYTES);
      if (text === null) {
        return sendError(
          res,
          400,
          "DLI.0001",
          `The request body is larger than ${MAX_SUBMIT_BYTES} bytes`,
        );
      }
      const answer = submit(projectId, text);
      sendJson(res, answer.status, answer.body);
    },
    list(_req: IncomingMessage, res: ServerResponse, projectId: string, search: URLSearchParams) {
      const parsed = parseListQuery(search);
      if (!parsed.ok) return sendError(res, 400, "DLI.0001", parsed.message);
      const result = store.list(projectId, parsed.query);
      if (!result) return unknownProject(res, projectId);
      sendJson(res, 200, result);
    },
    cancel(_req: IncomingMessage, res: ServerResponse, projectId: string, jobId: string) {
      if (!store.hasProject(projectId)) return unknownProject(res, projectId);
      const result = store.cancel(projectId, jobId);
      if (result.ok) return sendJson(res, 200, {});
      if (result.reason === "not-found") {
        return sendError(
          res,
          404,
          "DLI.0002",
          `Job ${jobId} does not exist in project ${projectId}`,
        );
      }
      sendError(
        res,
        400,
        "DLI.0001",
        `Job ${jobId} cannot be cancelled: its status is ${result.status} (only LAUNCHING or RUNNING jobs can be cancelled)`,
      );
    },
  };
}
