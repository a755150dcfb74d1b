// The list on a phone (390×844): every row shows when it started, its status, samples and
// progress, whole and inside the screen; the type and date controls fold under a one-line
// "Filters" summary, so the first jobs are on the first screen. Screenshots go to the test's
// output folder, attached to the report.
import type { Page } from "@playwright/test";
import { ONCOLOGY_PROJECT_ID } from "../server/emulator/projects.ts";
import { seriousViolations } from "./axe.ts";
import { expect, test } from "./fixtures.ts";

const WIDTH = 390;
const HEIGHT = 844;
/** The cells a phone keeps; the rest of a job is one tap away in the drawer. */
const KEPT = ["started", "status", "samples", "progress"] as const;

test.use({ viewport: { width: WIDTH, height: HEIGHT }, isMobile: true, hasTouch: true });

async function shoot(page: Page, name: string): Promise<void> {
  const testInfo = test.info();
  const path = testInfo.outputPath(`phone-${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(`phone-${name}`, { path, contentType: "image/png" });
}

for (const scheme of ["light", "dark"] as const) {
  test(`every row's start time, status, samples and progress are on screen, none cut (${scheme}, screenshot)`, async ({
    jobsPage,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await jobsPage.goto(ONCOLOGY_PROJECT_ID, "range=7d");
    await jobsPage.waitForLoaded();
    const rows = page.locator("tbody tr.job-row");
    expect(await rows.count()).toBeGreaterThan(5);

    // The first row: its four cells are seen, and the start time says the day and the time.
    const first = rows.first();
    for (const id of KEPT) await expect(first.locator(`td.col-${id}`)).toBeVisible();
    await expect(first.locator("td.col-started")).toHaveText(/\d{4}\/\d\d\/\d\d \d\d:\d\d/);
    await expect(first.locator("td.col-progress")).toHaveText(/\d+\/\d+/);

    // Every row of the page: each kept cell inside 0…390 and as wide as what it holds; the
    // table never scrolls sideways (a scrolled-off "3/7" is a cut one).
    const cells = await rows.evaluateAll((trs, kept) => {
      return trs.flatMap((tr) =>
        kept.map((id) => {
          const td = tr.querySelector<HTMLElement>(`td.col-${id}`);
          const box = td?.getBoundingClientRect();
          return {
            id,
            job: tr.getAttribute("data-job-id"),
            shown: Boolean(td && box && box.width > 0),
            left: box?.left ?? -1,
            right: box?.right ?? Number.POSITIVE_INFINITY,
            overflows: td ? td.scrollWidth > td.clientWidth : true,
          };
        }),
      );
    }, KEPT);
    for (const cell of cells) {
      expect(cell.shown, `${cell.id} of ${cell.job} shown`).toBe(true);
      expect(cell.left, `${cell.id} of ${cell.job} left edge`).toBeGreaterThanOrEqual(0);
      expect(cell.right, `${cell.id} of ${cell.job} right edge`).toBeLessThanOrEqual(WIDTH);
      expect(cell.overflows, `${cell.id} of ${cell.job} holds its content`).toBe(false);
    }
    const widths = await page.evaluate(() => {
      const wrap = document.querySelector<HTMLElement>(".table-wrap");
      return {
        page: document.documentElement.scrollWidth,
        table: wrap ? wrap.scrollWidth - wrap.clientWidth : -1,
      };
    });
    expect(widths.page, "the page does not scroll sideways").toBeLessThanOrEqual(WIDTH);
    expect(widths.table, "the table does not scroll sideways").toBe(0);
    await shoot(page, `list-${scheme}`);
  });
}

test("the first job starts in the top half of the first screen", async ({ jobsPage, page }) => {
  await jobsPage.goto(ONCOLOGY_PROJECT_ID);
  await jobsPage.waitForLoaded();
  const box = await page.locator("tbody tr.job-row").first().boundingBox();
  // 628 px down before the toolbar folded (566 in the report's setup); 844 is the screen.
  expect(box?.y).toBeLessThan(HEIGHT / 2);
});

test("Filters: one line that names the view, opened to change it", async ({ jobsPage, page }) => {
  await jobsPage.goto(ONCOLOGY_PROJECT_ID);
  await jobsPage.waitForLoaded();
  const filters = page.locator("details.view-filters");
  const summary = filters.locator("summary");
  await expect(summary).toBeVisible();
  await expect(summary).toHaveText(/^Filters\s+Somatic · all time$/);
  // Folded: the type and the dates are out of sight (and out of the Tab order).
  await expect(jobsPage.jobType).toBeHidden();
  await expect(jobsPage.dateRange).toBeHidden();
  expect((await summary.boundingBox())?.height).toBeLessThan(40);

  await summary.click();
  await expect(jobsPage.dateRange).toBeVisible();
  await jobsPage.rangeButton("7 days").click();
  await expect(page).toHaveURL(/[?&]range=7d\b/);
  await expect(summary).toHaveText(/^Filters\s+Somatic · last 7 days$/);
  await jobsPage.selectType("Germline");
  await expect(summary).toHaveText(/^Filters\s+Germline · last 7 days$/);
  await expect(jobsPage.tableNamed("DNA germline jobs")).toBeVisible();
  await shoot(page, "filters-open");
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe at 390 px, filters folded and open (${scheme})`, async ({ jobsPage, page }) => {
    test.slow(); // two axe runs over a page of jobs
    await page.emulateMedia({ colorScheme: scheme });
    await jobsPage.goto(ONCOLOGY_PROJECT_ID, "range=7d");
    await jobsPage.waitForLoaded();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator("details.view-filters summary").click();
    await expect(jobsPage.dateRange).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
