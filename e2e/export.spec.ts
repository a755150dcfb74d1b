// Export (issue 4): the whole filtered and sorted range, not one page, as CSV and JSON with
// decoded columns and no credentials; the file name carries project, type and range.
// The CSV is for people (issue 16, item 6): headers, statuses and times in the page's language
// and zone, progress as text a spreadsheet keeps, samples as the table shows them. The JSON is for
// programs: codes, UTC times, DLI's progress.
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

/** The CSV's header on an English page. */
const CSV_HEADER_EN = [
  "Job ID",
  "Status",
  "Started",
  "Started (UTC)",
  "Duration (s)",
  "Progress",
  "Owner",
  "Samples",
  "Tumor sample",
  "Normal sample",
  "Reference",
  "Input files",
  "Output (VCF)",
  "Message",
];
const CSV_HEADER_ZH = [
  "作业 ID",
  "作业状态",
  "创建时间",
  "创建时间（UTC）",
  "运行时长（秒）",
  "进度",
  "用户名",
  "样本",
  "肿瘤样本名称",
  "正常样本名称",
  "参考基因组",
  "输入文件",
  "输出路径（VCF）",
  "信息",
];

/**
 * What a spreadsheet (Excel, WPS, LibreOffice) makes of a cell it opens from CSV: a number, a
 * date (`4/7`, `4-7`, `2026/11/20`), a formula, or text. A rough model, strict where it matters
 * here: anything of digits and date separators alone is taken for a date.
 */
function spreadsheetReads(cell: string): "number" | "date" | "formula" | "text" {
  if (/^[=+\-@]/.test(cell)) return "formula";
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(cell)) return "number";
  if (
    /^\s*\d{1,4}\s*[/.-]\s*\d{1,2}(\s*[/.-]\s*\d{1,4})?(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$/.test(cell)
  )
    return "date";
  return "text";
}

/** Header name → cell, for one parsed CSV row. */
function byHeader(header: string[], row: string[] | undefined): Record<string, string> {
  return Object.fromEntries(header.map((name, i) => [name, row?.[i] ?? ""]));
}

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
  expect(header).toEqual(CSV_HEADER_EN);
  expect(rows).toHaveLength(76);
  for (const row of rows) expect(row).toHaveLength(CSV_HEADER_EN.length);
  expect(rows.map((row) => row[0])).toEqual(expected.map((job) => job.job_id));
  const record = (row: string[]) => byHeader(CSV_HEADER_EN, row);

  // A generated job, column by column (job 6: FAILED, hg38, see makeJobs).
  const six = rows.find((row) => row[0] === fixtureJobId("DNA_SOMATIC", 6));
  expect(six).toBeDefined();
  const sixWire = expected.find((job) => job.job_id === fixtureJobId("DNA_SOMATIC", 6));
  const sixRecord = record(six as string[]);
  expect(sixRecord).toMatchObject({
    Status: "Failed",
    "Duration (s)": String(sixWire?.duration),
    Progress: `${sixWire?.progress} steps`,
    Owner: sixWire?.owner,
    Samples: "T TUMOR-6 / N NORMAL-6",
    "Tumor sample": "TUMOR-6",
    "Normal sample": "NORMAL-6",
    Reference: "hg38",
    "Output (VCF)": "s3a://gene-bucket/out/6/",
    Message: sixWire?.message,
  });
  // The page is in UTC here (the tests' default zone).
  expect(Date.parse(sixRecord["Started (UTC)"] ?? "")).toBe(sixWire?.start_time);
  expect(sixRecord.Started).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+00:00$/);
  expect(sixRecord["Input files"]).toContain("s3a://gene-bucket/tumor-6_R1.fastq.gz");
  expect(sixRecord["Input files"]).toContain("s3a://gene-bucket/normal-6_R1.fastq.gz");

  // The awkward job: quotes, commas, a line break and unicode survive; formulas are defused.
  const awkward = record(rows[0] as string[]);
  expect(awkward["Job ID"]).toBe(AWKWARD_ID);
  expect(awkward.Message).toBe(AWKWARD_MESSAGE);
  expect(awkward["Tumor sample"]).toBe("TUMOR-Ω");
  expect(awkward["Output (VCF)"]).toBe("s3a://gene-bucket/out/Ω/");
  expect(awkward["Input files"]).toContain("s3a://gene-bucket/Ω/tumor,1.fastq.gz");
  for (const cell of Object.values(awkward)) expect(spreadsheetReads(cell)).not.toBe("formula");
  expect(awkward.Owner).toContain(AWKWARD_OWNER);
  expect(awkward["Normal sample"]).toContain("+NORMAL");
  expect(awkward.Samples).toBe("T TUMOR-Ω / N +NORMAL");
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

// 2026-11-20T02:01:00Z: 10:01 in Shanghai (GMT+08:00), 03:01 in Berlin (GMT+01:00).
const STARTED = Date.UTC(2026, 10, 20, 2, 1, 0);
const RUNNING_ID = "b0000000-0000-4000-8000-0000000000b1";

/** A running somatic job at step 4 of 7, and a germline one, to export in each language. */
function languageJobs(): FixtureJob[] {
  return [
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: RUNNING_ID,
      startTime: STARTED,
      status: "RUNNING",
      progress: "4/7",
      owner: "zhang.wei",
      duration: 3_600,
      request: {
        job_type: "DNA_SOMATIC",
        inputs: [
          { sample_type: "tumor", sample_inputs: ["s3a://gene-bucket/HCC1143_T.bam"] },
          { sample_type: "normal", sample_inputs: ["s3a://gene-bucket/HCC1143_N.bam"] },
        ],
        tumor_sample_name: "HCC1143",
        normal_sample_name: "HCC1143-BL",
        ref: "hg38",
        output: "s3a://gene-bucket/out/hcc1143/",
      },
    }),
  ];
}

for (const language of [
  {
    name: "English in Berlin",
    locale: "en-US",
    timezoneId: "Europe/Berlin",
    header: CSV_HEADER_EN,
    status: "Running",
    progress: "4/7 steps",
    started: "2026-11-20 03:01:00 +01:00",
    samples: "T HCC1143 / N HCC1143-BL",
    exportCsv: "Export CSV",
  },
  {
    name: "Chinese in Shanghai",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    header: CSV_HEADER_ZH,
    status: "运行中",
    progress: "4/7 步",
    started: "2026-11-20 10:01:00 +08:00",
    samples: "肿瘤 HCC1143 / 正常 HCC1143-BL",
    exportCsv: "导出 CSV",
  },
]) {
  test.describe(`Export CSV, ${language.name}`, () => {
    test.use({ locale: language.locale, timezoneId: language.timezoneId });

    test("reads in a spreadsheet as the page shows it: headers, status, local time with its offset, progress as text", async ({
      page,
      jobsPage,
      upstream,
    }) => {
      upstream.setJobs(languageJobs());
      await jobsPage.goto(PROXY_PROJECT);
      await expect(page.locator(`tr[data-job-id="${RUNNING_ID}"]`)).toBeVisible();
      const tools = new RangeTools(page);
      const { text } = await tools.download(
        page.getByRole("button", { name: language.exportCsv, exact: true }),
      );
      expect(text.startsWith("\uFEFF")).toBe(true);
      const [header, row, ...rest] = parseCsv(text);
      expect(rest).toEqual([]);
      expect(header).toEqual(language.header);
      const cells = byHeader(language.header, row);
      const cell = (column: number) => cells[language.header[column] as string] ?? "";

      expect(cell(0)).toBe(RUNNING_ID);
      expect(cell(1)).toBe(language.status);
      // Started: the page's zone with its offset; then the machine column, ISO UTC.
      expect(cell(2)).toBe(language.started);
      expect(cell(3)).toBe("2026-11-20T02:01:00.000Z");
      expect(spreadsheetReads(cell(4))).toBe("number");
      // Progress: 4/7 would open as 7 April (or 4 July); it stays text.
      expect(cell(5)).toBe(language.progress);
      expect(spreadsheetReads(cell(5))).toBe("text");
      expect(cell(7)).toBe(language.samples);
      expect(cell(8)).toBe("HCC1143");
      expect(cell(9)).toBe("HCC1143-BL");
      for (const value of Object.values(cells)) expect(spreadsheetReads(value)).not.toBe("formula");
    });
  });
}
