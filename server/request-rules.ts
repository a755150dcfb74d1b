import { RELAUNCH_PATH } from "../src/contract/relaunch.ts";
import type { ListQuery } from "./emulator/store.ts";
import { JOB_TYPES, type JobType } from "./emulator/types.ts";

// The allow-list of what the dashboard server answers under /api, /v2.0 and /v3, shared by
// proxy mode and demo mode. It works on the raw request target: `new URL()` would resolve `..`,
// `%2e%2e` and backslashes before anyone could refuse them.

/** Huawei Cloud project ids: letters, digits and `-`, one path segment. */
export const PROJECT_ID = /^[A-Za-z0-9-]{1,64}$/;
/** DLI job ids are UUIDs (any version; the demo's edge-case ids are UUID-shaped, not v4). */
export const JOB_ID =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export type Route =
  | { kind: "config" }
  | { kind: "list"; projectId: string }
  | { kind: "cancel"; projectId: string; jobId: string }
  /** "Run again": the dashboard server's own route, which submits to DLI itself. */
  | { kind: "relaunch"; projectId: string; jobId: string };

/** What the log shows instead of the path: never a raw path, id or query value. */
export const ROUTE_TEMPLATES: Record<Route["kind"], string> = {
  config: "/api/config",
  list: "/v2.0/{project_id}/gene/jobs",
  cancel: "/v2.0/{project_id}/gene/jobs/{job_id}",
  relaunch: "/api/projects/{project_id}/jobs/{job_id}/relaunch",
};

export const ALLOWED_METHOD: Record<Route["kind"], string> = {
  config: "GET",
  list: "GET",
  cancel: "DELETE",
  relaunch: "POST",
};

export type PathVerdict =
  /** Not an API path: static files / SPA fallback. */
  | { kind: "not-api" }
  /** An API path written in a way that is never accepted (encoded, `..`, `//`, `\`). */
  | { kind: "bad-path"; message: string }
  /** A well-formed API path that is not on the allow-list. */
  | { kind: "unknown" }
  | { kind: "route"; route: Route };

const API_PREFIX = /^\/(api|v2\.0|v3)(\/|$)/i;
/** The only characters an accepted API path is made of. */
const PLAIN_PATH = /^[A-Za-z0-9._~/-]*$/;

/** The request target's path, before `?`. */
export function rawPathOf(rawUrl: string): string {
  const q = rawUrl.indexOf("?");
  return q === -1 ? rawUrl : rawUrl.slice(0, q);
}

/**
 * The path as a lenient server (or DLI's gateway) might read it: percent-decoded (repeatedly),
 * backslashes as slashes, runs of slashes collapsed, dot segments resolved. Used only to decide
 * whether a request is aimed at the API, so that tricks cannot slip an API path past the rules.
 */
function lenientPath(rawPath: string): string {
  let p = rawPath;
  for (let i = 0; i < 4; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(p);
    } catch {
      break;
    }
    if (decoded === p) break;
    p = decoded;
  }
  p = p.replace(/\\/g, "/").replace(/\/{2,}/g, "/");
  try {
    return new URL(`http://h${p.startsWith("/") ? p : `/${p}`}`).pathname;
  } catch {
    return p;
  }
}

export function classifyPath(rawPath: string): PathVerdict {
  if (!API_PREFIX.test(rawPath) && !API_PREFIX.test(lenientPath(rawPath))) {
    return { kind: "not-api" };
  }
  if (!PLAIN_PATH.test(rawPath)) {
    return {
      kind: "bad-path",
      message:
        "API paths may only contain letters, digits, '-', '.', '_', '~' and '/' (no percent-encoding, no backslashes)",
    };
  }
  const segments = rawPath.split("/").slice(1);
  if (segments.some((s) => s === "" || s === "." || s === "..")) {
    return { kind: "bad-path", message: "API paths may not contain empty, '.' or '..' segments" };
  }
  const [root, project, gene, jobs, job, ...rest] = segments;
  if (root === "api" && project === "config" && segments.length === 2) {
    return { kind: "route", route: { kind: "config" } };
  }
  const relaunch = RELAUNCH_PATH.exec(rawPath);
  if (relaunch) {
    const [, projectId, jobId] = relaunch as unknown as [string, string, string];
    return { kind: "route", route: { kind: "relaunch", projectId, jobId } };
  }
  if (root === "v2.0" && project !== undefined && gene === "gene" && jobs === "jobs") {
    if (job === undefined) return { kind: "route", route: { kind: "list", projectId: project } };
    if (rest.length === 0) {
      return { kind: "route", route: { kind: "cancel", projectId: project, jobId: job } };
    }
  }
  return { kind: "unknown" };
}

// ---- The list query -------------------------------------------------------------------------

/** The list's query parameters, the only ones that ever reach DLI. */
export const LIST_PARAMS = ["job_type", "limit", "offset", "start", "end"] as const;

export type ParsedListQuery = { ok: true; query: ListQuery } | { ok: false; message: string };

// Empty values count as absent, as they do for the real service's optional
// query parameters; anything else must be a plain base-10 integer.
function integerParam(
  search: URLSearchParams,
  name: string,
  check: (n: number) => boolean,
  expected: string,
): number | undefined | { message: string } {
  const raw = search.get(name);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || !check(n)) {
    return { message: `Parameter ${name} must be ${expected}, got "${raw.slice(0, 40)}"` };
  }
  return n;
}

/**
 * Validates the list query as DLI documents it. Unknown parameters are ignored (and never
 * forwarded); a known one given twice is refused, so no two readers can disagree on its value.
 */
export function parseListQuery(search: URLSearchParams): ParsedListQuery {
  for (const name of LIST_PARAMS) {
    if (search.getAll(name).length > 1) {
      return { ok: false, message: `Parameter ${name} must be given at most once` };
    }
  }
  const rawType = search.get("job_type");
  let type: JobType | undefined;
  if (rawType !== null && rawType !== "") {
    if (!JOB_TYPES.includes(rawType as JobType)) {
      return {
        ok: false,
        message: `Parameter job_type must be DNA_SOMATIC or DNA_GERMLINE, got "${rawType.slice(0, 40)}"`,
      };
    }
    type = rawType as JobType;
  }
  const limit = integerParam(
    search,
    "limit",
    (n) => n >= 1 && n <= 100,
    "an integer from 1 to 100",
  );
  const offset = integerParam(search, "offset", (n) => n >= 0, "an integer >= 0");
  const ms = "a non-negative integer Unix time in milliseconds";
  const start = integerParam(search, "start", (n) => n >= 0, ms);
  const end = integerParam(search, "end", (n) => n >= 0, ms);
  for (const v of [limit, offset, start, end]) {
    if (typeof v === "object") return { ok: false, message: v.message };
  }
  const query: ListQuery = {
    limit: (limit as number | undefined) ?? 10,
    offset: (offset as number | undefined) ?? 0,
  };
  if (type) query.type = type;
  if (start !== undefined) query.start = start as number;
  if (end !== undefined) query.end = end as number;
  return { ok: true, query };
}

/**
 * The query as it goes upstream after `parseListQuery` accepted it: only the parameters the
 * caller set (DLI applies its own defaults), in a fixed order, numbers written canonically.
 */
export function canonicalListSearch(search: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of LIST_PARAMS) {
    const value = search.get(name);
    if (value === null || value === "") continue;
    out.set(name, name === "job_type" ? value : String(Number(value)));
  }
  return out;
}
