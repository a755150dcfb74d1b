import type { IncomingMessage, ServerResponse } from "node:http";
import { cancelAllowed, type ServerConfig } from "./config.ts";
import { DEMO_PROJECTS } from "./emulator/data.ts";
import { createEmulator } from "./emulator/routes.ts";
import { refusal } from "./guard.ts";
import { type GeneJobsBackend, requestUrl, sendError, sendJson } from "./http-util.ts";
import { createProxy, type ProxyOptions } from "./proxy.ts";

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type ApiOptions = {
  /** Where the one-line-per-request log goes (stdout by default). */
  log?: (line: string) => void;
  /** Overrides the backend chosen from config.mode (tests). */
  backend?: GeneJobsBackend;
  /** Proxy-mode tuning (tests shorten the upstream timeout). */
  proxy?: ProxyOptions;
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const JOBS_PATH = /^\/v2\.0\/([^/]+)\/gene\/jobs\/?$/;
const JOB_PATH = /^\/v2\.0\/([^/]+)\/gene\/jobs\/([^/]+)\/?$/;

type Route =
  | { kind: "config" }
  | { kind: "list"; projectId: string }
  | { kind: "cancel"; projectId: string; jobId: string };

function match(pathname: string): Route | undefined {
  if (pathname === "/api/config") return { kind: "config" };
  const list = JOBS_PATH.exec(pathname);
  if (list) return { kind: "list", projectId: list[1] as string };
  const job = JOB_PATH.exec(pathname);
  if (job) return { kind: "cancel", projectId: job[1] as string, jobId: job[2] as string };
  return undefined;
}

const ALLOWED: Record<Route["kind"], string> = { config: "GET", list: "GET", cancel: "DELETE" };

function isApiPath(pathname: string): boolean {
  return (
    pathname === "/api" ||
    pathname.startsWith("/api/") ||
    pathname === "/v2.0" ||
    pathname.startsWith("/v2.0/")
  );
}

function publicConfig(config: ServerConfig) {
  if (config.mode === "demo") {
    return {
      mode: "demo",
      endpointHost: null,
      projects: DEMO_PROJECTS.map(({ id, name, description }) => ({ id, name, description })),
      cancelAllowed: cancelAllowed(config),
    };
  }
  return {
    mode: "proxy",
    endpointHost: config.endpoint?.host ?? null,
    projects: config.projectIds.map((id) => ({ id, name: null, description: null })),
    cancelAllowed: cancelAllowed(config),
  };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Connect-style middleware for the API paths, shared by the production server
 * and the Vite dev server. Non-API paths go to `next()`.
 */
export function createApiHandler(config: ServerConfig, options: ApiOptions = {}): ApiHandler {
  const log = options.log ?? ((line: string) => console.log(line));
  const backend =
    options.backend ??
    (config.mode === "proxy"
      ? createProxy(config, options.proxy)
      : createEmulator(config.demoNow ?? Date.now));

  async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const refused = refusal(req, config.host);
    if (refused) return sendError(res, 403, "DASHBOARD.FORBIDDEN", refused);
    const route = match(url.pathname);
    if (!route) {
      return sendError(res, 404, "DLI.0023", `No API resource at ${url.pathname}`);
    }
    const allowed = ALLOWED[route.kind];
    if (req.method !== allowed) {
      return sendError(
        res,
        405,
        "DLI.0007",
        `Method ${req.method} is not supported on ${url.pathname}; use ${allowed}`,
        { Allow: allowed },
      );
    }
    if (route.kind === "config") return sendJson(res, 200, publicConfig(config));
    if (route.kind === "cancel" && !cancelAllowed(config)) {
      // Read-only server: answered here, never sent upstream.
      return sendError(
        res,
        403,
        "DASHBOARD.CANCEL_DISABLED",
        "Cancelling jobs is turned off on this dashboard server (set DLI_ALLOW_CANCEL=1 to allow it)",
      );
    }
    const projectId = safeDecode(route.projectId);
    if (projectId === undefined || !ID.test(projectId)) {
      return sendError(res, 400, "DLI.0001", "project_id must be 1-64 letters, digits, _ or -");
    }
    if (route.kind === "list") return backend.list(req, res, projectId, url.searchParams);
    const jobId = safeDecode(route.jobId);
    if (jobId === undefined || !ID.test(jobId)) {
      return sendError(res, 400, "DLI.0001", "job_id must be 1-64 letters, digits, _ or -");
    }
    return backend.cancel(req, res, projectId, jobId);
  }

  return (req, res, next) => {
    const url = requestUrl(req);
    if (!isApiPath(url.pathname)) return next();
    const started = performance.now();
    res.once("close", () => {
      const ms = Math.round(performance.now() - started);
      const status = res.writableFinished
        ? res.statusCode
        : `${res.headersSent ? res.statusCode : "-"} (aborted)`;
      log(`${req.method} ${url.pathname}${url.search} ${status} ${ms}ms`);
    });
    dispatch(req, res, url).catch((error: unknown) => {
      console.error(`API error on ${req.method} ${url.pathname}:`, error);
      if (!res.headersSent)
        sendError(res, 500, "DLI.0999", "Internal error in the dashboard server");
      else res.destroy();
    });
  };
}
