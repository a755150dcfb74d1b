import { describe, expect, it } from "vitest";
import { formatAgo, formatJobCount } from "../format";
import { detectLocale } from "../preferences";
import { en } from "./en";
import { enViews } from "./en-views";
import { LANGUAGES, loadCatalogue } from "./messages";
import { zh } from "./zh";

/** Every key path of a catalogue, e.g. `drawer.fields.ref`. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      keyPaths(item, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [prefix];
}

describe("message catalogues", () => {
  it("have exactly the same keys", () => {
    expect(keyPaths(zh).sort()).toEqual(keyPaths({ ...en, ...enViews }).sort());
  });

  it("have no empty text, and functions where English has functions", () => {
    const check = (a: unknown, b: unknown, path: string) => {
      if (typeof a === "function") {
        expect(typeof b, path).toBe("function");
        return;
      }
      if (a && typeof a === "object") {
        for (const key of Object.keys(a))
          check((a as never)[key], (b as never)[key], `${path}.${key}`);
        return;
      }
      if (typeof a === "string" && path !== ".units.durationJoin")
        expect(String(b).trim().length, path).toBeGreaterThan(0);
    };
    check({ ...en, ...enViews }, zh, "");
  });

  it("are offered in the language menu under their own names, and load on demand", async () => {
    expect(LANGUAGES).toEqual([
      { locale: "en", name: en.languageName },
      { locale: "zh-CN", name: zh.languageName },
    ]);
    expect(await loadCatalogue("en")).toBe(en);
    expect(await loadCatalogue("zh-CN")).toBe(zh);
  });

  it("name statuses as the DLI console does", () => {
    expect(zh.statuses).toMatchObject({
      FINISHED: "已成功",
      RUNNING: "运行中",
      FAILED: "已失败",
      CANCELLED: "已取消",
      LAUNCHING: "提交中",
      CANCELING: "取消中",
    });
  });
});

/**
 * Every text of a catalogue with its key path; a function is called with sample arguments
 * (digits, which serve as numbers and as strings), so its words are checked too.
 */
function texts(value: unknown, path = ""): [string, string][] {
  if (typeof value === "function") return texts(value("3", "7", "9"), path);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, item]) =>
      texts(item, path ? `${path}.${key}` : key),
    );
  return [[path, String(value)]];
}

/** The Chinese texts that are ASCII on purpose: a locale code and an empty joiner. */
// insight.kind only joins names it is given (hg38 FASTQ 体细胞).
const ASCII_ON_PURPOSE = new Set(["locale", "units.durationJoin", "insight.kind"]);

describe("the Chinese catalogue", () => {
  it("has no text without Chinese in it, except codes listed on purpose", () => {
    const ascii = texts(zh)
      .filter(([path, text]) => !ASCII_ON_PURPOSE.has(path) && ![...text].some((c) => c > "\x7f"))
      .map(([path, text]) => `${path}: ${JSON.stringify(text)}`);
    expect(ascii).toEqual([]);
  });

  it("has no space beside full-width punctuation", () => {
    const spaced = texts(zh)
      .filter(([, text]) => /\s[，。；：！？、（）“”／]|[，。；：！？、（）“”／]\s/.test(text))
      .map(([path, text]) => `${path}: ${JSON.stringify(text)}`);
    expect(spaced).toEqual([]);
  });

  it("reads as written in Chinese where the lab morning found it translated (issue 16)", () => {
    expect(zh.table.emptyProject(zh.table.captions.DNA_SOMATIC as string)).toBe(
      "此项目中还没有 DNA 体细胞作业。",
    );
    expect(zh.filters.updated(formatAgo(1_000, 1_000, zh.units))).toBe("刚刚更新");
    expect(zh.filters.updated(formatAgo(0, 185_000, zh.units))).toBe("3 分钟前更新");
    expect([zh.filters.from, zh.filters.to]).toEqual(["开始日期", "结束日期"]);
    expect(
      zh.cancelDialog.body(
        zh.cancelDialog.running,
        zh.cancelDialog.samples("T-1", "N-1"),
        zh.cancelDialog.atStep("1/7"),
      ),
    ).toBe(
      "将终止正在运行的流程（肿瘤样本 T-1／正常样本 N-1，第 1/7 步），已完成的步骤将丢失且无法恢复。",
    );
    expect(zh.cancelDialog.body(zh.cancelDialog.launching, zh.cancelDialog.noSamples, "")).toBe(
      "将终止正在提交的流程（请求中未写明样本），已完成的步骤将丢失且无法恢复。",
    );
    expect(zh.cancelDialog.question).toBe("？");
    // As pager.tsx calls it: the total is already a count of jobs.
    expect(zh.pager.range("21", "25", formatJobCount(25, zh.units))).toBe(
      "第 21–25 个，共 25 个作业",
    );
  });

  it("names the time zone as people say it: 时区：北京时间（GMT+08:00）", () => {
    expect(zh.app.timeLocal("Asia/Shanghai", "GMT+08:00")).toBe("时区：北京时间（GMT+08:00）");
    expect(zh.app.timeLocal("Asia/Hong_Kong", "GMT+08:00")).toBe("时区：香港时间（GMT+08:00）");
    expect(zh.app.timeLocal("America/Lima", "GMT−05:00")).toBe("时区：America/Lima（GMT−05:00）");
    expect(zh.app.timeLocal(null, "GMT+08:00")).toBe("时区：GMT+08:00");
    expect(zh.app.timeUtc).toBe("时区：UTC");
    expect(en.app.timeLocal("Asia/Shanghai", "GMT+08:00")).toBe("Times: Asia/Shanghai (GMT+08:00)");
    expect(en.app.timeLocal(null, "GMT+08:00")).toBe("Times: GMT+08:00");
  });

  it("explains a malformed job in Chinese (zod's English problems, translated)", () => {
    // As job-schemas.ts writes them from zod's messages (src/app/zod-config.ts keeps English).
    const problems = [
      "start_time: Invalid input: expected number, received string",
      "owner: Invalid input: expected string, received undefined",
      "job_id: Too small: expected string to have >=1 characters",
      "duration: Too small: expected number to be >=0",
      "start_time: Invalid input: expected int, received number",
      "job: Invalid input: expected object, received null",
      "progress: Something new",
    ].join("; ");
    expect(zh.drawer.malformedBody(problems)).toBe(
      "DLI 返回的作业无法解析：字段 start_time 应为数字，实际为字符串；缺少字段 owner；字段 job_id 不能为空；字段 duration 不能为负数；字段 start_time 应为整数；作业数据应为对象，实际为 null；字段 progress：Something new。",
    );
    expect(
      zh.table.malformedBody("job_id: Too small: expected string to have >=1 characters"),
    ).toBe("：DLI 返回的作业无法解析（字段 job_id 不能为空）。");
  });
});

describe("detectLocale", () => {
  it("picks Chinese for any zh variant and English otherwise", () => {
    expect(detectLocale("zh-CN")).toBe("zh-CN");
    expect(detectLocale("zh-TW")).toBe("zh-CN");
    expect(detectLocale("ZH")).toBe("zh-CN");
    expect(detectLocale("en-US")).toBe("en");
    expect(detectLocale("de")).toBe("en");
    expect(detectLocale(undefined)).toBe("en");
  });
});
