import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { EMPTY_PROJECT_ID, ONCOLOGY_PROJECT_ID } from "./data.ts";
import { createEmulator, MAX_SUBMIT_BYTES, parseListQuery } from "./routes.ts";
import { SUBMITTED_LAUNCH_SEC } from "./submit.ts";

const parse = (qs: string) => parseListQuery(new URLSearchParams(qs));

describe("parseListQuery", () => {
  it("applies the documented defaults", () => {
    expect(parse("")).toEqual({ ok: true, query: { limit: 10, offset: 0 } });
  });

  it("reads every parameter", () => {
    expect(parse("job_type=DNA_GERMLINE&limit=100&offset=200&start=1&end=2")).toEqual({
      ok: true,
      query: { type: "DNA_GERMLINE", limit: 100, offset: 200, start: 1, end: 2 },
    });
  });

  it("treats empty values as absent", () => {
    expect(parse("job_type=&limit=&start=")).toEqual({ ok: true, query: { limit: 10, offset: 0 } });
  });

  it.each([
    ["job_type=dna_somatic", "job_type"],
    ["job_type=RNA", "job_type"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=1.5", "limit"],
    ["limit=1e2", "limit"],
    ["limit=abc", "limit"],
    ["offset=-1", "offset"],
    ["offset=%200", "offset"],
    ["start=2026-11-01", "start"],
    ["start=1.5", "start"],
    ["end=99999999999999999999", "end"],
    ["end=now", "end"],
  ])("rejects %s, naming %s", (qs, name) => {
    const r = parse(qs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`Parameter ${name} `);
  });
});

const NOW = Date.parse("2026-11-28T10:00:00Z");

const germline = {
  job_type: "DNA_GERMLINE",
  input: ["s3a://pop-raw/run-1/NA12878_1.fq.gz", "s3a://pop-raw/run-1/NA12878_2.fq.gz"],
  output: "s3a://pop-vcf/NA12878.vcf",
  file_type: "FASTQ",
  ref: "hg38",
  knownsites: ["dbsnp_146.hg38.vcf"],
};

/** The emulator's HTTP submit on a real socket, with the emulator's clock in the test's hands. */
async function submitServer() {
  const clock = { now: NOW };
  const emulator = createEmulator(() => clock.now);
  const server = createServer((req, res) => {
    const projectId = new URL(req.url ?? "/", "http://h").pathname.split("/")[2] ?? "";
    void emulator.submit(req, res, projectId);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (projectId: string, body: string) => {
    const res = await fetch(`${base}/v2.0/${projectId}/gene/jobs`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const close = () => new Promise<void>((done) => server.close(() => done()));
  return { clock, emulator, post, close };
}

describe("the emulator's submit over HTTP", () => {
  it("answers 201 {job_id}; the job is listed, launching, and runs on the emulator's clock", async () => {
    const { clock, emulator, post, close } = await submitServer();
    try {
      const body = JSON.stringify(germline);
      const answer = await post(EMPTY_PROJECT_ID, body);
      expect(answer.status).toBe(201);
      expect(Object.keys(answer.body)).toEqual(["job_id"]);
      const listed = () => emulator.store.list(EMPTY_PROJECT_ID, { limit: 10, offset: 0 });
      expect(listed()?.job_count).toBe(1);
      expect(listed()?.jobs[0]).toMatchObject({
        job_id: answer.body.job_id,
        status: "LAUNCHING",
        start_time: NOW,
        request: body,
      });
      clock.now += (SUBMITTED_LAUNCH_SEC + 1) * 1000;
      expect(listed()?.jobs[0]?.status).toBe("RUNNING");
      clock.now += 3_600_000;
      expect(listed()?.jobs[0]?.status).toBe("FINISHED");
    } finally {
      await close();
    }
  });

  it("puts a submitted job first in a demo project's list", async () => {
    const { emulator, post, close } = await submitServer();
    try {
      const answer = await post(ONCOLOGY_PROJECT_ID, JSON.stringify(germline));
      const first = emulator.store.list(ONCOLOGY_PROJECT_ID, {
        type: "DNA_GERMLINE",
        limit: 1,
        offset: 0,
      });
      expect(first?.jobs[0]?.job_id).toBe(answer.body.job_id);
    } finally {
      await close();
    }
  });

  it("refuses bad JSON, a bad request and an oversized body with DLI's 400; an unknown project with 404", async () => {
    const { emulator, post, close } = await submitServer();
    try {
      expect(await post(EMPTY_PROJECT_ID, "{not json")).toEqual({
        status: 400,
        body: { error_code: "DLI.0001", error_msg: "The request body is not valid JSON" },
      });
      const noRef = await post(EMPTY_PROJECT_ID, JSON.stringify({ ...germline, ref: undefined }));
      expect(noRef.status).toBe(400);
      expect(noRef.body.error_msg).toContain("ref");
      const huge = await post(EMPTY_PROJECT_ID, `"${"x".repeat(MAX_SUBMIT_BYTES)}"`);
      expect(huge.status).toBe(400);
      expect(huge.body.error_code).toBe("DLI.0001");
      const unknown = await post("0123456789abcdef0123456789abcdef", JSON.stringify(germline));
      expect(unknown.status).toBe(404);
      expect(unknown.body.error_code).toBe("DLI.0002");
      expect(emulator.store.list(EMPTY_PROJECT_ID, { limit: 10, offset: 0 })?.job_count).toBe(0);
    } finally {
      await close();
    }
  });

  it("is callable without HTTP, as the server's relaunch will call it", () => {
    const emulator = createEmulator(() => NOW);
    const answer = emulator.submitJob(EMPTY_PROJECT_ID, germline, { owner: "li.na" });
    expect(answer.status).toBe(201);
    expect(emulator.store.list(EMPTY_PROJECT_ID, { limit: 1, offset: 0 })?.jobs[0]).toMatchObject({
      job_id: answer.body.job_id,
      owner: "li.na",
      request: JSON.stringify(germline),
    });
  });
});
