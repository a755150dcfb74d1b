import { Agent as HttpAgent, type IncomingMessage, request, type ServerResponse } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import { type ServerConfig, upstreamOf } from "./config.ts";
import {
  errorCode,
  type GeneJobsBackend,
  recordUpstreamMs,
  recordUpstreamStart,
  sendError,
} from "./http-util.ts";
import {
  createIamTokenSource,
  IamRefusedError,
  type IamTokenSource,
  IamUnreachableError,
} from "./iam-token.ts";
import { createMemoryBudget, type MemoryBudget } from "./memory-budget.ts";
import { LIST_PARAMS } from "./request-rules.ts";
import { rfc3986, signRequest } from "./sign.ts";

export type ProxyOptions = {
  /** Upstream deadline for the whole exchange; 30 s by default. */
  timeoutMs?: number;
  /** Deadline for the TCP connection (and TLS handshake) to DLI; 5 s by default. */
  connectTimeoutMs?: number;
  /** Largest answer read from DLI; 20 MB by default (a page of 100 jobs is far below). */
  maxResponseBytes?: number;
  /**
   * Answers up to this size are held whole and sent with their length, so that a failure on
   * the way is still a clean error; longer ones stream through. 1 MB by default.
   */
  holdBytes?: number;
  /** Bytes of answers held at once across all requests; 64 MB by default, then 503. */
  memoryBudget?: MemoryBudget;
  /** Where IAM tokens come from when config.auth is an IAM user (tests pass their own clock). */
  iamTokens?: IamTokenSource;
};

const PASSED_BACK_HEADERS = ["retry-after"] as const;

/** Only what the contract defines goes upstream, so the browser cannot smuggle anything else. */
export function forwardedQuery(search: URLSearchParams): string {
  return LIST_PARAMS.flatMap((name) => {
    const value = search.get(name);
    return value === null ? [] : [`${name}=${rfc3986(value)}`];
  }).join("&");
}

/**
 * The headers DLI gets, built from scratch: nothing of the browser's request (cookies,
 * Authorization, X-Auth-Token, Host, X-Forwarded-*) is ever copied.
 */
function upstreamHeaders(
  config: ServerConfig,
  method: string,
  url: URL,
  iamToken: string | undefined,
  body = "",
): Record<string, string> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const auth = config.auth;
  const token = auth.kind === "token" ? auth.token : iamToken;
  if (token) headers["X-Auth-Token"] = token;
  if (auth.kind === "aksk") {
    Object.assign(headers, signRequest({ method, url, headers, body, ak: auth.ak, sk: auth.sk }));
  }
  // Signed as url.host by signRequest; sent explicitly so the two can never differ.
  headers.Host = url.host;
  if (body !== "") headers["Content-Length"] = String(Buffer.byteLength(body));
  return headers;
}

type Failure = {
  status: 502 | 503 | 504;
  code: string;
  message: string;
  headers?: Record<string, string>;
};

/** DLI's answer to a request of the server's own (the watcher's, "Run again"'s), read whole. */
export type UpstreamAnswer = { status: number; body: string };

/** Why the server's own request got no answer from DLI: unreachable (502) or too slow (504). */
export class UpstreamError extends Error {
  readonly status: 502 | 504;
  readonly code: string;
  constructor(status: 502 | 504, code: string, message: string) {
    super(message);
    this.name = "UpstreamError";
    this.status = status;
    this.code = code;
  }
}

export type ProxyBackend = GeneJobsBackend & {
  /**
   * The server's own read of a project's job list, through the same door as the browser's:
   * the project's endpoint, credentials, timeouts and size cap. Throws when DLI cannot be
   * reached or the project is not served; DLI's error statuses come back as answers.
   */
  readList(projectId: string, search: URLSearchParams): Promise<UpstreamAnswer>;
  /**
   * DLI's submit, `POST /v2.0/{project_id}/gene/jobs` with `body` (JSON text), through the same
   * door; for "Run again" only (the browser has no route to it). Never retried: a submit that
   * timed out may still have created the job. Throws as `readList` does.
   */
  submitJob(projectId: string, body: string): Promise<UpstreamAnswer>;
};

type Connection = {
  agent: HttpAgent | HttpsAgent;
  send: typeof request;
  tls: boolean;
};

/**
 * The proxy-mode backend: forwards the two gene-job routes to the project's DLI (its
 * DLI_PROJECTS region's endpoint, or `config.endpoint`). Never retries.
 */
export function createProxy(config: ServerConfig, options: ProxyOptions = {}): ProxyBackend {
  if (!config.endpoint && !config.projects) {
    throw new Error("proxy mode needs config.endpoint or config.projects");
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const maxBytes = options.maxResponseBytes ?? 20 * 1024 * 1024;
  const holdBytes = options.holdBytes ?? 1024 * 1024;
  // 32 sockets (below) of answers held whole (1 MB) or streaming (1 MB share each) fit in 64 MB;
  // the budget holds whatever the settings, and under `npm run dev` too.
  const budget = options.memoryBudget ?? createMemoryBudget(64 * 1024 * 1024);
  // Keep-alive: a page load's requests reuse one warm (TLS) connection to DLI. Idle sockets are
  // dropped after 15 s, before a typical gateway's idle timeout closes them under us. One agent
  // per endpoint (a region each); the memory budget holds whatever the number of sockets.
  const agentOptions = { keepAlive: true, maxSockets: 32, maxFreeSockets: 32, timeout: 15_000 };
  const connections = new Map<string, Connection>();
  const connectionTo = (endpoint: URL): Connection => {
    let connection = connections.get(endpoint.origin);
    if (!connection) {
      const tls = endpoint.protocol === "https:";
      connection = {
        agent: tls ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions),
        send: tls ? httpsRequest : request,
        tls,
      };
      connections.set(endpoint.origin, connection);
    }
    return connection;
  };
  const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);
  const iamTokens =
    config.auth.kind === "iam"
      ? (options.iamTokens ?? createIamTokenSource(config.auth.iam))
      : null;

  async function forward(
    res: ServerResponse,
    method: string,
    projectId: string,
    path: string,
    query: string,
  ) {
    const target = upstreamOf(config, projectId);
    if (!target) {
      return sendError(
        res,
        403,
        "DASHBOARD.PROJECT_NOT_ALLOWED",
        "This dashboard server does not serve that project",
      );
    }
    const { endpoint, region } = target;
    const { agent, send, tls } = connectionTo(endpoint);
    const url = new URL(path, endpoint);
    url.search = query;
    const started = performance.now();
    recordUpstreamStart(res, started);
    let iamToken: string | undefined;
    if (iamTokens) {
      try {
        iamToken = await iamTokens.tokenFor(projectId, region);
      } catch (error) {
        recordUpstreamMs(res, performance.now() - started);
        if (!res.headersSent && !res.destroyed) sendIamFailure(res, error);
        return;
      }
    }
    // The browser left while the server was logging in: nothing to ask DLI for.
    if (res.destroyed) return;
    return new Promise<void>((resolve) => {
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      /** Bytes of the memory budget this request has taken; given back once its answer is out. */
      let taken = 0;
      const holdUpTo = (bytes: number): boolean => {
        if (bytes <= taken) return true;
        if (!budget.tryTake(bytes - taken)) return false;
        taken = bytes;
        return true;
      };
      const giveBack = () => {
        budget.give(taken);
        taken = 0;
      };
      /** Ends the exchange once: with DLI's answer sent, a failure to send, or "abort". */
      const finish = (failure?: Failure | "abort") => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        res.off("close", onClose);
        recordUpstreamMs(res, performance.now() - started);
        if (failure) {
          upstream.destroy();
          if (res.headersSent) {
            // Part of the answer is out: the browser must see a broken answer, never a short one
            // that looks whole (a declared length not reached, or no last chunk).
            res.destroy();
          } else if (failure !== "abort" && !res.destroyed) {
            sendError(res, failure.status, failure.code, failure.message, failure.headers);
          }
        }
        // What was sent may still wait in the socket's buffer: held until the response is over.
        if (res.writableEnded && !res.writableFinished && !res.destroyed)
          res.once("close", giveBack);
        else giveBack();
        resolve();
      };
      const fail = (status: 502 | 504, code: string, message: string) =>
        finish({ status, code, message });

      const upstream = send(url, {
        method,
        agent,
        headers: upstreamHeaders(config, method, url, iamToken),
        // Node's http client never follows redirects, so the token cannot be sent elsewhere.
      });
      upstream.end();

      // The browser went away (navigation, refetch): stop waiting on DLI for it.
      const onClose = () => {
        if (!res.writableFinished) finish("abort");
      };
      res.once("close", onClose);

      timers.push(
        setTimeout(
          () =>
            fail(
              504,
              "DASHBOARD.UPSTREAM_TIMEOUT",
              `DLI at ${endpoint.host} did not answer within ${seconds(timeoutMs)}`,
            ),
          timeoutMs,
        ),
      );
      upstream.once("socket", (socket: Socket) => {
        // A reused keep-alive socket is connected (and its TLS session set up) already.
        if (!socket.connecting) return;
        const timer = setTimeout(
          () =>
            fail(
              504,
              "DASHBOARD.UPSTREAM_TIMEOUT",
              `Could not connect to DLI at ${endpoint.host} within ${seconds(connectTimeoutMs)}`,
            ),
          connectTimeoutMs,
        );
        timers.push(timer);
        socket.once(tls ? "secureConnect" : "connect", () => clearTimeout(timer));
      });

      upstream.on("error", (error) => {
        fail(
          502,
          "DASHBOARD.UPSTREAM_UNREACHABLE",
          `Could not reach DLI at ${endpoint.host}: ${errorCode(error)}`,
        );
      });

      upstream.on("response", (answer: IncomingMessage) => {
        if (settled) return;
        const status = answer.statusCode ?? 502;
        // Not retried (a 401 never is); the viewer's next request gets a new token.
        if (status === 401 && iamToken) iamTokens?.refused(projectId, iamToken, region);
        if (status >= 300 && status < 400) {
          return fail(
            502,
            "DASHBOARD.UPSTREAM_BAD_RESPONSE",
            `DLI at ${endpoint.host} answered ${status} with a redirect, which the dashboard never follows`,
          );
        }
        const tooLarge = () =>
          fail(
            502,
            "DASHBOARD.UPSTREAM_TOO_LARGE",
            `DLI at ${endpoint.host} sent an answer larger than ${Math.round(maxBytes / 1024 / 1024)} MB`,
          );
        const busy = () =>
          finish({
            status: 503,
            code: "DASHBOARD.BUSY",
            message: `The dashboard server is holding as much of DLI's answers as it may (${Math.round(budget.limit / 1024 / 1024)} MB); try again in a moment`,
            headers: { "Retry-After": "2" },
          });
        const cutOff = () =>
          fail(
            502,
            "DASHBOARD.UPSTREAM_UNREACHABLE",
            `DLI at ${endpoint.host} closed the connection in the middle of its answer`,
          );
        const lengthHeader = answer.headers["content-length"];
        const declared = lengthHeader === undefined ? undefined : Number(lengthHeader);
        if (declared !== undefined && declared > maxBytes) return tooLarge();
        // An answer up to `holdLimit` is held whole, then sent with its length: a failure on the
        // way is still a clean error. A longer one streams through, holding no more than that.
        const holdLimit = Math.min(holdBytes, maxBytes);
        if (declared !== undefined && !holdUpTo(Math.min(declared, holdLimit))) return busy();

        const headers: Record<string, string> = { "Cache-Control": "no-store" };
        for (const name of PASSED_BACK_HEADERS) {
          const value = answer.headers[name];
          if (typeof value === "string") headers[name] = value;
        }
        // Status and body go back as they came (the UI tells "not JSON" from a DLI error), but
        // never as markup: a gateway's HTML page opened directly must not render on our origin.
        headers["Content-Type"] = forwardedContentType(answer.headers["content-type"]);

        const held: Buffer[] = [];
        let size = 0;
        let streaming = false;
        const pass = (chunk: Buffer) => {
          // The browser reads slower than DLI sends: wait for it rather than buffer.
          if (!res.write(chunk)) answer.pause();
        };
        res.on("drain", () => answer.resume());
        answer.on("data", (chunk: Buffer) => {
          if (settled) return;
          size += chunk.length;
          if (size > maxBytes) return tooLarge();
          if (streaming) return pass(chunk);
          if (size <= holdLimit) {
            if (!holdUpTo(size)) return busy();
            held.push(chunk);
            return;
          }
          // Longer than an answer held whole: from here on it streams, keeping its share of the
          // budget for what waits in the socket's buffers.
          if (!holdUpTo(holdLimit)) return busy();
          streaming = true;
          if (declared !== undefined) headers["Content-Length"] = String(declared);
          res.writeHead(status, headers);
          for (const part of held.splice(0)) res.write(part);
          pass(chunk);
        });
        answer.on("error", () => undefined);
        answer.on("aborted", cutOff);
        answer.on("end", () => {
          if (settled) return;
          if (!answer.complete) return cutOff();
          if (!streaming && !res.destroyed) {
            headers["Content-Length"] = String(size);
            res.writeHead(status, headers);
            for (const part of held.splice(0)) res.write(part);
          }
          if (!res.destroyed) res.end();
          finish();
        });
      });
    });
  }

  /** One request of the server's own to a project's DLI, its answer read whole (≤ maxBytes). */
  async function exchange(
    method: "GET" | "POST",
    projectId: string,
    query: string,
    body = "",
  ): Promise<UpstreamAnswer> {
    const target = upstreamOf(config, projectId);
    if (!target) throw new Error("This dashboard server does not serve that project");
    const { endpoint, region } = target;
    const { agent, send } = connectionTo(endpoint);
    const url = new URL(`/v2.0/${projectId}/gene/jobs`, endpoint);
    url.search = query;
    const iamToken = iamTokens ? await iamTokens.tokenFor(projectId, region) : undefined;
    return new Promise<UpstreamAnswer>((resolve, reject) => {
      // Throws at once on a header Node refuses (a credential with a line break): a rejection.
      const upstream = send(url, {
        method,
        agent,
        headers: upstreamHeaders(config, method, url, iamToken, body),
      });
      const fail = (
        message: string,
        status: 502 | 504 = 502,
        code = "DASHBOARD.UPSTREAM_UNREACHABLE",
      ) => {
        clearTimeout(timer);
        upstream.destroy();
        reject(new UpstreamError(status, code, message));
      };
      const timer = setTimeout(
        () =>
          fail(
            `DLI at ${endpoint.host} did not answer within ${seconds(timeoutMs)}`,
            504,
            "DASHBOARD.UPSTREAM_TIMEOUT",
          ),
        timeoutMs,
      );
      upstream.on("error", (error) =>
        fail(`Could not reach DLI at ${endpoint.host}: ${errorCode(error)}`),
      );
      upstream.on("response", (answer: IncomingMessage) => {
        const status = answer.statusCode ?? 502;
        if (status === 401 && iamToken) iamTokens?.refused(projectId, iamToken, region);
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            return fail(
              `DLI at ${endpoint.host} sent too large an answer`,
              502,
              "DASHBOARD.UPSTREAM_TOO_LARGE",
            );
          }
          chunks.push(chunk);
        });
        answer.on("error", () => undefined);
        answer.on("aborted", () => fail(`DLI at ${endpoint.host} closed the connection early`));
        answer.on("end", () => {
          clearTimeout(timer);
          if (!answer.complete) return fail(`DLI at ${endpoint.host} closed the connection early`);
          resolve({ status, body: Buffer.concat(chunks).toString("utf8") });
        });
      });
      if (body === "") upstream.end();
      else upstream.end(body);
    });
  }

  return {
    readList: (projectId, search) => exchange("GET", projectId, forwardedQuery(search)),
    submitJob: (projectId, body) => exchange("POST", projectId, "", body),
    list(_req: IncomingMessage, res: ServerResponse, projectId: string, search: URLSearchParams) {
      return forward(res, "GET", projectId, `/v2.0/${projectId}/gene/jobs`, forwardedQuery(search));
    },
    cancel(_req: IncomingMessage, res: ServerResponse, projectId: string, jobId: string) {
      return forward(res, "DELETE", projectId, `/v2.0/${projectId}/gene/jobs/${jobId}`, "");
    },
  };
}

/** Why there is no IAM token to send DLI, in DLI's error shape. */
function sendIamFailure(res: ServerResponse, error: unknown): void {
  if (error instanceof IamRefusedError) {
    sendError(res, 401, "DASHBOARD.IAM_REFUSED", error.message);
  } else {
    const message = error instanceof IamUnreachableError ? error.message : "IAM failed";
    sendError(res, 502, "DASHBOARD.IAM_UNREACHABLE", message);
  }
}

// RFC 9110 media type: `type/subtype *( OWS ";" OWS [ name=value ] )`, the value a token or a
// quoted string. A list (`application/json, text/html`), a stray word or a broken quote does
// not match, and is then not JSON. Every repetition starts at a ";", so matching is linear.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED =
  '"(?:[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t\\x20-\\x7e\\x80-\\xff])*"';
const MEDIA_TYPE = new RegExp(
  `^(${TOKEN})/(${TOKEN})[ \\t]*(?:;[ \\t]*(?:${TOKEN}=(?:${TOKEN}|${QUOTED})[ \\t]*)?)*$`,
);

/** True when `declared` is one well-formed media type `application/json` or `application/*+json`. */
export function declaresJson(declared: string | undefined): boolean {
  const match = declared === undefined ? null : MEDIA_TYPE.exec(declared.trim());
  if (!match) return false;
  const type = (match[1] as string).toLowerCase();
  const subtype = (match[2] as string).toLowerCase();
  return type === "application" && (subtype === "json" || subtype.endsWith("+json"));
}

/**
 * The Content-Type the browser gets for DLI's answer: the dashboard's own, never DLI's. JSON
 * when DLI declared JSON (the body is not parsed to decide: the browser's parser judges it),
 * else plain text, so that no answer ever renders as a page on the dashboard's origin.
 */
export function forwardedContentType(declared: string | undefined): string {
  return declaresJson(declared) ? "application/json; charset=utf-8" : "text/plain; charset=utf-8";
}
