// Printing the list: always light, whatever the theme on screen.
import type { Locator, Page } from "@playwright/test";
import { ONCOLOGY_PROJECT_ID } from "../server/emulator/projects.ts";
import { expect, test } from "./fixtures.ts";

/** Relative luminance (WCAG) of a computed CSS colour such as `rgb(23, 29, 37)`. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function computed(locator: Locator, property: "color" | "background-color") {
  return locator.evaluate(
    (element, name) => getComputedStyle(element).getPropertyValue(name),
    property,
  );
}

/** The dark theme chosen with the header's switch, remembered as lib/theme.ts stores it. */
async function chooseDarkTheme(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem("gene-jobs:theme", "dark"));
}

test("dark theme on screen, light on paper", async ({ page, jobsPage }) => {
  await chooseDarkTheme(page);
  await jobsPage.goto(ONCOLOGY_PROJECT_ID, "range=7d");
  await jobsPage.waitForLoaded();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const wrap = page.locator(".table-wrap");
  const cell = jobsPage.bodyRows.first().locator("td").first();
  const offset = cell.locator(".muted");
  expect(luminance(await computed(wrap, "background-color"))).toBeLessThan(0.1);

  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  for (const [name, locator] of [
    ["page", page.locator("body")],
    ["table", wrap],
    ["header cell", jobsPage.columnHeaders().first()],
  ] as const) {
    const background = await computed(locator, "background-color");
    // A transparent background shows the page's.
    if (background !== "rgba(0, 0, 0, 0)") {
      expect(luminance(background), `${name} background ${background}`).toBeGreaterThan(0.85);
    }
  }
  expect(luminance(await computed(cell, "color")), "text").toBeLessThan(0.05);
  expect(luminance(await computed(offset, "color")), "muted text").toBeLessThan(0.2);
  const badge = jobsPage.bodyRows.locator(".status").first();
  expect(luminance(await computed(badge, "color")), "status badge text").toBeLessThan(0.2);
  // The system's dark preference says nothing about paper either.
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(
    "light",
  );
});

// A4 at 96 dpi, the width a printout is laid out at.
const PAPER = { width: 794, height: 1123 };

test("a printout says which view it reports, shows messages whole and no controls (PDF, screenshot)", async ({
  page,
  jobsPage,
}) => {
  await page.setViewportSize(PAPER);
  await jobsPage.goto(ONCOLOGY_PROJECT_ID, "range=7d&status=FAILED,RUNNING&q=ONC26");
  await jobsPage.waitForLoaded();
  await expect(jobsPage.bodyRows.locator(".status-message").first()).toBeVisible();
  const header = page.locator(".print-header");
  await expect(header, "printed only").toBeHidden();
  // The keyboard's place in the list, as when printing with Ctrl+P from a row.
  const focused = jobsPage.bodyRows.first();
  await focused.focus();

  await page.emulateMedia({ media: "print" });
  await expect(header).toBeVisible();
  for (const text of [
    "Oncology WGS (demo)",
    ONCOLOGY_PROJECT_ID,
    "DNA somatic jobs",
    "last 7 days",
    "“ONC26”",
  ]) {
    await expect(header).toContainText(text);
  }
  await expect(header).toContainText(/Running, Failed|Failed, Running/);
  await expect(header).toContainText(/Printed \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d UTC/);

  // Nothing to press on paper: toolbars, pager, sort arrows, copy and cancel buttons, the hint.
  for (const [name, locator] of [
    ["toolbars", page.locator(".toolbar")],
    ["pager buttons", jobsPage.pagination.getByRole("button")],
    ["rows per page", jobsPage.rowsPerPage],
    ["sort arrows", page.locator(".sort-mark")],
    ["copy buttons", page.getByRole("button", { name: /^Copy/ })],
    ["cancel buttons", page.getByRole("button", { name: /^Cancel job/ })],
    ["shortcut hint", page.getByText("for keyboard shortcuts")],
    ["header switches", page.getByRole("button", { name: /^Theme/ })],
  ] as const) {
    await expect(locator.filter({ visible: true }), name).toHaveCount(0);
  }
  await expect(focused).toBeFocused();
  expect(await focused.evaluate((row) => getComputedStyle(row).outlineStyle)).toBe("none");
  // Every failure message shown whole: not clamped to two lines, nothing clipped.
  const messages = await jobsPage.bodyRows.locator(".status-message").evaluateAll((elements) =>
    elements.map((element) => ({
      text: element.textContent,
      clipped:
        element.scrollHeight > element.clientHeight + 1 ||
        element.scrollWidth > element.clientWidth + 1,
    })),
  );
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(message.clipped, message.text ?? "").toBe(false);

  const info = test.info();
  const shot = info.outputPath("print.png");
  await page.screenshot({ path: shot, fullPage: true });
  await info.attach("print", { path: shot, contentType: "image/png" });
  const pdf = info.outputPath("print.pdf");
  await page.pdf({ path: pdf, format: "A4" });
  await info.attach("print-pdf", { path: pdf, contentType: "application/pdf" });
});
