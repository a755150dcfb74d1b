import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod/mini";
import { ApiError, parseRetryAfter, requestJson, retryDelay, shouldRetry } from "./http";

function respond(status: number, body: string, headers: Record<string, string> = {}) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(body, { status, headers })),
  );
}

afterEach(() => vi.unstubAllGlobals());

const schema = z.object({ ok: z.boolean() });

async function failure(): Promise<ApiError> {
  const error = await requestJson("/x", schema).catch((e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error("expected an ApiError");
  return error;
}

describe("requestJson", () => {
  it("returns parsed data", async () => {
    respond(200, '{"ok":true}');
    await expect(requestJson("/x", schema)).resolves.toEqual({ ok: true });
  });

  it("classifies failures", async () => {
    respond(401, '{"error_code":"APIGW.0301","error_msg":"token expired"}');
    expect(await failure()).toMatchObject({
      kind: "auth",
      code: "APIGW.0301",
      detail: "token expired",
    });

    respond(400, '{"error_code":"DLI.0001","error_msg":"limit out of range"}');
    expect(await failure()).toMatchObject({ kind: "client", code: "DLI.0001", status: 400 });

    respond(429, "slow down", { "retry-after": "3" });
    expect(await failure()).toMatchObject({ kind: "throttled", retryAfterMs: 3000 });

    respond(503, "<html>bad gateway</html>");
    expect(await failure()).toMatchObject({ kind: "server", status: 503 });

    respond(
      502,
      '{"error_code":"DASHBOARD.UPSTREAM_UNREACHABLE","error_msg":"Could not reach DLI"}',
    );
    expect(await failure()).toMatchObject({ kind: "unreachable" });

    respond(502, '{"error_code":"DASHBOARD.UPSTREAM_TOO_LARGE","error_msg":"too large"}');
    expect(await failure()).toMatchObject({ kind: "invalid-response" });

    respond(403, '{"error_code":"DASHBOARD.PROJECT_NOT_ALLOWED","error_msg":"not allowed"}');
    expect(await failure()).toMatchObject({ kind: "auth", code: "DASHBOARD.PROJECT_NOT_ALLOWED" });

    respond(200, "<html>login</html>");
    expect(await failure()).toMatchObject({ kind: "invalid-response" });

    respond(200, '{"ok":"yes"}');
    expect(await failure()).toMatchObject({ kind: "invalid-response" });
  });

  it("reports a dead dashboard server as unreachable", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    expect(await failure()).toMatchObject({ kind: "unreachable", status: undefined });
  });
});

describe("retry policy", () => {
  const err = (kind: ApiError["kind"], retryAfterMs?: number) =>
    new ApiError({ kind, message: kind, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

  it("retries only what may pass on its own", () => {
    expect(shouldRetry(0, err("throttled"))).toBe(true);
    expect(shouldRetry(0, err("server"))).toBe(true);
    expect(shouldRetry(0, err("unreachable"))).toBe(true);
    expect(shouldRetry(3, err("server"))).toBe(false);
    expect(shouldRetry(0, err("auth"))).toBe(false);
    expect(shouldRetry(0, err("client"))).toBe(false);
    expect(shouldRetry(0, err("invalid-response"))).toBe(false);
    expect(shouldRetry(0, new Error("bug"))).toBe(false);
  });

  it("waits as long as Retry-After says, else backs off", () => {
    expect(retryDelay(1, err("throttled", 2500))).toBe(2500);
    expect(retryDelay(1, err("throttled", 600_000))).toBe(60_000);
    expect(retryDelay(0, err("server"))).toBe(1000);
    expect(retryDelay(2, err("server"))).toBe(4000);
  });

  it("parses both forms of Retry-After", () => {
    expect(parseRetryAfter("5")).toBe(5000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 10:00:10 GMT", Date.UTC(2026, 10, 28, 10))).toBe(
      10_000,
    );
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
