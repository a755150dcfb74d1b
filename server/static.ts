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

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

function sendFile(
  res: ServerResponse,
  path: string,
  size: number,
  cacheControl: string,
  head: boolean,
): void {
  res.writeHead(200, {
    "Content-Type": CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": String(size),
    "Cache-Control": cacheControl,
  });
  if (head) {
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
    const size = target === indexPath ? undefined : await fileSize(target);
    if (size !== undefined) {
      return sendFile(res, target, size, isAsset ? IMMUTABLE : "no-cache", head);
    }
    if (isAsset) return sendText(res, 404, "Not found", head);

    const indexSize = await fileSize(indexPath);
    if (indexSize === undefined) {
      return sendText(res, 503, "App not built: run npm run build", head);
    }
    sendFile(res, indexPath, indexSize, "no-cache", head);
  };
}
