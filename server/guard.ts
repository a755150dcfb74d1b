import type { IncomingMessage } from "node:http";

// The server holds DLI credentials. Bound to loopback, it must only answer
// pages that were loaded from loopback: otherwise a web site could use DNS
// rebinding (its own name resolving to 127.0.0.1) to list or cancel jobs
// with those credentials. Bound to another address, the operator chose who
// may reach it, so any Host is accepted there.

const LOOPBACK_BIND = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function isLoopbackName(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    h === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}

/** A Host header that is only a host name or address and a port: no userinfo, path or spaces. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The Host header as `URL.host` spells it for `protocol` (the Origin's): host names in lower case
 * (they are case-insensitive), the protocol's default port left out. Undefined when not plain.
 */
function normalizedHost(hostHeader: string, protocol: string): string | undefined {
  if (!PLAIN_HOST.test(hostHeader)) return undefined;
  try {
    return new URL(`${protocol}//${hostHeader}`).host;
  } catch {
    return undefined;
  }
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
}

/** Why the request must be refused, or undefined when it may proceed. */
export function refusal(req: IncomingMessage, bindHost: string): string | undefined {
  const host = req.headers.host ?? "";
  if (LOOPBACK_BIND.has(bindHost)) {
    const name = hostnameOf(host);
    if (!name || !isLoopbackName(name)) {
      return `Host "${host.slice(0, 100)}" is not allowed: this server only answers loopback names (set HOST to expose it)`;
    }
  }
  // The API is for this server's own pages only, for every method: a page elsewhere must not
  // list jobs with our credentials (DNS rebinding aside) nor cancel them. Browsers say where a
  // request comes from in Sec-Fetch-Site and, on CORS and non-GET requests, in Origin.
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return `Cross-site ${req.method} refused (Sec-Fetch-Site: ${String(site).slice(0, 40)})`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    // Same host name (in any case) and port; the scheme may differ behind a TLS proxy.
    let sameHost = false;
    try {
      const parsed = new URL(origin);
      sameHost =
        (parsed.protocol === "http:" || parsed.protocol === "https:") &&
        parsed.host === normalizedHost(host, parsed.protocol);
    } catch {
      sameHost = false;
    }
    if (!sameHost) return `Cross-origin ${req.method} from ${origin.slice(0, 100)} refused`;
  }
  return undefined;
}
