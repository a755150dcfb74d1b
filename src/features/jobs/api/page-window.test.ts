// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { listJobsPath } from "../../../contract/dli-request";
import { type PageView, pageWindow } from "./job-queries";

const view: PageView = {
  projectId: "p1",
  jobType: "DNA_SOMATIC",
  range: "30d",
  limit: 20,
  offset: 0,
  utc: true,
};
// Two seconds into a minute: the server served the HTML in the minute before.
const NOW = Date.UTC(2026, 10, 30, 9, 15, 2);
const MINUTE_BEFORE = NOW - 60_000;

function preload(href: string) {
  const link = document.createElement("link");
  link.rel = "preload";
  link.setAttribute("as", "fetch");
  link.setAttribute("href", href);
  document.head.append(link);
}

afterEach(() => {
  for (const link of document.head.querySelectorAll("link")) link.remove();
});

describe("pageWindow", () => {
  it("asks for the preloaded window when the HTML was served the minute before", () => {
    const preloaded = pageWindow(view, MINUTE_BEFORE);
    preload(listJobsPath({ ...view, window: preloaded }));
    expect(pageWindow(view, NOW)).toEqual(preloaded);
    // Another page was not preloaded: it takes this minute's window.
    expect(pageWindow({ ...view, offset: 20 }, NOW).start).toBe((preloaded.start ?? 0) + 60_000);
  });

  it("uses the current minute without a matching preload", () => {
    preload(listJobsPath({ ...view, limit: 50, window: pageWindow(view, MINUTE_BEFORE) }));
    const start = pageWindow(view, NOW).start;
    expect(start).toBe(NOW - 2_000 - 30 * 86_400_000);
  });

  it("leaves fixed bounds alone", () => {
    const { range: _rolling, ...rest } = view;
    const fixed: PageView = { ...rest, from: "2026-11-01" };
    expect(pageWindow(fixed, NOW)).toEqual({ start: Date.UTC(2026, 10, 1) });
  });
});
