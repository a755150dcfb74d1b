import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, gzip, constants as zlibConstants } from "node:zlib";
import { requestUrl } from "./http-util.ts";

// Serves the built SPA from distDir: hashed /assets/* forever, everything
// else revalidated, and unknown non-asset paths answered with index.html so
// client-side routes (/projects/:id/jobs) survive a reload or a bookmark.

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const IMMUTABLE = "public, max-age=31536000, immutable";

function sendText(res: ServerResponse, status: number, text: string, head: boolean): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    "Cache-Control": "no-store",
  });
  res.end(head ? undefined : text);
}

type FileInfo = { size: number; etag: string };

async function fileInfo(path: string): Promise<FileInfo | undefined> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return undefined;
    return {
      size: s.size,
      etag: `W/"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`,
    };
  } catch {
    return undefined;
  }
}

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt"]);
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Encoding = "br" | "gzip";

/** The encodings the client accepts, best first (q=0 means refused). */
function acceptedEncoding(req: IncomingMessage): Encoding | undefined {
  const header = String(req.headers["accept-encoding"] ?? "");
  const accepted = new Set(
    header
      .split(",")
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(";")[0]),
  );
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return undefined;
}

/**
 * Compressed copies of the built files, made once per file version: the bundle is served
 * hundreds of times a day and never changes between builds.
 */
const compressedCache = new Map<string, Promise<Buffer>>();

function compressed(path: string, file: FileInfo, encoding: Encoding): Promise<Buffer> {
  const key = `${encoding}:${path}:${file.etag}`;
  let entry = compressedCache.get(key);
  if (!entry) {
    entry = readFile(path).then((data) =>
      encoding === "br"
        ? brotli(data, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } })
        : gzipAsync(data, { level: 9 }),
    );
    entry.catch(() => compressedCache.delete(key));
    compressedCache.set(key, entry);
  }
  return entry;
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  file: FileInfo,
  cacheControl: string,
): Promise<void> {
  const headers = { "Cache-Control": cacheControl, ETag: file.etag, Vary: "Accept-Encoding" };
  // index.html is revalidated on every load; a 304 keeps that cheap.
  if (req.headers["if-none-match"] === file.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const extension = extname(path).toLowerCase();
  const contentType = CONTENT_TYPES[extension] ?? "application/octet-stream";
  const encoding = COMPRESSIBLE.has(extension) ? acceptedEncoding(req) : undefined;
  if (encoding && file.size > 1024) {
    const body = await compressed(path, file, encoding);
    res.writeHead(200, {
      ...headers,
      "Content-Type": contentType,
      "Content-Encoding": encoding,
      "Content-Length": String(body.length),
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  res.writeHead(200, {
    ...headers,
    "Content-Type": contentType,
    "Content-Length": String(file.size),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  createReadStream(path)
    .on("error", () => res.destroy())
    .pipe(res);
}

/** Resolves a URL path inside root, or undefined if it would escape it. */
export function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const target = resolve(root, `.${decoded}`);
  return target === root || target.startsWith(root + sep) ? target : undefined;
}

export type StaticOptions = {
  /** Extra tags for the <head> of index.html on this page (e.g. a data preload), or none. */
  headFor?: (url: URL) => string | undefined;
};

export function createStaticHandler(distDir: string, options: StaticOptions = {}) {
  const root = resolve(distDir);
  const indexPath = resolve(root, "index.html");
  // Every page load serves index.html with its own extra tags: read once per build, not per load.
  let indexText: { etag: string; text: Promise<string> } | undefined;
  const readIndex = (file: FileInfo) => {
    if (indexText?.etag !== file.etag) {
      const text = readFile(indexPath, "utf8");
      text.catch(() => {
        indexText = undefined;
      });
      indexText = { etag: file.etag, text };
    }
    return indexText.text;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) {
      res.setHeader("Allow", "GET, HEAD");
      return sendText(res, 405, "Method not allowed", head);
    }
    const url = requestUrl(req);
    const pathname = url.pathname;
    const isAsset = pathname.startsWith("/assets/");
    const target = resolveInside(root, pathname);
    // A page address the viewer mangled (bad %-encoding, a stray "..") gets the app, which says
    // what is wrong with it and links home; only index.html is read for it, never that path.
    if (target === undefined && isAsset) return sendText(res, 400, "Bad path", head);
    const file = target === undefined || target === indexPath ? undefined : await fileInfo(target);
    if (file && target) return sendFile(req, res, target, file, isAsset ? IMMUTABLE : "no-cache");
    if (isAsset) return sendText(res, 404, "Not found", head);

    const index = await fileInfo(indexPath);
    if (!index) return sendText(res, 503, "App not built: run npm run build", head);
    const extraHead = options.headFor?.(url);
    if (extraHead) {
      const html = (await readIndex(index)).replace("</head>", `${extraHead}</head>`);
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Length": String(Buffer.byteLength(html)),
        "Cache-Control": "no-store",
      });
      res.end(head ? undefined : html);
      return;
    }
    // no-store: a new build's index.html (naming new hashed assets) is picked up on every load.
    return sendFile(req, res, indexPath, index, "no-store");
  };
}
