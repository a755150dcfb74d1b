// The list in Chinese for a Shanghai viewer and in English for a Berlin one: headers, statuses,
// a known job's time in each zone, and the language switch.
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { customJob, type FixtureJob, fixtureJobId, makeJobs } from "./test-upstream.ts";

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
      "size=7：每页行数只能是 10、20、50 或 100",
      "range=7d：已改用开始日期和结束日期",
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

// Issue 16, item 14: everything a Chinese page shows is Chinese, and reads as written in Chinese.
const RUNNING_ID = "c0000000-0000-4000-8000-0000000000c1";
const GERMLINE_RUNNING_ID = "c0000000-0000-4000-8000-0000000000c2";
const UNKNOWN_ID = "c0000000-0000-4000-8000-0000000000c3";
const MALFORMED_ID = "c0000000-0000-4000-8000-0000000000c4";

/** A running somatic job at step 1 of 7, a job in a status DLI has not documented, a malformed one, and 22 more. */
function chineseMorningJobs(): FixtureJob[] {
  const newest = Date.UTC(2026, 10, 20, 2, 1, 0);
  return [
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: RUNNING_ID,
      startTime: newest,
      status: "RUNNING",
      progress: "1/7",
      owner: "zhang.wei",
      request: {
        job_type: "DNA_SOMATIC",
        tumor_sample_name: "HCC1143",
        normal_sample_name: "HCC1143-BL",
        ref: "hg38",
        output: "s3a://onco/out/hcc1143/",
      },
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: UNKNOWN_ID,
      startTime: newest - 60_000,
      status: "SUSPENDED",
      progress: "3/7",
      request: { job_type: "DNA_SOMATIC", tumor_sample_name: "T-9", normal_sample_name: "N-9" },
    }),
    {
      jobType: "DNA_SOMATIC",
      startTime: newest - 120_000,
      wire: { job_id: MALFORMED_ID, status: 3, start_time: newest - 120_000 },
    },
    customJob({
      jobType: "DNA_GERMLINE",
      jobId: GERMLINE_RUNNING_ID,
      startTime: newest,
      status: "RUNNING",
      progress: "2/3",
      request: {
        job_type: "DNA_GERMLINE",
        input: ["s3a://pop/NA12878_1.fq.gz", "s3a://pop/NA24385_1.fq.gz"],
      },
    }),
    ...makeJobs({ jobType: "DNA_SOMATIC", count: 22, newest: newest - HOUR, stepMs: HOUR }),
  ];
}

const HOUR = 3_600_000;
const SCREEN = { width: 1440, height: 900 };

test.describe("zh-CN in Asia/Shanghai: every string is Chinese (issue 16)", () => {
  test.use({
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: SCREEN,
    allowCancel: true,
  });

  test.beforeEach(({ upstream }) => upstream.setJobs(chineseMorningJobs()));

  test("the list: zone, dates, sample marks, status words and tooltips, an unknown status, a malformed job", async ({
    page,
    jobsPage,
  }, testInfo) => {
    await jobsPage.goto(PROXY_PROJECT);
    const table = page.getByRole("table", { name: "DNA 体细胞作业" });
    const running = table.locator(`tr[data-job-id="${RUNNING_ID}"]`);
    await expect(running).toBeVisible();

    await expect(page.getByRole("button", { name: "时区：北京时间（GMT+08:00）" })).toBeVisible();
    await expect(page.getByLabel("开始日期")).toBeVisible();
    await expect(page.getByLabel("结束日期")).toBeVisible();
    await expect(running).toContainText("肿瘤 HCC1143");
    await expect(running).toContainText("正常 HCC1143-BL");
    await expect(running.locator(".status")).toHaveText("运行中");
    await expect(running.locator(".status")).toHaveAttribute("title", "状态代码：RUNNING");
    await expect(table.locator(`tr[data-job-id="${UNKNOWN_ID}"] .status`)).toHaveText(
      "未知状态（SUSPENDED）",
    );
    await expect(table.locator("tr.malformed-row")).toContainText(
      "DLI 返回的作业无法解析（字段 status 应为字符串，实际为数字）。",
    );

    // No tooltip, label or placeholder of the page's own is English.
    const english = await page.evaluate(() =>
      [...document.querySelectorAll("[title], [aria-label], [placeholder]")].flatMap((element) =>
        ["title", "aria-label", "placeholder"].flatMap((name) => {
          const value = element.getAttribute(name);
          // A tooltip that repeats DLI's own text (a message, a path) is data, not the page's.
          if (!value || element.textContent?.includes(value)) return [];
          return /[\u3400-\u9fff]/.test(value) ? [] : [`${element.tagName} ${name}=${value}`];
        }),
      ),
    );
    expect(english).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath("zh-list.png") });
  });

  test("the drawer of a job on another page says so without stray spaces", async ({
    page,
    jobsPage,
  }, testInfo) => {
    const elsewhere = fixtureJobId("DNA_SOMATIC", 21);
    await jobsPage.goto(PROXY_PROJECT, `job=${elsewhere}`);
    const drawer = page.getByRole("dialog");
    await expect(drawer.getByText("不在本页")).toBeVisible();
    await expect(drawer.locator("p").filter({ hasText: "不在本页" })).toHaveText(
      "此作业不在本页。",
    );
    await drawer.getByRole("button", { name: "搜索所有页" }).click();
    await expect(drawer.getByText("作业状态").or(drawer.getByText("状态")).first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("zh-drawer.png") });
  });

  test("the cancel dialog reads as one Chinese sentence, with a full-width question mark", async ({
    page,
    jobsPage,
  }, testInfo) => {
    await jobsPage.goto(PROXY_PROJECT);
    await page.getByRole("button", { name: `终止作业 ${RUNNING_ID}` }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog.getByRole("heading")).toHaveText(`终止作业 ${RUNNING_ID}？`);
    await expect(dialog.locator("p")).toHaveText(
      "将终止正在运行的流程（肿瘤样本 HCC1143／正常样本 HCC1143-BL，第 1/7 步），已完成的步骤将丢失且无法恢复。",
    );
    await page.screenshot({ path: testInfo.outputPath("zh-cancel.png") });
    await dialog.getByRole("button", { name: "继续运行" }).click();
    await expect(dialog).toBeHidden();

    await jobsPage.goto(PROXY_PROJECT, "type=DNA_GERMLINE");
    await page.getByRole("button", { name: `终止作业 ${GERMLINE_RUNNING_ID}` }).click();
    await expect(page.getByRole("alertdialog").locator("p")).toHaveText(
      "将终止正在运行的流程（样本 NA12878、NA24385，第 2/3 步），已完成的步骤将丢失且无法恢复。",
    );
  });
});
