// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadCatalogue } from "../../../../lib/i18n/messages";
import { setPreference } from "../../../../lib/preferences";
import type { ChartJob } from "./chart-data";
import { type BucketLink, DayTimeline, DurationChart, StartsChart } from "./charts";

// TZ is Asia/Shanghai (vitest.config.ts): local midnight is 16:00 UTC the day before.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const nov = (d: number, h = 0, min = 0) => new Date(2026, 10, d, h, min).getTime();

beforeAll(() => loadCatalogue("zh-CN"));
afterEach(() => {
  cleanup();
  setPreference("locale", "en");
  setPreference("timeZone", "local");
});

/** Renders a chart with its "Show as a table" opened (the table is drawn only once opened). */
function inRouter(ui: ReactNode) {
  const result = render(
    <MemoryRouter initialEntries={["/projects/p1/overview"]}>{ui}</MemoryRouter>,
  );
  openTables(result.container);
  return result;
}

function openTables(container: HTMLElement) {
  for (const details of container.querySelectorAll("details")) {
    if (details.open) continue;
    details.open = true;
    fireEvent(details, new Event("toggle"));
  }
}

let serial = 0;
function jobs(count: number, status: string, startTime: number, extra: Partial<ChartJob> = {}) {
  return Array.from({ length: count }, () => ({
    jobId: `job-${++serial}`,
    status,
    startTime,
    durationSeconds: 600,
    ...extra,
  }));
}

/** The list's address for a bucket, as the overview builds it (from our own numbers only). */
const listFor = ({ start, end, status }: BucketLink) =>
  `/projects/p1/jobs?from=${start}&to=${end}${status ? `&status=${status}` : ""}`;

function tableRows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole("row")
    .map((row) => Array.from(row.children, (cell) => cell.textContent ?? ""));
}

describe("StartsChart", () => {
  const week = { start: nov(22), end: nov(29) };
  const sample = [
    ...jobs(30, "FINISHED", nov(25, 10)),
    ...jobs(12, "FAILED", nov(28, 9)),
    ...jobs(3, "FINISHED", nov(28, 0)),
    ...jobs(2, "RUNNING", nov(28, 23, 59)),
    ...jobs(1, "SUSPENDED", nov(28, 12)),
  ];

  it("says the numbers in a sentence and a table, by day and status", () => {
    inRouter(<StartsChart jobs={sample} window={week} bucket="day" hrefFor={listFor} />);
    expect(screen.getByRole("figure", { name: "Jobs started per day" })).toBeTruthy();
    expect(
      screen.getByText(
        "48 jobs started from 22 Nov to 28 Nov, the most on 25 Nov (30). By status: 2 running, 33 finished, 12 failed, 1 other.",
      ),
    ).toBeTruthy();
    const rows = tableRows(screen.getByRole("table"));
    expect(rows[0]).toEqual(["Day", "Running", "Finished", "Failed", "Other", "Total"]);
    expect(rows).toContainEqual(["25 Nov", "0", "30", "0", "0", "30"]);
    expect(rows).toContainEqual(["28 Nov", "2", "3", "12", "1", "18"]);
    expect(rows).toContainEqual(["22 Nov", "0", "0", "0", "0", "0"]);
    expect(rows.at(-1)).toEqual(["Total", "2", "33", "12", "1", "48"]);
  });

  it("makes each part of a bar a link to the list of its jobs, named by what it counts", () => {
    inRouter(<StartsChart jobs={sample} window={week} bucket="day" hrefFor={listFor} />);
    const failed = screen.getByRole("link", { name: "12 failed jobs started on 28 Nov" });
    expect(failed.getAttribute("href")).toBe(
      `/projects/p1/jobs?from=${nov(28)}&to=${nov(29)}&status=FAILED`,
    );
    expect(
      screen.getByRole("link", { name: "30 finished jobs started on 25 Nov" }).getAttribute("href"),
    ).toBe(`/projects/p1/jobs?from=${nov(25)}&to=${nov(26)}&status=FINISHED`);
    // A status the list cannot filter by is drawn and counted, but opens nothing of its own.
    expect(screen.queryByRole("link", { name: /other/i })).toBeNull();
  });

  it("makes the day labels and the table's days links to the day's jobs", () => {
    inRouter(<StartsChart jobs={sample} window={week} bucket="day" hrefFor={listFor} />);
    const dayHref = `/projects/p1/jobs?from=${nov(28)}&to=${nov(29)}`;
    expect(
      screen.getByRole("link", { name: "All 18 jobs started on 28 Nov" }).getAttribute("href"),
    ).toBe(dayHref);
    const table = screen.getByRole("table");
    expect(within(table).getByRole("link", { name: "28 Nov" }).getAttribute("href")).toBe(dayHref);
    // An empty day has nothing to open.
    expect(within(table).queryByRole("link", { name: "22 Nov" })).toBeNull();
  });

  it("counts by UTC day when asked: 01:00 in Shanghai is the previous day in UTC", () => {
    const early = jobs(4, "FAILED", nov(28, 1));
    inRouter(
      <StartsChart
        jobs={early}
        window={{ start: Date.UTC(2026, 10, 22), end: Date.UTC(2026, 10, 29) }}
        bucket="day"
        timeZone="utc"
        hrefFor={listFor}
      />,
    );
    expect(screen.getByRole("link", { name: "4 failed jobs started on 27 Nov" })).toBeTruthy();
  });

  it("takes the zone from the viewer's preference when none is passed", () => {
    setPreference("timeZone", "utc");
    inRouter(
      <StartsChart
        jobs={jobs(1, "FAILED", nov(28, 1))}
        window={{ start: Date.UTC(2026, 10, 22), end: Date.UTC(2026, 10, 29) }}
        bucket="day"
        hrefFor={listFor}
      />,
    );
    expect(screen.getByRole("link", { name: "1 failed job started on 27 Nov" })).toBeTruthy();
  });

  it("draws hours for a 24 h range, the hour named in each link", () => {
    const day = { start: nov(28, 9, 30), end: nov(29, 9, 30) };
    inRouter(
      <StartsChart
        jobs={jobs(5, "RUNNING", nov(28, 14, 5))}
        window={day}
        bucket="hour"
        hrefFor={listFor}
      />,
    );
    expect(screen.getByRole("figure", { name: "Jobs started per hour" })).toBeTruthy();
    expect(
      screen.getByText(
        "5 jobs started from 28 Nov 09:30 to 29 Nov 09:30, the most on 28 Nov, 14:00–15:00 (5). By status: 5 running.",
      ),
    ).toBeTruthy();
    const link = screen.getByRole("link", {
      name: "5 running jobs started on 28 Nov, 14:00–15:00",
    });
    expect(link.getAttribute("href")).toBe(
      `/projects/p1/jobs?from=${nov(28, 14)}&to=${nov(28, 15)}&status=RUNNING`,
    );
    // 25 hours: the first and last cut to the window's 09:30.
    const rows = tableRows(screen.getByRole("table"));
    expect(rows).toHaveLength(1 + 25 + 1);
    expect(rows[1]?.[0]).toBe("28 Nov, 09:30–10:00");
  });

  it("says so when nothing started", () => {
    inRouter(<StartsChart jobs={[]} window={week} bucket="day" hrefFor={listFor} />);
    expect(screen.getByText("No jobs started in this range.")).toBeTruthy();
    expect(tableRows(screen.getByRole("table")).at(-1)).toEqual(["Total", "0"]);
  });

  it("speaks Chinese on a Chinese page", () => {
    setPreference("locale", "zh-CN");
    inRouter(<StartsChart jobs={sample} window={week} bucket="day" hrefFor={listFor} />);
    expect(
      screen.getByText(
        "11月22日至11月28日共创建 48 个作业，其中11月25日最多（30 个）。按状态：运行中 2 个、已成功 33 个、已失败 12 个、其他 1 个。",
      ),
    ).toBeTruthy();
    expect(screen.getByRole("link", { name: "11月28日创建的作业中有 12 个已失败" })).toBeTruthy();
    expect(screen.getByText("以表格查看")).toBeTruthy();
  });
});

describe("DurationChart", () => {
  const minutes = (list: number[], reference?: string) =>
    list.map((min) => ({
      jobId: `job-${++serial}`,
      status: "FINISHED",
      startTime: nov(28),
      durationSeconds: min * 60,
      ...(reference ? { reference } : {}),
    }));

  it("gives each reference a small chart named by its count, median and 90th percentile", () => {
    const all = [
      ...minutes([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], "hg38"),
      ...minutes([30, 40], "GRCh37"),
      ...minutes([45]),
      ...jobs(3, "FAILED", nov(28)),
    ];
    inRouter(<DurationChart jobs={all} />);
    expect(
      screen.getByText(
        "13 finished jobs, by reference (3); the lines mark the median and the 90th percentile.",
      ),
    ).toBeTruthy();
    const images = screen.getAllByRole("img");
    expect(images.map((svg) => svg.getAttribute("aria-labelledby"))).toHaveLength(3);
    const names = images.map(
      (svg) => document.getElementById(svg.getAttribute("aria-labelledby") ?? "")?.textContent,
    );
    expect(names).toEqual([
      "hg38: 10 jobs, median 55min, 90th percentile 1h 31min",
      "GRCh37: 2 jobs, median 35min, 90th percentile 39min",
      "No reference: 1 job, median 45min, 90th percentile 45min",
    ]);
    const [summary, hg38] = screen.getAllByRole("table");
    expect(tableRows(summary as HTMLElement)).toEqual([
      ["Reference", "Jobs", "Median", "90th percentile"],
      ["hg38", "10", "55min", "1h 31min"],
      ["GRCh37", "2", "35min", "39min"],
      ["No reference", "1", "45min", "45min"],
    ]);
    const bins = tableRows(hg38 as HTMLElement);
    expect(bins[0]).toEqual(["Duration", "Jobs"]);
    // Every job is in one bin.
    expect(bins.slice(1).reduce((sum, row) => sum + Number(row[1]), 0)).toBe(10);
    expect(bins[1]).toEqual(["0s – 5min", "0"]);
  });

  it("rounds long durations to the minute, and keeps the seconds of short ones", () => {
    const all = [...minutes([61.4, 61.6], "hg38"), ...minutes([0.5, 1], "GRCh37")];
    inRouter(<DurationChart jobs={all} />);
    expect(tableRows(screen.getAllByRole("table")[0] as HTMLElement).slice(1)).toEqual([
      ["GRCh37", "2", "45s", "57s"],
      ["hg38", "2", "1h 2min", "1h 2min"],
    ]);
  });

  it("says so when no job finished", () => {
    inRouter(<DurationChart jobs={jobs(2, "FAILED", nov(28))} />);
    expect(screen.getByText("No finished jobs in this range.")).toBeTruthy();
    expect(screen.queryAllByRole("img")).toEqual([]);
  });
});

describe("DayTimeline", () => {
  const day = { start: nov(28), end: nov(29) };
  const timelineJobs: ChartJob[] = [
    { jobId: "a1", status: "FINISHED", startTime: nov(28, 8), durationSeconds: 2 * 3600 },
    { jobId: "b2", status: "FAILED", startTime: nov(28, 9), durationSeconds: 1800 },
    { jobId: "c3", status: "RUNNING", startTime: nov(28, 9, 15), durationSeconds: 60 },
    { jobId: "d4", status: "FINISHED", startTime: nov(27, 22), durationSeconds: 4 * 3600 },
    { jobId: "e5", status: "FINISHED", startTime: nov(26, 8), durationSeconds: 600 },
  ];
  const hrefForJob = (jobId: string) => `/projects/p1/jobs?job=${jobId}`;

  it("draws its table only when it is asked for (a week's timeline is thousands of cells)", () => {
    const { container } = render(
      <MemoryRouter>
        <DayTimeline jobs={timelineJobs} day={day} nowMs={nov(30)} hrefForJob={hrefForJob} />
      </MemoryRouter>,
    );
    expect(screen.queryByRole("table")).toBeNull();
    openTables(container);
    expect(screen.getByRole("table")).toBeTruthy();
  });

  it("draws each job of the day as a link to it, named by its status and times", () => {
    inRouter(
      <DayTimeline jobs={timelineJobs} day={day} nowMs={nov(28, 12)} hrefForJob={hrefForJob} />,
    );
    const bar = screen.getByRole("link", { name: "Job b2, failed: 09:00–09:30 (30min)" });
    expect(bar.getAttribute("href")).toBe("/projects/p1/jobs?job=b2");
    expect(
      screen.getByRole("link", { name: "Job c3, running: 09:15–now (2h 45min)" }),
    ).toBeTruthy();
    expect(
      screen.getByRole("link", { name: "Job d4, finished: 27 Nov 22:00–02:00 (4h)" }),
    ).toBeTruthy();
    expect(screen.queryByRole("link", { name: /e5/ })).toBeNull();
  });

  it("says how many ran and how many at once, and lists them in a table", () => {
    inRouter(
      <DayTimeline jobs={timelineJobs} day={day} nowMs={nov(28, 12)} hrefForJob={hrefForJob} />,
    );
    expect(
      screen.getByText("Sat 28 Nov 2026: 4 jobs ran, at most 3 at the same time (first at 09:15)."),
    ).toBeTruthy();
    const table = screen.getByRole("table");
    expect(tableRows(table)).toEqual([
      ["Job", "Status", "Started", "Ended", "Duration"],
      ["d4", "Finished", "27 Nov 22:00", "02:00", "4h"],
      ["a1", "Finished", "08:00", "10:00", "2h"],
      ["b2", "Failed", "09:00", "09:30", "30min"],
      ["c3", "Running", "09:15", "not yet", "2h 45min"],
    ]);
    expect(within(table).getByRole("link", { name: "a1" }).getAttribute("href")).toBe(
      "/projects/p1/jobs?job=a1",
    );
  });

  it("asks the parent for the previous or next day; there is no next day after today", () => {
    const onDayChange = vi.fn();
    const { rerender } = inRouter(
      <DayTimeline
        jobs={timelineJobs}
        day={day}
        nowMs={nov(28, 12)}
        hrefForJob={hrefForJob}
        onDayChange={onDayChange}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Previous day" }));
    expect(onDayChange).toHaveBeenCalledWith(-1);
    expect((screen.getByRole("button", { name: "Next day" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    rerender(
      <MemoryRouter>
        <DayTimeline
          jobs={timelineJobs}
          day={{ start: nov(27), end: nov(28) }}
          nowMs={nov(28, 12)}
          hrefForJob={hrefForJob}
          onDayChange={onDayChange}
        />
      </MemoryRouter>,
    );
    expect(screen.getByText("Fri 27 Nov 2026")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Next day" }));
    expect(onDayChange).toHaveBeenLastCalledWith(1);
  });

  it("says so for a day without jobs, in Chinese on a Chinese page", () => {
    setPreference("locale", "zh-CN");
    inRouter(
      <DayTimeline
        jobs={timelineJobs}
        day={{ start: nov(20), end: nov(21) }}
        nowMs={nov(28, 12)}
        hrefForJob={hrefForJob}
        onDayChange={() => {}}
      />,
    );
    expect(screen.getByText("2026年11月20日 星期五没有运行的作业。")).toBeTruthy();
    expect(screen.getByRole("button", { name: "后一天" })).toBeTruthy();
  });

  it("follows the UTC switch: the same jobs on a UTC day", () => {
    inRouter(
      <DayTimeline
        jobs={timelineJobs}
        day={{ start: Date.UTC(2026, 10, 28), end: Date.UTC(2026, 10, 28) + DAY }}
        nowMs={nov(29, 12)}
        timeZone="utc"
        hrefForJob={hrefForJob}
      />,
    );
    // a1 started at 08:00 Shanghai time, 00:00 UTC.
    expect(screen.getByRole("link", { name: "Job a1, finished: 00:00–02:00 (2h)" })).toBeTruthy();
  });
});
