// A job= that is not on the current page: the drawer says so, offers "Search all pages", shows
// its progress, stops at the first hit and moves the list to the page that holds the job (job=
// kept); a job that is nowhere is said to be nowhere.
import { EDGE_CASES_PROJECT_ID, ONCOLOGY_PROJECT_ID } from "../server/emulator/projects.ts";
import { allDemoJobs } from "./demo-jobs.ts";
import { expect, PROXY_PROJECT, proxyTest, test } from "./fixtures.ts";
import {
  fixtureJobId,
  gate,
  makeJobs,
  type RecordedRequest,
  replies,
  type TestUpstream,
} from "./test-upstream.ts";

const NOV_25_2026_UTC = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOUR = 3_600_000;
const MISSING_ID = "5a000000-0000-4000-8000-00000000dead";

/** Requests the drawer's search sent: pages of 100 (the list itself asks for 10/20/50). */
function searchRequests(upstream: TestUpstream): RecordedRequest[] {
  return upstream.listRequests().filter((request) => request.query.limit === "100");
}

proxyTest(
  "Search all pages shows progress, stops at the first hit and opens the job on its page",
  async ({ jobsPage, drawer, upstream, page }) => {
    // One somatic job an hour back from 2026-11-25 12:00 UTC; 2026-11-12..25 holds jobs 0..324.
    upstream.setJobs(
      makeJobs({ jobType: "DNA_SOMATIC", count: 350, newest: NOV_25_2026_UTC, stepMs: HOUR }),
    );
    const secondSearchPage = gate();
    upstream.script((request) =>
      request.query.limit === "100" && request.query.offset === "100"
        ? replies.held(secondSearchPage.promise)
        : replies.jobs(),
    );
    const target = fixtureJobId("DNA_SOMATIC", 130);
    await jobsPage.goto(PROXY_PROJECT, { from: "2026-11-12", to: "2026-11-25", job: target });
    await drawer.expectOpenFor(target);
    await expect(drawer.notFoundOnPage).toBeVisible();

    await drawer.searchAllPages.click();
    // 325 jobs in range: 4 pages of 100; the job is on the second.
    await expect(drawer.searching).toHaveText(/Searching page 2 of 4/);
    secondSearchPage.open();

    // Position 130 at 20 a page: page 7. The URL keeps the range and job=.
    await expect(page).toHaveURL(/[?&]page=7(&|$)/);
    await expect(page).toHaveURL(new RegExp(`[?&]job=${target}(&|$)`));
    await expect(page).toHaveURL(/[?&]from=2026-11-12(&|$)/);
    await drawer.expectOpenFor(target);
    await expect(drawer.section("Samples")).toContainText("TUMOR-130");
    await expect(jobsPage.jobRow(target)).toHaveCount(1);
    await expect(jobsPage.pageButton(7)).toHaveAttribute("aria-current", "page");

    // It read pages 1 and 2 of the same range and type, and no further.
    const searched = searchRequests(upstream);
    expect(searched.map((request) => request.query.offset)).toEqual(["0", "100"]);
    for (const request of searched) {
      expect(request.query).toMatchObject({
        job_type: "DNA_SOMATIC",
        start: String(Date.UTC(2026, 10, 12)),
        end: String(Date.UTC(2026, 10, 25, 23, 59, 59, 999)),
      });
    }
  },
);

proxyTest(
  "a job that is on no page of the range is said to be nowhere, after every page was read",
  async ({ jobsPage, drawer, upstream, page }) => {
    upstream.setJobs(
      makeJobs({ jobType: "DNA_SOMATIC", count: 350, newest: NOV_25_2026_UTC, stepMs: HOUR }),
    );
    await jobsPage.goto(PROXY_PROJECT, { job: MISSING_ID });
    await drawer.expectOpenFor(MISSING_ID);
    await expect(drawer.notFoundOnPage).toBeVisible();
    await drawer.searchAllPages.click();
    await expect(drawer.notFoundAnywhere).toBeVisible();
    await expect(drawer.searching).toHaveCount(0);
    expect(searchRequests(upstream).map((request) => request.query.offset)).toEqual([
      "0",
      "100",
      "200",
      "300",
    ]);
    // The list stays where it was.
    await expect(page).not.toHaveURL(/[?&]page=/);
    await expect(page).toHaveURL(new RegExp(`[?&]job=${MISSING_ID}(&|$)`));
  },
);

test("demo: Search all pages finds a job 1,200 jobs down and switches the list to its page", async ({
  jobsPage,
  drawer,
  page,
  request,
}) => {
  const jobs = await allDemoJobs(request, ONCOLOGY_PROJECT_ID);
  expect(jobs.length).toBeGreaterThan(1300);
  const position = 1234;
  const target = jobs[position]?.job_id ?? "";
  const listPage = Math.floor(position / 20) + 1;

  await jobsPage.goto(ONCOLOGY_PROJECT_ID, { job: target });
  await drawer.expectOpenFor(target);
  await expect(drawer.notFoundOnPage).toBeVisible();
  await drawer.searchAllPages.click();

  await expect(page).toHaveURL(new RegExp(`[?&]page=${listPage}(&|$)`));
  await expect(page).toHaveURL(new RegExp(`[?&]job=${target}(&|$)`));
  await drawer.expectOpenFor(target);
  await expect(drawer.section("Samples")).toBeVisible();
  await expect(drawer.notFoundOnPage).toHaveCount(0);
  await expect(jobsPage.jobRow(target)).toHaveCount(1);
});

test("demo: a job id that exists nowhere says it was not found", async ({ jobsPage, drawer }) => {
  await jobsPage.goto(EDGE_CASES_PROJECT_ID, { job: MISSING_ID });
  await drawer.expectOpenFor(MISSING_ID);
  await expect(drawer.notFoundOnPage).toBeVisible();
  await drawer.searchAllPages.click();
  await expect(drawer.notFoundAnywhere).toBeVisible();
  await expect(drawer.forJob(MISSING_ID)).toContainText(MISSING_ID);
});
