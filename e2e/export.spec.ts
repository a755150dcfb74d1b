// Export (issue 4): the whole filtered and sorted range, not one page, as CSV and JSON with
// decoded columns and no credentials; the file name carries project, type and range.
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { EXPORT_COLUMNS, parseCsv, RangeTools } from "./pages/range-tools.ts";
import {
  customJob,
  type FixtureJob,
  fixtureJobId,
  makeJobs,
  settledStatusOf,
  spreadDurationOf,
  type UpstreamJob,
} from "./test-upstream.ts";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOUR = 3_600_000;

/** A failed job with every awkward value a spreadsheet export meets; the oldest, and the longest. */
const AWKWARD_ID = "a0000000-0000-4000-8000-0000000000aa";
const AWKWARD_MESSAGE = 'Disk full, "scratch" on\nnode-7; 步骤 3 失败';
const AWKWARD_OWNER = '=HYPERLINK("http://evil.example")';
/** Fake credentials in the request; their encoded and decoded forms must never be exported. */
const SECRETS = ["QUtJQUVYQU1QTEU=", "AKIAEXAMPLE", "c2VjcmV0LWV4YW1wbGU=", "secret-example"];

function exportJobs(): FixtureJob[] {
  return [
    ...makeJobs({
      jobType: "DNA_SOMATIC",
      count: 250,
      newest: T0,
      stepMs: HOUR,
      status: settledStatusOf,
      duration: spreadDurationOf,
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: AWKWARD_ID,
      startTime: T0 - 300 * HOUR,
      status: "FAILED",
      progress: "3/7",
      owner: AWKWARD_OWNER,
      duration: 99_999,
      message: AWKWARD_MESSAGE,
      request: {
        job_type: "DNA_SOMATIC",
        inputs: [
          { sample_type: "tumor", sample_inputs: ["s3a://gene-bucket/Ω/tumor,1.fastq.gz"] },
          { sample_type: "normal", sample_inputs: ["s3a://gene-bucket/Ω/normal.fastq.gz"] },
        ],
        tumor_sample_name: "TUMOR-Ω",
        normal_sample_name: "+NORMAL",
        ref: "hg38",
        output: "s3a://gene-bucket/out/Ω/",
        access_encoded_key: "QUtJQUVYQU1QTEU=",
        secret_encoded_key: "c2VjcmV0LWV4YW1wbGU=",
      },
    }),
    // Germline jobs are another type: never in a somatic export.
    ...makeJobs({ jobType: "DNA_GERMLINE", count: 20, newest: T0, stepMs: HOUR }),
  ];
}

/** FAILED somatic jobs, longest first: the awkward one, then the generated ones. */
function expectedFailedByDuration(jobs: FixtureJob[]): UpstreamJob[] {
  return jobs
    .filter((job) => job.jobType === "DNA_SOMATIC")
    .map((job) => job.wire as UpstreamJob)
    .filter((job) => job.status === "FAILED")
    .sort((a, b) => b.duration - a.duration);
}

function expectNoSecrets(text: string, token: string): void {
  for (const secret of [...SECRETS, token]) expect(text).not.toContain(secret);
}

test("Export CSV: every failed job of the range, longest first, decoded columns, safe cells", async ({
  page,
  jobsPage,
  upstream,
  token,
}) => {
  const jobs = exportJobs();
  upstream.setJobs(jobs);
  const expected = expectedFailedByDuration(jobs);
  expect(expected).toHaveLength(76);
  const tools = new RangeTools(page);
  // Page 2 of the view: the export is still the whole view.
  await jobsPage.goto(PROXY_PROJECT, "status=FAILED&sort=-duration&page=2");
  await expect(jobsPage.total(76)).toBeVisible();
  await expect(jobsPage.bodyRows).toHaveCount(20);

  const { name, text } = await tools.download(tools.exportCsv);
  expect(name).toBe(`gene-jobs_${PROXY_PROJECT}_DNA_SOMATIC_all-time.csv`);
  expectNoSecrets(text, token);

  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual([...EXPORT_COLUMNS]);
  expect(rows).toHaveLength(76);
  for (const row of rows) expect(row).toHaveLength(EXPORT_COLUMNS.length);
  expect(rows.map((row) => row[0])).toEqual(expected.map((job) => job.job_id));
  const record = (row: string[]) =>
    Object.fromEntries(EXPORT_COLUMNS.map((column, i) => [column, row[i]]));

  // A generated job, column by column (job 6: FAILED, hg38, see makeJobs).
  const six = rows.find((row) => row[0] === fixtureJobId("DNA_SOMATIC", 6));
  expect(six).toBeDefined();
  const sixWire = expected.find((job) => job.job_id === fixtureJobId("DNA_SOMATIC", 6));
  const sixRecord = record(six as string[]);
  expect(sixRecord).toMatchObject({
    status: "FAILED",
    duration_seconds: String(sixWire?.duration),
    progress: sixWire?.progress,
    owner: sixWire?.owner,
    tumor_sample: "TUMOR-6",
    normal_sample: "NORMAL-6",
    reference: "hg38",
    output_path: "s3a://gene-bucket/out/6/",
    message: sixWire?.message,
  });
  expect(Date.parse(sixRecord.started ?? "")).toBe(sixWire?.start_time);
  expect(sixRecord.input_paths).toContain("s3a://gene-bucket/tumor-6_R1.fastq.gz");
  expect(sixRecord.input_paths).toContain("s3a://gene-bucket/normal-6_R1.fastq.gz");

  // The awkward job: quotes, commas, a line break and unicode survive; formulas are defused.
  const awkward = record(rows[0] as string[]);
  expect(awkward.job_id).toBe(AWKWARD_ID);
  expect(awkward.message).toBe(AWKWARD_MESSAGE);
  expect(awkward.tumor_sample).toBe("TUMOR-Ω");
  expect(awkward.output_path).toBe("s3a://gene-bucket/out/Ω/");
  expect(awkward.input_paths).toContain("s3a://gene-bucket/Ω/tumor,1.fastq.gz");
  for (const cell of [awkward.owner, awkward.normal_sample]) expect(cell).not.toMatch(/^[=+\-@]/);
  expect(awkward.owner).toContain(AWKWARD_OWNER);
  expect(awkward.normal_sample).toContain("+NORMAL");
});

test("Export JSON: the searched range in the chosen sort; the name carries the dates", async ({
  page,
  jobsPage,
  upstream,
  token,
}) => {
  const jobs = exportJobs();
  upstream.setJobs(jobs);
  const tools = new RangeTools(page);
  // TUMOR-21 and TUMOR-210…219, oldest first, between two explicit days.
  await jobsPage.goto(PROXY_PROJECT, "q=tumor-21&sort=started&from=2026-11-01&to=2026-11-30");
  await expect(jobsPage.total(11)).toBeVisible();

  const { name, text } = await tools.download(tools.exportJson);
  expect(name).toBe(`gene-jobs_${PROXY_PROJECT}_DNA_SOMATIC_2026-11-01_2026-11-30.json`);
  expectNoSecrets(text, token);
  const records = JSON.parse(text) as Record<string, unknown>[];
  const expectedIds = [219, 218, 217, 216, 215, 214, 213, 212, 211, 210, 21].map((n) =>
    fixtureJobId("DNA_SOMATIC", n),
  );
  expect(records.map((r) => r.job_id)).toEqual(expectedIds);
  for (const r of records) expect(Object.keys(r).sort()).toEqual([...EXPORT_COLUMNS].sort());
  const first = records[0] as Record<string, unknown>;
  const wire = jobs.find((job) => (job.wire as UpstreamJob).job_id === expectedIds[0])
    ?.wire as UpstreamJob;
  expect(first).toMatchObject({
    status: wire.status,
    duration_seconds: wire.duration,
    tumor_sample: "TUMOR-219",
    normal_sample: "NORMAL-219",
    reference: "hg19",
    output_path: "s3a://gene-bucket/out/219/",
  });
  expect(Date.parse(String(first.started))).toBe(wire.start_time);
  // The dates went to DLI as start/end; the export read the range with them.
  const reads = upstream.listRequests().filter((request) => request.query.limit === "100");
  expect(reads.length).toBeGreaterThan(0);
  for (const request of reads) {
    expect(request.query.start).toBeDefined();
    expect(request.query.end).toBeDefined();
  }
});

test("Export from the plain view reads the whole range first: all 251 somatic jobs, newest first", async ({
  page,
  jobsPage,
  upstream,
  token,
}) => {
  const jobs = exportJobs();
  upstream.setJobs(jobs);
  const tools = new RangeTools(page);
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  expect(upstream.listRequests().filter((r) => r.query.limit === "100")).toHaveLength(0);

  const { name, text } = await tools.download(tools.exportCsv);
  expect(name).toBe(`gene-jobs_${PROXY_PROJECT}_DNA_SOMATIC_all-time.csv`);
  expectNoSecrets(text, token);
  const [, ...rows] = parseCsv(text);
  const somatic = jobs
    .filter((job) => job.jobType === "DNA_SOMATIC")
    .sort((a, b) => b.startTime - a.startTime)
    .map((job) => (job.wire as UpstreamJob).job_id);
  expect(rows.map((row) => row[0])).toEqual(somatic);
  const offsets = upstream
    .listRequests()
    .filter((r) => r.query.limit === "100")
    .map((r) => Number(r.query.offset))
    .sort((a, b) => a - b);
  expect(offsets).toEqual([0, 100, 200]);
});
