import { vi } from "vitest";

/**
 * A fake DLI behind a stubbed `fetch`, for tests that count what the dashboard asks of it: it
 * answers the job-list path as the contract says (newest first, `job_count` the total, `start`
 * and `end` in ms) and records every read, with its abort signal.
 */
export type WireJob = {
  job_id: string;
  status: string;
  start_time: number;
  owner: string;
  progress: string;
  duration: number;
  message: string | null;
  request: string;
};

export type RecordedRead = { offset: number; limit: number; signal: AbortSignal | undefined };

const MAX_READS = 1000;

export function countingUpstream({ now = () => Date.now() } = {}) {
  let jobs: WireJob[] = [];
  let serial = 0;
  const reads: RecordedRead[] = [];
  /** While set, reads wait for it: a slow DLI, to catch reads in flight. */
  let gate: Promise<void> | null = null;

  function job(status: string, startTime = now()): WireJob {
    serial += 1;
    return {
      job_id: `job-${String(serial).padStart(4, "0")}`,
      status,
      start_time: startTime,
      owner: "li.na",
      progress: status === "FINISHED" ? "7/7" : "3/7",
      duration: 600,
      message: status === "FAILED" ? "java.lang.OutOfMemoryError: Java heap space" : null,
      request: '{"ref":"hg38"}',
    };
  }

  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), "http://dashboard.test");
    const limit = Number(url.searchParams.get("limit"));
    const offset = Number(url.searchParams.get("offset"));
    const start = Number(url.searchParams.get("start") ?? 0);
    const end = Number(url.searchParams.get("end") ?? Number.MAX_SAFE_INTEGER);
    const signal = init?.signal ?? undefined;
    reads.push({ offset, limit, signal });
    // A flood ends the test with a message instead of spinning the fake clock for ever.
    if (reads.length > MAX_READS) throw new Error(`flood: more than ${MAX_READS} reads`);
    if (gate) await gate;
    signal?.throwIfAborted();
    const matching = jobs
      .filter((j) => j.start_time >= start && j.start_time <= end)
      .sort((a, b) => b.start_time - a.start_time);
    const body = { job_count: matching.length, jobs: matching.slice(offset, offset + limit) };
    return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
  });

  return {
    fetch,
    reads,
    /** Adds `count` jobs in `status`, started a minute apart, the newest now. */
    seed(count: number, status = "FINISHED") {
      const base = now();
      for (let i = 0; i < count; i++) jobs.push(job(status, base - (i + 1) * 60_000));
    },
    /** A job starts on DLI now. */
    start(status = "RUNNING") {
      jobs.push(job(status));
    },
    /** Every job in `from` moves to `to` (e.g. the running ones finish). */
    move(from: string, to: string) {
      jobs = jobs.map((j) => (j.status === from ? { ...j, status: to } : j));
    },
    hold() {
      let open = () => {};
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      return () => {
        gate = null;
        open();
      };
    },
    clearReads() {
      reads.length = 0;
    },
  };
}

export type CountingUpstream = ReturnType<typeof countingUpstream>;
