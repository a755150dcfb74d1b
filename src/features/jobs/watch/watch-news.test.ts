import { describe, expect, it } from "vitest";
import type { AttentionFlag, InsightJob } from "../../../contract/job-insight";
import { eventKey, type Watching, type WindowRead, windowNews } from "./watch-news";

const NOW = Date.UTC(2026, 10, 25, 1, 0);
const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

function job(jobId: string, status: string, over: Partial<InsightJob> = {}): InsightJob {
  return {
    jobId,
    jobType: "DNA_SOMATIC",
    status,
    startTime: NOW - 3_600_000,
    durationSeconds: 3600,
    progress: null,
    message: status === "FAILED" ? "java.lang.OutOfMemoryError: Java heap space" : null,
    samples: [`${jobId}_tumor`, `${jobId}_normal`],
    ...over,
  };
}

const stuck: AttentionFlag = { kind: "launching", forSeconds: 40 * 60 };

function read(jobs: InsightJob[], flagged: Record<string, AttentionFlag> = {}): WindowRead {
  return { projectId: PROJECT, jobs, flags: new Map(Object.entries(flagged)) };
}

const project: Watching = { project: true, jobs: new Map() };
const none = new Set<string>();

/** Reads the window twice: the baseline, then the read whose news is returned. */
function newsBetween(before: WindowRead, after: WindowRead, watching = project, announced = none) {
  const first = windowNews(before, watching, undefined, announced);
  return { first, second: windowNews(after, watching, first.memory, announced) };
}

describe("windowNews", () => {
  it("takes the first read as the baseline: old failures and flags are not news", () => {
    const { events, memory } = windowNews(
      read([job("a", "FAILED"), job("b", "LAUNCHING")], { b: stuck }),
      project,
      undefined,
      none,
    );
    expect(events).toEqual([]);
    expect(memory.get("a")).toEqual({ status: "FAILED", flagged: false });
    expect(memory.get("b")).toEqual({ status: "LAUNCHING", flagged: true });
  });

  it("announces a job of a watched project that failed since the last read", () => {
    const { second } = newsBetween(
      read([job("a", "RUNNING"), job("b", "RUNNING")]),
      read([job("a", "FAILED"), job("b", "RUNNING")]),
    );
    expect(second.events.map((e) => [e.kind, e.job.jobId])).toEqual([["failed", "a"]]);
  });

  it("announces a new job that failed between two reads", () => {
    const { second } = newsBetween(
      read([job("a", "FINISHED")]),
      read([job("n", "FAILED"), job("a", "FINISHED")]),
    );
    expect(second.events.map((e) => [e.kind, e.job.jobId])).toEqual([["failed", "n"]]);
  });

  it("announces a job that became flagged, once", () => {
    const { first, second } = newsBetween(
      read([job("b", "LAUNCHING")]),
      read([job("b", "LAUNCHING")], { b: stuck }),
    );
    expect(first.events).toEqual([]);
    expect(second.events).toEqual([
      {
        kind: "flagged",
        projectId: PROJECT,
        job: expect.objectContaining({ jobId: "b" }),
        flag: stuck,
      },
    ]);
    const third = windowNews(
      read([job("b", "LAUNCHING")], { b: stuck }),
      project,
      second.memory,
      none,
    );
    expect(third.events).toEqual([]);
  });

  it("says nothing of finished jobs of a watched project, only of watched jobs ending", () => {
    const watchingJob: Watching = { project: false, jobs: new Map([["w", { status: "RUNNING" }]]) };
    const before = read([job("w", "RUNNING"), job("x", "RUNNING")]);
    const after = read([job("w", "FINISHED"), job("x", "FINISHED")]);
    expect(newsBetween(before, after).second.events).toEqual([]);
    const { second } = newsBetween(before, after, watchingJob);
    expect(second.events.map((e) => [e.kind, e.job.jobId, e.job.status])).toEqual([
      ["ended", "w", "FINISHED"],
    ]);
  });

  it("announces a watched job that failed or was cancelled", () => {
    const watchingJobs: Watching = {
      project: false,
      jobs: new Map([
        ["f", { status: "RUNNING" }],
        ["c", { status: "RUNNING" }],
      ]),
    };
    const { second } = newsBetween(
      read([job("f", "RUNNING"), job("c", "RUNNING"), job("other", "RUNNING")]),
      read([job("f", "FAILED"), job("c", "CANCELLED"), job("other", "FAILED")]),
      watchingJobs,
    );
    expect(second.events.map((e) => [e.kind, e.job.jobId])).toEqual([
      ["failed", "f"],
      ["ended", "c"],
    ]);
  });

  it("announces a watched job that ended while no tab was open, on the first read", () => {
    const watchingJob: Watching = { project: false, jobs: new Map([["w", { status: "RUNNING" }]]) };
    const { events } = windowNews(read([job("w", "FINISHED")]), watchingJob, undefined, none);
    expect(events.map((e) => [e.kind, e.job.jobId])).toEqual([["ended", "w"]]);
  });

  it("does not repeat what was announced already (by this tab before a reload, or another tab)", () => {
    const before = read([job("a", "RUNNING")]);
    const after = read([job("a", "FAILED")]);
    const announced = new Set([
      eventKey({ kind: "failed", projectId: PROJECT, job: job("a", "FAILED") }),
    ]);
    expect(newsBetween(before, after, project, announced).second.events).toEqual([]);
  });

  it("keys an event by project, job and kind", () => {
    expect(eventKey({ kind: "failed", projectId: PROJECT, job: job("a", "FAILED") })).toBe(
      `${PROJECT}/a:failed`,
    );
  });
});
