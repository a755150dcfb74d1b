// Credentials stay on the server: DLI gets them, the browser never sees them.

import type { ServerAuth } from "../server/config.ts";
import {
  BrowserTraffic,
  expect,
  expectSecretNotLeaked,
  PROXY_PROJECT,
  type RunningServer,
  startProxyServer,
  proxyTest as test,
} from "./fixtures.ts";
import {
  DEFAULT_IAM_TOKEN,
  makeJobs,
  startTestUpstream,
  type TestUpstream,
} from "./test-upstream.ts";

const NOV_25_2026_UTC = Date.UTC(2026, 10, 25, 12, 0, 0);

/**
 * A test upstream holding `count` somatic jobs, with a proxy server in front of it that uses
 * `auth` (which may point at the upstream, playing IAM); both closed after `run`.
 */
async function withOwnProxy(
  count: number,
  auth: (upstream: TestUpstream) => ServerAuth,
  run: (server: RunningServer, upstream: TestUpstream) => Promise<void>,
): Promise<void> {
  const upstream = await startTestUpstream(
    makeJobs({ jobType: "DNA_SOMATIC", count, newest: NOV_25_2026_UTC, stepMs: 3_600_000 }),
  );
  const server = await startProxyServer(upstream.url, auth(upstream));
  try {
    await run(server, upstream);
  } finally {
    await server.close();
    await upstream.close();
  }
}

/** The server logs in as this IAM user, the test upstream playing IAM. */
function iamUser(password: string) {
  return (upstream: TestUpstream): ServerAuth => ({
    kind: "iam",
    iam: { endpoint: upstream.url, domain: "lab-account", user: "dashboard", password },
  });
}

test("token mode: DLI gets X-Auth-Token; the page, its responses and /api/config never show it", async ({
  jobsPage,
  upstream,
  token,
  traffic,
  page,
}) => {
  upstream.setJobs(
    makeJobs({ jobType: "DNA_SOMATIC", count: 5, newest: NOV_25_2026_UTC, stepMs: 3_600_000 }),
  );
  const browserRequests: URL[] = [];
  page.on("request", (request) => browserRequests.push(new URL(request.url())));
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(5);
  // The browser only ever talks to the dashboard's own origin, never to DLI itself.
  const origin = new URL(page.url()).origin;
  expect(browserRequests.map((url) => url.origin).filter((o) => o !== origin)).toEqual([]);
  expect(browserRequests.some((url) => url.pathname === `/v2.0/${PROXY_PROJECT}/gene/jobs`)).toBe(
    true,
  );
  expect(upstream.listRequests().length).toBeGreaterThan(0);
  for (const request of upstream.listRequests()) {
    expect(request.headers["x-auth-token"]).toBe(token);
  }

  // The start page lists the configured project and reads /api/config.
  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(PROXY_PROJECT) }).first()).toBeVisible();
  const config = await page.request.get("/api/config");
  expect(await config.json()).toMatchObject({ mode: "proxy", endpointHost: upstream.url.host });
  expect(await config.text()).not.toContain(token);

  // Checked here explicitly, and again by the fixture after the test.
  await expectSecretNotLeaked(page, traffic, token);
});

test("AK/SK mode: DLI gets an SDK-HMAC-SHA256 signature; the SK never reaches the browser", async ({
  page,
}) => {
  const ak = "AKTESTE2EXAMPLE0001";
  const sk = "SkE2eSecret0123456789abcdefSECRET";
  await withOwnProxy(
    3,
    () => ({ kind: "aksk", ak, sk }),
    async (server, upstream) => {
      const traffic = new BrowserTraffic(page);
      await page.goto(`${server.url}/projects/${PROXY_PROJECT}/jobs`);
      await expect(
        page.getByRole("table", { name: "DNA somatic jobs" }).locator("tbody tr"),
      ).toHaveCount(3);

      const [first] = upstream.listRequests();
      expect(first?.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
      expect(first?.headers.authorization).toMatch(
        new RegExp(
          `^SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$`,
        ),
      );
      expect(first?.headers["x-auth-token"]).toBeUndefined();
      await expectSecretNotLeaked(page, traffic, sk);
      const signature = /Signature=([0-9a-f]{64})/.exec(first?.headers.authorization ?? "")?.[1];
      expect(signature).toBeDefined();
      await expectSecretNotLeaked(page, traffic, signature ?? "");
    },
  );
});

test("IAM user: the server logs in, DLI gets the issued token; neither it nor the password reaches the browser", async ({
  page,
}) => {
  const password = "IamE2ePa55word-SECRET-0042";
  await withOwnProxy(4, iamUser(password), async (server, upstream) => {
    const traffic = new BrowserTraffic(page);
    await page.goto(`${server.url}/projects/${PROXY_PROJECT}/jobs`);
    await expect(
      page.getByRole("table", { name: "DNA somatic jobs" }).locator("tbody tr"),
    ).toHaveCount(4);
    expect(upstream.iamRequests()).toHaveLength(1);
    expect(upstream.listRequests().length).toBeGreaterThan(0);
    for (const request of upstream.listRequests()) {
      expect(request.headers["x-auth-token"]).toBe(DEFAULT_IAM_TOKEN);
    }
    await expectSecretNotLeaked(page, traffic, password);
    await expectSecretNotLeaked(page, traffic, DEFAULT_IAM_TOKEN);
  });
});

test("IAM user refused: the page says so and what to check, DLI is never asked, nothing is retried", async ({
  page,
}) => {
  await withOwnProxy(4, iamUser("wrong"), async (server, upstream) => {
    upstream.setIam({ refuse: 401 });
    await page.goto(`${server.url}/projects/${PROXY_PROJECT}/jobs`);
    const alert = page.getByRole("alert");
    await expect(alert.getByRole("heading")).toHaveText(/IAM refused the dashboard server's user/);
    await expect(alert).toContainText("HUAWEICLOUD_IAM_PASSWORD");
    // Retry asks the server, which does not try the password again inside its pause.
    const retried = page.waitForResponse((response) =>
      response.url().includes(`/v2.0/${PROXY_PROJECT}/gene/jobs`),
    );
    await alert.getByRole("button", { name: "Retry" }).click();
    expect((await retried).status()).toBe(401);
    expect(upstream.iamRequests()).toHaveLength(1);
    expect(upstream.listRequests()).toHaveLength(0);
  });
});
