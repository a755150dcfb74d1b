import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerConfig } from "./config.ts";
import { API_SECURITY_HEADERS } from "./http-util.ts";
import { CONNECTION_LIMITS, createAppServer, SECURITY_HEADERS, startServer } from "./server.ts";
import { rawRequest } from "./test-helpers.ts";

const tmp = mkdtempSync(join(tmpdir(), "gene-jobs-static-"));
const dist = join(tmp, "dist");
const INDEX = "<!doctype html><html><head><title>Gene Jobs</title></head><body></body></html>";
const CONFIG_PRELOAD = '<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/config">';
/** index.html as every page gets it: the app's settings preloaded with the HTML. */
const PAGE = INDEX.replace("</head>", `${CONFIG_PRELOAD}</head>`);
const BIG_JS = "export const jobs = [];\n".repeat(2000);

function config(distDir: string): ServerConfig {
  return {
    host: "127.0.0.1",
    port: 0,
    distDir,
    mode: "demo",
    auth: { kind: "none" },
    projectIds: [],
  };
}

let server: { url: string; close: () => Promise<void> };
let unbuilt: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "index.html"), INDEX);
  writeFileSync(join(dist, "assets", "index-AbC123.js"), "console.log(1)");
  writeFileSync(join(dist, "assets", "index-AbC123.css"), "body{}");
  writeFileSync(join(dist, "assets", "big-AbC123.js"), BIG_JS);
  writeFileSync(join(dist, "favicon.svg"), "<svg/>");
  writeFileSync(join(tmp, "secret.txt"), "TOP SECRET");
  server = await startServer(config(dist), { log: () => {} });
  unbuilt = await startServer(config(join(tmp, "missing")), { log: () => {} });
});

afterAll(async () => {
  await server.close();
  await unbuilt.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("compression", () => {
  const get = (encoding: string) =>
    new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolveGet, reject) => {
      http
        .get(
          `${server.url}/assets/big-AbC123.js`,
          { headers: { "Accept-Encoding": encoding } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolveGet({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        )
        .on("error", reject);
    });

  it("sends brotli or gzip when the browser accepts it, and the same bytes once decoded", async () => {
    const br = await get("gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(br.body.length).toBeLessThan(BIG_JS.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_JS);

    const gz = await get("gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(BIG_JS);
  });

  it("sends the file as is to a client that accepts no encoding", async () => {
    const plain = await get("identity, br;q=0");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_JS);
  });
});

describe("startServer", () => {
  it("listens on the real port when asked for port 0", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
  });

  it("serves index.html at / with no-store", async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe(PAGE);
  });

  it("serves a rebuilt index.html at once, though it keeps the text between loads", async () => {
    expect(await (await fetch(`${server.url}/projects`)).text()).toBe(PAGE);
    const rebuilt = INDEX.replace("Gene Jobs", "Gene Jobs, rebuilt");
    writeFileSync(join(dist, "index.html"), rebuilt);
    try {
      expect(await (await fetch(`${server.url}/projects`)).text()).toBe(
        rebuilt.replace("</head>", `${CONFIG_PRELOAD}</head>`),
      );
    } finally {
      writeFileSync(join(dist, "index.html"), INDEX);
    }
    expect(await (await fetch(`${server.url}/projects`)).text()).toBe(PAGE);
  });

  it("never lets index.html be cached or revalidated: a new build names new assets", async () => {
    const res = await fetch(`${server.url}/projects`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("etag")).toBeNull();
  });

  it("adds a preload of the first page's data to a job list's index.html", async () => {
    const res = await fetch(`${server.url}/projects/p1/jobs?type=DNA_GERMLINE&size=50`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("etag")).toBeNull();
    const html = await res.text();
    expect(html).toContain(
      `${CONFIG_PRELOAD}<link rel="preload" as="fetch" crossorigin="anonymous" href="/v2.0/p1/gene/jobs?job_type=DNA_GERMLINE&amp;limit=50&amp;offset=0"></head>`,
    );
    // A view the server cannot predict gets only the settings preloaded.
    expect(await (await fetch(`${server.url}/projects/p1/jobs?status=FAILED`)).text()).toBe(PAGE);
  });

  it("serves hashed assets as immutable with the right type", async () => {
    const js = await fetch(`${server.url}/assets/index-AbC123.js`);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const css = await fetch(`${server.url}/assets/index-AbC123.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const svg = await fetch(`${server.url}/favicon.svg`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(svg.headers.get("cache-control")).toBe("no-cache");
  });

  it("falls back to index.html for client routes, but not for missing assets", async () => {
    const route = await fetch(`${server.url}/projects/abc/jobs?type=DNA_GERMLINE&page=2&q=x`);
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(PAGE);
    expect(await (await fetch(`${server.url}/projects`)).text()).toBe(PAGE);
    expect((await fetch(`${server.url}/assets/gone-123.js`)).status).toBe(404);
  });

  it("answers HEAD without a body and refuses other methods on static paths", async () => {
    const head = await rawRequest(server.url, "/", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    const post = await rawRequest(server.url, "/", "POST");
    expect(post.status).toBe(405);
  });

  it.each([
    "/../secret.txt",
    "/assets/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/assets/..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/%00index.html",
    "/%E0%A4%A",
    "//etc/passwd",
    "//../secret.txt",
  ])("does not let %s out of distDir", async (path) => {
    const res = await rawRequest(server.url, path);
    expect(res.body).not.toContain("TOP SECRET");
    expect([200, 400, 404]).toContain(res.status);
  });

  it("answers a mangled page address with the app, and a mangled asset path with 400", async () => {
    for (const path of ["/projects/%E0%A4%A/overview", "/%00x", "/..%5cx"]) {
      const res = await rawRequest(server.url, path);
      expect(res.status, path).toBe(200);
      expect(res.body, path).toBe(PAGE);
    }
    expect((await rawRequest(server.url, "/assets/%E0%A4%A.js")).status).toBe(400);
  });

  it("sets the security headers on every response", async () => {
    for (const path of [
      "/",
      "/assets/index-AbC123.js",
      "/assets/nope.js",
      "/api/config",
      "/v2.0/x/y",
    ]) {
      const res = await rawRequest(server.url, path);
      // API answers carry their own, stricter CSP (http-util.ts).
      const expected = path.startsWith("/assets/") || path === "/" ? {} : API_SECURITY_HEADERS;
      for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...expected })) {
        expect(res.headers[name.toLowerCase()], `${name} on ${path}`).toBe(value);
      }
    }
  });

  it("answers 503 with a hint when the app is not built, while the API still works", async () => {
    const page = await rawRequest(unbuilt.url, "/projects/x/jobs");
    expect(page.status).toBe(503);
    expect(page.body).toBe("App not built: run npm run build");
    const api = await fetch(`${unbuilt.url}/api/config`);
    expect(api.status).toBe(200);
  });
});

describe("connection limits (issue 15)", () => {
  /** A raw connection; `closed` resolves with what the server sent before it closed it. */
  function open(url: string, send = "") {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString();
    });
    socket.on("error", () => undefined);
    const connected = new Promise<void>((done) => socket.once("connect", () => done()));
    const closed = new Promise<string>((done) => socket.once("close", () => done(received)));
    if (send) socket.write(send);
    return { socket, connected, closed };
  }

  it("closes a connection whose headers do not arrive in time, however it trickles", async () => {
    const limited = await startServer(config(dist), {
      log: () => {},
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 },
    });
    try {
      const started = performance.now();
      const idle = open(limited.url);
      const partial = open(limited.url, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      const trickle = open(limited.url, "GET / HTTP/1.1\r\n");
      const drip = setInterval(() => trickle.socket.write("X-Slow: 1\r\n"), 50);
      const answers = await Promise.all([idle.closed, partial.closed, trickle.closed]);
      clearInterval(drip);
      for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      // 300 ms and Node's check every 75 ms, far from its default 60 s checked every 30 s.
      expect(performance.now() - started).toBeLessThan(3000);
      // A whole request in time is answered as usual.
      expect((await rawRequest(limited.url, "/api/config")).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("closes new connections beyond maxConnections, and keeps serving the others", async () => {
    const limited = await startServer(config(dist), {
      log: () => {},
      limits: { maxConnections: 3 },
    });
    const held = [open(limited.url), open(limited.url), open(limited.url)];
    try {
      await Promise.all(held.map((c) => c.connected));
      // Accepted after the three before it, in the order they connected: one too many.
      const extra = open(limited.url, "GET /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      expect(await extra.closed).toBe("");
      // The three held connections are still served.
      const first = held[0];
      first?.socket.write(
        "GET /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
      );
      expect(await first?.closed).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      for (const c of held) c.socket.destroy();
      await limited.close();
    }
  });

  it("defaults: 512 connections, 10 s for headers, 30 s for a request", () => {
    expect(CONNECTION_LIMITS).toEqual({
      maxConnections: 512,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
    });
    const server = createAppServer(config(dist), { log: () => {} });
    expect(server.maxConnections).toBe(512);
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(30_000);
  });
});
