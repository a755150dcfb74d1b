import { describe, expect, it } from "vitest";
import { stuckFor } from "../../src/contract/job-status.ts";
import {
  type CheckedJob,
  prepareChecks,
  RULE_IDS,
  type RuleId,
} from "../../src/contract/request-checks.ts";
import { runKey } from "../../src/contract/run-identity.ts";
import { generateDemoJobs, ONCOLOGY_PROJECT_ID, POPULATION_PROJECT_ID } from "./data.ts";
import { jobView } from "./store.ts";
import { storyJobId } from "./story.ts";

const NOW = Date.parse("2026-11-28T10:00:00Z");
const DAY = 86_400_000;
const WEEK = 7 * DAY;

type Row = {
  id: string;
  type: string;
  startMs: number;
  status: string;
  durationSeconds: number;
  message: string;
  request: Record<string, unknown>;
};

function rowsAt(anchor: number, projectId: string): Row[] {
  return (generateDemoJobs(anchor).get(projectId) ?? []).map((job) => {
    const view = jobView(job, anchor);
    return {
      id: job.id,
      type: job.type,
      startMs: job.startMs,
      status: String(view.status),
      durationSeconds: Number(view.duration),
      message: String(view.message ?? ""),
      request: JSON.parse(String(view.request)),
    };
  });
}

// The phrase that says what went wrong, as a person grouping the messages would read it.
const CAUSES: [string, RegExp][] = [
  ["out of memory in BwaSpark", /OutOfMemoryError: Java heap space/],
  ["container killed by YARN", /Container killed by YARN for exceeding memory limits/],
  ["OBS 403 writing output", /ErrorCode: AccessDenied.*while writing/],
  ["reference index mismatch", /reference index for \w+ is invalid/],
  ["input file missing", /FileNotFoundException: No such file or directory/],
  ["sample not in BAM header", /is not in BAM header/],
  ["expect_time exceeded", /exceeded its expected run time/],
  ["contigs of reads and reference", /reference and reads have incompatible contigs/],
];
const causeOf = (message: string) =>
  CAUSES.find(([, pattern]) => pattern.test(message))?.[0] ?? message;

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1] ?? Number.POSITIVE_INFINITY;
}

const kindOf = (row: Row) => `${row.type} ${row.request.ref} ${row.request.file_type}`;

// Two clock anchors: a weekday morning and a Sunday night. The story is there for both.
const ANCHORS = [NOW, Date.parse("2026-12-06T15:30:00Z")];

describe.each(ANCHORS)("the demo's week at %d", (anchor) => {
  describe.each([
    ["oncology", ONCOLOGY_PROJECT_ID],
    ["population", POPULATION_PROJECT_ID],
  ])("%s", (_name, projectId) => {
    const rows = rowsAt(anchor, projectId);
    const week = rows.filter((row) => row.startMs > anchor - WEEK);

    it("has failures that share causes with different details, and a few one-off messages", () => {
      const byCause = new Map<string, string[]>();
      for (const row of week.filter((r) => r.status === "FAILED")) {
        const cause = causeOf(row.message);
        byCause.set(cause, [...(byCause.get(cause) ?? []), row.message]);
      }
      const recurring = [...byCause.values()].filter((messages) => messages.length >= 3);
      expect(recurring.length).toBeGreaterThanOrEqual(3);
      // Numbers, executors, hosts, paths and samples differ between occurrences of a cause.
      for (const messages of recurring) {
        expect(new Set(messages).size).toBeGreaterThanOrEqual(Math.min(3, messages.length));
      }
      const oneOffs = [...byCause.values()].filter((messages) => messages.length === 1);
      expect(oneOffs.length).toBeGreaterThanOrEqual(2);
    });

    it("has a job stuck launching for more than 15 minutes", () => {
      const stuck = week.filter(
        (row) =>
          stuckFor({ status: row.status, startTime: row.startMs, durationSeconds: 0 }, anchor) !==
          null,
      );
      expect(stuck.map((row) => row.status)).toContain("LAUNCHING");
    });

    it("has a job running far longer than 95% of finished jobs of its kind took", () => {
      const finished = new Map<string, number[]>();
      for (const row of rows.filter((r) => r.status === "FINISHED")) {
        finished.set(kindOf(row), [...(finished.get(kindOf(row)) ?? []), row.durationSeconds]);
      }
      const slow = week.filter(
        (row) =>
          row.status === "RUNNING" &&
          (finished.get(kindOf(row))?.length ?? 0) >= 10 &&
          row.durationSeconds > 2 * p95(finished.get(kindOf(row)) ?? []),
      );
      expect(slow.length).toBeGreaterThanOrEqual(1);
    });

    it("has a running job past its own expect_time", () => {
      const late = week.filter(
        (row) =>
          row.status === "RUNNING" &&
          typeof row.request.expect_time === "number" &&
          (anchor - row.startMs) / 3_600_000 > row.request.expect_time,
      );
      expect(late.length).toBeGreaterThanOrEqual(1);
    });
  });
});

/** The rules that fire on each job of a project, checked against all of its jobs, at NOW. */
function findings(projectId: string): Map<string, RuleId[]> {
  const rows = rowsAt(NOW, projectId);
  const jobs: CheckedJob[] = rows.map((row) => ({
    jobId: row.id,
    jobType: row.type,
    status: row.status,
    startTime: row.startMs,
    durationSeconds: row.durationSeconds,
    request: row.request,
  }));
  const check = prepareChecks(jobs);
  return new Map(jobs.map((job) => [job.jobId, check(job).map((f) => f.rule)]));
}

describe("the story's runs and sample-sheet mistakes", () => {
  const oncology = rowsAt(NOW, ONCOLOGY_PROJECT_ID);
  const population = rowsAt(NOW, POPULATION_PROJECT_ID);
  const oncologyJob = (name: string) =>
    oncology.find((row) => row.id === storyJobId(ONCOLOGY_PROJECT_ID, name)) as Row;
  const populationJob = (name: string) =>
    population.find((row) => row.id === storyJobId(POPULATION_PROJECT_ID, name)) as Row;
  const keyOf = (row: Row) => runKey(row.type, row.request);
  const changed = (a: Row, b: Row) =>
    [...new Set([...Object.keys(a.request), ...Object.keys(b.request)])].filter(
      (key) => JSON.stringify(a.request[key]) !== JSON.stringify(b.request[key]),
    );

  it("has an out-of-memory run, then the same pair finished with more executor memory", () => {
    const failed = oncologyJob("oom-run");
    const rerun = oncologyJob("oom-rerun");
    expect(failed.status).toBe("FAILED");
    expect(failed.message).toContain("OutOfMemoryError");
    expect(rerun.status).toBe("FINISHED");
    expect(rerun.startMs).toBeGreaterThan(failed.startMs);
    expect(keyOf(rerun)).toBe(keyOf(failed));
    expect(changed(failed, rerun)).toEqual(["bwaspark_conf"]);
    expect(failed.request.bwaspark_conf).toContain("spark.executor.memory=16g");
    expect(rerun.request.bwaspark_conf).toContain("spark.executor.memory=32g");
  });

  it("has an analysis of three runs: a wrong path, YARN's limit, then more overhead", () => {
    const runs = ["three-runs-1", "three-runs-2", "three-runs-3"].map(oncologyJob);
    expect(runs.map((r) => r.status)).toEqual(["FAILED", "FAILED", "FINISHED"]);
    expect(new Set(runs.map(keyOf)).size).toBe(1);
    const sameKey = oncology.filter((row) => keyOf(row) === keyOf(runs[0] as Row));
    expect(sameKey).toHaveLength(3);
    expect(changed(runs[0] as Row, runs[1] as Row)).toEqual(["inputs"]);
    expect(changed(runs[1] as Row, runs[2] as Row)).toEqual(["bwaspark_conf"]);
  });

  it("has a germline rerun with more memory overhead in the population project", () => {
    const failed = populationJob("overhead-run");
    const rerun = populationJob("overhead-rerun");
    expect([failed.status, rerun.status]).toEqual(["FAILED", "FINISHED"]);
    expect(keyOf(rerun)).toBe(keyOf(failed));
    expect(changed(failed, rerun)).toEqual(["bwaspark_conf"]);
  });

  it("has one sample-sheet mistake per rule, each where it belongs", () => {
    const onc = findings(ONCOLOGY_PROJECT_ID);
    const pop = findings(POPULATION_PROJECT_ID);
    const ruleOf = (projectId: string, name: string) =>
      (projectId === ONCOLOGY_PROJECT_ID ? onc : pop).get(storyJobId(projectId, name));
    expect(ruleOf(ONCOLOGY_PROJECT_ID, "missing-normal")).toEqual(["missing-normal"]);
    expect(ruleOf(ONCOLOGY_PROJECT_ID, "tumor-is-normal")).toEqual(["tumor-is-normal"]);
    expect(ruleOf(ONCOLOGY_PROJECT_ID, "input-in-both")).toContain("input-in-tumor-and-normal");
    expect(ruleOf(ONCOLOGY_PROJECT_ID, "other-sample")).toEqual(["input-of-other-sample"]);
    expect(ruleOf(ONCOLOGY_PROJECT_ID, "reference-mismatch")).toEqual(["reference-mismatch"]);
    expect(ruleOf(ONCOLOGY_PROJECT_ID, "submitted-twice-1")).toEqual(["shared-output"]);
    expect(ruleOf(ONCOLOGY_PROJECT_ID, "submitted-twice-2")).toEqual([
      "shared-output",
      "duplicate-run",
    ]);
    expect(ruleOf(POPULATION_PROJECT_ID, "unpaired-lanes")).toEqual(["unpaired-fastq"]);
    expect(ruleOf(POPULATION_PROJECT_ID, "repeated-input")).toContain("repeated-input");
    expect(ruleOf(POPULATION_PROJECT_ID, "duplicate-2")).toEqual(["duplicate-run"]);
    // Reruns after a failure are not duplicates; the clean jobs raise nothing.
    expect(ruleOf(ONCOLOGY_PROJECT_ID, "oom-rerun")).toEqual([]);
    expect(ruleOf(ONCOLOGY_PROJECT_ID, "three-runs-3")).toEqual([]);
    expect(ruleOf(POPULATION_PROJECT_ID, "overhead-rerun")).toEqual([]);
    const fired = new Set([...onc.values(), ...pop.values()].flat());
    expect([...fired].sort()).toEqual([...RULE_IDS].sort());
  });

  it("keeps the background quiet: few findings outside the story", () => {
    const story = new Set(
      oncology.filter((row) => /ONC26-9\d{3}/.test(JSON.stringify(row.request))).map((r) => r.id),
    );
    const onc = findings(ONCOLOGY_PROJECT_ID);
    const flagged = oncology.filter(
      (row) => !story.has(row.id) && (onc.get(row.id)?.length ?? 0) > 0,
    );
    expect(flagged.length).toBeLessThanOrEqual(10);
  });

  it("gives story jobs the same ids whatever the clock", () => {
    const later = rowsAt(NOW + 3 * DAY + 12_345, ONCOLOGY_PROJECT_ID).map((row) => row.id);
    expect(later).toContain(storyJobId(ONCOLOGY_PROJECT_ID, "oom-rerun"));
    expect(new Set(oncology.map((row) => row.id)).size).toBe(oncology.length);
  });
});
