// Demo mode: the real server with its built-in DLI emulator, as `npm start` runs it with no
// DLI settings. What the emulator receives is read off the browser's own requests.
import type { Page } from "@playwright/test";
import {
  DEMO_PROJECTS,
  EDGE_CASES_PROJECT_ID,
  EMPTY_PROJECT_ID,
  ONCOLOGY_PROJECT_ID,
  POPULATION_PROJECT_ID,
} from "../server/emulator/projects.ts";
import { expect, test } from "./fixtures.ts";

/**
 * Records the list requests the browser sends to the emulator from now on. (The next page is
 * prefetched, so a request may well leave before the click that shows its page.)
 */
function recordListRequests(page: Page) {
  const seen: URL[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (/^\/v2\.0\/[^/]+\/gene\/jobs$/.test(url.pathname)) seen.push(url);
  });
  return {
    /** Whether a list request for that project with these query params was sent. */
    sent(projectId: string, expected: Record<string, string>): boolean {
      return seen.some(
        (url) =>
          url.pathname === `/v2.0/${projectId}/gene/jobs` &&
          Object.entries(expected).every(([key, value]) => url.searchParams.get(key) === value),
      );
    },
  };
}

test("the start page links every demo project to its list", async ({ picker, page }) => {
  await picker.goto();
  await expect(picker.heading).toBeVisible();
  for (const project of DEMO_PROJECTS) {
    const link = picker.projectLink(project.name);
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute("href", `/projects/${project.id}/jobs`);
  }
  await picker.projectLink(/Oncology WGS/).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${ONCOLOGY_PROJECT_ID}/jobs$`));
  await expect(page.getByRole("table", { name: "DNA somatic jobs" })).toBeVisible();
});

test("a typed project id opens its list and is remembered as recently opened", async ({
  picker,
  jobsPage,
  page,
}) => {
  await picker.goto();
  await expect(picker.recent).toHaveCount(0);
  await picker.openById(POPULATION_PROJECT_ID);
  await expect(page).toHaveURL(new RegExp(`/projects/${POPULATION_PROJECT_ID}/jobs$`));
  await jobsPage.waitForLoaded();

  await picker.goto();
  await expect(picker.recent).toBeVisible();
  const recent = picker.recentLink(/Population germline/);
  await expect(recent).toHaveAttribute("href", `/projects/${POPULATION_PROJECT_ID}/jobs`);
  await recent.click();
  await expect(page).toHaveURL(new RegExp(`/projects/${POPULATION_PROJECT_ID}/jobs$`));
});

test("the demo list says it is demo data and shows a full page of demo jobs", async ({
  jobsPage,
  page,
}) => {
  const requests = recordListRequests(page);
  await jobsPage.goto(ONCOLOGY_PROJECT_ID);
  await expect
    .poll(() =>
      requests.sent(ONCOLOGY_PROJECT_ID, { job_type: "DNA_SOMATIC", limit: "20", offset: "0" }),
    )
    .toBe(true);
  await expect(jobsPage.demoNotice.first()).toBeVisible();
  await expect(jobsPage.tableNamed("DNA somatic jobs")).toBeVisible();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.table.getByRole("button", { name: "Copy job ID" })).toHaveCount(20);
  const bars = jobsPage.table.getByRole("progressbar");
  await expect(bars).toHaveCount(20);
  const { now, max } = await jobsPage.progressOf(bars.first());
  expect(max).toBeGreaterThan(0);
  expect(now).toBeGreaterThanOrEqual(0);
  expect(now).toBeLessThanOrEqual(max);
  // ~1500 somatic jobs, plus a few live ones.
  await expect.poll(() => jobsPage.totalJobs()).toBeGreaterThanOrEqual(1500);
  await expect(jobsPage.updated).toBeVisible();
  // Newest first.
  const ids = await jobsPage.jobIds();
  expect(new Set(ids).size).toBe(20);
});

test("demo paging: Next sets page=2 and the emulator gets offset=size", async ({
  jobsPage,
  page,
}) => {
  const requests = recordListRequests(page);
  await jobsPage.goto(ONCOLOGY_PROJECT_ID, "size=50");
  await expect(jobsPage.bodyRows).toHaveCount(50);
  const firstPage = await jobsPage.jobIds();

  await jobsPage.nextPage.click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect
    .poll(() => requests.sent(ONCOLOGY_PROJECT_ID, { limit: "50", offset: "50" }))
    .toBe(true);
  await expect(jobsPage.pageButton(2)).toHaveAttribute("aria-current", "page");
  await expect.poll(async () => (await jobsPage.jobIds()).join()).not.toBe(firstPage.join());
  const secondPage = await jobsPage.jobIds();
  expect(secondPage).toHaveLength(50);
  expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);

  await jobsPage.rowsPerPage.selectOption("100");
  await expect
    .poll(() => requests.sent(ONCOLOGY_PROJECT_ID, { limit: "100", offset: "0" }))
    .toBe(true);
  await expect(page).toHaveURL(/[?&]size=100(&|$)/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(jobsPage.bodyRows).toHaveCount(100);
});

test("demo type switch shows germline jobs", async ({ jobsPage, page }) => {
  const requests = recordListRequests(page);
  await jobsPage.goto(POPULATION_PROJECT_ID);
  await expect(jobsPage.tableNamed("DNA somatic jobs")).toBeVisible();
  await jobsPage.selectType("Germline");
  await expect
    .poll(() => requests.sent(POPULATION_PROJECT_ID, { job_type: "DNA_GERMLINE", offset: "0" }))
    .toBe(true);
  await expect(page).toHaveURL(/[?&]type=DNA_GERMLINE(&|$)/);
  await expect(jobsPage.tableNamed("DNA germline jobs")).toBeVisible();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  // Polled: the somatic page (and its total) stays on screen until the germline one arrives.
  await expect.poll(() => jobsPage.totalJobs()).toBeGreaterThanOrEqual(150);
});

test("demo reload of a bookmarked URL keeps the same rows and controls", async ({
  jobsPage,
  page,
}) => {
  await jobsPage.goto(ONCOLOGY_PROJECT_ID, "type=DNA_GERMLINE&range=30d&page=3&size=10");
  await expect(jobsPage.bodyRows).toHaveCount(10);
  await jobsPage.waitForLoaded();
  const ids = await jobsPage.jobIds();
  const url = page.url();
  await page.reload();
  await expect.poll(async () => jobsPage.jobIds()).toEqual(ids);
  expect(page.url()).toBe(url);
  await expect(jobsPage.typeRadio("Germline")).toBeChecked();
  await expect(jobsPage.rangeButton("30 days")).toHaveAttribute("aria-pressed", "true");
  await expect(jobsPage.pageButton(3)).toHaveAttribute("aria-current", "page");
  await expect(jobsPage.rowsPerPage).toHaveValue("10");
});

test("an empty demo project says there are no jobs", async ({ jobsPage }) => {
  await jobsPage.goto(EMPTY_PROJECT_ID);
  await expect(jobsPage.empty).toHaveText("No DNA somatic jobs in this project yet.");
  await expect(
    jobsPage.bodyRows.filter({ has: jobsPage.page.getByRole("progressbar") }),
  ).toHaveCount(0);
  await expect(jobsPage.alert).toHaveCount(0);
});

test("an empty range offers all time; a filter that matches nothing offers to clear it", async ({
  jobsPage,
  page,
}) => {
  await jobsPage.goto(ONCOLOGY_PROJECT_ID, "from=2020-01-01&to=2020-01-31");
  await expect(jobsPage.empty).toHaveText("No jobs in this range. Show all time");
  await jobsPage.empty.getByRole("button", { name: "Show all time" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(jobsPage.rangeButton("All time")).toHaveAttribute("aria-pressed", "true");
  await expect(jobsPage.bodyRows).toHaveCount(20);

  await jobsPage.goto(ONCOLOGY_PROJECT_ID, "range=7d&status=FAILED&q=no-such-sample");
  await expect(jobsPage.empty).toHaveText(
    "No jobs in this range match the filters. Clear the filters",
  );
  await jobsPage.empty.getByRole("button", { name: "Clear the filters" }).click();
  // The range stays; only the status and the search go.
  await expect(page).toHaveURL(/\/jobs\?range=7d$/);
  await expect(page.getByRole("searchbox", { name: "Search jobs" })).toHaveValue("");
  await expect(jobsPage.bodyRows).toHaveCount(20);
});

test("the edge-case demo project shows its malformed jobs as rows, not a failed page", async ({
  jobsPage,
}) => {
  await jobsPage.goto(EDGE_CASES_PROJECT_ID, "size=100");
  await jobsPage.waitForLoaded();
  await expect(jobsPage.bodyRows.filter({ hasText: "Malformed job" }).first()).toBeVisible();
  await expect(jobsPage.alert).toHaveCount(0);
  // Secret-bearing requests: the encoded keys never show.
  await expect(jobsPage.table).not.toContainText(/secret_encoded_key|access_encoded_key/);
});

test("the demo server's config names demo mode and no endpoint", async ({ request }) => {
  const response = await request.get("/api/config");
  expect(response.ok()).toBe(true);
  const body = await response.json();
  expect(body).toMatchObject({ mode: "demo", endpointHost: null });
  expect(body.projects.map((p: { id: string }) => p.id)).toEqual(DEMO_PROJECTS.map((p) => p.id));
});
