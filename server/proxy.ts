import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerConfig } from "./config.ts";
import { type GeneJobsBackend, sendError } from "./http-util.ts";
import { rfc3986, signRequest } from "./sign.ts";

export type ProxyOptions = {
  /** Upstream deadline for the whole exchange; 30 s by default. */
  timeoutMs?: number;
};

/** Only what the contract defines goes upstream, so the browser cannot smuggle anything else. */
const FORWARDED_PARAMS = ["job_type", "limit", "offset", "start", "end"] as const;
const PASSED_BACK_HEADERS = ["content-type", "retry-after"] as const;

export function forwardedQuery(search: URLSearchParams): string {
  return FORWARDED_PARAMS.flatMap((name) => {
    const value = search.get(name);
    return value === null ? [] : [`${name}=${rfc3986(value)}`];
  }).join("&");
}

/**
 * `ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`...: undici hides it in `cause`. Some failures
 * have no code (undici refusing a port: "bad port"); then the innermost message says most.
 */
function errorCode(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let innermostMessage: string | undefined;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code) return code;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && message) innermostMessage = message;
    current = (current as { cause?: unknown }).cause;
  }
  return innermostMessage ?? (error instanceof Error ? error.name : "UNKNOWN_ERROR");
}

function authHeaders(config: ServerConfig, method: string, url: URL): Record<string, string> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const auth = config.auth;
  if (auth.kind === "token") headers["X-Auth-Token"] = auth.token;
  if (auth.kind === "aksk") {
    Object.assign(
      headers,
      signRequest({ method, url, headers, body: "", ak: auth.ak, sk: auth.sk }),
    );
  }
  return headers;
}

/** The proxy-mode backend: forwards the two gene-job routes to `config.endpoint`. */
export function createProxy(config: ServerConfig, options: ProxyOptions = {}): GeneJobsBackend {
  if (!config.endpoint) throw new Error("proxy mode needs config.endpoint");
  const endpoint: URL = config.endpoint;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function forward(res: ServerResponse, method: string, path: string, query: string) {
    const url = new URL(path, endpoint);
    url.search = query;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    // The browser went away (navigation, refetch): stop waiting on DLI for it.
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.once("close", onClose);
    try {
      const upstream = await fetch(url, {
        method,
        headers: authHeaders(config, method, url),
        signal: controller.signal,
        // A redirect must not carry the token to some other host.
        redirect: "manual",
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      const headers: Record<string, string> = {
        "Content-Length": String(body.length),
        "Cache-Control": "no-store",
      };
      for (const name of PASSED_BACK_HEADERS) {
        const value = upstream.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      res.writeHead(upstream.status, headers);
      res.end(body);
    } catch (error) {
      if (res.destroyed || res.writableEnded) return;
      if (timedOut) {
        sendError(
          res,
          504,
          "DASHBOARD.UPSTREAM_TIMEOUT",
          `DLI at ${endpoint.host} did not answer within ${Math.round(timeoutMs / 1000)} s`,
        );
      } else {
        sendError(
          res,
          502,
          "DASHBOARD.UPSTREAM_UNREACHABLE",
          `Could not reach DLI at ${endpoint.host}: ${errorCode(error)}`,
        );
      }
    } finally {
      clearTimeout(timer);
      res.off("close", onClose);
    }
  }

  return {
    list(_req: IncomingMessage, res: ServerResponse, projectId: string, search: URLSearchParams) {
      return forward(res, "GET", `/v2.0/${projectId}/gene/jobs`, forwardedQuery(search));
    },
    cancel(_req: IncomingMessage, res: ServerResponse, projectId: string, jobId: string) {
      return forward(res, "DELETE", `/v2.0/${projectId}/gene/jobs/${jobId}`, "");
    },
  };
}
