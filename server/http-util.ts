import type { IncomingMessage, ServerResponse } from "node:http";

/** What the two DLI gene-job routes need from demo mode or proxy mode. */
export type GeneJobsBackend = {
  list(
    req: IncomingMessage,
    res: ServerResponse,
    projectId: string,
    search: URLSearchParams,
  ): void | Promise<void>;
  cancel(
    req: IncomingMessage,
    res: ServerResponse,
    projectId: string,
    jobId: string,
  ): void | Promise<void>;
};

/**
 * The request's path and query. Built on a fixed origin so that a path such
 * as `//v2.0/x` stays a path instead of becoming a host name.
 */
export function requestUrl(req: IncomingMessage): URL {
  const raw = req.url ?? "/";
  return new URL(`http://localhost${raw.startsWith("/") ? raw : `/${raw}`}`);
}

/**
 * On every API answer, the server's own and DLI's alike, in production and under `npm run dev`.
 * An answer is data for the app's fetch, never a page: opened directly it may load nothing,
 * run nothing, submit nothing and be framed by nothing, and as a sandboxed document it has no
 * access to the dashboard's origin even if a browser rendered it. (A fetch ignores all this.)
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy":
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox",
  "X-Content-Type-Options": "nosniff",
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(payload)),
    "Cache-Control": "no-store",
  });
  res.end(payload);
}

/** DLI's error body: `{"error_code": "DLI.0001", "error_msg": "..."}`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error_code: code, error_msg: message }, headers);
}

/**
 * Time spent waiting on DLI (and IAM) for a response, for the request log (proxy mode sets it):
 * the recorded figure once the exchange is over, the time so far while it is still going (the
 * browser left first, and the log line is written before the proxy has noticed), null when DLI
 * was never asked.
 */
const upstreamMs = new WeakMap<ServerResponse, number>();
const upstreamStarted = new WeakMap<ServerResponse, number>();

export function recordUpstreamStart(res: ServerResponse, started: number): void {
  upstreamStarted.set(res, started);
}

export function recordUpstreamMs(res: ServerResponse, ms: number): void {
  upstreamMs.set(res, Math.round(ms));
}

export function upstreamMsOf(res: ServerResponse): number | null {
  const recorded = upstreamMs.get(res);
  if (recorded !== undefined) return recorded;
  const started = upstreamStarted.get(res);
  return started === undefined ? null : Math.round(performance.now() - started);
}

/**
 * `ECONNREFUSED`, `ENOTFOUND`, `ERR_SSL_...`: the error's code, or its name; never its message.
 * fetch wraps the network error as `cause`, which is read first.
 */
export function errorCode(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  for (const candidate of [error, cause]) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === "string" && /^[A-Z0-9_]{1,60}$/.test(code)) return code;
  }
  return cause instanceof Error ? cause.name : "UNKNOWN_ERROR";
}
