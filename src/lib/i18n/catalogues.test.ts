import { describe, expect, it } from "vitest";
import { detectLocale } from "../preferences";
import { en } from "./en";
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
    expect(keyPaths(zh).sort()).toEqual(keyPaths(en).sort());
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
    check(en, zh, "");
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
