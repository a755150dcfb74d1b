import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApiOptions, createApiHandler } from "./api.ts";
import type { ServerConfig } from "./config.ts";
import { firstPagePath, preloadTag } from "./first-page-preload.ts";
import { createStaticHandler } from "./static.ts";

/**
 * On every response, API and static alike (the API handler then puts its stricter CSP on its
 * answers). The CSP allows no inline script, no eval and no inline style (the app sets none);
 * nothing may frame the dashboard, forms post only to it, no `<base>` may move its relative
 * URLs, and nothing leaves the origin.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/**
 * What one client may hold of the server. Node's defaults (no connection limit, 60 s for the
 * headers, 300 s for a request) let a few slow or idle clients keep thousands of sockets open;
 * these hold on loopback and on a network alike. The browser's requests have no body, so 30 s
 * to receive one is plenty (it says nothing of the time to answer it).
 */
export type ConnectionLimits = {
  /** Open connections at once; beyond that new ones are closed at once. */
  maxConnections: number;
  /** Time for a request's headers to arrive, from its first byte. */
  headersTimeoutMs: number;
  /** Time for a whole request to arrive. */
  requestTimeoutMs: number;
};

export const CONNECTION_LIMITS: Readonly<ConnectionLimits> = {
  maxConnections: 512,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
};

export type ServerOptions = ApiOptions & {
  /** Overrides of CONNECTION_LIMITS (tests shorten them). */
  limits?: Partial<ConnectionLimits>;
};

export function createAppServer(config: ServerConfig, options: ServerOptions = {}): Server {
  const api = createApiHandler(config, options);
  const limits = { ...CONNECTION_LIMITS, ...options.limits };
  // The data every page needs starts loading with the HTML, not after the script has run: the
  // app's own settings (the layout reads them on every page), and the list's first page.
  const serveStatic = createStaticHandler(config.distDir, {
    headFor: (url) => {
      // The browser resolves rolling ranges with its own clock, so the real one, not DEMO_NOW.
      const path = firstPagePath(url, Date.now());
      return preloadTag("/api/config") + (path ? preloadTag(path) : "");
    },
  });
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks both timeouts every 30 s by default: a 10 s limit could become 40 s.
      connectionsCheckingInterval: Math.min(1000, Math.max(25, limits.headersTimeoutMs / 4)),
    },
    (req, res) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      api(req, res, () => {
        serveStatic(req, res).catch((error: unknown) => {
          console.error("static file error:", error);
          if (!res.headersSent) {
            res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
            res.end("Internal server error");
          } else {
            res.destroy();
          }
        });
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

export async function startServer(
  config: ServerConfig,
  options: ServerOptions = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createAppServer(config, options);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets, and sockets of clients that aborted mid-request,
        // would otherwise hold close() open for seconds.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 250).unref();
      }),
  };
}
