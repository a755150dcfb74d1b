import { describe, expect, it } from "vitest";
import { parseJobsSearch } from "../../contract/list-url";
import { zh } from "../../lib/i18n/zh";
import { rangeWords, viewTitle } from "./view-title";

const search = (query: string) => parseJobsSearch(new URLSearchParams(query));

describe("viewTitle", () => {
  it("names type, project, range and running jobs", () => {
    expect(
      viewTitle({
        project: "a3f5c2e1",
        search: search("from=2026-11-20&to=2026-11-20"),
        running: 2,
      }),
    ).toBe("Somatic · a3f5c2e1 · 20 Nov 2026 · 2 running · Gene Jobs");
    expect(
      viewTitle({ project: "Oncology", search: search("type=DNA_GERMLINE&range=7d"), running: 0 }),
    ).toBe("Germline · Oncology · last 7 days · Gene Jobs");
  });

  it("mentions filters", () => {
    expect(viewTitle({ project: "p", search: search("status=FAILED&q=HCC1143"), running: 0 })).toBe(
      "Somatic · p · all time · Failed · “HCC1143” · Gene Jobs",
    );
  });
});

describe("rangeWords", () => {
  it("reads ranges", () => {
    expect(rangeWords(search("from=2026-11-01&to=2026-11-20"))).toBe("1 Nov 2026 – 20 Nov 2026");
    expect(rangeWords(search("from=2026-11-01"))).toBe("since 1 Nov 2026");
    expect(rangeWords(search("to=2026-11-20"))).toBe("until 20 Nov 2026");
    expect(rangeWords(search("range=24h"))).toBe("last 24 h");
    expect(rangeWords(search(""))).toBe("all time");
  });
});

describe("viewTitle in Chinese", () => {
  it("uses Chinese words and dates", () => {
    expect(
      viewTitle({
        project: "p",
        search: search("from=2026-11-01&to=2026-11-20&status=FAILED"),
        running: 1,
        m: zh,
      }),
    ).toBe("体细胞 · p · 2026年11月1日 – 2026年11月20日 · 已失败 · 1 个运行中 · 基因作业");
  });
});
