// Credentials stay on the server: DLI gets them, the browser never sees them.
import {
  BrowserTraffic,
  expect,
  expectSecretNotLeaked,
  PROXY_PROJECT,
  startProxyServer,
  proxyTest as test,
} from "./fixtures.ts";
import { DEFAULT_IAM_TOKEN, makeJobs, startTestUpstream } from "./test-upstream.ts";

const NOV_25_2026_UTC = Date.UTC(2026, 10, 25, 12, 0, 0);

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
  const upstream = await startTestUpstream(
    makeJobs({ jobType: "DNA_SOMATIC", count: 3, newest: NOV_25_2026_UTC, stepMs: 3_600_000 }),
  );
  const ak = "AKTESTE2EXAMPLE0001";
  const sk = "SkE2eSecret0123456789abcdefSECRET";
  const server = await startProxyServer(upstream.url, { kind: "aksk", ak, sk });
  try {
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
  } finally {
    await server.close();
    await upstream.close();
  }
});

test("IAM user: the server logs in, DLI gets the issued token; neither it nor the password reaches the browser", async ({
  page,
}) => {
  const upstream = await startTestUpstream(
    makeJobs({ jobType: "DNA_SOMATIC", count: 4, newest: NOV_25_2026_UTC, stepMs: 3_600_000 }),
  );
  const password = "IamE2ePa55word-SECRET-0042";
  const server = await startProxyServer(upstream.url, {
    kind: "iam",
    iam: { endpoint: upstream.url, domain: "lab-account", user: "dashboard", password },
  });
  try {
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
  } finally {
    await server.close();
    await upstream.close();
  }
});

test("IAM user refused: the page says so and what to check, DLI is never asked, nothing is retried", async ({
  page,
}) => {
  const upstream = await startTestUpstream(
    makeJobs({ jobType: "DNA_SOMATIC", count: 4, newest: NOV_25_2026_UTC, stepMs: 3_600_000 }),
  );
  upstream.setIam({ refuse: 401 });
  const server = await startProxyServer(upstream.url, {
    kind: "iam",
    iam: { endpoint: upstream.url, domain: "lab-account", user: "dashboard", password: "wrong" },
  });
  try {
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
  } finally {
    await server.close();
    await upstream.close();
  }
});
