// What the drawer shows, against jobs the test writes into the fake DLI (proxy mode), so every
// value can be checked exactly: the header, the grouped request, a failure, Copy and Download.
import { expect, PROXY_PROJECT, proxyTest } from "./fixtures.ts";
import { MASK, SECTION_NAMES } from "./pages/job-drawer.ts";
import { customJob, makeJobs } from "./test-upstream.ts";

/** The request's text as the drawer should pretty-print it: 2-space indent, keys masked. */
function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

const NOV_25_2026_UTC = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOUR = 3_600_000;

const FULL_ID = "f0110000-0000-4000-8000-000000000001";
const FULL_REQUEST = {
  job_type: "DNA_SOMATIC",
  inputs: [
    {
      sample_type: "tumor",
      sample_inputs: ["s3a://lab-raw/run7/T1_R1.fastq.gz", "s3a://lab-raw/run7/T1_R2.fastq.gz"],
    },
    {
      sample_type: "normal",
      sample_inputs: ["s3a://lab-raw/run7/N1_R1.fastq.gz", "s3a://lab-raw/run7/N1_R2.fastq.gz"],
    },
  ],
  tumor_sample_name: "T1-TUMOR",
  normal_sample_name: "N1-NORMAL",
  file_type: "fastq",
  ref: "hg38",
  output: "s3a://lab-results/somatic/run7/T1.somatic.vcf",
  knownsites: Array.from({ length: 12 }, (_, i) => `site_${String(i).padStart(2, "0")}.hg38.vcf`),
  intervals: null,
  pon: "somatic-hg38-1000g_pon.hg38.vcf.gz",
  germline_resource: "",
  mutect_calls_variant: "small_exac_common_3.hg38.vcf.gz",
  mutect_is_export_bam: false,
  mutect_bam_output: null,
  is_filter_by_orientationBias: true,
  artifact_modes: ["G/T", "C/T"],
  is_filter_by_alignmentArtifacts: false,
  fastq_ubam_conf: ["-PL", "illumina", "-SM", "T1-TUMOR"],
  bwaspark_conf: ["--num-reducers", "400"],
  read_pipeline_spark_conf: null,
  conf: null,
  expect_time: 8,
  access_encoded_key: null,
  secret_encoded_key: null,
};

const FAILED_ID = "f0110000-0000-4000-8000-000000000002";
const LONG_FAILURE =
  "org.apache.spark.SparkException: Job aborted due to stage failure: Task 17 in stage 3.0 failed 4 times\n" +
  `${"\tat org.broadinstitute.hellbender.tools.spark.bwa.BwaSparkEngine.align(BwaSparkEngine.java:134)\n".repeat(30)}` +
  "Caused by: java.lang.OutOfMemoryError: Java heap space -- END-OF-MESSAGE-MARKER";

const HOSTILE_ID = "f0110000-0000-4000-8000-000000000003";
const LONG_PATH = `s3a://lab-results/${"very-long-directory-name/".repeat(20)}T1.somatic.vcf`;
const HOSTILE_REQUEST = {
  job_type: "DNA_SOMATIC",
  tumor_sample_name: '<img src=x onerror="window.__pwned=1">',
  normal_sample_name: "<script>window.__pwned=1</script>",
  output: LONG_PATH,
  mutect_bam_output: "javascript:window.__pwned=1",
  pipeline_note: '<a href="https://evil.example/">click</a>',
};

proxyTest.beforeEach(async ({ upstream }) => {
  upstream.setJobs([
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: FULL_ID,
      startTime: NOV_25_2026_UTC,
      owner: "zhang.wei",
      duration: 4036,
      status: "RUNNING",
      progress: "4/7",
      request: FULL_REQUEST,
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: FAILED_ID,
      startTime: NOV_25_2026_UTC - HOUR,
      status: "FAILED",
      progress: "2/7",
      message: LONG_FAILURE,
      request: FULL_REQUEST,
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: HOSTILE_ID,
      startTime: NOV_25_2026_UTC - 90 * 60_000,
      owner: '<img src=x onerror="window.__pwned=1">',
      message: '<b onmouseover="window.__pwned=1">bold?</b>',
      status: "FAILED",
      request: HOSTILE_REQUEST,
    }),
    ...makeJobs({
      jobType: "DNA_SOMATIC",
      count: 10,
      newest: NOV_25_2026_UTC - 2 * HOUR,
      stepMs: HOUR,
    }),
  ]);
});

proxyTest(
  "header and structured view: status, k/n progress, started, duration, owner, grouped fields",
  async ({ jobsPage, drawer, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await jobsPage.goto(PROXY_PROJECT, { job: FULL_ID });
    await drawer.expectOpenFor(FULL_ID);
    const dialog = drawer.forJob(FULL_ID);

    // Header.
    expect(await drawer.copiedBy(drawer.copyJobId)).toBe(FULL_ID);
    await expect(dialog).toContainText(/running/i);
    expect(await jobsPage.progressOf(drawer.progress)).toEqual({ now: 4, max: 7 });
    await expect(dialog).toContainText("4/7");
    await expect(drawer.field("Started")).toContainText("2026/11/25 12:00:00");
    await expect(drawer.field("Duration")).toHaveText("1h 7min 16s");
    await expect(drawer.field("Owner")).toHaveText("zhang.wei");
    await expect(drawer.failureReason).toHaveCount(0);

    // Sections, in the order; no "Other" without unknown fields. Then the job among
    // its runs (issue 18); no "Run again" for a running job.
    const expected = [
      ...SECTION_NAMES.filter((name) => name !== "Other"),
      "Checks",
      "Other runs",
      "Compare requests",
    ];
    await expect(dialog.getByRole("heading", { level: 3 })).toHaveText(expected);
    await expect(drawer.section("Other")).toHaveCount(0);

    const samples = drawer.section("Samples");
    for (const text of ["T1-TUMOR", "N1-NORMAL", "s3a://lab-raw/run7/N1_R2.fastq.gz"]) {
      await expect(samples).toContainText(text);
    }
    const reference = drawer.section("Reference and resources");
    await expect(reference).toContainText("hg38");
    await expect(reference).toContainText("somatic-hg38-1000g_pon.hg38.vcf.gz");
    await expect(reference).toContainText("small_exac_common_3.hg38.vcf.gz");
    // Empty values (null, "") show as "—".
    await expect(reference.locator("dd").filter({ hasText: /^\s*—\s*$/ })).toHaveCount(2);
    const options = drawer.section("Options");
    await expect(options).toContainText("G/T");
    await expect(options).toContainText("C/T");
    await expect(options).toContainText("8");
    const tools = drawer.section("Tool arguments");
    await expect(tools).toContainText("-PL illumina");
    await expect(tools).toContainText("--num-reducers 400");
    await expect(drawer.section("Outputs")).toContainText(
      "s3a://lab-results/somatic/run7/T1.somatic.vcf",
    );
    // Null credentials are "—", not "set".
    const credentials = drawer.section("Credentials");
    await expect(credentials.locator("dd")).toHaveText(["—", "—"]);
    await expect(dialog).not.toContainText(MASK);

    // A known-sites list of 12: the first 10, then "Show all 12".
    await expect(reference).toContainText("site_09.hg38.vcf");
    await expect(reference).not.toContainText("site_10.hg38.vcf");
    await drawer.showAll(12, reference).click();
    await expect(reference).toContainText("site_11.hg38.vcf");

    // OBS paths: monospace, each with a "Copy path" button that copies exactly that path.
    const path = "s3a://lab-raw/run7/T1_R1.fastq.gz";
    const pathText = samples.getByText(path, { exact: true });
    const font = await pathText.evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font).toMatch(/mono|courier|consolas|menlo/i);
    const copyPath = samples
      .getByRole("button", { name: "Copy path" })
      .and(samples.locator(`xpath=//*[normalize-space(text())="${path}"]/following::button[1]`));
    expect(await drawer.copiedBy(copyPath)).toBe(path);

    // The raw request: a <pre> named "Request JSON", pretty-printed with 2-space indent.
    await expect(drawer.requestPre).toHaveCount(1);
    expect(await drawer.requestPre.textContent()).toBe(pretty(FULL_REQUEST));
  },
);

proxyTest(
  "a FAILED job shows its whole message under Failure reason, in view",
  async ({ jobsPage, drawer }) => {
    await jobsPage.goto(PROXY_PROJECT);
    await jobsPage.jobRow(FAILED_ID).locator("td").first().click();
    await drawer.expectOpenFor(FAILED_ID);
    await expect(drawer.failureReason).toBeVisible();
    await expect(drawer.failureReason).toBeInViewport();
    // In full: nothing cut, first line to last.
    await expect(drawer.failureReason).toContainText(LONG_FAILURE.replace(/\s+/g, " ").trim());
    await expect(drawer.failureReason).toContainText("END-OF-MESSAGE-MARKER");
    await expect(drawer.forJob(FAILED_ID)).toContainText(/failed/i);
  },
);

proxyTest(
  "Copy request and Download request give the pretty-printed, masked request as <id>.request.json",
  async ({ jobsPage, drawer, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const job = makeJobs({ jobType: "DNA_SOMATIC", count: 3, newest: 0, stepMs: 1 })[0];
    const wire = job?.wire as { job_id: string; request: string };
    await jobsPage.goto(PROXY_PROJECT, { job: wire.job_id });
    await drawer.expectOpenFor(wire.job_id);
    const expected = pretty({
      ...JSON.parse(wire.request),
      access_encoded_key: MASK,
      secret_encoded_key: MASK,
    });
    expect(await drawer.requestPre.textContent()).toBe(expected);
    expect(await drawer.copiedRequest()).toBe(expected);
    const file = await drawer.downloadedRequest();
    expect(file.name).toBe(`${wire.job_id}.request.json`);
    expect(file.text).toBe(expected);
  },
);

proxyTest(
  "API values are text: markup shows literally, nothing becomes a link, long OBS paths wrap",
  async ({ jobsPage, drawer, page }) => {
    await jobsPage.goto(PROXY_PROJECT, { job: HOSTILE_ID });
    await drawer.expectOpenFor(HOSTILE_ID);
    const dialog = drawer.forJob(HOSTILE_ID);
    await expect(drawer.field("Owner")).toHaveText('<img src=x onerror="window.__pwned=1">');
    await expect(drawer.failureReason).toContainText('<b onmouseover="window.__pwned=1">bold?</b>');
    await expect(drawer.section("Samples")).toContainText("<script>window.__pwned=1</script>");
    await expect(drawer.section("Other")).toContainText(
      '<a href="https://evil.example/">click</a>',
    );
    await expect(drawer.section("Options")).toContainText("javascript:window.__pwned=1");
    // None of it became an element or a link target.
    await expect(dialog.locator("img, script, b, a[href]")).toHaveCount(0);
    expect(await page.evaluate(() => "__pwned" in window)).toBe(false);

    // A 500-character OBS path wraps inside the drawer instead of widening it.
    const path = drawer.section("Outputs").getByText(LONG_PATH, { exact: true });
    await expect(path).toBeVisible();
    const fits = await path.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const panel = element.closest("dialog")?.getBoundingClientRect();
      return Boolean(panel && box.right <= panel.right + 1 && box.height > 30);
    });
    expect(fits).toBe(true);
    expect(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth + 1)).toBe(true);
  },
);

proxyTest("the raw request is syntax-coloured by token kind", async ({ jobsPage, drawer }) => {
  await jobsPage.goto(PROXY_PROJECT, { job: FULL_ID });
  await drawer.expectOpenFor(FULL_ID);
  const colourOf = (text: string) =>
    drawer.requestPre
      .locator("span")
      .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
      .first()
      .evaluate((element) => getComputedStyle(element).color);
  const key = await colourOf('"tumor_sample_name"');
  const string = await colourOf('"T1-TUMOR"');
  const number = await colourOf("8");
  const literal = await colourOf("null");
  expect(new Set([key, string, number, literal]).size).toBeGreaterThanOrEqual(3);
});
