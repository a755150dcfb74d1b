// @vitest-environment jsdom
// The request budget (README, "What the dashboard asks of DLI"), counted against a fake DLI on
// a fake clock: minutes of polling in milliseconds, and no sleeps.
import { focusManager, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueryClient } from "../../app/query-client";
import { type JobsSearch, parseJobsSearch } from "../../contract/list-url";
import { jobQueries } from "./api/job-queries";
import { type CountingUpstream, countingUpstream } from "./testing/counting-upstream";
import { useJobsList } from "./use-jobs-list";

const PROJECT = "3f9c2a7e5b1d4c8e9a06f1b2d3c4e5a7";
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 8, 0) });
});

afterEach(() => {
  cleanup();
  focusManager.setFocused(undefined);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function searchOf(query: string): JobsSearch {
  return parseJobsSearch(new URLSearchParams(query));
}

function render(upstream: CountingUpstream, query = "", { live = true } = {}) {
  vi.stubGlobal("fetch", upstream.fetch);
  const client = createQueryClient();
  const setSearch = vi.fn();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const hook = renderHook(
    ({ search }: { search: JobsSearch }) => useJobsList(PROJECT, search, setSearch, { live }),
    { wrapper, initialProps: { search: searchOf(query) } },
  );
  return { client, hook, setSearch };
}

/** Lets the clock run, with every answer and render it causes. */
async function wait(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

const pageReads = (upstream: CountingUpstream, offset = 0) =>
  upstream.reads.filter((r) => r.limit === 20 && r.offset === offset).length;
const rangeReads = (upstream: CountingUpstream) =>
  upstream.reads.filter((r) => r.limit === 100).length;

describe("a plain page", () => {
  it("reads once per refresh while a job on it is active, and never once none is", async () => {
    const upstream = countingUpstream();
    upstream.seed(30);
    upstream.start();
    render(upstream);
    await wait(0);
    expect(pageReads(upstream)).toBe(1);

    await wait(MINUTE);
    expect(pageReads(upstream)).toBe(1 + 6);

    upstream.move("RUNNING", "FINISHED");
    await wait(10_000);
    upstream.clearReads();
    await wait(5 * MINUTE);
    expect(upstream.reads).toEqual([]);
  });

  it("fetches the next page ahead once, however long the page stays live", async () => {
    const upstream = countingUpstream();
    upstream.seed(30);
    upstream.start();
    render(upstream);
    await wait(5 * MINUTE);
    expect(pageReads(upstream, 20)).toBe(1);
    expect(upstream.reads.every((r) => r.offset === 0 || r.offset === 20)).toBe(true);
  });

  it("reads nothing while the tab is hidden", async () => {
    const upstream = countingUpstream();
    upstream.seed(30);
    upstream.start();
    render(upstream);
    await wait(0);
    focusManager.setFocused(false);
    upstream.clearReads();
    await wait(5 * MINUTE);
    expect(upstream.reads).toEqual([]);
  });

  it("moves a bookmarked page past the end to the last page", async () => {
    const upstream = countingUpstream();
    upstream.seed(30);
    const { setSearch } = render(upstream, "page=9");
    await wait(0);
    expect(setSearch).toHaveBeenCalledWith({ page: 2 });
  });
});

describe("counts by status on a plain page (the storm of issue 14)", () => {
  it("re-reads the range once when a job starts, then follows it without flooding DLI", async () => {
    const upstream = countingUpstream();
    upstream.seed(150);
    upstream.start();
    const { hook } = render(upstream);
    await wait(0);
    act(() => hook.result.current.range.countStatuses());
    await wait(0);
    expect(rangeReads(upstream)).toBe(2);
    expect(hook.result.current.range.counts?.get("RUNNING")).toBe(1);

    upstream.clearReads();
    upstream.start();
    await wait(MINUTE);
    // Six polls of the page; the range (two requests) read again once, when it grew.
    expect(rangeReads(upstream)).toBe(2);
    expect(upstream.reads.length).toBeLessThan(10);
    expect(hook.result.current.range.counts?.get("RUNNING")).toBe(2);
    expect(hook.result.current.range.query.data?.total).toBe(152);

    upstream.clearReads();
    await wait(5 * MINUTE);
    expect(rangeReads(upstream)).toBe(0);
  });

  it("reads a range once, however many ask for it at the same time", async () => {
    const upstream = countingUpstream();
    upstream.seed(150);
    const { hook, client } = render(upstream);
    await wait(0);
    upstream.clearReads();
    const release = upstream.hold();
    act(() => hook.result.current.range.countStatuses());
    act(() => hook.result.current.range.countStatuses());
    // Export asks for the same range while the read is under way.
    const exported = client.fetchQuery(jobQueries.range(hook.result.current.range.view));
    await wait(0);
    release();
    await wait(0);
    await exported;
    expect(upstream.reads.filter((r) => r.limit === 100 && r.offset === 0)).toHaveLength(1);
  });
});

describe("a filtered view", () => {
  it("re-reads a small range live while it has an active job, one request per 100 jobs", async () => {
    const upstream = countingUpstream();
    upstream.seed(150);
    upstream.start();
    render(upstream, "status=RUNNING");
    await wait(0);
    expect(upstream.reads.map((r) => r.limit)).toEqual([100, 100]);

    await wait(MINUTE);
    expect(rangeReads(upstream)).toBe(2 + 6 * 2);
    expect(pageReads(upstream)).toBe(0);

    upstream.move("RUNNING", "FINISHED");
    await wait(10_000);
    upstream.clearReads();
    await wait(5 * MINUTE);
    expect(upstream.reads).toEqual([]);
  });

  it("does not re-read a large range live", async () => {
    const upstream = countingUpstream();
    upstream.seed(1500);
    upstream.start();
    render(upstream, "status=RUNNING");
    await wait(0);
    expect(rangeReads(upstream)).toBe(16);
    upstream.clearReads();
    await wait(5 * MINUTE);
    expect(upstream.reads).toEqual([]);
  });

  it("cancels the reads of a view the list has left", async () => {
    const upstream = countingUpstream();
    upstream.seed(1500);
    const release = upstream.hold();
    const { hook } = render(upstream, "status=FAILED&range=24h");
    await wait(0);
    const [leftBehind] = upstream.reads;
    hook.rerender({ search: searchOf("status=FAILED&range=7d") });
    await wait(0);
    expect(leftBehind?.signal?.aborted).toBe(true);
    expect(upstream.reads.at(-1)?.signal?.aborted).toBe(false);
    release();
    await wait(0);
  });
});
