// Each error state names its cause and offers Retry; 429 and 5xx are retried on their own
// (honouring Retry-After), 401 and other 4xx never are. The token never reaches the browser
// (checked after every proxy test by the fixture).
// Backoff runs on Playwright's clock, paused before the app loads: a test moves time itself
// (`runFor`), so it proves when a retry happens instead of waiting for it. Answers still
// arrive in real time, so a test waits for each one (the retry note, an alert) before it
// moves the clock on.
import type { Locator, Page } from "@playwright/test";
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import type { JobsPage } from "./pages/jobs-page.ts";
import {
  fixtureJobId,
  gate,
  makeJobs,
  malformedJob,
  replies,
  type Script,
  type TestUpstream,
  thenJobs,
} from "./test-upstream.ts";

const NOV_25_2026_UTC = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOUR = 3_600_000;
/** The app's backoff before each of its three automatic retries (`retryDelay`, src/lib/http.ts). */
const BACKOFFS_MS = [1_000, 2_000, 4_000] as const;

/** Installs the fake clock and stops it before the app loads: timers fire only when run. */
async function pauseClock(page: Page): Promise<void> {
  await page.clock.install({ time: NOV_25_2026_UTC });
  await page.clock.pauseAt(NOV_25_2026_UTC + 60_000);
}

/**
 * Runs the paused clock `stepMs` at a time until `locator` is visible. React Query hands
 * results to the page through setTimeout(0), and a 0 ms timer set while the fake clock is
 * firing timers is due 1 ms later (as in Sinon's fake timers): stepping by 0 would miss it
 * whenever an answer lands during a step. So the clock moves at least 1 ms a step, and a test
 * that times a retry from the note allows a few ms for it.
 */
async function runClockUntilVisible(page: Page, locator: Locator, stepMs = 1): Promise<void> {
  await expect(async () => {
    await page.clock.runFor(stepMs);
    await expect(locator).toBeVisible({ timeout: 100 });
  }).toPass({ intervals: [20], timeout: 10_000 });
}

/**
 * Opens the list with the clock paused. Its first render waits a moment, on the clock, for
 * the first page: the clock runs in small steps until the table is there.
 */
async function openList(page: Page, jobsPage: JobsPage): Promise<void> {
  await jobsPage.goto(PROXY_PROJECT);
  await runClockUntilVisible(page, jobsPage.table, 50);
}

/**
 * Answers from `script`, but holds the first answer until the returned function is called:
 * a test lets it through once the list is on screen, so the retry it causes is timed from
 * a clock that has stood still since.
 */
function holdFirstAnswer(upstream: TestUpstream, script: Script): () => void {
  const held = gate();
  upstream.script((request, index) => {
    const reply = script(request, index);
    return index === 0 ? replies.held(held.promise, reply) : reply;
  });
  return held.open;
}

/**
 * Counts the page's own fetches of the job list when they are made, before they reach any
 * server: right after the clock has run, it tells whether the app asked again.
 */
async function countListFetches(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const counter = window as unknown as { listFetches: number };
    counter.listFetches = 0;
    const original = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (/\/gene\/jobs\/?$/.test(url.pathname)) counter.listFetches += 1;
      return original(input, init);
    };
  });
  return () => page.evaluate(() => (window as unknown as { listFetches: number }).listFetches);
}

/** The note shown while the list waits to ask again; `attempt` numbers the next request. */
function retryNote(page: Page, attempt: number): Locator {
  return page.getByRole("status").filter({ hasText: `retrying (attempt ${attempt})` });
}

/** Runs the paused clock through the three automatic retries, each after its failure is in. */
async function runThroughRetries(page: Page): Promise<void> {
  for (const [index, backoff] of BACKOFFS_MS.entries()) {
    await runClockUntilVisible(page, retryNote(page, index + 2));
    await page.clock.runFor(backoff);
  }
}

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
  page,
  jobsPage,
  upstream,
}) => {
  const listFetches = await countListFetches(page);
  await pauseClock(page);
  const answer = holdFirstAnswer(upstream, thenJobs(replies.throttled(2)));
  await openList(page, jobsPage);
  answer();
  await runClockUntilVisible(page, retryNote(page, 2));
  expect(upstream.listRequests()).toHaveLength(1);

  // Retry-After: 2 means two seconds, not the default backoff of one.
  await page.clock.runFor(1_900);
  expect(await listFetches()).toBe(1);
  await page.clock.runFor(100);
  // The retry starts when the timer fires; its fetch may follow a turn later.
  await expect.poll(listFetches).toBe(2);
  await expect.poll(() => upstream.listRequests().length).toBeGreaterThanOrEqual(2);
  const [first, second] = upstream.listRequests();
  expect(second?.query).toEqual(first?.query);

  await page.clock.resume();
  await expect(jobsPage.bodyRows).toHaveCount(20);
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

test("503 once is retried with backoff and the jobs show", async ({ page, jobsPage, upstream }) => {
  const listFetches = await countListFetches(page);
  await pauseClock(page);
  const answer = holdFirstAnswer(
    upstream,
    thenJobs(replies.dliError(503, "APIGW.0201", "Service unavailable")),
  );
  await openList(page, jobsPage);
  answer();
  await runClockUntilVisible(page, retryNote(page, 2));

  // Not at once: after the first backoff.
  await page.clock.runFor(BACKOFFS_MS[0] - 100);
  expect(await listFetches()).toBe(1);
  await page.clock.runFor(100);
  // The retry starts when the timer fires; its fetch may follow a turn later.
  await expect.poll(listFetches).toBe(2);

  await page.clock.resume();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  const firstPage = upstream.listRequests().filter((r) => r.query.offset === "0");
  expect(firstPage).toHaveLength(2);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("500 that persists: 'DLI error DLI.0999' after the automatic retries; Retry recovers", async ({
  page,
  jobsPage,
  upstream,
}) => {
  let failing = true;
  upstream.script(() =>
    failing ? replies.dliError(500, "DLI.0999", "Internal server error") : replies.jobs(),
  );
  await pauseClock(page);
  await openList(page, jobsPage);
  await runThroughRetries(page);
  await runClockUntilVisible(page, jobsPage.alert.filter({ hasText: "DLI error DLI.0999" }));
  await expect(jobsPage.alert).toContainText("Internal server error");
  // The first request and three retries, then no more.
  expect(upstream.listRequests()).toHaveLength(1 + BACKOFFS_MS.length);

  failing = false;
  await page.clock.resume();
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
  page,
  jobsPage,
  upstream,
}) => {
  let dropping = true;
  upstream.script(() => (dropping ? replies.destroy() : replies.jobs()));
  await pauseClock(page);
  await openList(page, jobsPage);
  await runThroughRetries(page);
  await runClockUntilVisible(page, jobsPage.alert.filter({ hasText: "DLI is unreachable" }));

  dropping = false;
  await page.clock.resume();
  await jobsPage.retry.click();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("upstream not listening: 'DLI is unreachable'", async ({ page, jobsPage, upstream }) => {
  await upstream.close();
  await pauseClock(page);
  await openList(page, jobsPage);
  await runThroughRetries(page);
  await runClockUntilVisible(page, jobsPage.alert.filter({ hasText: "DLI is unreachable" }));
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
