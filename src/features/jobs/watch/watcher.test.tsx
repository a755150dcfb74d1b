// @vitest-environment jsdom
// The browser notifications' watcher on a fake clock, against fake DLIs that count their reads:
// the first read is a baseline, news is announced once, hidden tabs read nothing, and the morning
// page's reads are shared with it.
import { focusManager, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueryClient } from "../../../app/query-client";
import { failureCause } from "../../../contract/failure-cause";
import { useMorning } from "../morning/use-morning";
import { type CountingUpstream, countingUpstream } from "../testing/counting-upstream";
import { WATCHING_FLAG } from "./start-watcher";
import { addWatch, readWatches } from "./watch-store";
import { startWatcher, stopWatcher, WATCH_EVERY_MS } from "./watcher";

const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 25, 1, 0);

/** What the page's code constructed: `new Notification(title, options)`, observed. */
class RecordedNotification {
  static permission: NotificationPermission = "granted";
  static shown: RecordedNotification[] = [];
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    RecordedNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

let somatic: CountingUpstream;
let germline: CountingUpstream;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  localStorage.clear();
  RecordedNotification.shown = [];
  vi.stubGlobal("Notification", RecordedNotification);
  somatic = countingUpstream();
  germline = countingUpstream();
  somatic.seed(20);
  germline.seed(5);
  vi.stubGlobal(
    "fetch",
    vi.fn((input: string | URL | Request, init?: RequestInit) => {
      const type = new URL(String(input), "http://dashboard.test").searchParams.get("job_type");
      return (type === "DNA_GERMLINE" ? germline : somatic).fetch(input, init);
    }),
  );
});

afterEach(() => {
  stopWatcher();
  cleanup();
  focusManager.setFocused(undefined);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function wait(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

const reads = () => somatic.reads.length + germline.reads.length;
const titles = () => RecordedNotification.shown.map((n) => n.title);

function watch(open = vi.fn()) {
  const client = createQueryClient();
  startWatcher(client, open);
  return { client, open };
}

describe("the watcher", () => {
  it("reads a watched project's two pipelines, takes that read as the baseline, then announces a failure once", async () => {
    somatic.start("RUNNING");
    somatic.start("FAILED");
    addWatch({ kind: "project", projectId: PROJECT });
    watch();
    await wait(0);
    expect(reads()).toBe(2);
    // The job that had already failed is old news.
    expect(titles()).toEqual([]);

    somatic.move("RUNNING", "FAILED");
    await wait(WATCH_EVERY_MS);
    expect(reads()).toBe(4);
    expect(titles()).toEqual(["Failed: job job-0021"]);
    // The project (named by its id: no config was read), the pipeline and the cause in words:
    // this fake DLI's failed job has no message.
    expect(RecordedNotification.shown[0]?.options.body).toBe(
      `${PROJECT} · DNA somatic · ${failureCause(null).title}`,
    );

    await wait(5 * WATCH_EVERY_MS);
    expect(titles()).toHaveLength(1);
  });

  it("announces a job stuck launching, once", async () => {
    addWatch({ kind: "project", projectId: PROJECT });
    watch();
    await wait(0);
    somatic.start("LAUNCHING");
    await wait(10 * MINUTE);
    expect(titles()).toEqual([]);
    await wait(10 * MINUTE);
    expect(titles()).toEqual(["Needs attention: job job-0021"]);
    expect(RecordedNotification.shown[0]?.options.body).toMatch(/Launching for 16min/);
    await wait(10 * MINUTE);
    expect(titles()).toHaveLength(1);
  });

  it("does not announce again after a reload: what was announced is remembered", async () => {
    somatic.start("RUNNING");
    addWatch({ kind: "project", projectId: PROJECT });
    watch();
    await wait(0);
    somatic.move("RUNNING", "FAILED");
    await wait(WATCH_EVERY_MS);
    expect(titles()).toHaveLength(1);

    // A new tab (or a reload): a fresh watcher, a fresh cache, the same browser storage.
    stopWatcher();
    watch();
    await wait(3 * WATCH_EVERY_MS);
    expect(titles()).toHaveLength(1);
  });

  it("opens the job when its notification is clicked", async () => {
    somatic.start("RUNNING");
    addWatch({ kind: "project", projectId: PROJECT });
    const { open } = watch();
    await wait(0);
    somatic.move("RUNNING", "FAILED");
    await wait(WATCH_EVERY_MS);
    const focus = vi.spyOn(window, "focus").mockImplementation(() => {});
    RecordedNotification.shown[0]?.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith(
      `/projects/${PROJECT}/jobs?from=2026-11-25T00%3A59%3A00Z&to=2026-11-25T01%3A01%3A00Z&job=job-0021`,
    );
    expect(RecordedNotification.shown[0]?.closed).toBe(true);
  });

  it("announces a watched job's end, then forgets the watch and stops reading", async () => {
    somatic.start("RUNNING");
    addWatch({
      kind: "job",
      projectId: PROJECT,
      jobId: "job-0021",
      jobType: "DNA_SOMATIC",
      startTime: NOW,
      status: "RUNNING",
    });
    watch();
    await wait(0);
    // Only the job's own pipeline is read.
    expect([somatic.reads.length, germline.reads.length]).toEqual([1, 0]);
    somatic.move("RUNNING", "FINISHED");
    await wait(WATCH_EVERY_MS);
    expect(titles()).toEqual(["Finished: job job-0021"]);
    expect(readWatches()).toEqual({ projects: [], jobs: [] });
    expect(localStorage.getItem(WATCHING_FLAG)).toBeNull();
    const after = reads();
    await wait(5 * WATCH_EVERY_MS);
    expect(reads()).toBe(after);
  });

  it("reads nothing while the tab is hidden", async () => {
    addWatch({ kind: "project", projectId: PROJECT });
    watch();
    await wait(0);
    focusManager.setFocused(false);
    await wait(10 * WATCH_EVERY_MS);
    expect(reads()).toBe(2);
  });

  it("shares the morning page's reads: a window both show is read once a minute", async () => {
    somatic.start("RUNNING");
    addWatch({ kind: "project", projectId: PROJECT });
    const client = createQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    // The morning page counts from a moment within the recent window: the same key.
    renderHook(() => useMorning([PROJECT], NOW - 7 * 3_600_000), { wrapper });
    await wait(0);
    expect(reads()).toBe(2);
    // The watcher starts half a minute later: its baseline comes from the cache.
    await wait(30_000);
    startWatcher(client, vi.fn());
    await wait(0);
    expect(reads()).toBe(2);

    somatic.clearReads();
    germline.clearReads();
    await wait(10 * MINUTE);
    // The morning page polls the running window; the watcher reads both: 10 + 10, not 20 + 10.
    expect(somatic.reads).toHaveLength(10);
    expect(germline.reads).toHaveLength(10);
  });
});
