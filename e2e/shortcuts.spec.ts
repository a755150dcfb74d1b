// Keyboard shortcuts on the list, against the demo server.
import { ONCOLOGY_PROJECT_ID } from "../server/emulator/projects.ts";
import { expect, test } from "./fixtures.ts";

test("] and [ page, / focuses the search, ? lists the shortcuts; typing in a field is left alone", async ({
  jobsPage,
  page,
}) => {
  await jobsPage.goto(ONCOLOGY_PROJECT_ID, "size=10");
  await jobsPage.waitForLoaded();

  await page.keyboard.press("]");
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await page.keyboard.press("[");
  await expect(page).not.toHaveURL(/[?&]page=/);

  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search jobs" });
  await expect(search).toBeFocused();
  // In the search box, ] is text, not a page turn.
  await page.keyboard.type("]");
  await expect(search).toHaveValue("]");
  await expect(page).not.toHaveURL(/[?&]page=/);
  await search.fill("");
  await search.blur();

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Next page");
  // While a dialog is open the list's keys are off.
  await page.keyboard.press("]");
  await expect(page).not.toHaveURL(/[?&]page=/);
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);
});
