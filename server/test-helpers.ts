import { type IncomingMessage, request, type ServerResponse } from "node:http";
import type { ServerConfig } from "./config.ts";

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

/** A request whose path is sent byte for byte (fetch would normalise `..`). */
export function rawRequest(
  base: string,
  path: string,
  method = "GET",
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) headers[k] = String(v);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString() });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Plays IAM on `POST /v3/auth/tokens`: 201 with `token` in X-Subject-Token and a day's validity,
 * or the `refuse` status without one. Answers once the login's body has been read.
 */
export function answerIamLogin(
  req: IncomingMessage,
  res: ServerResponse,
  answer: { token: string } | { refuse: number },
): void {
  req.resume();
  req.on("end", () => {
    if ("refuse" in answer) {
      res.writeHead(answer.refuse, { "Content-Type": "application/json" });
      res.end("{}");
      return;
    }
    const expires = new Date(Date.now() + 24 * 3_600_000).toISOString();
    res.writeHead(201, { "Content-Type": "application/json", "X-Subject-Token": answer.token });
    res.end(JSON.stringify({ token: { expires_at: expires } }));
  });
}

export type MaybeBrokenResponse = RawResponse & { complete: boolean };

/**
 * Like `rawRequest`, but for an answer that may break off after its headers: `complete` says
 * whether the client got the whole body (a declared length reached, or the last chunk).
 */
export function readAnswer(base: string, path: string): Promise<MaybeBrokenResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path }, (res) => {
      const chunks: Buffer[] = [];
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) headers[k] = String(v);
      const settle = () =>
        resolve({
          status: res.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString(),
          complete: res.complete,
        });
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", () => undefined);
      res.on("close", settle);
    });
    req.on("error", reject);
    req.end();
  });
}

/** A proxy-mode server's settings for tests: DLI at `upstreamPort` on loopback, a token, no app. */
export function proxyTestConfig(
  upstreamPort: number,
  token: string,
  projectIds: string[],
): ServerConfig {
  return {
    host: "127.0.0.1",
    port: 0,
    distDir: "/nonexistent",
    mode: "proxy",
    endpoint: new URL(`http://127.0.0.1:${upstreamPort}`),
    auth: { kind: "token", token },
    projectIds,
  };
}
