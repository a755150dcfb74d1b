import { z } from "zod/mini";

export type ApiErrorKind =
  | "auth" // 401/403: token expired or rejected, signature wrong
  | "throttled" // 429
  | "unreachable" // our server could not reach DLI, or the browser could not reach our server
  | "server" // 5xx
  | "client" // other 4xx: DLI's parameter checks, missing project
  | "invalid-response"; // not JSON, or not the shape the contract promises

/** A failed call, classified once so the UI and the retry policy don't re-read status codes. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** What the dashboard itself found wrong, for a message in the viewer's language. */
  readonly reason: "no-server" | "not-json" | "bad-shape" | undefined;

  constructor(init: {
    kind: ApiErrorKind;
    message: string;
    status?: number;
    code?: string;
    detail?: string;
    retryAfterMs?: number;
    reason?: "no-server" | "not-json" | "bad-shape";
  }) {
    super(init.message);
    this.name = "ApiError";
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
    this.reason = init.reason;
  }
}

const dliErrorSchema = z.object({
  error_code: z.optional(z.string()),
  error_msg: z.optional(z.string()),
});

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function kindOfStatus(status: number, code: string | undefined): ApiErrorKind {
  // DLI down or slow may pass; an answer too large or a redirect will not, so no retries there.
  if (code === "DASHBOARD.UPSTREAM_UNREACHABLE" || code === "DASHBOARD.UPSTREAM_TIMEOUT") {
    return "unreachable";
  }
  if (code?.startsWith("DASHBOARD.UPSTREAM_")) return "invalid-response";
  if (status === 401 || status === 403) return "auth";
  if (status === 429) return "throttled";
  if (status >= 500) return "server";
  return "client";
}

async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => "");
  let body: z.infer<typeof dliErrorSchema> = {};
  try {
    const parsed = dliErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // Gateways answer with HTML error pages; the status still says what happened.
  }
  const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
  return new ApiError({
    kind: kindOfStatus(res.status, body.error_code),
    status: res.status,
    message: body.error_msg ?? `HTTP ${res.status} ${res.statusText}`.trim(),
    ...(body.error_code ? { code: body.error_code } : {}),
    ...(body.error_msg ? { detail: body.error_msg } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/**
 * The one door for data: every answer is either parsed by `schema` or turned into an
 * {@link ApiError}. Nothing unvalidated gets past it.
 */
export async function requestJson<T>(
  path: string,
  schema: z.core.$ZodType<T>,
  init: { method?: "GET" | "DELETE" | "POST"; signal?: AbortSignal; body?: unknown } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers:
        init.body === undefined
          ? { Accept: "application/json" }
          : { Accept: "application/json", "Content-Type": "application/json" },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError({
      kind: "unreachable",
      message: "The dashboard server did not answer. Is it running?",
      reason: "no-server",
    });
  }
  if (!res.ok) throw await errorFromResponse(res);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError({
      kind: "invalid-response",
      status: res.status,
      message: "The answer was not JSON.",
      reason: "not-json",
      detail: text.slice(0, 200),
    });
  }
  const parsed = z.safeParse(schema, json);
  if (!parsed.success) {
    throw new ApiError({
      kind: "invalid-response",
      status: res.status,
      message: "The answer did not have the expected shape.",
      reason: "bad-shape",
      detail: z.prettifyError(parsed.error),
    });
  }
  return parsed.data;
}

/** Retry what may pass on its own (429, 5xx, unreachable); never a 401, never other 4xx. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const transient = ["throttled", "server", "unreachable"].includes(error.kind);
  return transient && failureCount < 3;
}

export function retryDelay(failureCount: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, 60_000);
  }
  return Math.min(1000 * 2 ** failureCount, 8_000);
}
