import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerConfig } from "./config.ts";
import { API_SECURITY_HEADERS } from "./http-util.ts";
import { SECURITY_HEADERS, startServer } from "./server.ts";
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
