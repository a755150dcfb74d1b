// Issue 16, what a lab morning ran into (items 3, 5, 7 and 8), against the fake DLI on
// Playwright's clock: failure reasons that read, stuck jobs that say so, one tone per status,
// reversed dates that are named, and hours that have a unit.
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { JobDrawer } from "./pages/job-drawer.ts";
import { customJob } from "./test-upstream.ts";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const MINUTE = 60_000;
const FAILED_ID = "fa11ed00-0000-4000-8000-000000000001";
const CANCELLING_ID = "cacce100-0000-4000-8000-000000000002";
const CANCELLED_ID = "cacce1ed-0000-4000-8000-000000000003";
const LAUNCHING_ID = "1a0c4000-0000-4000-8000-000000000004";

const SPARK_OOM =
  "org.apache.spark.SparkException: Job aborted due to stage failure: Task 118 in stage 3.0 failed 4 times, " +
  "most recent failure: Lost task 118.3 in stage 3.0 (TID 4242, executor 7): java.lang.OutOfMemoryError: Java heap space\n" +
  "\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)";

const request = { tumor_sample_name: "T1", normal_sample_name: "N1", ref: "hg38", expect_time: 8 };

test.beforeEach(async ({ page, upstream }) => {
  await page.clock.install({ time: NOW });
  upstream.setJobs([
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: LAUNCHING_ID,
      startTime: NOW - 20 * MINUTE,
      status: "LAUNCHING",
      progress: "0/7",
      duration: 20 * 60,
      request,
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: FAILED_ID,
      startTime: NOW - 60 * MINUTE,
      status: "FAILED",
      progress: "2/7",
      message: SPARK_OOM,
      request,
    }),
    // Cancel asked 3 h 30 min ago: its duration stopped then.
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: CANCELLING_ID,
      startTime: NOW - 4 * 60 * MINUTE,
      status: "CANCELING",
      progress: "3/7",
      duration: 30 * 60,
      request,
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: CANCELLED_ID,
      startTime: NOW - 5 * 60 * MINUTE,
      status: "CANCELLED",
      progress: "3/7",
      request,
    }),
  ]);
});

test("a failed row says what went wrong in the exception's own words", async ({ jobsPage }) => {
  await jobsPage.goto(PROXY_PROJECT);
  const row = jobsPage.row(FAILED_ID);
  await expect(row).toContainText("OutOfMemoryError: Java heap space");
  await expect(row).not.toContainText("org.apache");
});

test("a failed job's progress has the failed tone in the list and in the drawer", async ({
  page,
  jobsPage,
}) => {
  await jobsPage.goto(PROXY_PROJECT, { job: FAILED_ID });
  const drawer = new JobDrawer(page);
  await drawer.expectOpenFor(FAILED_ID);
  const colourOf = (bar: ReturnType<typeof page.locator>) =>
    bar.evaluate((el) => getComputedStyle(el, "::-webkit-progress-value").backgroundColor);
  const inList = await colourOf(jobsPage.row(FAILED_ID).getByRole("progressbar"));
  const inDrawer = await colourOf(drawer.progress);
  expect(inDrawer).toBe(inList);
  await expect(drawer.progress).toHaveClass(/progress-bad/);
});

test("Cancelling looks unlike Cancelled, and a job stuck launching or cancelling says so", async ({
  jobsPage,
}) => {
  await jobsPage.goto(PROXY_PROJECT);
  const cancelling = jobsPage.row(CANCELLING_ID);
  const cancelled = jobsPage.row(CANCELLED_ID);
  await expect(cancelling).toContainText("Cancelling for 3h 30min: longer than usual");
  await expect(jobsPage.row(LAUNCHING_ID)).toContainText("Launching for 20min: longer than usual");
  await expect(cancelled).not.toContainText("longer than usual");
  const badge = (row: typeof cancelled) => row.locator(".status").first();
  const look = (row: typeof cancelled) =>
    badge(row).evaluate((el) => {
      const style = getComputedStyle(el);
      return `${style.color} ${style.backgroundColor} ${getComputedStyle(el, "::before").content}`;
    });
  expect(await look(cancelling)).not.toBe(await look(cancelled));
});

test("From and To given in reverse are swapped, and the notice says so", async ({
  page,
  jobsPage,
}) => {
  await jobsPage.goto(PROXY_PROJECT, "from=2026-11-25&to=2026-11-01");
  await expect(page.getByText("From was later than To: the two were swapped")).toBeVisible();
  await expect(page).toHaveURL(/from=2026-11-01&to=2026-11-25/);
});

test("the expected time has its unit", async ({ page, jobsPage }) => {
  await jobsPage.goto(PROXY_PROJECT, { job: FAILED_ID });
  const drawer = new JobDrawer(page);
  await drawer.expectOpenFor(FAILED_ID);
  await expect(drawer.field("Expected time", drawer.section("Options"))).toHaveText("8h");
});

test("keyboard: a few Tabs reach 'Skip to the jobs'; closing the ? help puts focus back", async ({
  page,
  jobsPage,
}) => {
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(4);
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
  let tabs = 0;
  while ((await focused()) !== "Skip to the jobs" && tabs < 12) {
    await page.keyboard.press("Tab");
    tabs += 1;
  }
  // Right after Skip to content, before the header and the toolbars: before, 27 Tabs.
  expect(tabs).toBe(2);
  await page.keyboard.press("Enter");
  const focusedRow = () =>
    page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.jobId);
  await expect.poll(focusedRow).toBe(LAUNCHING_ID);
  await page.keyboard.press("ArrowDown");
  await expect.poll(focusedRow).toBe(FAILED_ID);

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: /Keyboard shortcuts/ });
  await expect(help).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);
  await expect.poll(focusedRow).toBe(FAILED_ID);
});
