import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";
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

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  file: FileInfo,
  cacheControl: string,
): void {
  const headers = { "Cache-Control": cacheControl, ETag: file.etag };
  // index.html is revalidated on every load; a 304 keeps that cheap.
  if (req.headers["if-none-match"] === file.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    "Content-Type": CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
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

export function createStaticHandler(distDir: string) {
  const root = resolve(distDir);
  const indexPath = resolve(root, "index.html");

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) {
      res.setHeader("Allow", "GET, HEAD");
      return sendText(res, 405, "Method not allowed", head);
    }
    const pathname = requestUrl(req).pathname;
    const target = resolveInside(root, pathname);
    if (target === undefined) return sendText(res, 400, "Bad path", head);

    const isAsset = pathname.startsWith("/assets/");
    const file = target === indexPath ? undefined : await fileInfo(target);
    if (file) return sendFile(req, res, target, file, isAsset ? IMMUTABLE : "no-cache");
    if (isAsset) return sendText(res, 404, "Not found", head);

    const index = await fileInfo(indexPath);
    if (!index) return sendText(res, 503, "App not built: run npm run build", head);
    sendFile(req, res, indexPath, index, "no-cache");
  };
}
