import { describe, expect, it } from "vitest";
import {
  describeZone,
  formatAgo,
  formatDateTime,
  formatDuration,
  formatJobCount,
  formatNumber,
  formatUtcOffset,
  parseProgress,
} from "./format";
import { zh } from "./i18n/zh";

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [49, "49s"],
    [2946, "49min 6s"],
    [4036, "1h 7min 16s"],
    [3600, "1h"],
    [90_061, "1d 1h 1min 1s"],
    [12.9, "12s"],
  ])("%s s → %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([null, undefined, -1, Number.NaN, Number.POSITIVE_INFINITY])("%s → —", (value) => {
    expect(formatDuration(value)).toBe("—");
  });
});

describe("parseProgress", () => {
  it("reads k/n", () => {
    expect(parseProgress("6/7")).toEqual({ done: 6, total: 7 });
    expect(parseProgress(" 0 / 3 ")).toEqual({ done: 0, total: 3 });
    expect(parseProgress("7/7")).toEqual({ done: 7, total: 7 });
  });

  it.each([null, undefined, "", "6", "a/b", "8/7", "1/0", 6, "6/7/8", "-1/7"])(
    "rejects %s",
    (value) => {
      expect(parseProgress(value)).toBeNull();
    },
  );
});

describe("formatAgo", () => {
  it("is coarse", () => {
    expect(formatAgo(0, 12_400)).toBe("12 s ago");
    expect(formatAgo(0, 185_000)).toBe("3 min ago");
    expect(formatAgo(0, 7_300_000)).toBe("2 h ago");
    expect(formatAgo(1000, 0)).toBe("0 s ago");
  });
});

describe("formatUtcOffset", () => {
  it("names the viewer's offset at that instant", () => {
    // The unit tests run with TZ=Asia/Shanghai (package.json).
    expect(formatUtcOffset(Date.UTC(2026, 10, 28), "local")).toBe("GMT+08:00");
    expect(formatUtcOffset(Date.UTC(2026, 10, 28), "utc")).toBe("UTC");
  });
});

describe("localised formatting", () => {
  it("writes durations and counts in Chinese", () => {
    expect(formatDuration(4036, zh.units)).toBe("1小时7分16秒");
    expect(formatAgo(0, 185_000, zh.units)).toBe("3 分钟前");
    expect(formatJobCount(1504, zh.units)).toBe("1,504 个作业");
    expect(formatJobCount(1)).toBe("1 job");
  });

  it("writes times as the console does, in the viewer's zone or UTC", () => {
    const ms = Date.UTC(2026, 10, 20, 2, 1, 0);
    expect(formatDateTime(ms, "local")).toBe("2026/11/20 10:01:00");
    expect(formatDateTime(ms, "utc")).toBe("2026/11/20 02:01:00");
    expect(describeZone("local", "Asia/Shanghai", ms)).toBe("Asia/Shanghai (GMT+08:00)");
    expect(describeZone("local", null, ms)).toBe("GMT+08:00");
    expect(describeZone("utc", "Asia/Shanghai")).toBe("UTC");
  });

  it("names a UTC machine's zone once", () => {
    const saved = process.env.TZ;
    process.env.TZ = "UTC";
    try {
      expect(describeZone("local", "UTC")).toBe("UTC");
      expect(describeZone("local", "Etc/UTC")).toBe("Etc/UTC (UTC)");
    } finally {
      process.env.TZ = saved;
    }
    expect(describeZone("local", "Asia/Shanghai", Date.UTC(2026, 10, 20))).toBe(
      "Asia/Shanghai (GMT+08:00)",
    );
  });

  it("groups the digits of counts the way toLocaleString('en-US') does", () => {
    for (const n of [0, 7, 999, 1000, 1504, 20_000, 999_999, 1_000_000, 123_456_789, -4321]) {
      expect(formatNumber(n)).toBe(n.toLocaleString("en-US"));
    }
    expect(formatNumber(1234.5)).toBe("1,234.5");
  });
});
