import { describe, expect, it } from "vitest";
import { formatAgo, formatDuration, formatUtcOffset, parseProgress } from "./format";

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
    // Vitest runs with TZ set by the test script (see package.json); accept any well-formed offset.
    expect(formatUtcOffset(Date.UTC(2026, 10, 28))).toMatch(/^UTC([+−]\d{2}:\d{2})?$/);
  });
});
