// What the drawer shows for the demo emulator's own jobs: a failed job, a truncated request,
// unknown fields, fields of unexpected types, a request of several hundred KB. Screenshots for
// the lead go to each test's output folder (test-results/…/drawer-*.png), attached to the report.
import type { Page } from "@playwright/test";
import { EDGE_JOB_IDS } from "../server/emulator/edge-cases.ts";
import { EDGE_CASES_PROJECT_ID, ONCOLOGY_PROJECT_ID } from "../server/emulator/projects.ts";
import { allDemoJobs, demoJob } from "./demo-jobs.ts";
import { expect, test } from "./fixtures.ts";
import { SECTION_NAMES } from "./pages/job-drawer.ts";

/** Saves a screenshot in the running test's output folder and attaches it to the report. */
async function shoot(page: Page, name: string): Promise<void> {
  const testInfo = test.info();
  const path = testInfo.outputPath(`drawer-${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(`drawer-${name}`, { path, contentType: "image/png" });
}

test("a demo job's drawer (screenshot)", async ({ jobsPage, drawer, page }) => {
  await jobsPage.goto(ONCOLOGY_PROJECT_ID);
  await jobsPage.waitForLoaded();
  const id = (await jobsPage.jobIds())[5] ?? "";
  await jobsPage.jobRow(id).locator("td").first().click();
  await drawer.expectOpenFor(id);
  await expect(drawer.section("Samples")).toBeVisible();
  await expect(drawer.requestPre).toBeVisible();
  await shoot(page, "demo");
});

test("a failed demo job shows its message under Failure reason (screenshot)", async ({
  jobsPage,
  drawer,
  page,
  request,
}) => {
  const jobs = await allDemoJobs(request, ONCOLOGY_PROJECT_ID);
  const position = jobs.findIndex((job) => job.status === "FAILED" && job.message);
  expect(position).toBeGreaterThanOrEqual(0);
  const failed = jobs[position];
  if (!failed?.message) throw new Error("no failed demo job");
  const listPage = Math.floor(position / 20) + 1;

  await jobsPage.goto(ONCOLOGY_PROJECT_ID, listPage > 1 ? `page=${listPage}` : "");
  await jobsPage.waitForLoaded();
  await jobsPage.jobRow(failed.job_id).locator("td").first().click();
  await drawer.expectOpenFor(failed.job_id);
  await expect(drawer.failureReason).toBeVisible();
  await expect(drawer.failureReason).toContainText(failed.message.replace(/\s+/g, " ").trim());
  await shoot(page, "failed");
});

test("a truncated request: a 'not valid JSON' notice, the raw text, no structured sections (screenshot)", async ({
  jobsPage,
  drawer,
  page,
  request,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const id = EDGE_JOB_IDS.truncatedRequest;
  const job = await demoJob(request, EDGE_CASES_PROJECT_ID, id, "DNA_GERMLINE");
  expect(() => JSON.parse(job.request)).toThrow();

  await jobsPage.goto(EDGE_CASES_PROJECT_ID, { type: "DNA_GERMLINE", job: id });
  await drawer.expectOpenFor(id);
  await expect(drawer.invalidNotice).toBeVisible();
  // Shown raw, as DLI sent it (there is nothing to mask in this one).
  await expect(drawer.requestPre).toBeVisible();
  expect(await drawer.requestPre.textContent()).toBe(job.request);
  // The header is there; the structured sections are not.
  await expect(drawer.field("Owner")).toHaveText("qa.edge");
  for (const name of SECTION_NAMES.filter((n) => n !== "Request JSON")) {
    await expect(drawer.sectionHeading(name)).toHaveCount(0);
  }
  await expect(drawer.sectionHeading("Request JSON")).toBeVisible();
  expect(await drawer.copiedRequest()).toBe(job.request);
  const file = await drawer.downloadedRequest();
  expect(file.name).toBe(`${id}.request.json`);
  expect(file.text).toBe(job.request);
  await shoot(page, "invalid");
});

test("unknown request fields land in Other, and only they do", async ({ jobsPage, drawer }) => {
  const id = EDGE_JOB_IDS.unknownRequestFields;
  await jobsPage.goto(EDGE_CASES_PROJECT_ID, { type: "DNA_GERMLINE", job: id });
  await drawer.expectOpenFor(id);
  const other = drawer.section("Other");
  await expect(other).toBeVisible();
  await expect(other.locator("dt")).toHaveText(["priority", "labels", "pipeline_version"]);
  await expect(drawer.field("priority", other)).toHaveText("high");
  await expect(drawer.field("pipeline_version", other)).toHaveText("gatk-4.1.4.1");
  await expect(drawer.field("labels", other)).toContainText("EDGE-2026");
  await expect(drawer.field("labels", other)).toContainText("bioinfo");
  // Known germline fields stay in their groups.
  await expect(drawer.section("Samples")).toContainText("EDGE-EXTRA");
  await expect(drawer.section("Options")).toContainText("gatk");
});

test("fields of an unexpected type are shown as they came", async ({ jobsPage, drawer }) => {
  const id = EDGE_JOB_IDS.unexpectedFieldType;
  await jobsPage.goto(EDGE_CASES_PROJECT_ID, { job: id });
  await drawer.expectOpenFor(id);
  // knownsites is a string, not a list; expect_time is "8h", not a number.
  await expect(drawer.section("Reference and resources")).toContainText("single.vcf");
  await expect(drawer.section("Options")).toContainText("8h");
  await expect(drawer.section("Other")).toHaveCount(0);
});

test("a request of several hundred KB opens; Show all 4000 and the raw request on demand (screenshot)", async ({
  jobsPage,
  drawer,
  page,
  request,
}) => {
  const id = EDGE_JOB_IDS.hugeRequest;
  const job = await demoJob(request, EDGE_CASES_PROJECT_ID, id);
  const knownsites = (JSON.parse(job.request) as { knownsites: string[] }).knownsites;
  expect(knownsites).toHaveLength(4000);
  const last = knownsites[3999] ?? "";

  await jobsPage.goto(EDGE_CASES_PROJECT_ID, { job: id });
  await drawer.expectOpenFor(id);
  const reference = drawer.section("Reference and resources");
  await expect(reference).toContainText(knownsites[9] ?? "");
  await expect(reference).not.toContainText(knownsites[10] ?? "");
  await shoot(page, "huge");

  // Over 100 KB: no <pre> until asked for, and the button says how big it is.
  await expect(drawer.requestPre).toHaveCount(0);
  await expect(drawer.showRawRequest).toBeVisible();
  const label = (await drawer.showRawRequest.textContent()) ?? "";
  const kb = Number(/\(([\d,.]+) KB\)/.exec(label)?.[1]?.replace(/,/g, ""));
  expect(kb).toBeGreaterThan(100);
  expect(kb).toBeLessThan(2000);

  await drawer.showAll(4000, reference).click();
  await expect(reference).toContainText(last);
  await expect(reference.getByText(/population_sites\.hg38\.vcf\.gz$/)).toHaveCount(4000);

  await drawer.showRawRequest.click();
  await expect(drawer.requestPre).toBeVisible();
  await expect(drawer.requestPre).toContainText(last);
  const file = await drawer.downloadedRequest();
  expect(file.name).toBe(`${id}.request.json`);
  expect((JSON.parse(file.text) as { knownsites: string[] }).knownsites).toEqual(knownsites);
});

test("a malformed job's drawer says what is wrong instead of 'not found on this page'", async ({
  jobsPage,
  drawer,
}) => {
  const id = EDGE_JOB_IDS.malformedJob;
  await jobsPage.goto(EDGE_CASES_PROJECT_ID, { job: id });
  await drawer.expectOpenFor(id);
  await expect(drawer.forJob(id)).toContainText(/malformed/i);
  await expect(drawer.forJob(id)).toContainText("start_time");
  await expect(drawer.notFoundOnPage).toHaveCount(0);
  await expect(drawer.searchAllPages).toHaveCount(0);
});
