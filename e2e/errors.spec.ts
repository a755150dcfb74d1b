// Each error state names its cause and offers Retry; 429 and 5xx are retried on their own
// (honouring Retry-After), 401 and other 4xx never are. The token never reaches the browser
// (checked after every proxy test by the fixture).
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { fixtureJobId, makeJobs, malformedJob, replies, thenJobs } from "./test-upstream.ts";

const NOV_25_2026_UTC = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOUR = 3_600_000;

test.beforeEach(async ({ upstream }) => {
  upstream.setJobs(
    makeJobs({ jobType: "DNA_SOMATIC", count: 30, newest: NOV_25_2026_UTC, stepMs: 12 * HOUR }),
  );
});

test("401 token expired: 'Credentials rejected', not retried, Retry recovers", async ({
  jobsPage,
  upstream,
  token,
}) => {
  upstream.script(thenJobs(replies.tokenExpired()));
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.alert).toContainText("Credentials rejected");
  await expect(jobsPage.retry).toBeVisible();
  // The error is only shown once retries are over, so the count is final here.
  expect(upstream.listRequests()).toHaveLength(1);
  expect(upstream.listRequests()[0]?.headers["x-auth-token"]).toBe(token);

  await jobsPage.retry.click();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.alert).toHaveCount(0);
  expect(upstream.listRequests().filter((r) => r.query.offset === "0")).toHaveLength(2);
});

test("403: 'Credentials rejected', not retried", async ({ jobsPage, upstream }) => {
  upstream.script(() => replies.forbidden());
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.alert).toContainText("Credentials rejected");
  expect(upstream.listRequests()).toHaveLength(1);
});

test("400 DLI error: code and message shown, not retried, Retry recovers", async ({
  jobsPage,
  upstream,
}) => {
  upstream.script(
    thenJobs(replies.dliError(400, "DLI.0002", "The object does not exist: project gene-x")),
  );
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.alert).toContainText("DLI error DLI.0002");
  await expect(jobsPage.alert).toContainText("The object does not exist: project gene-x");
  expect(upstream.listRequests()).toHaveLength(1);

  await jobsPage.retry.click();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("429 with Retry-After is retried after that delay, then the jobs show", async ({
  jobsPage,
  upstream,
}) => {
  upstream.script(thenJobs(replies.throttled(2)));
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  const [first, second] = upstream.listRequests();
  expect(second?.query).toEqual(first?.query);
  // Retry-After: 2 means two seconds, not the default backoff of one.
  expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("429 that persists: 'Too many requests', Retry recovers", async ({ jobsPage, upstream }) => {
  let throttling = true;
  upstream.script(() => (throttling ? replies.throttled(0) : replies.jobs()));
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.alert).toContainText("Too many requests", { timeout: 20_000 });
  expect(upstream.listRequests().length).toBeGreaterThan(1);

  throttling = false;
  await jobsPage.retry.click();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("503 once is retried with backoff and the jobs show", async ({ jobsPage, upstream }) => {
  upstream.script(thenJobs(replies.dliError(503, "APIGW.0201", "Service unavailable")));
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  const firstPage = upstream.listRequests().filter((r) => r.query.offset === "0");
  expect(firstPage).toHaveLength(2);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("500 that persists: 'DLI error DLI.0999' after the automatic retries; Retry recovers", async ({
  jobsPage,
  upstream,
}) => {
  let failing = true;
  upstream.script(() =>
    failing ? replies.dliError(500, "DLI.0999", "Internal server error") : replies.jobs(),
  );
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.alert).toContainText("DLI error DLI.0999", { timeout: 25_000 });
  await expect(jobsPage.alert).toContainText("Internal server error");
  expect(upstream.listRequests().length).toBeGreaterThan(1);

  failing = false;
  await jobsPage.retry.click();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("an HTML 200: 'Unexpected answer from DLI', Retry recovers", async ({
  jobsPage,
  upstream,
}) => {
  upstream.script(thenJobs(replies.html()));
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.alert).toContainText("Unexpected answer from DLI");
  // The body may be quoted as text, never rendered as HTML.
  await expect(jobsPage.page.getByRole("heading", { name: "Welcome to nginx!" })).toHaveCount(0);
  expect(upstream.listRequests()).toHaveLength(1);

  await jobsPage.retry.click();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("JSON of the wrong shape: 'Unexpected answer from DLI'", async ({ jobsPage, upstream }) => {
  upstream.script(() => ({ kind: "json", status: 200, body: { job_count: "many", jobs: {} } }));
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.alert).toContainText("Unexpected answer from DLI");
  await expect(jobsPage.retry).toBeVisible();
});

test("upstream drops the connection: 'DLI is unreachable', Retry recovers", async ({
  jobsPage,
  upstream,
}) => {
  let dropping = true;
  upstream.script(() => (dropping ? replies.destroy() : replies.jobs()));
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.alert).toContainText("DLI is unreachable", { timeout: 25_000 });

  dropping = false;
  await jobsPage.retry.click();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("upstream not listening: 'DLI is unreachable'", async ({ jobsPage, upstream }) => {
  await upstream.close();
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.alert).toContainText("DLI is unreachable", { timeout: 25_000 });
  await expect(jobsPage.retry).toBeVisible();
});

test("a malformed job is its own row; the rest of the page still shows", async ({
  jobsPage,
  upstream,
}) => {
  const jobs = makeJobs({
    jobType: "DNA_SOMATIC",
    count: 30,
    newest: NOV_25_2026_UTC,
    stepMs: 12 * HOUR,
  });
  // Between job 2 and job 3 in time.
  upstream.setJobs([...jobs, malformedJob(NOV_25_2026_UTC - 30 * HOUR)]);
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.bodyRows.filter({ hasText: "Malformed job" })).toHaveCount(1);
  await expect(jobsPage.bodyRows.nth(3)).toContainText("Malformed job");
  await expect(jobsPage.row(fixtureJobId("DNA_SOMATIC", 2))).toContainText(/failed/i);
  await expect(jobsPage.row(fixtureJobId("DNA_SOMATIC", 3))).toBeVisible();
  await expect(jobsPage.alert).toHaveCount(0);
  await expect(jobsPage.total(31)).toBeVisible();
});
