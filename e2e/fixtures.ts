// Test fixtures: the REAL server, started in-process on 127.0.0.1:0 over the built app in
// dist/. Demo-mode specs use the worker-scoped `demoServer`; proxy-mode specs get a fresh
// fake DLI (`upstream`) and a proxy-mode server pointed at it, per test.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Page, type Response } from "@playwright/test";
import type { ServerAuth, ServerConfig } from "../server/config.ts";
import { startServer } from "../server/server.ts";
import { JobDrawer } from "./pages/job-drawer.ts";
import { JobsPage } from "./pages/jobs-page.ts";
import { ProjectPicker } from "./pages/project-picker.ts";
import { randomToken, startTestUpstream, type TestUpstream } from "./test-upstream.ts";

/** The built app; E2E_DIST_DIR points elsewhere (e.g. a private build while dist/ is rebuilt). */
export const DIST_DIR = process.env.E2E_DIST_DIR
  ? resolve(process.env.E2E_DIST_DIR)
  : resolve(dirname(fileURLToPath(import.meta.url)), "..", "dist");

function assertBuilt(): void {
  if (!existsSync(resolve(DIST_DIR, "index.html"))) {
    throw new Error(`No built app in ${DIST_DIR}: run \`npm run build\` (npm run test:e2e does).`);
  }
}

/** The servers' one-line-per-request log, shown only with E2E_SERVER_LOG=1. */
const serverOptions = {
  log: (line: string) => {
    if (process.env.E2E_SERVER_LOG) console.log(`[server] ${line}`);
  },
};

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startDemoServer(
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer> {
  assertBuilt();
  return startServer(
    {
      host: "127.0.0.1",
      port: 0,
      distDir: DIST_DIR,
      mode: "demo",
      auth: { kind: "none" },
      projectIds: [],
      ...overrides,
    },
    serverOptions,
  );
}

/** A proxy-mode server that forwards to `endpoint` (the test upstream, or a closed port). */
export async function startProxyServer(
  endpoint: URL,
  auth: ServerAuth,
  projectIds: string[] = [PROXY_PROJECT],
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer> {
  assertBuilt();
  return startServer(
    {
      host: "127.0.0.1",
      port: 0,
      distDir: DIST_DIR,
      mode: "proxy",
      endpoint: new URL(endpoint.origin),
      auth,
      projectIds,
      ...overrides,
    },
    serverOptions,
  );
}

export const PROXY_PROJECT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/**
 * Collects the text of every response the browser receives (bodies and headers), so a test
 * can assert a secret never reached the browser.
 */
export class BrowserTraffic {
  private readonly pending: Promise<void>[] = [];
  private readonly texts: string[] = [];

  constructor(page: Page) {
    page.on("response", (response) => {
      this.pending.push(this.capture(response));
    });
  }

  private async capture(response: Response): Promise<void> {
    const headers = await response.allHeaders().catch(() => ({}));
    const body = await response.text().catch(() => "");
    this.texts.push(`${response.url()}\n${JSON.stringify(headers)}\n${body}`);
  }

  /** Every response seen so far, after their bodies have been read. */
  async all(): Promise<string[]> {
    await Promise.all(this.pending);
    return [...this.texts];
  }
}

/** Asserts `secret` appears neither in the DOM nor in any response the browser saw. */
export async function expectSecretNotLeaked(
  page: Page,
  traffic: BrowserTraffic,
  secret: string,
): Promise<void> {
  const responses = await traffic.all();
  expect(responses.length, "the browser saw responses").toBeGreaterThan(0);
  for (const text of responses) expect(text).not.toContain(secret);
  const html = await page.content();
  expect(html).not.toContain(secret);
  const storage = await page.evaluate(() => JSON.stringify({ ...window.localStorage }));
  expect(storage).not.toContain(secret);
}

type DemoWorkerFixtures = { demoServer: RunningServer };
type PageFixtures = { jobsPage: JobsPage; picker: ProjectPicker; drawer: JobDrawer };

/** Demo mode: the built-in emulator, one server per worker. */
export const test = base.extend<PageFixtures, DemoWorkerFixtures>({
  demoServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
    async ({}, use) => {
      const server = await startDemoServer();
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ demoServer }, use) => {
    await use(demoServer.url);
  },
  jobsPage: async ({ page }, use) => {
    await use(new JobsPage(page));
  },
  picker: async ({ page }, use) => {
    await use(new ProjectPicker(page));
  },
  drawer: async ({ page }, use) => {
    await use(new JobDrawer(page));
  },
});

type ProxyFixtures = PageFixtures & {
  /** The fake DLI, fresh per test. */
  upstream: TestUpstream;
  /** The IAM token the proxy sends upstream; it must never reach the browser. */
  token: string;
  proxyServer: RunningServer;
  traffic: BrowserTraffic;
  /**
   * The proxy server's `allowCancel` (DLI_ALLOW_CANCEL); undefined leaves the server's default
   * (read-only in proxy mode). Set with `proxyTest.use({ allowCancel: true })`.
   */
  allowCancel: boolean | undefined;
};

/**
 * Proxy mode: a fresh fake DLI and a proxy-mode server with a token, per test. After each
 * test, the token must not have reached the page or any response the browser received.
 */
export const proxyTest = base.extend<ProxyFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
  upstream: async ({}, use) => {
    const upstream = await startTestUpstream();
    await use(upstream);
    await upstream.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
  token: async ({}, use) => {
    await use(randomToken());
  },
  allowCancel: [undefined, { option: true }],
  proxyServer: async ({ upstream, token, allowCancel }, use) => {
    const server = await startProxyServer(
      upstream.url,
      { kind: "token", token },
      [PROXY_PROJECT],
      allowCancel === undefined ? {} : { allowCancel },
    );
    await use(server);
    await server.close();
  },
  baseURL: async ({ proxyServer }, use) => {
    await use(proxyServer.url);
  },
  traffic: [
    async ({ page, token }, use) => {
      const traffic = new BrowserTraffic(page);
      await use(traffic);
      await expectSecretNotLeaked(page, traffic, token);
    },
    { auto: true },
  ],
  jobsPage: async ({ page }, use) => {
    await use(new JobsPage(page));
  },
  picker: async ({ page }, use) => {
    await use(new ProjectPicker(page));
  },
  drawer: async ({ page }, use) => {
    await use(new JobDrawer(page));
  },
});

export { expect };
