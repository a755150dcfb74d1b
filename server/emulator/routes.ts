import type { IncomingMessage, ServerResponse } from "node:http";
import { type GeneJobsBackend, sendError, sendJson } from "../http-util.ts";
import { parseListQuery } from "../request-rules.ts";
import { DEMO_PROJECTS, generateDemoJobs } from "./data.ts";
import { JobStore } from "./store.ts";

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

export type Emulator = GeneJobsBackend & { store: JobStore };

/** The demo-mode backend: generates the demo data once, from `now()` at creation. */
export function createEmulator(now: () => number = Date.now): Emulator {
  const store = new JobStore(generateDemoJobs(now()), now);
  return {
    store,
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
