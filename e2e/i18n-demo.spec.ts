// Issue 16, item 14: the demo projects are named in Chinese on a Chinese page (1440×900).
import { expect, test } from "./fixtures.ts";

const SCREEN = { width: 1440, height: 900 };

test.describe("zh-CN demo projects", () => {
  test.use({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: SCREEN });

  test("the picker names the demo projects in Chinese", async ({ page }, testInfo) => {
    await page.goto("/");
    for (const name of [
      "肿瘤全基因组测序（演示）",
      "人群胚系变异检测（演示）",
      "新建项目（演示）",
      "异常数据（演示）",
    ]) {
      await expect(page.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
    }
    await expect(
      page.getByText("队列胚系变异检测：约 200 个胚系作业和约 20 个体细胞作业"),
    ).toBeVisible();
    await expect(page.getByText("Oncology WGS (demo)")).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath("zh-picker.png") });

    await page.getByRole("link", { name: /^肿瘤全基因组测序（演示）/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("肿瘤全基因组测序（演示）");
  });
});
