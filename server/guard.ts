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
  // Browsers send Origin on cross-origin writes; a page elsewhere must not cancel jobs.
  const origin = req.headers.origin;
  if (req.method !== "GET" && req.method !== "HEAD" && origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== host)
      return `Cross-origin ${req.method} from ${origin.slice(0, 100)} refused`;
  }
  return undefined;
}
