import type { IncomingMessage, ServerResponse } from "node:http";
import { cancelAllowed, type ServerConfig, submitAllowed } from "./config.ts";
import { DEMO_PROJECTS } from "./emulator/data.ts";
import { createEmulator, type Emulator } from "./emulator/routes.ts";
import { refusal } from "./guard.ts";
import {
  API_SECURITY_HEADERS,
  type GeneJobsBackend,
  requestUrl,
  sendError,
  sendJson,
  upstreamMsOf,
} from "./http-util.ts";
import { createProxy, type ProxyBackend, type ProxyOptions } from "./proxy.ts";
import { handleRelaunch, relaunchDoor } from "./relaunch.ts";
import {
  ALLOWED_METHOD,
  canonicalListSearch,
  classifyPath,
  JOB_ID,
  type PathVerdict,
  PROJECT_ID,
  parseListQuery,
  ROUTE_TEMPLATES,
  rawPathOf,
} from "./request-rules.ts";

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type ApiOptions = {
  /** Where the one-line-per-request log goes (stdout by default). */
  log?: (line: string) => void;
  /**
   * Overrides the backend chosen from config.mode (index.ts shares one with the watcher). A
   * backend that is neither the proxy nor the emulator serves the list and cancel only.
   */
  backend?: GeneJobsBackend | ProxyBackend | Emulator;
  /** Proxy-mode tuning (tests shorten the upstream timeout). */
  proxy?: ProxyOptions;
};

const LOGGED_METHODS = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
  "TRACE",
  "CONNECT",
]);

function publicConfig(config: ServerConfig) {
  if (config.mode === "demo") {
    return {
      mode: "demo",
      endpointHost: null,
      // Chinese names and descriptions travel too: the page picks by its language.
      projects: DEMO_PROJECTS.map(({ id, name, description, nameZh, descriptionZh }) => ({
        id,
        name,
        description,
        nameZh,
        descriptionZh,
      })),
      cancelAllowed: cancelAllowed(config),
      submitAllowed: submitAllowed(config),
    };
  }
  // DLI_PROJECTS: each project's display name, never its region, endpoint or credentials. The
  // header names DLI's host only when every project is served by the same one.
  const hosts = new Set(config.projects?.map((p) => p.endpoint.host));
  return {
    mode: "proxy",
    endpointHost: config.projects
      ? hosts.size === 1
        ? [...hosts][0]
        : null
      : (config.endpoint?.host ?? null),
    projects: config.projects
      ? config.projects.map(({ id, name }) => ({ id, name: name ?? null, description: null }))
      : config.projectIds.map((id) => ({ id, name: null, description: null })),
    cancelAllowed: cancelAllowed(config),
    submitAllowed: submitAllowed(config),
  };
}

/** Whether proxy mode serves the project: listed in DLI_PROJECTS, or in a non-empty DLI_PROJECT_IDS. */
function servesProject(config: ServerConfig, projectId: string): boolean {
  if (config.projects) return config.projects.some((p) => p.id === projectId);
  return config.projectIds.length === 0 || config.projectIds.includes(projectId);
}

/**
 * The backend of `config.mode`: DLI through the proxy, or the emulator. Made once per server
 * process and shared by the API and the notification watcher, so both see the same demo jobs.
 */
export function createBackend(config: ServerConfig, proxy?: ProxyOptions): ProxyBackend | Emulator {
  return config.mode === "proxy"
    ? createProxy(config, proxy)
    : createEmulator(config.demoNow ?? Date.now);
}

/**
 * Connect-style middleware for the API paths, shared by the production server
 * and the Vite dev server. Non-API paths go to `next()`.
 */
export function createApiHandler(config: ServerConfig, options: ApiOptions = {}): ApiHandler {
  const log = options.log ?? ((line: string) => console.log(line));
  const backend = options.backend ?? createBackend(config, options.proxy);
  const door = relaunchDoor(backend);

  async function dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    verdict: Exclude<PathVerdict, { kind: "not-api" }>,
  ): Promise<void> {
    const refused = refusal(req, config.host);
    if (refused) return sendError(res, 403, "DASHBOARD.FORBIDDEN", refused);
    if (verdict.kind === "bad-path") return sendError(res, 400, "DLI.0001", verdict.message);
    if (verdict.kind === "unknown") {
      return sendError(res, 404, "DLI.0023", "No API resource at this path");
    }
    const route = verdict.route;
    const allowed = ALLOWED_METHOD[route.kind];
    if (req.method !== allowed) {
      return sendError(
        res,
        405,
        "DLI.0007",
        `Method ${String(req.method).slice(0, 20)} is not supported on ${ROUTE_TEMPLATES[route.kind]}; use ${allowed}`,
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
    if (route.kind === "relaunch" && !submitAllowed(config)) {
      // As for cancel: answered here, and nothing is read from or sent to DLI.
      return sendError(
        res,
        403,
        "DASHBOARD.SUBMIT_DISABLED",
        "Running jobs again is turned off on this dashboard server (set DLI_ALLOW_SUBMIT=1 to allow it)",
      );
    }
    const { projectId } = route;
    if (!PROJECT_ID.test(projectId)) {
      return sendError(res, 400, "DLI.0001", "project_id must be 1-64 letters, digits or -");
    }
    if ((route.kind === "cancel" || route.kind === "relaunch") && !JOB_ID.test(route.jobId)) {
      return sendError(res, 400, "DLI.0001", "job_id must be a UUID");
    }
    if (config.mode === "proxy" && !servesProject(config, projectId)) {
      return sendError(
        res,
        403,
        "DASHBOARD.PROJECT_NOT_ALLOWED",
        `This dashboard server does not serve that project (it is not in ${config.projects ? "DLI_PROJECTS" : "DLI_PROJECT_IDS"})`,
      );
    }
    if (route.kind === "cancel") return backend.cancel(req, res, projectId, route.jobId);
    if (route.kind === "relaunch") {
      if (!door) {
        return sendError(res, 501, "DASHBOARD.NOT_SUPPORTED", "This server cannot submit jobs");
      }
      return handleRelaunch(req, res, door, projectId, route.jobId);
    }
    const search = requestUrl(req).searchParams;
    const parsed = parseListQuery(search);
    if (!parsed.ok) return sendError(res, 400, "DLI.0001", parsed.message);
    return backend.list(req, res, projectId, canonicalListSearch(search));
  }

  return (req, res, next) => {
    const verdict = classifyPath(rawPathOf(req.url ?? "/"));
    if (verdict.kind === "not-api") return next();
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(name, value);
    const started = performance.now();
    const route = verdict.kind === "route" ? ROUTE_TEMPLATES[verdict.route.kind] : null;
    res.once("close", () => {
      // One JSON line: the route template, never the raw path, ids, query values or headers.
      const line: Record<string, unknown> = {
        t: new Date().toISOString(),
        method: LOGGED_METHODS.has(req.method ?? "") ? req.method : "OTHER",
        route,
        status: res.headersSent ? res.statusCode : null,
        ms: Math.round(performance.now() - started),
        upstream_ms: upstreamMsOf(res),
      };
      if (!res.writableFinished) line.aborted = true;
      log(JSON.stringify(line));
    });
    dispatch(req, res, verdict).catch((error: unknown) => {
      console.error(
        `API error on ${req.method} ${route ?? "(unmatched)"}:`,
        error instanceof Error ? error.message : "unknown error",
      );
      if (!res.headersSent)
        sendError(res, 500, "DLI.0999", "Internal error in the dashboard server");
      else res.destroy();
    });
  };
}
