// axe-core on every state a lab member sees: no serious or critical violations.
import { EDGE_JOB_IDS } from "../server/emulator/edge-cases.ts";
import {
  EDGE_CASES_PROJECT_ID,
  EMPTY_PROJECT_ID,
  ONCOLOGY_PROJECT_ID,
} from "../server/emulator/projects.ts";
import { seriousViolations } from "./axe.ts";
import { expect, PROXY_PROJECT, proxyTest, test } from "./fixtures.ts";
import { gate, makeJobs, replies } from "./test-upstream.ts";

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test("start page", async ({ picker, page }) => {
      await picker.goto();
      await expect(picker.heading).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("full list with running, failed and cancelled jobs", async ({ jobsPage, page }) => {
      await jobsPage.goto(ONCOLOGY_PROJECT_ID, "range=7d");
      await jobsPage.waitForLoaded();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("open drawer", async ({ jobsPage, page }) => {
      await jobsPage.goto(EDGE_CASES_PROJECT_ID, { job: EDGE_JOB_IDS.secretsInRequest });
      await expect(page.getByRole("dialog")).toBeVisible();
      await expect(page.getByRole("dialog")).toContainText("EDGE-SECRETS_tumor");
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test("empty list", async ({ jobsPage, page }) => {
  await jobsPage.goto(EMPTY_PROJECT_ID);
  await expect(page.getByText("No DNA somatic jobs in this project yet.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("an empty range with its way out, under the notice for a hand-edited address", async ({
  jobsPage,
  page,
}) => {
  await jobsPage.goto(ONCOLOGY_PROJECT_ID, "from=2020-01-01&to=2020-01-31&size=7");
  await expect(jobsPage.empty.getByRole("button", { name: "Show all time" })).toBeVisible();
  await expect(jobsPage.unusedAddress).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

proxyTest("loading list", async ({ jobsPage, page, upstream }) => {
  // axe over a page still loading takes seconds on a busy two-core machine.
  proxyTest.setTimeout(60_000);
  upstream.setJobs(
    makeJobs({
      jobType: "DNA_SOMATIC",
      count: 5,
      newest: Date.UTC(2026, 10, 25),
      stepMs: 3_600_000,
    }),
  );
  const held = gate();
  upstream.script(() => replies.held(held.promise));
  // A whole-day bound: the server does not preload such a page with the HTML, so the held
  // answer does not hold back the page's "load" (which goto and axe wait for).
  await jobsPage.goto(PROXY_PROJECT, "from=2020-01-01");
  await expect(page.locator("table[aria-busy='true']")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  held.open();
  await expect(page.locator("table[aria-busy='true']")).toHaveCount(0);
});

proxyTest("error state", async ({ jobsPage, page, upstream }) => {
  upstream.script(() => replies.tokenExpired());
  await jobsPage.goto(PROXY_PROJECT);
  await expect(page.getByRole("alert")).toContainText("Credentials rejected");
  expect(await seriousViolations(page)).toEqual([]);
});
