import { describe, expect, it } from "vitest";
import {
  DEMO_PROJECTS,
  EDGE_CASES_PROJECT_ID,
  EMPTY_PROJECT_ID,
  generateDemoJobs,
  ONCOLOGY_PROJECT_ID,
  POPULATION_PROJECT_ID,
} from "./data.ts";
import { EDGE_JOB_IDS } from "./edge-cases.ts";
import { JobStore, jobView } from "./store.ts";
import type { DemoJob } from "./types.ts";

const NOW = Date.parse("2026-11-28T10:00:00Z");
const DAY = 86_400_000;
const data = generateDemoJobs(NOW);
const jobsOf = (id: string): DemoJob[] => data.get(id) ?? [];
const count = (id: string, type: string) => jobsOf(id).filter((j) => j.type === type).length;
const views = (id: string) => jobsOf(id).map((j) => jobView(j, NOW));

describe("demo projects", () => {
  it("have 32-hex-char ids like Huawei project ids, and distinct names", () => {
    expect(DEMO_PROJECTS).toHaveLength(4);
    for (const p of DEMO_PROJECTS) expect(p.id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(DEMO_PROJECTS.map((p) => p.name)).size).toBe(4);
  });

  it("hold the advertised volumes", () => {
    expect(count(ONCOLOGY_PROJECT_ID, "DNA_SOMATIC")).toBeGreaterThanOrEqual(1500);
    expect(count(ONCOLOGY_PROJECT_ID, "DNA_GERMLINE")).toBeGreaterThanOrEqual(500);
    expect(count(POPULATION_PROJECT_ID, "DNA_GERMLINE")).toBeGreaterThanOrEqual(200);
    expect(count(POPULATION_PROJECT_ID, "DNA_SOMATIC")).toBeGreaterThanOrEqual(20);
    expect(jobsOf(EMPTY_PROJECT_ID)).toEqual([]);
  });

  it("are deterministic for a given clock anchor", () => {
    const again = generateDemoJobs(NOW);
    expect(again.get(ONCOLOGY_PROJECT_ID)).toEqual(data.get(ONCOLOGY_PROJECT_ID));
    expect(again.get(EDGE_CASES_PROJECT_ID)).toEqual(data.get(EDGE_CASES_PROJECT_ID));
  });

  it("keep the same job ids whatever the anchor", () => {
    const idsAt = (anchor: number) =>
      (generateDemoJobs(anchor).get(ONCOLOGY_PROJECT_ID) ?? []).map((j) => j.id);
    expect(idsAt(NOW + 3 * DAY + 12_345_678)).toEqual(idsAt(NOW));
  });

  it("start within the last 90 days and never in the future; ended jobs ended before now", () => {
    for (const [, jobs] of data) {
      for (const j of jobs) {
        expect(j.startMs).toBeLessThanOrEqual(NOW);
        expect(j.startMs).toBeGreaterThan(NOW - 90 * DAY);
        const v = jobView(j, NOW);
        if (typeof v.duration === "number" && v.status !== "RUNNING" && v.status !== "LAUNCHING") {
          expect(j.startMs + v.duration * 1000).toBeLessThanOrEqual(NOW);
        }
      }
    }
  });

  it("cover every status, with failure messages, in the big projects", () => {
    for (const id of [ONCOLOGY_PROJECT_ID, POPULATION_PROJECT_ID]) {
      const v = views(id);
      const statuses = new Set(v.map((j) => j.status));
      for (const s of ["LAUNCHING", "RUNNING", "FINISHED", "FAILED", "CANCELLED", "CANCELING"]) {
        expect(statuses, `${id} ${s}`).toContain(s);
      }
      const live = v.filter((j) => j.status === "LAUNCHING" || j.status === "RUNNING");
      // A few live jobs of the lab's routine, and the story's stuck, slow, late and doubled ones.
      expect(live.length).toBeGreaterThanOrEqual(2);
      expect(live.length).toBeLessThanOrEqual(10);
      for (const j of live) expect(j.start_time as number).toBeGreaterThan(NOW - 6 * 3_600_000);
      for (const j of v.filter((x) => x.status === "FAILED")) {
        expect(j.message).toEqual(expect.any(String));
        const [k, n] = String(j.progress).split("/").map(Number);
        expect(k).toBeLessThanOrEqual(n as number);
      }
    }
  });

  it("give each job a UUID, a JSON request string and a k/n progress with the right n", () => {
    for (const j of jobsOf(ONCOLOGY_PROJECT_ID).concat(jobsOf(POPULATION_PROJECT_ID))) {
      expect(j.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const request = JSON.parse(String(j.wire.request));
      expect(request.job_type).toBe(j.type);
      const n = Number(String(jobView(j, NOW).progress).split("/")[1]);
      if (j.type === "DNA_SOMATIC") expect(n).toBe(7);
      else expect(n).toBe(request.file_type === "BAM" ? 1 : 3);
    }
    const ids = jobsOf(ONCOLOGY_PROJECT_ID).map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("mostly start in lab working hours (UTC+8)", () => {
    const hours = jobsOf(ONCOLOGY_PROJECT_ID).map((j) =>
      new Date(j.startMs + 8 * 3_600_000).getUTCHours(),
    );
    const working = hours.filter((h) => h >= 9 && h < 19).length;
    expect(working / hours.length).toBeGreaterThan(0.8);
    expect(working).toBeLessThan(hours.length);
  });
});

describe("edge cases project", () => {
  const byId = new Map(jobsOf(EDGE_CASES_PROJECT_ID).map((j) => [j.id, j]));
  const wire = (id: string) => byId.get(id)?.wire ?? {};

  it("holds every edge-case job, all in the last 7 days", () => {
    expect([...byId.keys()].sort()).toEqual(Object.values(EDGE_JOB_IDS).sort());
    for (const j of byId.values()) expect(j.startMs).toBeGreaterThan(NOW - 7 * DAY);
  });

  it("has a truncated request and a malformed job", () => {
    expect(() => JSON.parse(String(wire(EDGE_JOB_IDS.truncatedRequest).request))).toThrow();
    const bad = wire(EDGE_JOB_IDS.malformedJob);
    expect(bad.progress).toBeNull();
    expect(typeof bad.start_time).toBe("string");
    expect("owner" in bad).toBe(false);
  });

  it("has fake credentials, an unknown status, a wrong-typed field, extra fields and a huge request", () => {
    const secrets = JSON.parse(String(wire(EDGE_JOB_IDS.secretsInRequest).request));
    expect(secrets.access_encoded_key).toMatch(/FAKE/);
    expect(secrets.secret_encoded_key).toMatch(/FAKE/);
    expect(secrets.conf["spark.hadoop.fs.s3a.secret.key"]).toMatch(/FAKE/);
    expect(wire(EDGE_JOB_IDS.unknownStatus).status).toBe("SUSPENDED");
    expect(JSON.parse(String(wire(EDGE_JOB_IDS.unexpectedFieldType).request)).knownsites).toBe(
      "single.vcf",
    );
    expect(JSON.parse(String(wire(EDGE_JOB_IDS.unknownRequestFields).request)).priority).toBe(
      "high",
    );
    const huge = String(wire(EDGE_JOB_IDS.hugeRequest).request);
    expect(JSON.parse(huge).knownsites).toHaveLength(4000);
    expect(huge.length).toBeGreaterThan(200_000);
  });

  it("serves the malformed job in order by its real start time", () => {
    const store = new JobStore(data, () => NOW);
    const all = store.list(EDGE_CASES_PROJECT_ID, { limit: 100, offset: 0, type: "DNA_SOMATIC" });
    expect(all?.jobs.map((j) => j.job_id)).toEqual([
      EDGE_JOB_IDS.unknownStatus,
      EDGE_JOB_IDS.secretsInRequest,
      EDGE_JOB_IDS.malformedJob,
      EDGE_JOB_IDS.unexpectedFieldType,
      EDGE_JOB_IDS.hugeRequest,
    ]);
  });
});
