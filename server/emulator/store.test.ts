import { describe, expect, it } from "vitest";
import { CANCEL_TAKES_MS, JobStore, jobView } from "./store.ts";
import type { DemoJob, JobType } from "./types.ts";

const T0 = Date.parse("2026-11-01T00:00:00Z");
const MIN = 60_000;

function job(n: number, type: JobType, startMs: number, extra: Partial<DemoJob> = {}): DemoJob {
  const id = `job-${String(n).padStart(3, "0")}`;
  const wire = {
    job_id: id,
    status: "FINISHED",
    progress: "7/7",
    start_time: startMs,
    duration: 60,
  };
  return { id, type, startMs, wire, ...extra };
}

// 30 jobs one minute apart, alternating types: job-000 is the oldest.
function fixture(now = () => T0 + 60 * MIN) {
  const jobs = Array.from({ length: 30 }, (_, i) =>
    job(i, i % 2 ? "DNA_GERMLINE" : "DNA_SOMATIC", T0 + i * MIN),
  );
  return new JobStore(
    new Map([
      ["p1", jobs.reverse()],
      ["empty", []],
    ]),
    now,
  );
}

const ids = (r: { jobs: Record<string, unknown>[] } | undefined) => r?.jobs.map((j) => j.job_id);

describe("JobStore.list", () => {
  it("returns newest first with the total count", () => {
    const r = fixture().list("p1", { limit: 3, offset: 0 });
    expect(r?.job_count).toBe(30);
    expect(ids(r)).toEqual(["job-029", "job-028", "job-027"]);
  });

  it("filters by type", () => {
    const store = fixture();
    const somatic = store.list("p1", { type: "DNA_SOMATIC", limit: 100, offset: 0 });
    expect(somatic?.job_count).toBe(15);
    expect(ids(somatic)?.[0]).toBe("job-028");
    const germline = store.list("p1", { type: "DNA_GERMLINE", limit: 2, offset: 0 });
    expect(germline?.job_count).toBe(15);
    expect(ids(germline)).toEqual(["job-029", "job-027"]);
  });

  it("treats start and end as inclusive bounds on start_time", () => {
    const store = fixture();
    const r = store.list("p1", { limit: 100, offset: 0, start: T0 + 10 * MIN, end: T0 + 12 * MIN });
    expect(ids(r)).toEqual(["job-012", "job-011", "job-010"]);
    expect(r?.job_count).toBe(3);
    const justInside = store.list("p1", { limit: 100, offset: 0, start: T0 + 10 * MIN + 1 });
    expect(justInside?.job_count).toBe(19);
    const onlyEnd = store.list("p1", { limit: 100, offset: 0, end: T0 + MIN - 1 });
    expect(ids(onlyEnd)).toEqual(["job-000"]);
  });

  it("answers an empty page for an inverted or out-of-data range", () => {
    const store = fixture();
    expect(store.list("p1", { limit: 10, offset: 0, start: T0 + 5 * MIN, end: T0 })).toEqual({
      job_count: 0,
      jobs: [],
    });
    expect(store.list("p1", { limit: 10, offset: 0, start: T0 + 99 * MIN })?.job_count).toBe(0);
  });

  it("pages with limit and offset; job_count counts all pages", () => {
    const store = fixture();
    const q = { type: "DNA_SOMATIC" as const, limit: 4, start: T0 + 2 * MIN };
    const page1 = store.list("p1", { ...q, offset: 0 });
    const page4 = store.list("p1", { ...q, offset: 12 });
    expect(page1?.job_count).toBe(14);
    expect(ids(page1)).toEqual(["job-028", "job-026", "job-024", "job-022"]);
    expect(ids(page4)).toEqual(["job-004", "job-002"]);
    expect(store.list("p1", { ...q, offset: 14 })).toEqual({ job_count: 14, jobs: [] });
  });

  it("returns undefined for an unknown project and an empty list for an empty one", () => {
    const store = fixture();
    expect(store.list("nope", { limit: 10, offset: 0 })).toBeUndefined();
    expect(store.list("empty", { limit: 10, offset: 0 })).toEqual({ job_count: 0, jobs: [] });
  });
});

describe("live jobs", () => {
  const start = T0;
  const live = job(1, "DNA_SOMATIC", start, {
    live: { launchSec: 120, runSec: 700, steps: 7 },
  });

  it("are LAUNCHING 0/n, then RUNNING with progress below n, then FINISHED", () => {
    expect(jobView(live, start + 60_000)).toMatchObject({
      status: "LAUNCHING",
      progress: "0/7",
      duration: 60,
    });
    expect(jobView(live, start + 121_000)).toMatchObject({ status: "RUNNING", progress: "1/7" });
    expect(jobView(live, start + 520_000)).toMatchObject({
      status: "RUNNING",
      progress: "5/7",
      duration: 520,
    });
    expect(jobView(live, start + 819_000)).toMatchObject({ status: "RUNNING", progress: "6/7" });
    expect(jobView(live, start + 5_000_000)).toMatchObject({
      status: "FINISHED",
      progress: "7/7",
      duration: 820,
    });
  });

  it("advance with the injected clock between two list calls", () => {
    let now = start + 200_000;
    const store = new JobStore(new Map([["p", [{ ...live }]]]), () => now);
    const first = store.list("p", { limit: 1, offset: 0 })?.jobs[0];
    now += 300_000;
    const second = store.list("p", { limit: 1, offset: 0 })?.jobs[0];
    expect(first).toMatchObject({ status: "RUNNING", progress: "1/7", duration: 200 });
    expect(second).toMatchObject({ status: "RUNNING", progress: "4/7", duration: 500 });
  });
});

describe("JobStore.cancel", () => {
  it("cancels a RUNNING job, freezing progress and duration", () => {
    let now = T0 + 400_000;
    const liveJob = job(1, "DNA_SOMATIC", T0, { live: { launchSec: 60, runSec: 7000, steps: 7 } });
    const store = new JobStore(new Map([["p", [liveJob]]]), () => now);
    expect(store.cancel("p", "job-001")).toEqual({ ok: true });
    now += CANCEL_TAKES_MS - 1;
    expect(store.list("p", { limit: 1, offset: 0 })?.jobs[0]).toMatchObject({
      status: "CANCELING",
      progress: "1/7",
      duration: 400,
    });
    expect(store.cancel("p", "job-001")).toMatchObject({ ok: false, status: "CANCELING" });
    now += 1_000_000;
    expect(store.list("p", { limit: 1, offset: 0 })?.jobs[0]).toMatchObject({
      status: "CANCELLED",
      progress: "1/7",
      duration: 400,
      message: "Cancelled by user",
    });
    expect(store.cancel("p", "job-001")).toEqual({
      ok: false,
      reason: "status",
      status: "CANCELLED",
    });
  });

  it("cancels a LAUNCHING job", () => {
    const liveJob = job(1, "DNA_GERMLINE", T0, { live: { launchSec: 600, runSec: 600, steps: 3 } });
    let now = T0 + 10_000;
    const store = new JobStore(new Map([["p", [liveJob]]]), () => now);
    expect(store.cancel("p", "job-001").ok).toBe(true);
    expect(store.status("p", "job-001")).toBe("CANCELING");
    now += CANCEL_TAKES_MS;
    expect(store.status("p", "job-001")).toBe("CANCELLED");
  });

  it.each(["FINISHED", "FAILED", "CANCELLED", "CANCELING", "SUSPENDED"])(
    "refuses a %s job, naming the status",
    (status) => {
      const j = job(1, "DNA_SOMATIC", T0);
      j.wire.status = status;
      const store = new JobStore(new Map([["p", [j]]]), () => T0);
      expect(store.cancel("p", "job-001")).toEqual({ ok: false, reason: "status", status });
    },
  );

  it("reports an unknown job", () => {
    expect(fixture().cancel("p1", "job-999")).toEqual({ ok: false, reason: "not-found" });
  });
});

describe("live jobs that fail", () => {
  const failing = job(1, "DNA_SOMATIC", T0, {
    live: {
      launchSec: 60,
      runSec: 400,
      steps: 7,
      failure: { step: 4, message: "java.lang.OutOfMemoryError: Java heap space" },
    },
  });

  it("run up to their failing step, then are FAILED there with the message", () => {
    expect(jobView(failing, T0 + 61_000)).toMatchObject({ status: "RUNNING", progress: "1/7" });
    expect(jobView(failing, T0 + 459_000)).toMatchObject({
      status: "RUNNING",
      progress: "4/7",
      message: null,
    });
    expect(jobView(failing, T0 + 460_000)).toMatchObject({
      status: "FAILED",
      progress: "4/7",
      duration: 460,
      message: "java.lang.OutOfMemoryError: Java heap space",
    });
  });

  it("say they were cancelled, not why they would have failed, when cancelled first", () => {
    const cancelled = { ...failing, cancelledAtMs: T0 + 100_000 };
    expect(jobView(cancelled, T0 + 10_000_000)).toMatchObject({
      status: "CANCELLED",
      message: "Cancelled by user",
    });
  });
});

describe("JobStore.insert", () => {
  it("adds a job in start order to the list, its type and the id index", () => {
    const store = fixture();
    const newest = job(100, "DNA_GERMLINE", T0 + 45 * MIN);
    const between = job(101, "DNA_SOMATIC", T0 + 10 * MIN + 30_000);
    expect(store.insert("p1", newest)).toBe(true);
    expect(store.insert("p1", between)).toBe(true);
    expect(ids(store.list("p1", { limit: 1, offset: 0 }))).toEqual(["job-100"]);
    expect(store.list("p1", { limit: 100, offset: 0 })?.job_count).toBe(32);
    const somatic = store.list("p1", { type: "DNA_SOMATIC", limit: 100, offset: 0 });
    expect(ids(somatic)?.slice(8, 11)).toEqual(["job-012", "job-101", "job-010"]);
    expect(store.status("p1", "job-101")).toBe("FINISHED");
    expect(store.jobs("p1")).toHaveLength(32);
  });

  it("refuses an unknown project and an id already taken", () => {
    const store = fixture();
    expect(store.insert("nope", job(100, "DNA_SOMATIC", T0))).toBe(false);
    expect(store.insert("p1", job(5, "DNA_SOMATIC", T0))).toBe(false);
  });
});
