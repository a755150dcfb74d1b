// Runs of one analysis (issue 18) in the browser: "run k of n" in the list, the drawer's other
// runs, a bookmarked comparison, sample-sheet warnings, and "Run again". Demo mode runs the
// emulator's story at a fixed clock (its jobs have fixed ids: storyJobId); proxy mode runs a
// fake DLI holding two runs of one analysis with credentials inside their requests.
import { test as base, type Locator, type Page } from "@playwright/test";
import { ONCOLOGY_PROJECT_ID, POPULATION_PROJECT_ID } from "../server/emulator/projects.ts";
import { storyJobId } from "../server/emulator/story.ts";
import { relaunchPath } from "../src/contract/relaunch.ts";
import { type CheckedJob, prepareChecks } from "../src/contract/request-checks.ts";
import { seriousViolations } from "./axe.ts";
import { allDemoJobs } from "./demo-jobs.ts";
import {
  BrowserTraffic,
  expect,
  expectSecretNotLeaked,
  PROXY_PROJECT,
  type RunningServer,
  startDemoServer,
  startProxyServer,
  test,
} from "./fixtures.ts";
import { JobDrawer } from "./pages/job-drawer.ts";
import { JobRuns } from "./pages/job-runs.ts";
import { JobsPage } from "./pages/jobs-page.ts";
import {
  customJob,
  type FixtureJob,
  randomToken,
  replies,
  startTestUpstream,
  type TestUpstream,
} from "./test-upstream.ts";

/** The demo's clock: noon in the lab (UTC+8) on Wednesday 25 November 2026. */
const DEMO_NOW = Date.UTC(2026, 10, 25, 4, 0);
/** The story's week, as the list's `from=` (the browser's zone is UTC). */
const STORY_WEEK = "2026-11-18";

const onc = (name: string) => storyJobId(ONCOLOGY_PROJECT_ID, name);
const pop = (name: string) => storyJobId(POPULATION_PROJECT_ID, name);

/**
 * Saves a screenshot of the page or of one part of it (scrolled into view) in the running test's
 * output folder, and attaches it to the report.
 */
async function shoot(target: Page | Locator, name: string): Promise<void> {
  const testInfo = test.info();
  const path = testInfo.outputPath(`runs-${name}.png`);
  await target.screenshot({ path });
  await testInfo.attach(`runs-${name}`, { path, contentType: "image/png" });
}

/** The story's demo server, at DEMO_NOW, one per worker; the browser's clock says the same. */
const demo = test.extend<{ runs: JobRuns }, { storyServer: RunningServer }>({
  storyServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
    async ({}, use) => {
      const server = await startDemoServer({ demoNow: () => DEMO_NOW });
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ storyServer }, use) => {
    await use(storyServer.url);
  },
  page: async ({ page }, use) => {
    await page.clock.setFixedTime(DEMO_NOW);
    await use(page);
  },
  runs: async ({ page }, use) => {
    await use(new JobRuns(page));
  },
});

demo.describe("demo: runs of one analysis", () => {
  demo(
    "a rerun says 'run k of n'; its drawer lists the other runs, newest first, each a link",
    async ({ jobsPage, drawer, runs, page }) => {
      // Three runs of ONC26-9933: a mistyped input, then YARN's memory limit, then a finished one.
      const [first, second, third] = ["three-runs-1", "three-runs-2", "three-runs-3"].map(onc) as [
        string,
        string,
        string,
      ];
      await jobsPage.goto(ONCOLOGY_PROJECT_ID, { from: STORY_WEEK, q: "ONC26-9933", job: third });
      await drawer.expectOpenFor(third);
      await expect(runs.runMark(jobsPage.row(third), 3, 3)).toBeVisible();
      await expect(runs.runMark(jobsPage.row(second), 2, 3)).toBeVisible();
      await expect(runs.runMark(jobsPage.row(first), 1, 3)).toBeVisible();
      // Another job found by the search (its normal files carry ONC26-9933) is no run of these.
      await expect(runs.runMark(jobsPage.row(onc("other-sample")))).toHaveCount(0);

      // Newest first, each with its status, start, duration and failure cause.
      await expect(runs.otherRunItems).toHaveCount(2);
      await expect(runs.otherRunItems.nth(0)).toContainText(second);
      await expect(runs.otherRunItems.nth(1)).toContainText(first);
      await expect(runs.otherRun(second)).toContainText(
        /Failed\s*2026\/11\/21 03:05:00 UTC · 22min 10s · Container killed by YARN for exceeding memory limits/,
      );
      await expect(runs.otherRun(first)).toContainText(
        /Failed\s*2026\/11\/20 01:30:00 UTC · 6min 40s · OBS 404 NoSuchKey reading input/,
      );
      await expect(runs.otherRun(third)).toHaveCount(0);
      await shoot(runs.otherRuns, "other-runs");

      // A run is a link: it opens that job's drawer (pushed, so Back returns).
      await runs.openRun(second).click();
      await drawer.expectOpenFor(second);
      expect(jobsPage.search().get("job")).toBe(second);
      await expect(runs.otherRunItems).toHaveCount(2);
      await expect(runs.otherRunItems.nth(0)).toContainText(third);
      await expect(runs.otherRunItems.nth(1)).toContainText(first);
      await expect(runs.otherRun(third)).toContainText(
        /Finished\s*2026\/11\/21 08:20:00 UTC · 2h 21s/,
      );
      await page.goBack();
      await drawer.expectOpenFor(third);
    },
  );

  demo(
    "a bookmarked comparison shows the changed Spark setting, no secret, and Stop comparing is undone by Back",
    async ({ jobsPage, drawer, runs, page }) => {
      // Out of memory with 16g executors, then the same pair with 32g.
      const [oomRun, rerun] = [onc("oom-run"), onc("oom-rerun")] as [string, string];
      await jobsPage.goto(ONCOLOGY_PROJECT_ID, {
        from: STORY_WEEK,
        q: "ONC26-9917",
        job: rerun,
        compare: oomRun,
      });
      await drawer.expectOpenFor(rerun);
      await expect(runs.runMark(jobsPage.row(rerun), 2, 2)).toBeVisible();
      await expect(runs.runMark(jobsPage.row(oomRun), 1, 2)).toBeVisible();
      await expect(runs.comparison).toHaveAccessibleName(`Changes from ${oomRun} to this job`);
      // One field changed: one Spark argument removed and one added, the rest of the list alike.
      await expect(runs.comparison.getByRole("row")).toHaveCount(1);
      const spark = runs.diffRow(runs.comparison, "bwaspark_conf");
      await expect(spark.getByRole("listitem")).toHaveText([
        /^−\s*removed:\s+--spark-conf spark\.executor\.memory=16g$/,
        /^\+\s*added:\s+--spark-conf spark\.executor\.memory=32g$/,
      ]);
      await expect(spark.getByRole("deletion")).toHaveText(
        "--spark-conf spark.executor.memory=16g",
      );
      await expect(spark.getByRole("insertion")).toHaveText(
        "--spark-conf spark.executor.memory=32g",
      );
      await expect(runs.compare).not.toContainText("spark.executor.cores");
      // The demo's requests carry no keys (null): no credential field is compared or shown.
      await expect(runs.comparison).not.toContainText(/encoded_key/);
      await shoot(runs.compare, "comparison");

      await runs.stopComparing.click();
      await expect(page).not.toHaveURL(/[?&]compare=/);
      await expect(runs.comparison).toHaveCount(0);
      await drawer.expectOpenFor(rerun);
      await page.goBack();
      await expect(page).toHaveURL(new RegExp(`[?&]compare=${oomRun}(&|$)`));
      await expect(runs.comparison).toBeVisible();
      await page.goForward();
      await expect(page).not.toHaveURL(/[?&]compare=/);
      await expect(runs.comparison).toHaveCount(0);
      await drawer.expectOpenFor(rerun);

      // The default comparison is the previous run.
      await expect(runs.compareWith).toHaveAttribute("placeholder", `the previous run (${oomRun})`);
      await runs.showComparison.click();
      await expect(page).toHaveURL(new RegExp(`[?&]compare=${oomRun}(&|$)`));
      await expect(runs.diffRow(runs.comparison, "bwaspark_conf")).toBeVisible();
    },
  );
});

demo.describe("demo: sample-sheet warnings", () => {
  /** One story job per rule: the row's mark, and the drawer's title, reason and fields. */
  const CASES: {
    rule: string;
    project: string;
    search: Record<string, string>;
    jobId: string;
    title: string;
    why: string;
    fields: string;
    related: string[];
  }[] = [
    {
      rule: "missing normal",
      project: ONCOLOGY_PROJECT_ID,
      search: { q: "ONC26-9946" },
      jobId: onc("missing-normal"),
      title: "No normal sample",
      why: "Somatic calling compares the tumor with a normal sample; without one every germline variant is reported as somatic.",
      fields: "Fields: inputs",
      related: [],
    },
    {
      rule: "reference mismatch",
      project: ONCOLOGY_PROJECT_ID,
      search: { q: "ONC26-9961" },
      jobId: onc("reference-mismatch"),
      title: "Resources of another genome build",
      why: "Known sites, panel of normals or germline resource must match the reference build (hg19 vs hg38), or the job fails or calls at wrong positions.",
      fields: "Fields: ref, knownsites[1], germline_resource",
      related: [],
    },
    {
      rule: "unpaired FASTQ",
      project: POPULATION_PROJECT_ID,
      search: { type: "DNA_GERMLINE", q: "CHNPOP-06041" },
      jobId: pop("unpaired-lanes"),
      title: "A FASTQ file without its mate",
      why: "Paired-end reads need R1 and R2 together; a missing mate makes alignment fail hours in.",
      fields: "Fields: input[0], input[1]",
      related: [],
    },
    {
      rule: "duplicate",
      project: POPULATION_PROJECT_ID,
      search: { type: "DNA_GERMLINE", q: "CHNPOP-06011" },
      jobId: pop("duplicate-2"),
      title: "Same samples and reference submitted again",
      why: "A run of the same analysis is still active or finished less than a day ago: this may be a duplicate that doubles the cost.",
      fields: "Fields: fastq_to_sam_conf, ref",
      // The first submission, finished that morning.
      related: [`Other jobs: ${pop("duplicate-1")}`],
    },
  ];

  for (const c of CASES) {
    demo(
      `${c.rule}: the row says so and the drawer's Checks say why and which fields`,
      async ({ jobsPage, drawer, runs }) => {
        await jobsPage.goto(c.project, { from: STORY_WEEK, ...c.search, job: c.jobId });
        await drawer.expectOpenFor(c.jobId);
        await expect(runs.warningMark(jobsPage.row(c.jobId), c.title)).toHaveText(
          new RegExp(`^⚠ (.*; )?${c.title}(; .*)?$`),
        );
        const finding = runs.finding(c.title);
        await expect(finding).toHaveCount(1);
        await expect(finding.getByRole("paragraph")).toHaveText([c.why, c.fields, ...c.related]);
        await shoot(runs.checks, `checks-${c.rule.replace(/\s+/g, "-")}`);
      },
    );
  }

  demo(
    "the overview's Needs attention counts the sample-sheet warnings and names them",
    async ({ page, request }) => {
      // The range the overview reads, checked here with the contract's own (unit-tested) rules.
      const since = Date.UTC(2026, 10, 18);
      const jobs = (await allDemoJobs(request, ONCOLOGY_PROJECT_ID)).filter(
        (job) => Number(job.start_time) >= since,
      );
      const checked: CheckedJob[] = jobs.map((job) => ({
        jobId: job.job_id,
        jobType: "DNA_SOMATIC",
        status: job.status,
        startTime: Number(job.start_time),
        request: JSON.parse(job.request),
        durationSeconds: job.duration ?? null,
      }));
      const check = prepareChecks(checked);
      const flagged = checked.filter((job) => check(job).length > 0).length;
      // At least the story's mistakes: one per rule the oncology project shows.
      expect(flagged).toBeGreaterThanOrEqual(7);

      await page.goto(`/projects/${ONCOLOGY_PROJECT_ID}/overview?from=${STORY_WEEK}`);
      const attention = page.getByRole("region", { name: /^Needs attention/ });
      const warnings = attention.getByRole("heading", {
        level: 3,
        name: `${flagged} sample-sheet warnings`,
      });
      await expect(warnings).toBeVisible();
      // The section's count is the stuck and slow jobs plus the warnings: one item each.
      const items = attention.locator("li.attention-item");
      const heading = attention.getByRole("heading", { level: 2 });
      await expect(heading).toHaveText(/^Needs attention\s*\d+$/);
      const count = Number(/(\d+)$/.exec((await heading.textContent()) ?? "")?.[1]);
      // Stuck and slow jobs first, then the warnings (all of them: fewer than ten).
      expect(flagged).toBeLessThanOrEqual(10);
      expect(count).toBeGreaterThan(flagged);
      await expect(items).toHaveCount(count);
      for (const [story, title] of [
        ["missing-normal", "No normal sample"],
        ["reference-mismatch", "Resources of another genome build"],
        ["tumor-is-normal", "Tumor and normal are the same sample"],
        ["other-sample", "An input file named after another sample"],
      ] as const) {
        const item = items.filter({ has: page.getByRole("link", { name: onc(story) }) });
        await expect(item.getByRole("listitem")).toContainText([title]);
      }
    },
  );
});

demo.describe("demo: sample-sheet warnings in Chinese", () => {
  demo.use({ locale: "zh-CN" });

  demo(
    "a missing normal sample is named in Chinese in the row and the drawer",
    async ({ jobsPage, page }) => {
      const jobId = onc("missing-normal");
      await jobsPage.goto(ONCOLOGY_PROJECT_ID, { from: STORY_WEEK, q: "ONC26-9946", job: jobId });
      await expect(page.getByRole("dialog", { name: new RegExp(jobId) })).toBeVisible();
      // The table's name is Chinese too: the row by its job id.
      const row = page.locator(`tbody tr[data-job-id="${jobId}"]`);
      await expect(row.locator(".check-mark")).toHaveText("⚠ 缺少正常样本");
      const checks = page.getByRole("region", { name: "检查", exact: true });
      await expect(checks.getByRole("listitem")).toHaveCount(1);
      await expect(checks.getByRole("listitem")).toContainText("缺少正常样本");
      await expect(checks.getByRole("paragraph")).toHaveText([
        "体细胞变异检测需要将肿瘤与正常样本对比；缺少正常样本时，所有胚系变异都会被报告为体细胞变异。",
        "字段：inputs",
      ]);
      await expect(checks).not.toContainText("No normal sample");
      await shoot(checks, "checks-zh");
    },
  );
});

demo.describe("demo: Run again", () => {
  // A private server: the submitted job must not become a run in the other tests' story.
  const own = demo.extend<{ ownServer: RunningServer }>({
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
    ownServer: async ({}, use) => {
      const server = await startDemoServer({ demoNow: () => DEMO_NOW });
      await use(server);
      await server.close();
    },
    baseURL: async ({ ownServer }, use) => {
      await use(ownServer.url);
    },
  });

  own(
    "a failed story job runs again with more memory and becomes the next run",
    async ({ jobsPage, drawer, runs, page }) => {
      const [oomRun, rerun] = [onc("oom-run"), onc("oom-rerun")] as [string, string];
      await jobsPage.goto(ONCOLOGY_PROJECT_ID, { from: STORY_WEEK, q: "ONC26-9917", job: oomRun });
      await drawer.expectOpenFor(oomRun);
      await expect(runs.runMark(jobsPage.row(oomRun), 1, 2)).toBeVisible();
      await runs.runAgain.click();
      await expect(runs.dialog).toHaveAccessibleName(`Run ${oomRun} again`);
      await expect(
        runs.dialog.getByText("No changes: the same request will be submitted again."),
      ).toBeVisible();

      const spark = runs.argumentField("bwaspark_conf");
      await expect(spark).toHaveValue(
        "--spark-conf\nspark.executor.memory=16g\n--spark-conf\nspark.executor.cores=4",
      );
      await spark.fill(
        "--spark-conf\nspark.executor.memory=24g\n--spark-conf\nspark.executor.cores=4",
      );
      await expect(runs.expectTime).toHaveValue("4");
      await runs.expectTime.fill("8");
      // The diff follows the edits as they are made.
      await expect(runs.dialogChanges.getByRole("row")).toHaveCount(2);
      await expect(
        runs.diffRow(runs.dialogChanges, "bwaspark_conf").getByRole("listitem"),
      ).toHaveText([
        /removed:\s+--spark-conf spark\.executor\.memory=16g$/,
        /added:\s+--spark-conf spark\.executor\.memory=24g$/,
      ]);
      await expect(runs.diffRow(runs.dialogChanges, "expect_time")).toHaveText(
        /^expect_time\s*changed:\s*4\s*→\s*8$/,
      );
      await shoot(runs.dialog, "relaunch-dialog");

      await runs.submit.click();
      await expect(runs.submitted).toHaveText(/^Submitted as job [0-9a-f-]{36}\.$/);
      const newId =
        /job ([0-9a-f-]{36})/.exec((await runs.submitted.textContent()) ?? "")?.[1] ?? "";
      await runs.openNewJob.click();
      await expect(runs.dialog).toHaveCount(0);
      await drawer.expectOpenFor(newId);
      await expect(drawer.dialog.getByText("Launching", { exact: true })).toBeVisible();
      expect(jobsPage.search().get("job")).toBe(newId);
      // Opened newest first, without the search that found the first runs: the next run.
      expect(jobsPage.search().get("q")).toBeNull();
      await expect(runs.runMark(jobsPage.row(newId), 3, 3)).toBeVisible();
      await expect(runs.otherRunItems).toHaveCount(2);
      await expect(runs.otherRunItems.nth(0)).toContainText(rerun);
      await expect(runs.otherRunItems.nth(1)).toContainText(oomRun);
      // Still no search once the list has settled: the search box must not put the old one back.
      expect(jobsPage.search().get("q")).toBeNull();
      await shoot(page, "relaunched");
    },
  );
});

demo.describe("demo: accessibility of the runs' sections and the Run again dialog", () => {
  for (const scheme of ["light", "dark"] as const) {
    demo(
      `axe, ${scheme}: a drawer with a check and a comparison, then the dialog`,
      async ({ jobsPage, drawer, runs, page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        // Tall enough for the whole dialog in one screenshot.
        await page.setViewportSize({ width: 1280, height: 1500 });
        // The mistyped run: a FASTQ without its mate; compared with the run that fixed it.
        const [first, second] = [onc("three-runs-1"), onc("three-runs-2")] as [string, string];
        await jobsPage.goto(ONCOLOGY_PROJECT_ID, {
          from: STORY_WEEK,
          q: "ONC26-9933",
          job: first,
          compare: second,
        });
        await drawer.expectOpenFor(first);
        await expect(runs.finding("A FASTQ file without its mate")).toBeVisible();
        await expect(runs.diffRow(runs.comparison, "inputs[1].sample_inputs")).toBeVisible();
        await expect(runs.otherRunItems).toHaveCount(2);
        expect(await seriousViolations(page)).toEqual([]);
        for (const [name, section] of [
          ["checks", runs.checks],
          ["other-runs", runs.otherRuns],
          ["compare", runs.compare],
          ["run-again", runs.runAgainSection],
        ] as const) {
          await shoot(section, `${name}-${scheme}`);
        }

        await runs.runAgain.click();
        await expect(runs.dialog).toBeVisible();
        await runs.expectTime.fill("5");
        await expect(runs.diffRow(runs.dialogChanges, "expect_time")).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await shoot(runs.dialog, `dialog-${scheme}`);
      },
    );
  }
});

// ---------------------------------------------------------------------------------------------
// Proxy mode: a fake DLI with two runs of one analysis, credentials inside their requests.

const MINUTE = 60_000;
/** The fixture's "now": the upstream lists a submitted job at the real clock, so it is that. */
const NOW = Date.now();
const RUN_1 = "a1a1a1a1-0000-4000-8000-000000000001";
const RUN_2 = "a1a1a1a1-0000-4000-8000-000000000002";
const NO_NORMAL = "a1a1a1a1-0000-4000-8000-000000000003";
/** Each run's keys differ, so a comparison that showed values would show them. */
const KEYS = {
  [RUN_1]: { access: "QUstUlVOMS1hY2Nlc3M=", secret: "U0stUlVOMS1zZWNyZXQ=" },
  [RUN_2]: { access: "QUstUlVOMi1hY2Nlc3M=", secret: "U0stUlVOMi1zZWNyZXQ=" },
  [NO_NORMAL]: { access: "QUstTk9STUFMLWFjY2Vzcw==", secret: "U0stTk9STUFMLXNlY3JldA==" },
};
const ALL_KEYS = Object.values(KEYS).flatMap(({ access, secret }) => [access, secret]);

const OOM =
  "org.apache.spark.SparkException: Job aborted due to stage failure: Task 118 in stage 3.0 failed 4 times, " +
  "most recent failure: Lost task 118.3 in stage 3.0 (TID 4242) (dli-node-2-17 executor 7): " +
  "java.lang.OutOfMemoryError: Java heap space\n" +
  "\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)";

function somatic(jobId: keyof typeof KEYS, sample: string, memory: string) {
  const raw = `s3a://lab-raw/run-7/${sample}`;
  return {
    job_type: "DNA_SOMATIC",
    inputs: [
      {
        sample_type: "tumor",
        sample_inputs: [`${raw}/${sample}_tumor_R1.fastq.gz`, `${raw}/${sample}_tumor_R2.fastq.gz`],
      },
      {
        sample_type: "normal",
        sample_inputs: [
          `${raw}/${sample}_normal_R1.fastq.gz`,
          `${raw}/${sample}_normal_R2.fastq.gz`,
        ],
      },
    ],
    tumor_sample_name: `${sample}_tumor`,
    normal_sample_name: `${sample}_normal`,
    file_type: "fastq",
    ref: "hg38",
    output: `s3a://lab-results/somatic/${sample}/`,
    knownsites: ["dbsnp_146.hg38.vcf", "mills_and_1000g_gold_standard.indels.hg38.vcf"],
    bwaspark_conf: [
      "--spark-conf",
      `spark.executor.memory=${memory}`,
      "--spark-conf",
      "spark.executor.cores=4",
    ],
    expect_time: 6,
    access_encoded_key: KEYS[jobId].access,
    secret_encoded_key: KEYS[jobId].secret,
  };
}

const RUN_1_REQUEST = somatic(RUN_1, "LAB-0417", "16g");
const RUN_1_START = NOW - 300 * MINUTE;

function proxyJobs(): FixtureJob[] {
  const noNormal = somatic(NO_NORMAL, "LAB-0420", "16g");
  noNormal.inputs = noNormal.inputs.filter((side) => side.sample_type === "tumor");
  return [
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: RUN_1,
      startTime: RUN_1_START,
      status: "FAILED",
      progress: "2/7",
      duration: 1500,
      message: OOM,
      request: RUN_1_REQUEST,
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: RUN_2,
      startTime: NOW - 200 * MINUTE,
      duration: 5400,
      request: somatic(RUN_2, "LAB-0417", "32g"),
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: NO_NORMAL,
      startTime: NOW - 100 * MINUTE,
      duration: 3000,
      request: noNormal,
    }),
  ];
}

type ProxyFixtures = {
  /** Whether the proxy submits (DLI_ALLOW_SUBMIT=1); off by default, as in production. */
  allowSubmit: boolean;
  jobsPage: JobsPage;
  drawer: JobDrawer;
  runs: JobRuns;
  traffic: BrowserTraffic;
  /** The fixture jobs, the default submit and no recorded requests, before each test. */
  freshUpstream: undefined;
};
type ProxyWorkerFixtures = {
  upstream: TestUpstream;
  token: string;
  readOnlyServer: RunningServer;
  submittingServer: RunningServer;
};

/**
 * One fake DLI per worker and two proxy servers in front of it, with and without submitting.
 * Each test starts from the same jobs and no recorded requests; after it, neither the IAM token
 * nor any key of the requests is in the page.
 */
const proxy = base.extend<ProxyFixtures, ProxyWorkerFixtures>({
  upstream: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
    async ({}, use) => {
      const upstream = await startTestUpstream();
      await use(upstream);
      await upstream.close();
    },
    { scope: "worker" },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
  token: [async ({}, use) => use(randomToken()), { scope: "worker" }],
  readOnlyServer: [
    async ({ upstream, token }, use) => {
      const server = await startProxyServer(upstream.url, { kind: "token", token });
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],
  submittingServer: [
    async ({ upstream, token }, use) => {
      const server = await startProxyServer(upstream.url, { kind: "token", token }, undefined, {
        allowSubmit: true,
      });
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],
  allowSubmit: [false, { option: true }],
  freshUpstream: [
    async ({ upstream }, use) => {
      upstream.setJobs(proxyJobs());
      upstream.scriptSubmit();
      upstream.clearRequests();
      await use(undefined);
    },
    { auto: true },
  ],
  baseURL: async ({ allowSubmit, readOnlyServer, submittingServer }, use) => {
    await use((allowSubmit ? submittingServer : readOnlyServer).url);
  },
  jobsPage: async ({ page }, use) => {
    await use(new JobsPage(page));
  },
  drawer: async ({ page }, use) => {
    await use(new JobDrawer(page));
  },
  runs: async ({ page }, use) => {
    await use(new JobRuns(page));
  },
  traffic: [
    async ({ page, token }, use) => {
      const traffic = new BrowserTraffic(page);
      await use(traffic);
      await expectSecretNotLeaked(page, traffic, token);
      const html = await page.content();
      for (const key of ALL_KEYS) expect(html).not.toContain(key);
    },
    { auto: true },
  ],
});

proxy.describe("proxy: runs, a comparison and a check from DLI's own list", () => {
  proxy(
    "the two runs are linked and compared without a key on the page; the third job is flagged",
    async ({ jobsPage, drawer, runs, page }) => {
      await jobsPage.goto(PROXY_PROJECT, { job: RUN_2 });
      await drawer.expectOpenFor(RUN_2);
      await expect(runs.runMark(jobsPage.row(RUN_2), 2, 2)).toBeVisible();
      await expect(runs.runMark(jobsPage.row(RUN_1), 1, 2)).toBeVisible();
      await expect(runs.runMark(jobsPage.row(NO_NORMAL))).toHaveCount(0);
      await expect(runs.warningMark(jobsPage.row(NO_NORMAL), "No normal sample")).toHaveText(
        "⚠ No normal sample",
      );
      await expect(runs.warningMark(jobsPage.row(RUN_2), "")).toHaveCount(0);

      await expect(runs.otherRunItems).toHaveCount(1);
      await expect(runs.otherRun(RUN_1)).toContainText(
        /Failed\s*\S+ \S+ \S+ · 25min · OutOfMemoryError: Java heap space\s*Compare with this run$/,
      );
      await runs.otherRun(RUN_1).getByRole("button", { name: "Compare with this run" }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]compare=${RUN_1}(&|$)`));
      await expect(runs.comparison).toHaveAccessibleName(`Changes from ${RUN_1} to this job`);
      // The keys differ between the runs but are masked on both sides: not a change.
      await expect(runs.comparison.getByRole("row")).toHaveCount(1);
      await expect(runs.diffRow(runs.comparison, "bwaspark_conf").getByRole("listitem")).toHaveText(
        [
          /removed:\s+--spark-conf spark\.executor\.memory=16g$/,
          /added:\s+--spark-conf spark\.executor\.memory=32g$/,
        ],
      );
      const text = (await page.locator("body").textContent()) ?? "";
      for (const key of ALL_KEYS) expect(text).not.toContain(key);

      await jobsPage.goto(PROXY_PROJECT, { job: NO_NORMAL });
      await drawer.expectOpenFor(NO_NORMAL);
      await expect(runs.findings).toHaveCount(1);
      await expect(runs.finding("No normal sample").getByRole("paragraph")).toHaveText([
        "Somatic calling compares the tumor with a normal sample; without one every germline variant is reported as somatic.",
        "Fields: inputs",
      ]);
    },
  );
});

proxy.describe("proxy: Run again is off without DLI_ALLOW_SUBMIT", () => {
  proxy(
    "the drawer says why, and the server forwards nothing",
    async ({ jobsPage, drawer, runs, page, upstream }) => {
      await jobsPage.goto(PROXY_PROJECT, { job: RUN_1 });
      await drawer.expectOpenFor(RUN_1);
      await expect(runs.runAgainSection).toContainText(
        "Run again is off: this server does not submit jobs to DLI (set DLI_ALLOW_SUBMIT=1 on the server to allow it).",
      );
      await expect(runs.runAgain).toHaveCount(0);
      // Asked all the same, the server refuses and DLI hears nothing of it.
      const answer = await page.request.post(relaunchPath(PROXY_PROJECT, RUN_1), {
        data: { edits: { expect_time: 8 } },
      });
      expect(answer.status()).toBe(403);
      expect(await answer.json()).toMatchObject({ error_code: "DASHBOARD.SUBMIT_DISABLED" });
      expect(upstream.submitRequests()).toEqual([]);
      expect(upstream.requests.filter((request) => request.method !== "GET")).toEqual([]);
    },
  );
});

proxy.describe("proxy: Run again with DLI_ALLOW_SUBMIT=1", () => {
  proxy.use({ allowSubmit: true });

  /** Opens the failed run's "Run again" dialog and makes two edits. */
  async function editRun1(jobsPage: JobsPage, drawer: JobDrawer, runs: JobRuns) {
    await jobsPage.goto(PROXY_PROJECT, { job: RUN_1 });
    await drawer.expectOpenFor(RUN_1);
    await runs.runAgain.click();
    await runs.argumentField("bwaspark_conf").fill(EDITED_SPARK.join("\n"));
    await runs.expectTime.fill("9");
    await expect(runs.dialogChanges.getByRole("row")).toHaveCount(2);
  }

  proxy(
    "DLI receives the original request, keys included, with the edits; the browser sent only the edits",
    async ({ jobsPage, drawer, runs, page, upstream, token }) => {
      const sent: string[] = [];
      page.on("request", (request) => {
        if (request.method() === "POST")
          sent.push(`${new URL(request.url()).pathname}\n${request.postData() ?? ""}`);
      });
      await editRun1(jobsPage, drawer, runs);
      await runs.submit.click();
      await expect(runs.submitted).toBeVisible();
      const newId =
        /job ([0-9a-f-]{36})/.exec((await runs.submitted.textContent()) ?? "")?.[1] ?? "";

      // Exactly one submit, of the original request with the two edits, keys as they were.
      const submits = upstream.submitRequests();
      expect(submits).toHaveLength(1);
      expect(submits[0]?.path).toBe(`/v2.0/${PROXY_PROJECT}/gene/jobs`);
      expect(submits[0]?.headers["x-auth-token"]).toBe(token);
      expect(JSON.parse(submits[0]?.body ?? "")).toEqual({
        ...RUN_1_REQUEST,
        bwaspark_conf: EDITED_SPARK,
        expect_time: 9,
      });
      expect(upstream.job(newId).status).toBe("LAUNCHING");

      // The page sent the job id (in the path) and the edits, and no key.
      expect(sent).toHaveLength(1);
      const [path, body] = (sent[0] ?? "").split("\n") as [string, string];
      expect(path).toBe(relaunchPath(PROXY_PROJECT, RUN_1));
      // The edits, and the job's start time: a hint where in DLI's list to find its request.
      expect(JSON.parse(body)).toEqual({
        edits: { bwaspark_conf: EDITED_SPARK, expect_time: 9 },
        startTime: RUN_1_START,
      });
      for (const key of ALL_KEYS) expect(body).not.toContain(key);

      await runs.openNewJob.click();
      await drawer.expectOpenFor(newId);
      await expect(runs.runMark(jobsPage.row(newId), 3, 3)).toBeVisible();
      await expect(runs.runMark(jobsPage.row(RUN_1), 1, 3)).toBeVisible();
    },
  );

  proxy(
    "DLI's refusal shows its code and message in the dialog",
    async ({ jobsPage, drawer, runs, upstream }) => {
      upstream.scriptSubmit(() =>
        replies.dliError(
          400,
          "DLI.0001",
          "Parameter check failed: expect_time must not exceed the queue's 8 hours",
        ),
      );
      await editRun1(jobsPage, drawer, runs);
      await runs.submit.click();
      await expect(runs.refusal).toContainText(
        "Parameter check failed: expect_time must not exceed the queue's 8 hours",
      );
      await expect(runs.refusal).toContainText("DLI.0001");
      await expect(runs.submitted).toHaveCount(0);
      // The edits stay for another try.
      await expect(runs.expectTime).toHaveValue("9");
      expect(upstream.submitRequests()).toHaveLength(1);
      await shoot(runs.dialog, "relaunch-refused");
    },
  );
});

const EDITED_SPARK = [
  "--spark-conf",
  "spark.executor.memory=24g",
  "--spark-conf",
  "spark.executor.cores=4",
];
