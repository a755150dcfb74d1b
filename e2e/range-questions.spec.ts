// Whole-range questions (issue 4) in proxy mode against the fake DLI: a status filter, a search
// or another sort reads every page of the range (limit 100, offsets 0/100/200…) and filters,
// sorts and pages it in the browser, with the URL as the state; counts by status; a range too
// big to read on its own waits for "Count jobs by status".
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { RangeTools } from "./pages/range-tools.ts";
import {
  type FixtureJob,
  fixtureJobId,
  gate,
  makeJobs,
  replies,
  settledStatusOf,
  spreadDurationOf,
  type TestUpstream,
} from "./test-upstream.ts";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOUR = 3_600_000;

/**
 * 250 somatic jobs an hour apart back from 2026-11-25 12:00 UTC (FINISHED 150, FAILED 75,
 * CANCELLED 25), and 40 germline jobs DLI must not mix in.
 */
function rangeJobs(count = 250): FixtureJob[] {
  return [
    ...makeJobs({
      jobType: "DNA_SOMATIC",
      count,
      newest: T0,
      stepMs: HOUR,
      status: settledStatusOf,
      duration: spreadDurationOf,
    }),
    ...makeJobs({
      jobType: "DNA_GERMLINE",
      count: 40,
      newest: T0 - HOUR / 2,
      stepMs: HOUR,
      status: () => "FAILED",
    }),
  ];
}

const somaticIndexes = (count = 250) => Array.from({ length: count }, (_, n) => n);
const ids = (indexes: number[]) => indexes.map((n) => fixtureJobId("DNA_SOMATIC", n));
const failed = somaticIndexes().filter((n) => settledStatusOf(n) === "FAILED");

/** The whole-range reads (limit 100) the upstream received, as offsets in arrival order. */
function rangeReads(upstream: TestUpstream): number[] {
  return upstream
    .listRequests()
    .filter((request) => request.query.limit === "100")
    .map((request) => Number(request.query.offset));
}

function expectOnlyContractRequests(upstream: TestUpstream): void {
  for (const request of upstream.listRequests()) {
    expect(request.query.job_type).toBe("DNA_SOMATIC");
    expect(Number(request.query.limit)).toBeGreaterThanOrEqual(1);
    expect(Number(request.query.limit)).toBeLessThanOrEqual(100);
  }
}

test.beforeEach(async ({ upstream }) => {
  upstream.setJobs(rangeJobs());
});

test("status=FAILED reads the 250-job range in pages of 100 and pages the 75 failed jobs locally", async ({
  page,
  jobsPage,
  upstream,
}) => {
  const tools = new RangeTools(page);
  await jobsPage.goto(PROXY_PROJECT, "status=FAILED");
  await expect(jobsPage.total(75)).toBeVisible();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  expect(await jobsPage.jobIds()).toEqual(ids(failed.slice(0, 20)));
  await expect(jobsPage.bodyRows.filter({ hasText: "Failed" })).toHaveCount(20);
  expect([...rangeReads(upstream)].sort((a, b) => a - b)).toEqual([0, 100, 200]);
  expectOnlyContractRequests(upstream);
  // The strip shows the filter.
  await expect(tools.statusCount("Failed", 75)).toHaveAttribute("aria-pressed", "true");
  await expect(tools.allStatuses).toHaveAttribute("aria-pressed", "false");

  // Paging the filtered result is local: no new request to DLI.
  const asked = upstream.listRequests().length;
  await jobsPage.nextPage.click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(failed.slice(20, 40)));
  await jobsPage.lastPage.click();
  await expect(page).toHaveURL(/[?&]page=4(&|$)/);
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(failed.slice(60, 75)));
  expect(upstream.listRequests()).toHaveLength(asked);
  expect(jobsPage.search().get("status")).toBe("FAILED");

  // The URL is the state: a reload shows the same page of the same filter.
  await page.reload();
  await expect(jobsPage.total(75)).toBeVisible();
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(failed.slice(60, 75)));
  await expect(tools.statusCount("Failed", 75)).toHaveAttribute("aria-pressed", "true");
});

test("search: typing sets q, matches samples, paths and messages case-insensitively; reload restores", async ({
  page,
  jobsPage,
  upstream,
}) => {
  const tools = new RangeTools(page);
  await jobsPage.goto(PROXY_PROJECT, "page=2");
  await expect(jobsPage.bodyRows).toHaveCount(20);

  // Sample names: TUMOR-21 and TUMOR-210…219, newest first; a new search starts at page 1.
  await tools.search.fill("tumor-21");
  await expect(page).toHaveURL(/[?&]q=tumor-21(&|$)/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  const tumor21 = [21, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219];
  await expect(jobsPage.total(11)).toBeVisible();
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(tumor21));
  expect([...new Set(rangeReads(upstream))].sort((a, b) => a - b)).toEqual([0, 100, 200]);
  expectOnlyContractRequests(upstream);

  // With a status on top: only the failed ones (216, 217, 218).
  await tools.statusCount("Failed").click();
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids([216, 217, 218]));
  expect(jobsPage.search().get("status")).toBe("FAILED");
  expect(jobsPage.search().get("q")).toBe("tumor-21");

  await page.reload();
  await expect(tools.search).toHaveValue("tumor-21");
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids([216, 217, 218]));

  // An output path, at once on Enter.
  await page.goto(`/projects/${PROXY_PROJECT}/jobs`);
  await tools.search.fill("gene-bucket/out/137/");
  await tools.search.press("Enter");
  await expect(page).toHaveURL(/[?&]q=gene-bucket/);
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids([137]));

  // A failure message, in other case: every failed job, over four pages.
  await tools.search.fill("EXECUTOR LOST");
  await tools.search.press("Enter");
  await expect(jobsPage.total(75)).toBeVisible();
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(failed.slice(0, 20)));

  // Nothing matches: an empty result, not an error.
  await tools.search.fill("no-such-sample-anywhere");
  await tools.search.press("Enter");
  await expect(jobsPage.bodyRows.filter({ hasText: /[0-9a-f]{8}-/ })).toHaveCount(0);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("sort by duration, both ways, over the whole range", async ({ page, jobsPage, upstream }) => {
  const tools = new RangeTools(page);
  const byDuration = somaticIndexes().sort((a, b) => spreadDurationOf(b) - spreadDurationOf(a));
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(tools.header("Duration")).not.toHaveAttribute("aria-sort", /.+/);

  await tools.sortBy("Duration").click();
  await expect(page).toHaveURL(/[?&]sort=-duration(&|$)/);
  await tools.expectSorted("Duration", "descending");
  await expect(tools.header("Started")).not.toHaveAttribute("aria-sort", /.+/);
  // The 20 longest of all 250 jobs, not of the first page.
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(byDuration.slice(0, 20)));
  await jobsPage.nextPage.click();
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(byDuration.slice(20, 40)));

  await tools.sortBy("Duration").click();
  await expect(page).toHaveURL(/[?&]sort=duration(&|$)/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  await tools.expectSorted("Duration", "ascending");
  const shortest = [...byDuration].reverse();
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(shortest.slice(0, 20)));
  expect([...new Set(rangeReads(upstream))].sort((a, b) => a - b)).toEqual([0, 100, 200]);
  expectOnlyContractRequests(upstream);

  await page.reload();
  await tools.expectSorted("Duration", "ascending");
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(shortest.slice(0, 20)));

  // Started: oldest first is the other direction of the default.
  await tools.sortBy("Started").click();
  await expect(page).not.toHaveURL(/[?&]sort=/);
  await tools.expectSorted("Started", "descending");
  await tools.sortBy("Started").click();
  await expect(page).toHaveURL(/[?&]sort=started(&|$)/);
  await tools.expectSorted("Started", "ascending");
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(somaticIndexes().reverse().slice(0, 20)));
});

test("counts by status: read for the range on request, clicking one toggles it in the filter", async ({
  page,
  jobsPage,
}) => {
  const tools = new RangeTools(page);
  await jobsPage.goto(PROXY_PROJECT, "page=2");
  await expect(jobsPage.bodyRows).toHaveCount(20);
  // The plain newest-first view reads only its page; the counts are read on request.
  await tools.countJobs.click();
  await expect(tools.statusStrip).toBeVisible();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(tools.allStatuses).toHaveAttribute("aria-pressed", "true");
  await expect(tools.allStatuses).toContainText("250");
  await expect(tools.statusCount("Finished", 150)).toHaveAttribute("aria-pressed", "false");
  await expect(tools.statusCount("Failed", 75)).toHaveAttribute("aria-pressed", "false");
  await expect(tools.statusCount("Cancelled", 25)).toHaveAttribute("aria-pressed", "false");
  // Every status has its chip, counted: nothing is running.
  await expect(tools.statusCount("Running", 0)).toBeVisible();
  await expect(tools.statusCount("Launching", 0)).toBeVisible();

  await tools.statusCount("Failed", 75).click();
  expect(await jobsPage.page.url()).not.toMatch(/[?&]page=/);
  await expect.poll(() => jobsPage.search().get("status")).toBe("FAILED");
  await expect(jobsPage.total(75)).toBeVisible();
  await expect(tools.statusCount("Failed", 75)).toHaveAttribute("aria-pressed", "true");
  await expect(tools.allStatuses).toHaveAttribute("aria-pressed", "false");
  // The counts stay those of the range.
  await expect(tools.statusCount("Finished", 150)).toBeVisible();

  await tools.statusCount("Cancelled", 25).click();
  await expect
    .poll(() => (jobsPage.search().get("status") ?? "").split(",").sort())
    .toEqual(["CANCELLED", "FAILED"]);
  await expect(jobsPage.total(100)).toBeVisible();
  const cancelledOrFailed = somaticIndexes().filter((n) => settledStatusOf(n) !== "FINISHED");
  await expect.poll(() => jobsPage.jobIds()).toEqual(ids(cancelledOrFailed.slice(0, 20)));

  await tools.statusCount("Failed", 75).click();
  await expect.poll(() => jobsPage.search().get("status")).toBe("CANCELLED");
  await expect(jobsPage.total(25)).toBeVisible();

  await tools.allStatuses.click();
  await expect.poll(() => jobsPage.search().has("status")).toBe(false);
  await expect(jobsPage.total(250)).toBeVisible();
  await expect(tools.allStatuses).toHaveAttribute("aria-pressed", "true");
});

test("counting a 1,050-job range: progress, at most 3 pages in flight, Stop reading, then read again", async ({
  page,
  jobsPage,
  upstream,
}) => {
  const tools = new RangeTools(page);
  upstream.setJobs(rangeJobs(1050));
  const pages = gate();
  let held = true;
  upstream.script((request) =>
    held && request.query.limit === "100" && request.query.offset !== "0"
      ? replies.held(pages.promise)
      : replies.jobs(),
  );
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.total(1050)).toBeVisible();
  await expect(tools.countJobs).toBeVisible();
  // The status chips are always there; their counts only once the range is read.
  await expect(tools.statusStrip).toBeVisible();
  await expect(tools.statusCount("Finished")).toHaveCount(0);
  expect(rangeReads(upstream)).toEqual([]);

  await tools.countJobs.click();
  await expect(tools.reading).toBeVisible();
  await expect(tools.readText(100, 1050)).toBeVisible();
  await expect(tools.stopReading).toBeVisible();
  // Page 0 answered, the next ones held: no more than 3 in flight.
  await expect.poll(() => rangeReads(upstream).length).toBeGreaterThanOrEqual(4);
  expect(rangeReads(upstream)).toEqual([0, 100, 200, 300]);

  await tools.stopReading.click();
  await expect(tools.reading).toHaveCount(0);
  // The status chips are always there; their counts only once the range is read.
  await expect(tools.statusStrip).toBeVisible();
  await expect(tools.statusCount("Finished")).toHaveCount(0);
  held = false;
  pages.open();
  await expect(jobsPage.bodyRows).toHaveCount(20);

  // Asked again, it reads all 11 pages and counts.
  await page
    .getByRole("button", { name: /^(Count jobs by status|Continue reading jobs)$/ })
    .click();
  await expect(tools.statusCount("Finished", 630)).toBeVisible();
  await expect(tools.statusCount("Failed", 315)).toBeVisible();
  await expect(tools.statusCount("Cancelled", 105)).toBeVisible();
  await expect(tools.reading).toHaveCount(0);
  const offsets = new Set(rangeReads(upstream));
  for (let offset = 0; offset < 1050; offset += 100) expect(offsets.has(offset)).toBe(true);
  expectOnlyContractRequests(upstream);
});

test("more than 20,000 jobs: only the newest 20,000 are read, and a notice says so", async ({
  page,
  jobsPage,
  upstream,
}) => {
  test.setTimeout(90_000);
  const tools = new RangeTools(page);
  upstream.setJobs(
    makeJobs({
      jobType: "DNA_SOMATIC",
      count: 20_050,
      newest: T0,
      stepMs: 60_000,
      status: settledStatusOf,
    }),
  );
  await jobsPage.goto(PROXY_PROJECT, "status=FAILED");
  await expect(tools.capNotice).toBeVisible({ timeout: 60_000 });
  await expect(tools.capNotice).toContainText("20,050");
  // 3 failed in every 10 of the newest 20,000.
  await expect(jobsPage.total(6000)).toBeVisible();
  const offsets = rangeReads(upstream);
  expect(Math.max(...offsets)).toBe(19_900);
  expect(new Set(offsets).size).toBe(200);
  expectOnlyContractRequests(upstream);
});

test("sort by status and by owner: ascending first, then flipped, each status or owner grouped", async ({
  page,
  jobsPage,
}) => {
  const tools = new RangeTools(page);
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  const statusWords = async () =>
    (await jobsPage.bodyRows.allInnerTexts()).map(
      (text) => /\b(Finished|Failed|Cancelled)\b/.exec(text)?.[1] ?? "?",
    );

  await tools.sortBy("Status").click();
  await expect(page).toHaveURL(/[?&]sort=status(&|$)/);
  await tools.expectSorted("Status", "ascending");
  await expect.poll(async () => new Set(await statusWords()).size).toBe(1);
  const firstAscending = (await statusWords())[0];
  await tools.sortBy("Status").click();
  await expect(page).toHaveURL(/[?&]sort=-status(&|$)/);
  await tools.expectSorted("Status", "descending");
  await expect
    .poll(async () => {
      const words = await statusWords();
      return new Set(words).size === 1 && words[0] !== firstAscending;
    })
    .toBe(true);

  // Owners user0…user2 (n % 3): 84 jobs of user0 fill page 1 ascending, user2 descending.
  await tools.sortBy("Owner").click();
  await expect(page).toHaveURL(/[?&]sort=owner(&|$)/);
  await tools.expectSorted("Owner", "ascending");
  await expect(tools.header("Status")).not.toHaveAttribute("aria-sort", /.+/);
  await expect
    .poll(() => jobsPage.jobIds())
    .toEqual(
      ids(
        somaticIndexes()
          .filter((n) => n % 3 === 0)
          .slice(0, 20),
      ),
    );
  await tools.sortBy("Owner").click();
  await expect(page).toHaveURL(/[?&]sort=-owner(&|$)/);
  await tools.expectSorted("Owner", "descending");
  await expect
    .poll(() => jobsPage.jobIds())
    .toEqual(
      ids(
        somaticIndexes()
          .filter((n) => n % 3 === 2)
          .slice(0, 20),
      ),
    );
});
