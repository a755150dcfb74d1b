// @vitest-environment jsdom
// The morning page's request budget (README, "What the dashboard asks of DLI"), counted against
// fake DLIs on a fake clock: one per project and job type, so a running job is in one window only.
import { focusManager, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueryClient } from "../../../app/query-client";
import { JOB_TYPES } from "../../../contract/list-url";
import { type CountingUpstream, countingUpstream } from "../testing/counting-upstream";
import { recentWindowStart } from "./morning-window";
import { useMorning } from "./use-morning";

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 25, 8, 0);
const SINCE = Date.UTC(2026, 10, 24, 10, 0);
const PROJECTS = [
  "0a1b2c3d4e5f40718293a4b5c6d7e8f9",
  "7c8d9e0f1a2b43c4d5e6f708192a3b4c",
  "5e6f708192a3b4c5d6e7f8091a2b3c4d",
];

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});

afterEach(() => {
  cleanup();
  focusManager.setFocused(undefined);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A fake DLI per project and job type, behind one fetch; every read is counted. */
function fakeDlis() {
  const dlis = new Map<string, CountingUpstream>();
  for (const projectId of PROJECTS) {
    for (const jobType of JOB_TYPES) {
      const dli = countingUpstream();
      // 40 finished jobs a minute apart: one window under 100 jobs, one request.
      dli.seed(40);
      dlis.set(`${projectId}/${jobType}`, dli);
    }
  }
  const fetch = vi.fn((input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), "http://dashboard.test");
    const projectId = url.pathname.split("/")[2];
    const dli = dlis.get(`${projectId}/${url.searchParams.get("job_type")}`);
    if (!dli) throw new Error(`no fake DLI for ${url}`);
    return dli.fetch(input, init);
  });
  vi.stubGlobal("fetch", fetch);
  const dli = (projectId: string, jobType: string) =>
    dlis.get(`${projectId}/${jobType}`) as CountingUpstream;
  return { fetch, dli, reads: () => fetch.mock.calls.length };
}

function render(since = SINCE) {
  const client = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return renderHook(() => useMorning(PROJECTS, since), { wrapper });
}

/** Lets the clock run, with every answer and render it causes. */
async function wait(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

describe("the morning page's reads", () => {
  it("reads each project's two pipelines once on load, from the recent window's start", async () => {
    const dlis = fakeDlis();
    const hook = render();
    await wait(0);
    expect(dlis.reads()).toBe(PROJECTS.length * 2);
    for (const [input] of dlis.fetch.mock.calls) {
      const url = new URL(String(input), "http://dashboard.test");
      expect(url.searchParams.get("limit")).toBe("100");
      expect(url.searchParams.get("offset")).toBe("0");
      // SINCE is later than 48 h back: the window starts at midnight UTC before that.
      expect(Number(url.searchParams.get("start"))).toBe(recentWindowStart(NOW));
      expect(url.searchParams.has("end")).toBe(false);
    }
    expect(hook.result.current.polling).toBe(false);
    const firstPipeline = hook.result.current.projects[0]?.pipelines[0];
    expect(firstPipeline?.query.data?.rows).toHaveLength(40);
  });

  it("reads nothing more while nothing runs", async () => {
    const dlis = fakeDlis();
    render();
    await wait(0);
    await wait(30 * MINUTE);
    expect(dlis.reads()).toBe(PROJECTS.length * 2);
  });

  it("reads a window with a running job once a minute, and only that window", async () => {
    const dlis = fakeDlis();
    const running = dlis.dli(PROJECTS[1] as string, "DNA_GERMLINE");
    running.start("RUNNING");
    const hook = render();
    await wait(0);
    expect(hook.result.current.polling).toBe(true);
    expect(dlis.reads()).toBe(PROJECTS.length * 2);

    running.clearReads();
    await wait(5 * MINUTE);
    expect(running.reads).toHaveLength(5);
    expect(dlis.reads()).toBe(PROJECTS.length * 2 + 5);

    // The job ends: the read that sees it is the last.
    running.move("RUNNING", "FAILED");
    // (A second later: the answer to the minute's read has been handled.)
    await wait(MINUTE + 1000);
    expect(hook.result.current.polling).toBe(false);
    const afterEnd = dlis.reads();
    await wait(10 * MINUTE);
    expect(dlis.reads()).toBe(afterEnd);
  });

  it("keeps its windows while the clock moves, from a moment a week back too", async () => {
    const dlis = fakeDlis();
    const running = dlis.dli(PROJECTS[0] as string, "DNA_SOMATIC");
    running.start("RUNNING");
    const weekBack = NOW - 7 * 24 * 60 * MINUTE;
    render(weekBack);
    await wait(0);
    running.clearReads();
    await wait(5 * MINUTE);
    // Each minute's render makes the same keys: only the running window is read again.
    expect(running.reads).toHaveLength(5);
    expect(dlis.reads()).toBe(PROJECTS.length * 2 + 5);
    for (const [input] of dlis.fetch.mock.calls) {
      expect(new URL(String(input), "http://dashboard.test").searchParams.get("start")).toBe(
        String(weekBack),
      );
    }
  });

  it("reads nothing while the tab is hidden, even with a job running", async () => {
    const dlis = fakeDlis();
    dlis.dli(PROJECTS[0] as string, "DNA_SOMATIC").start("RUNNING");
    render();
    await wait(0);
    focusManager.setFocused(false);
    await wait(10 * MINUTE);
    expect(dlis.reads()).toBe(PROJECTS.length * 2);
  });

  it("reads a project's windows again on its Retry, and every window on Refresh", async () => {
    const dlis = fakeDlis();
    const hook = render();
    await wait(0);
    act(() => hook.result.current.projects[2]?.retry());
    await wait(0);
    expect(dlis.reads()).toBe(PROJECTS.length * 2 + 2);
    act(() => hook.result.current.refresh());
    await wait(0);
    expect(dlis.reads()).toBe(PROJECTS.length * 4 + 2);
  });
});
