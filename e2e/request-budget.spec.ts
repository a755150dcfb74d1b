// The request budget (README, "What the dashboard asks of DLI") in a real browser, in proxy
// mode against a fake DLI that starts a job every 30 s, on Playwright's clock: five minutes of
// a tab left open, counted request by request, in seconds of real time.
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { JobDrawer } from "./pages/job-drawer.ts";
import { RangeTools } from "./pages/range-tools.ts";
import {
  type FixtureJob,
  fixtureJobId,
  makeJobs,
  type RecordedRequest,
  type TestUpstream,
} from "./test-upstream.ts";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const MINUTE = 60_000;
const LIVE_INTERVAL_MS = 10_000;

/** 150 somatic jobs a minute apart, the newest running: the page polls, the range is 2 reads. */
function jobsAtStart(): FixtureJob[] {
  return makeJobs({
    jobType: "DNA_SOMATIC",
    count: 150,
    newest: T0,
    stepMs: MINUTE,
    status: (n) => (n === 0 ? "RUNNING" : "FINISHED"),
  });
}

/** A job that started at `startTime`, newest in the range, running. */
function startedJob(n: number, startTime: number): FixtureJob {
  const [template] = makeJobs({
    jobType: "DNA_SOMATIC",
    count: 1,
    newest: startTime,
    stepMs: MINUTE,
    status: () => "RUNNING",
  });
  const wire = {
    ...(template?.wire as object),
    job_id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  };
  return { jobType: "DNA_SOMATIC", wire, startTime };
}

const isPage = (r: RecordedRequest) => r.query.limit === "20" && r.query.offset === "0";
const isRangeStart = (r: RecordedRequest) => r.query.limit === "100" && r.query.offset === "0";
const count = (upstream: TestUpstream, which: (r: RecordedRequest) => boolean) =>
  upstream.listRequests().filter(which).length;

test("counts follow a growing range for five minutes within the budget, and the drawer reads nothing", async ({
  page,
  jobsPage,
  upstream,
}) => {
  // Thirty refreshes, each awaited: slower than one page load, far quicker than five minutes.
  test.setTimeout(120_000);
  const tools = new RangeTools(page);
  let jobs = jobsAtStart();
  upstream.setJobs(jobs);
  await page.clock.install({ time: T0 + MINUTE });
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await tools.countJobs.click();
  await expect(tools.statusCount("Running", 1)).toBeVisible();
  await expect(tools.statusCount("Finished", 149)).toBeVisible();
  // From here the page's timers run only when the test moves the clock.
  const start = (await page.evaluate(() => Date.now())) + 1_000;
  await page.clock.pauseAt(start);
  upstream.clearRequests();

  /** Moves the clock in small steps until `done` holds: answers are drawn on a turn of it. */
  async function runUntil(done: () => Promise<boolean> | boolean, stepMs: number) {
    await expect
      .poll(
        async () => {
          if (await done()) return true;
          await page.clock.runFor(stepMs);
          return done();
        },
        { intervals: [20] },
      )
      .toBe(true);
  }

  // Five minutes: the list refreshes on its own, and a running job starts every 30 s.
  let started = 0;
  for (let refresh = 1; refresh <= 30; refresh++) {
    if (refresh % 3 === 0) {
      started += 1;
      const at = await page.evaluate(() => Date.now());
      jobs = [startedJob(started, at), ...jobs];
      upstream.setJobs(jobs);
    }
    const before = count(upstream, isPage);
    await runUntil(() => count(upstream, isPage) > before, 500);
    if (refresh % 3 === 0) {
      // The counts follow the new total: the range was read again.
      const counted = tools.statusCount("Running", 1 + started);
      await runUntil(() => counted.isVisible(), 20);
    }
  }

  const elapsed = (await page.evaluate(() => Date.now())) - start;
  const pageReads = count(upstream, isPage);
  // Thirty refreshes take about five minutes on the page's clock: one read per 10 s, no more.
  expect(elapsed).toBeGreaterThanOrEqual(29 * LIVE_INTERVAL_MS);
  expect(pageReads).toBeLessThanOrEqual(Math.floor(elapsed / LIVE_INTERVAL_MS) + 1);
  // The range (two requests a read) was read again once per job started, not per refresh.
  expect(count(upstream, isRangeStart)).toBe(10);
  expect(upstream.listRequests().length).toBe(pageReads + 10 * 2);

  // The drawer of a job on the page shows it without asking DLI.
  const drawer = new JobDrawer(page);
  const before = upstream.listRequests().length;
  const jobId = fixtureJobId("DNA_SOMATIC", 3);
  await jobsPage.jobRow(jobId).click();
  await drawer.expectOpenFor(jobId);
  expect(upstream.listRequests().length).toBe(before);
});
