// The list in Chinese for a Shanghai viewer and in English for a Berlin one: headers, statuses,
// a known job's time in each zone, and the language switch.
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { fixtureJobId, makeJobs } from "./test-upstream.ts";

// 2026-11-20T02:01:00Z: 10:01 in Shanghai (GMT+08:00), 03:01 in Berlin (GMT+01:00).
const STARTED = Date.UTC(2026, 10, 20, 2, 1, 0);

test.beforeEach(async ({ upstream }) => {
  upstream.setJobs(
    makeJobs({
      jobType: "DNA_SOMATIC",
      count: 3,
      newest: STARTED,
      stepMs: 3_600_000,
      status: (n) => ["FINISHED", "FAILED", "RUNNING"][n] ?? "FINISHED",
    }),
  );
});

test.describe("zh-CN in Asia/Shanghai", () => {
  test.use({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });

  test("headers, statuses and times read as the DLI console's", async ({ page, jobsPage }) => {
    await jobsPage.goto(PROXY_PROJECT);
    const table = page.getByRole("table", { name: "DNA 体细胞作业" });
    await expect(table).toBeVisible();
    for (const header of ["创建时间", "作业状态", "作业 ID", "用户名", "运行时长", "进度"]) {
      await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
    }
    const newest = table.locator(`tr[data-job-id="${fixtureJobId("DNA_SOMATIC", 0)}"]`);
    await expect(newest).toContainText("2026/11/20 10:01:00");
    await expect(newest).toContainText("GMT+08:00");
    await expect(newest).toContainText("已成功");
    await expect(table).toContainText("已失败");
    await expect(table).toContainText("运行中");
    await expect(page.getByRole("navigation", { name: "分页" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });

  test("a left-out part of the address is named in Chinese", async ({ page, jobsPage }) => {
    await jobsPage.goto(PROXY_PROJECT, "size=7&range=7d&from=2026-11-01");
    const notice = page.getByRole("status").filter({ hasText: "此地址有部分内容未被使用。" });
    await expect(notice.getByRole("listitem")).toHaveText([
      "size=7：每页行数为 10、20、50 或 100",
      "range=7d：已按“从”和“到”的日期显示",
    ]);
    await expect(page).toHaveURL(/\?from=2026-11-01$/);
  });

  test("the language switch turns the page English and is remembered", async ({
    page,
    jobsPage,
  }) => {
    await jobsPage.goto(PROXY_PROJECT);
    await expect(page.getByRole("table", { name: "DNA 体细胞作业" })).toBeVisible();
    await page.getByRole("combobox", { name: "语言" }).selectOption("en");
    await expect(page.getByRole("table", { name: "DNA somatic jobs" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("table", { name: "DNA somatic jobs" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Started" })).toBeVisible();
  });
});

test.describe("en-US in Europe/Berlin", () => {
  test.use({ locale: "en-US", timezoneId: "Europe/Berlin" });

  test("English headers and statuses, Berlin time, and the UTC switch", async ({
    page,
    jobsPage,
  }) => {
    await jobsPage.goto(PROXY_PROJECT);
    const newest = page.locator(`tr[data-job-id="${fixtureJobId("DNA_SOMATIC", 0)}"]`);
    await expect(newest).toContainText("2026/11/20 03:01:00");
    await expect(newest).toContainText("GMT+01:00");
    await expect(newest).toContainText("Finished");

    await page.getByRole("button", { name: /^Times: Europe\/Berlin/ }).click();
    await expect(newest).toContainText("2026/11/20 02:01:00");
    await expect(newest).toContainText("UTC");
    await page.reload();
    await expect(newest).toContainText("2026/11/20 02:01:00");
    await expect(page.getByRole("button", { name: "Times: UTC" })).toBeVisible();
  });
});
