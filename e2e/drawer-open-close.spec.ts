// The detail drawer's ways in and out, in demo mode: a bookmarked job=, a row click, the
// keyboard (Tab to a row, Enter, Tab trapped inside, Escape, focus back on the row) and Back.
import type { Page } from "@playwright/test";
import { EDGE_JOB_IDS } from "../server/emulator/edge-cases.ts";
import { EDGE_CASES_PROJECT_ID, ONCOLOGY_PROJECT_ID } from "../server/emulator/projects.ts";
import { expect, test } from "./fixtures.ts";

const jobParam = (jobId: string) => new RegExp(`[?&]job=${jobId}(&|$)`);

/** Presses Tab until the focused element is a job row; returns that row's data-job-id. */
async function tabToFirstJobRow(page: Page): Promise<string> {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press("Tab");
    const jobId = await page.evaluate(() => {
      const active = document.activeElement;
      return active instanceof HTMLTableRowElement ? active.dataset.jobId : undefined;
    });
    if (jobId) return jobId;
  }
  throw new Error("80 presses of Tab never focused a job row (tabindex=0 on each <tr>?)");
}

test("a bookmarked job= opens the list with that job's drawer, also after reload", async ({
  jobsPage,
  drawer,
  page,
}) => {
  const id = EDGE_JOB_IDS.unknownStatus;
  await jobsPage.goto(EDGE_CASES_PROJECT_ID, { job: id });
  await drawer.expectOpenFor(id);
  await expect(page).toHaveURL(jobParam(id));
  // The list is there behind the drawer, with the job's row.
  await expect(jobsPage.jobRow(id)).toHaveCount(1);
  // Header: an unknown status is shown as it came; progress 3/7.
  const dialog = drawer.forJob(id);
  await expect(dialog).toContainText("SUSPENDED");
  await expect(drawer.progress).toHaveCount(1);
  expect(await jobsPage.progressOf(drawer.progress)).toEqual({ now: 3, max: 7 });
  await expect(dialog).toContainText("3/7");
  await expect(drawer.field("Owner")).toHaveText("qa.edge");
  await expect(drawer.field("Duration")).toHaveText("1h 30min");

  await page.reload();
  await drawer.expectOpenFor(id);
  await expect(dialog).toContainText("Queue gene_queue is frozen");
});

test("clicking a row opens its drawer with a history push; Close puts focus back on the row", async ({
  jobsPage,
  drawer,
  page,
}) => {
  await jobsPage.goto(ONCOLOGY_PROJECT_ID);
  await jobsPage.waitForLoaded();
  const ids = await jobsPage.jobIds();
  const id = ids[3] ?? "";
  const lengthBefore = await page.evaluate(() => history.length);

  await jobsPage.jobRow(id).locator("td").first().click();
  await drawer.expectOpenFor(id);
  await expect(page).toHaveURL(jobParam(id));
  expect(await page.evaluate(() => history.length)).toBe(lengthBefore + 1);
  await expect(drawer.dialog).toHaveCount(1);
  // Modal: a native <dialog> shown with showModal().
  expect(await drawer.dialog.evaluate((d) => d.matches("dialog:modal"))).toBe(true);

  await drawer.close.click();
  await drawer.expectClosed();
  await expect(jobsPage.jobRow(id)).toBeFocused();
});

test("a row's Copy job ID button copies without opening the drawer", async ({
  jobsPage,
  drawer,
  context,
  page,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await jobsPage.goto(ONCOLOGY_PROJECT_ID);
  await jobsPage.waitForLoaded();
  const id = (await jobsPage.jobIds())[1] ?? "";
  const copied = await drawer.copiedBy(
    jobsPage.jobRow(id).getByRole("button", { name: "Copy job ID" }),
  );
  expect(copied).toBe(id);
  await expect(page).not.toHaveURL(/[?&]job=/);
  await expect(drawer.dialog).toHaveCount(0);
});

test("keyboard: Tab to a row, Enter opens, Tab stays inside, Escape closes, focus returns", async ({
  jobsPage,
  drawer,
  page,
}) => {
  await jobsPage.goto(EDGE_CASES_PROJECT_ID);
  await jobsPage.waitForLoaded();
  const id = await tabToFirstJobRow(page);
  await expect(jobsPage.jobRow(id)).toBeFocused();

  await page.keyboard.press("Enter");
  await drawer.expectOpenFor(id);
  await expect(page).toHaveURL(jobParam(id));
  await expect.poll(() => drawer.focusIsInside()).toBe(true);

  // Focus cycles inside the open drawer, both ways: past its last stop and its first, twice.
  const stops = await drawer.dialog.evaluate(
    (dialog) =>
      dialog.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex='0']")
        .length,
  );
  // The drawer has several stops (copy, close, copy path, copy/download request…).
  expect(stops).toBeGreaterThan(3);
  const seen = new Set<string>();
  for (let presses = 0; presses < 2 * stops + 2; presses++) {
    await page.keyboard.press("Tab");
    const at = await drawer.focusedInside();
    expect(at, `after Tab #${presses + 1}`).not.toBeNull();
    seen.add(at ?? "");
  }
  expect(seen.size).toBeGreaterThan(3);
  for (let presses = 0; presses < 2 * stops + 2; presses++) {
    await page.keyboard.press("Shift+Tab");
    expect(await drawer.focusIsInside(), `after Shift+Tab #${presses + 1}`).toBe(true);
  }

  await page.keyboard.press("Escape");
  await drawer.expectClosed();
  await expect(jobsPage.jobRow(id)).toBeFocused();
});

test("keyboard: arrows, Home and End move between rows; Enter opens the row reached", async ({
  jobsPage,
  drawer,
  page,
}) => {
  await jobsPage.goto(ONCOLOGY_PROJECT_ID);
  await jobsPage.waitForLoaded();
  const ids = await jobsPage.jobIds();
  expect(ids).toHaveLength(20);
  const first = await tabToFirstJobRow(page);
  expect(first).toBe(ids[0]);

  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(jobsPage.jobRow(ids[2] as string)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(jobsPage.jobRow(ids[1] as string)).toBeFocused();
  await page.keyboard.press("End");
  await expect(jobsPage.jobRow(ids[19] as string)).toBeFocused();
  await expect(jobsPage.jobRow(ids[19] as string)).toBeInViewport();
  // At the last row ↓ has nowhere to go, and focus stays.
  await page.keyboard.press("ArrowDown");
  await expect(jobsPage.jobRow(ids[19] as string)).toBeFocused();
  await page.keyboard.press("Home");
  await expect(jobsPage.jobRow(ids[0] as string)).toBeFocused();
  await page.keyboard.press("ArrowDown");

  await page.keyboard.press("Enter");
  await drawer.expectOpenFor(ids[1] as string);
  await page.keyboard.press("Escape");
  await drawer.expectClosed();
  await expect(jobsPage.jobRow(ids[1] as string)).toBeFocused();
});

test("Back closes the drawer, focus returns, and a second Back leaves the list", async ({
  picker,
  jobsPage,
  drawer,
  page,
}) => {
  await picker.goto();
  await picker.projectLink(/Edge cases/).click();
  await jobsPage.waitForLoaded();
  const listUrl = page.url();
  const id = EDGE_JOB_IDS.hugeRequest;

  await jobsPage.jobRow(id).locator("td").first().click();
  await drawer.expectOpenFor(id);

  await page.goBack();
  await drawer.expectClosed();
  expect(page.url()).toBe(listUrl);
  await expect(jobsPage.jobRow(id)).toBeFocused();

  await page.goBack();
  await expect(picker.heading).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]job=/);
  await expect(drawer.dialog).toHaveCount(0);
});

test("closing a drawer opened from the list leaves no history entry behind", async ({
  picker,
  jobsPage,
  drawer,
  page,
}) => {
  await picker.goto();
  await picker.projectLink(/Edge cases/).click();
  await jobsPage.waitForLoaded();
  const lengthOnList = await page.evaluate(() => history.length);
  const id = EDGE_JOB_IDS.secretsInRequest;

  // Open and close twice (Escape, then Close): the list's history stays as it was…
  await jobsPage.jobRow(id).locator("td").first().click();
  await drawer.expectOpenFor(id);
  await page.keyboard.press("Escape");
  await drawer.expectClosed();
  await jobsPage.jobRow(id).locator("td").first().click();
  await drawer.expectOpenFor(id);
  await drawer.close.click();
  await drawer.expectClosed();
  await expect(jobsPage.jobRow(id)).toBeFocused();
  // Closing goes back, so the second open reuses the first one's (now forward) entry: the
  // history grows by one entry at most, not by one per open-and-close.
  expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(lengthOnList + 1);

  // …so one Back leaves the list, instead of stepping through copies of it.
  await page.goBack();
  await expect(picker.heading).toBeVisible();
  await expect(drawer.dialog).toHaveCount(0);
});

test("closing a bookmarked drawer replaces the URL: Back then leaves the list", async ({
  picker,
  jobsPage,
  drawer,
  page,
}) => {
  await picker.goto();
  await expect(picker.heading).toBeVisible();
  const id = EDGE_JOB_IDS.unexpectedFieldType;
  await jobsPage.goto(EDGE_CASES_PROJECT_ID, { job: id });
  await drawer.expectOpenFor(id);
  const lengthBefore = await page.evaluate(() => history.length);

  await drawer.close.click();
  await drawer.expectClosed();
  await expect(jobsPage.jobRow(id)).toBeFocused();
  expect(await page.evaluate(() => history.length)).toBe(lengthBefore);

  await page.goBack();
  await expect(picker.heading).toBeVisible();
  await expect(drawer.dialog).toHaveCount(0);
});
