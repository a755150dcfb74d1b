// The project overview (issue 17) in proxy mode against a fake DLI whose jobs the test wrote:
// three failure causes with varying details and two one-off messages, a job stuck launching, a
// running job far slower than its kind, finished jobs of known durations and known jobs per day.
// The browser's clock and zone are fixed, so "now", days and flags are too; every number the page
// shows is checked against one worked out here from the fixture.
import { test as base, type Page } from "@playwright/test";
import { failureCause } from "../src/contract/failure-cause.ts";
import { seriousViolations } from "./axe.ts";
import {
  BrowserTraffic,
  expect,
  expectSecretNotLeaked,
  PROXY_PROJECT,
  type RunningServer,
  startProxyServer,
} from "./fixtures.ts";
import { JobDrawer } from "./pages/job-drawer.ts";
import { JobsPage } from "./pages/jobs-page.ts";
import { OverviewPage } from "./pages/overview-page.ts";
import {
  customJob,
  type FixtureJob,
  fixtureJobId,
  makeJobs,
  randomToken,
  startTestUpstream,
  type TestUpstream,
} from "./test-upstream.ts";

// ---------------------------------------------------------------------------------------------
// The fixture

/** Shanghai keeps UTC+8 all year: its calendar days are known without DST rules. */
const ZONE = "Asia/Shanghai";
const ZONE_OFFSET_H = 8;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Noon of 25 Nov 2026 in Shanghai: "now" for every test. */
const NOW = Date.UTC(2026, 10, 25, 12 - ZONE_OFFSET_H);

/** A time of a November 2026 day in Shanghai. */
function shanghai(day: number, hour: number, minute = 0): number {
  return Date.UTC(2026, 10, day, hour - ZONE_OFFSET_H, minute);
}

/** The Shanghai calendar day (1–30 of November) that `ms` falls on. */
function dayOf(ms: number): number {
  return new Date(ms + ZONE_OFFSET_H * HOUR).getUTCDate();
}

type Cause = "oom" | "obs" | "ref";

/** The titles the issue asks for; the grouping must find them under the varying details. */
const CAUSE_TITLES: Record<Cause, string> = {
  oom: "OutOfMemoryError: Java heap space in BwaSpark",
  obs: "OBS 403 AccessDenied writing output",
  ref: "Reference index does not match the sequence dictionary",
};

const oomMessage = (task: number, stage: number, tid: number, host: string, executor: number) =>
  `org.apache.spark.SparkException: Job aborted due to stage failure: Task ${task} in stage ${stage}.0 failed 4 times, ` +
  `most recent failure: Lost task ${task}.3 in stage ${stage}.0 (TID ${tid}) (${host} executor ${executor}): ` +
  "java.lang.OutOfMemoryError: Java heap space\n" +
  "\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)\n" +
  "\tat org.broadinstitute.hellbender.tools.spark.bwa.BwaSparkEngine$ReadAligner.apply(BwaSparkEngine.java:134)";

const obsMessage = (requestId: string, output: string, bucket: string) =>
  "com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, " +
  `ResponseStatus: Forbidden, ErrorCode: AccessDenied, RequestId: ${requestId} while writing ${output}: ` +
  `the DLI agency has no write permission on bucket ${bucket}`;

const refMessage = (ref: string, contig: string, length: number) =>
  `A USER ERROR has occurred: The reference index for ${ref} is invalid: ` +
  `s3a://gene-refs/${ref}/Homo_sapiens_assembly${ref.slice(2)}.fasta.img does not match the sequence dictionary ` +
  `(contig ${contig} length ${length} in dictionary, ${length + 7} in index). Rebuild the BWA index image for ${ref}.`;

type Spec = {
  start: number;
  status: string;
  progress: string;
  duration?: number;
  ref?: "hg38" | "hg19";
  message?: string;
  cause?: Cause;
};

const FINISHED = (start: number, duration: number, ref: "hg38" | "hg19" = "hg38"): Spec => ({
  start,
  status: "FINISHED",
  progress: "7/7",
  duration,
  ref,
});
const FAILED = (start: number, progress: string, message: string, cause?: Cause): Spec => ({
  start,
  status: "FAILED",
  progress,
  duration: 1800,
  message,
  ...(cause ? { cause } : {}),
});

/** Somatic jobs, 22–25 Nov, in the order of their ids (n = index). */
const SPECS: Spec[] = [
  // 22 Nov
  FINISHED(shanghai(22, 8), 3000),
  FINISHED(shanghai(22, 9, 30), 5400),
  FINISHED(shanghai(22, 11), 3600),
  FAILED(shanghai(22, 13), "2/7", oomMessage(118, 3, 4242, "dli-node-2-17", 7), "oom"),
  FINISHED(shanghai(22, 15), 2400, "hg19"),
  FAILED(shanghai(22, 17), "2/7", refMessage("hg38", "chrM", 16_569), "ref"),
  // 23 Nov
  FINISHED(shanghai(23, 8), 4200),
  FINISHED(shanghai(23, 9), 7200),
  FINISHED(shanghai(23, 10, 30), 3300),
  FAILED(shanghai(23, 12), "3/7", oomMessage(305, 4, 8120, "dli-node-5-03", 19), "oom"),
  FAILED(
    shanghai(23, 14),
    "7/7",
    obsMessage(
      "0A1B2C3D4E5F6789",
      "s3a://onco-results/somatic/b12/ONC26-0042/ONC26-0042.somatic.vcf",
      "onco-results",
    ),
    "obs",
  ),
  FINISHED(shanghai(23, 15, 30), 4800),
  {
    start: shanghai(23, 17),
    status: "CANCELLED",
    progress: "4/7",
    duration: 2000,
    message: "Cancelled by user",
  },
  FAILED(
    shanghai(23, 19),
    "1/7",
    `Traceback (most recent call last):\n  File "/opt/gene/run.py", line 88, in <module>\n    main()\nKeyError: 'normal_sample_name'`,
  ),
  // 24 Nov
  FINISHED(shanghai(24, 8), 5100),
  FINISHED(shanghai(24, 9), 3900),
  FAILED(shanghai(24, 10), "2/7", refMessage("hg19", "chrEBV", 171_823), "ref"),
  FINISHED(shanghai(24, 11, 30), 6000),
  FAILED(shanghai(24, 13), "2/7", oomMessage(42, 2, 1733, "dli-node-1-44", 2), "oom"),
  FINISHED(shanghai(24, 14), 9000, "hg19"),
  FAILED(
    shanghai(24, 16),
    "7/7",
    obsMessage("FEDCBA9876543210", "s3a://lab-out/run-77/HCC1143.vcf", "lab-out"),
    "obs",
  ),
  // 25 Nov, up to noon
  FINISHED(shanghai(25, 0, 30), 4500),
  FINISHED(shanghai(25, 2), 5700),
  FAILED(
    shanghai(25, 5),
    "4/7",
    "Unexpected state 3f2a9c1e-1111-4a2b-9c3d-0123456789ab in scheduler: please report",
  ),
  // Five hours running: far past the 95th percentile of the finished hg38 jobs.
  { start: NOW - 5 * HOUR, status: "RUNNING", progress: "3/7", ref: "hg38" },
  // Launching for 40 minutes: stuck (more than 15).
  { start: NOW - 40 * MINUTE, status: "LAUNCHING", progress: "0/7" },
  // Twenty minutes in: well within the usual, so it gets a time left.
  { start: NOW - 20 * MINUTE, status: "RUNNING", progress: "1/7", ref: "hg38" },
];

const idOf = (n: number) => fixtureJobId("DNA_SOMATIC", n);
const sampleOf = (n: number) => `ONC26-${String(100 + n).padStart(4, "0")}`;
const tumorOf = (n: number) => `${sampleOf(n)}_tumor`;
const normalOf = (n: number) => `${sampleOf(n)}_normal`;
/** R1 and R2 of a sample, named after it: a sheet the request checks find nothing wrong with. */
const pairedFastq = (sample: string) =>
  ["R1", "R2"].map((read) => `s3a://onco-raw/${sample}/${sample}_${read}.fastq.gz`);

const SLOW_ID = idOf(24);
const STUCK_ID = idOf(25);
const NORMAL_RUNNING_ID = idOf(26);

function somaticJobs(): FixtureJob[] {
  return SPECS.map((spec, n) =>
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: idOf(n),
      startTime: spec.start,
      status: spec.status,
      progress: spec.progress,
      duration: spec.duration ?? Math.round((NOW - spec.start) / 1000),
      message: spec.message ?? null,
      owner: "lab.user",
      request: {
        job_type: "DNA_SOMATIC",
        inputs: [
          { sample_type: "tumor", sample_inputs: pairedFastq(tumorOf(n)) },
          { sample_type: "normal", sample_inputs: pairedFastq(normalOf(n)) },
        ],
        tumor_sample_name: tumorOf(n),
        normal_sample_name: normalOf(n),
        file_type: "fastq",
        ref: spec.ref ?? "hg38",
        output: `s3a://onco-results/somatic/${n}/`,
      },
    }),
  );
}

/** 230 finished germline jobs, half an hour apart: a range of three DLI pages of 100. */
const GERMLINE_COUNT = 230;
function germlineJobs(): FixtureJob[] {
  return makeJobs({
    jobType: "DNA_GERMLINE",
    count: GERMLINE_COUNT,
    newest: NOW - HOUR,
    stepMs: 30 * MINUTE,
    status: () => "FINISHED",
  });
}

// ---------------------------------------------------------------------------------------------
// What the page must show, worked out from the fixture

/** The p-quantile of R's type 7 (linear between the two closest ranks): the usual percentile. */
function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (i - lo);
}

/** The dashboard's duration words: "1h 17min 30s", "5h", "40min". */
function durationWords(totalSeconds: number): string {
  const s = Math.floor(totalSeconds);
  const parts = [
    [Math.floor(s / 3600), "h"],
    [Math.floor((s % 3600) / 60), "min"],
    [s % 60, "s"],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(" ");
}

/** To the minute from ten minutes up, as the summary and the duration chart both say. */
const chartWords = (seconds: number) =>
  durationWords(seconds >= 600 ? Math.round(seconds / 60) * 60 : seconds);

/** To the minute, as the flags say how long something ran. */
const minutesWords = (seconds: number) => durationWords(Math.round(seconds / 60) * 60);

const countOf = (status: string) => SPECS.filter((s) => s.status === status).length;
const finishedDurations = SPECS.filter((s) => s.status === "FINISHED").map((s) => s.duration ?? 0);

type ExpectedCause = {
  title: string;
  ids: string[];
  lastSeen: number;
  step: string;
  samples: string[];
};

function expectedGroup(title: string, members: number[]): ExpectedCause {
  // The step most of them stopped at; on a tie the earlier.
  const steps = new Map<string, number>();
  for (const n of members) {
    const progress = SPECS[n]?.progress ?? "";
    steps.set(progress, (steps.get(progress) ?? 0) + 1);
  }
  const [step] = [...steps].sort(
    ([a, ca], [b, cb]) => cb - ca || Number(a.split("/")[0]) - Number(b.split("/")[0]),
  )[0] as [string, number];
  return {
    title,
    // The list shows them newest first.
    ids: [...members].sort((a, b) => (SPECS[b]?.start ?? 0) - (SPECS[a]?.start ?? 0)).map(idOf),
    lastSeen: Math.max(...members.map((n) => SPECS[n]?.start ?? 0)),
    step,
    samples: members.map(tumorOf),
  };
}

/** The three causes, largest first, the most recently seen first on a tie. */
const EXPECTED_CAUSES: ExpectedCause[] = (Object.keys(CAUSE_TITLES) as Cause[])
  .map((cause) =>
    expectedGroup(
      CAUSE_TITLES[cause],
      SPECS.flatMap((s, n) => (s.cause === cause ? [n] : [])),
    ),
  )
  .sort((a, b) => b.ids.length - a.ids.length || b.lastSeen - a.lastSeen);

const ONE_OFFS = expectedGroup(
  "Other",
  SPECS.flatMap((s, n) => (s.status === "FAILED" && !s.cause ? [n] : [])),
);

/** The jobs started on each Shanghai day of the fixture. */
function startsOn(day: number, status?: string): string[] {
  return SPECS.flatMap((s, n) =>
    dayOf(s.start) === day && (!status || s.status === status) ? [idOf(n)] : [],
  );
}

// ---------------------------------------------------------------------------------------------
// One fake DLI and one proxy-mode server per worker: the jobs never change, so tests share them.

type WorkerFixtures = { token: string; upstream: TestUpstream; server: RunningServer };
type TestFixtures = {
  overview: OverviewPage;
  jobsPage: JobsPage;
  drawer: JobDrawer;
  traffic: BrowserTraffic;
};

const test = base.extend<TestFixtures, WorkerFixtures>({
  token: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
    async ({}, use) => {
      await use(randomToken());
    },
    { scope: "worker" },
  ],
  upstream: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
    async ({}, use) => {
      const upstream = await startTestUpstream([...somaticJobs(), ...germlineJobs()]);
      await use(upstream);
      await upstream.close();
    },
    { scope: "worker" },
  ],
  server: [
    async ({ upstream, token }, use) => {
      const server = await startProxyServer(upstream.url, { kind: "token", token });
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  overview: async ({ page }, use) => {
    await use(new OverviewPage(page));
  },
  jobsPage: async ({ page }, use) => {
    await use(new JobsPage(page));
  },
  drawer: async ({ page }, use) => {
    await use(new JobDrawer(page));
  },
  // The IAM token the proxy sends upstream never reaches the browser.
  traffic: [
    async ({ page, token }, use) => {
      const traffic = new BrowserTraffic(page);
      await use(traffic);
      await expectSecretNotLeaked(page, traffic, token);
    },
    { auto: true },
  ],
});

test.use({ timezoneId: ZONE });

/**
 * The ids of the list's rows, in order, from their data-job-id (a row's text can hold other
 * UUIDs: the one-off message here has one).
 */
function rowIds(jobsPage: JobsPage): Promise<string[]> {
  return jobsPage.table
    .locator("tbody tr[data-job-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-job-id") ?? ""));
}

/** Opens the overview at a fixed "now" and waits until it has drawn the range. */
async function openOverview(page: Page, overview: OverviewPage, search = ""): Promise<void> {
  await page.clock.setFixedTime(NOW);
  await overview.goto(PROXY_PROJECT, search);
  await expect(overview.jobsInRange).toBeVisible();
  await expect(overview.startsChart).toBeVisible();
}

const SOMATIC_TOTAL = SPECS.length;

// ---------------------------------------------------------------------------------------------
// What the overview says

test("the summary counts each status and gives the success rate, median and p90 of the range", async ({
  page,
  overview,
}) => {
  await openOverview(page, overview);
  await expect(overview.jobsInRange).toHaveText(`Jobs in this range: ${SOMATIC_TOTAL}`);
  const statuses = [
    ["LAUNCHING", "Launching"],
    ["RUNNING", "Running"],
    ["FINISHED", "Finished"],
    ["FAILED", "Failed"],
    ["CANCELLED", "Cancelled"],
    ["CANCELING", "Cancelling"],
  ] as const;
  for (const [status, word] of statuses) {
    await expect(overview.statusLink(countOf(status), word)).toBeVisible();
  }
  const finished = countOf("FINISHED");
  const ended = finished + countOf("FAILED") + countOf("CANCELLED");
  await expect(overview.figure("Success rate")).toHaveText(
    `${Math.round((finished / ended) * 1000) / 10}%`,
  );
  await expect(overview.summary).toContainText(`${finished} of ${ended} ended jobs finished`);
  await expect(overview.figure("Median duration")).toHaveText(
    chartWords(quantile(finishedDurations, 0.5)),
  );
  await expect(overview.figure("90th percentile duration")).toHaveText(
    chartWords(quantile(finishedDurations, 0.9)),
  );
});

test("failures are grouped by cause, largest first, with the step most stopped at and Other last", async ({
  page,
  overview,
}) => {
  await openOverview(page, overview);
  const headings = overview.causeCards.getByRole("heading");
  await expect(headings).toHaveText(
    [...EXPECTED_CAUSES, ONE_OFFS].map((cause) => `${cause.ids.length} jobs ${cause.title}`),
  );
  for (const cause of [...EXPECTED_CAUSES, ONE_OFFS]) {
    const card = overview.causeCard(cause.title);
    const [step, total] = cause.step.split("/");
    await expect(card).toContainText(`most stopped at step ${step} of ${total}`);
    for (const sample of cause.samples) await expect(card).toContainText(sample);
    await expect(
      card.getByRole("link", { name: `Show these ${cause.ids.length} jobs` }),
    ).toBeVisible();
  }
  await expect(overview.causeCard("Other")).toContainText("causes seen only once");
});

test("needs attention: the job stuck launching first, then the slow one with its figures", async ({
  page,
  overview,
}) => {
  await openOverview(page, overview);
  await expect(overview.attentionItems).toHaveCount(2);
  await expect(overview.attentionItems.nth(0)).toContainText(STUCK_ID);
  await expect(overview.attentionItems.nth(1)).toContainText(SLOW_ID);
  await expect(overview.attentionItem(STUCK_ID)).toContainText(
    "Launching for 40min: longer than usual",
  );
  // The slow job's kind: finished hg38 fastq somatic jobs, of which there are at least ten.
  const kind = SPECS.filter((s) => s.status === "FINISHED" && (s.ref ?? "hg38") === "hg38");
  expect(kind.length).toBeGreaterThanOrEqual(10);
  const p95 = quantile(
    kind.map((s) => s.duration ?? 0),
    0.95,
  );
  await expect(overview.attentionItem(SLOW_ID)).toContainText(
    `running ${minutesWords(5 * 3600)}; 95% of finished hg38 fastq somatic jobs took under ${minutesWords(p95)}`,
  );
  await expect(overview.attention).not.toContainText(NORMAL_RUNNING_ID);
});

test("a cause's link opens the list of exactly its jobs, and Show all jobs clears it", async ({
  page,
  overview,
  jobsPage,
}) => {
  await openOverview(page, overview);
  const [largest] = EXPECTED_CAUSES as [ExpectedCause];
  await overview
    .causeCard(largest.title)
    .getByRole("link", { name: `Show these ${largest.ids.length} jobs` })
    .click();
  const oom = SPECS.find((s) => s.cause === "oom")?.message;
  const key = failureCause(oom).key;
  await expect(page).toHaveURL(
    new RegExp(`/projects/${PROXY_PROJECT}/jobs\\?range=7d&cause=${key}$`),
  );
  await expect(page.getByRole("note")).toContainText(`Failed with: ${largest.title}`);
  await expect.poll(() => rowIds(jobsPage)).toEqual(largest.ids);

  await page.getByRole("button", { name: "Show all jobs" }).click();
  await expect(page).not.toHaveURL(/cause=/);
  await expect(page.getByText(/^Failed with:/)).toHaveCount(0);
  await expect(jobsPage.total(SOMATIC_TOTAL)).toBeVisible();

  // Other: the two messages seen once.
  await page.goBack();
  await expect(page).toHaveURL(/\/overview/);
  await overview
    .causeCard("Other")
    .getByRole("link", { name: `Show these ${ONE_OFFS.ids.length} jobs` })
    .click();
  await expect(page).toHaveURL(/[?&]cause=other$/);
  await expect(page.getByRole("note")).toContainText("Failed with: Other");
  await expect.poll(() => rowIds(jobsPage)).toEqual(ONE_OFFS.ids);
});

test("a status count opens the list filtered to that status", async ({
  page,
  overview,
  jobsPage,
}) => {
  await openOverview(page, overview);
  const failed = countOf("FAILED");
  await overview.statusLink(failed, "Failed").click();
  await expect(page).toHaveURL(
    new RegExp(`/projects/${PROXY_PROJECT}/jobs\\?range=7d&status=FAILED$`),
  );
  await expect(jobsPage.bodyRows).toHaveCount(failed);
  await expect(jobsPage.total(failed)).toBeVisible();
  for (const row of await jobsPage.bodyRows.all()) await expect(row).toContainText("Failed");
});

test("the per-day chart counts the jobs of each day, and a bar or a day opens the list for it", async ({
  page,
  overview,
  jobsPage,
}) => {
  await openOverview(page, overview);
  const days = [22, 23, 24, 25];
  const chart = overview.startsChart;
  for (const day of days) {
    const n = startsOn(day).length;
    await expect(
      chart.getByRole("link", { name: `All ${n} jobs started on ${day} Nov` }),
    ).toHaveCount(1);
  }
  // The same figures in the chart's table.
  await chart.getByText("Show as a table").click();
  const table = chart.getByRole("table");
  for (const day of days) {
    await expect(table.getByRole("row", { name: new RegExp(`^${day} Nov\\b`) })).toContainText(
      String(startsOn(day).length),
    );
  }
  await expect(table.locator("tfoot")).toContainText(String(SOMATIC_TOTAL));

  // A bar: the finished jobs of 23 Nov. Its list is that day's, in the viewer's zone.
  const finished23 = startsOn(23, "FINISHED");
  await chart
    .getByRole("link", { name: `${finished23.length} finished jobs started on 23 Nov` })
    .click();
  const from = new Date(shanghai(23, 0)).toISOString();
  const to = new Date(shanghai(24, 0) - 1).toISOString();
  await expect(page).toHaveURL(
    `/projects/${PROXY_PROJECT}/jobs?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&status=FINISHED`,
  );
  await expect.poll(async () => (await rowIds(jobsPage)).sort()).toEqual([...finished23].sort());

  // A day: all of 24 Nov's jobs.
  await page.goBack();
  const all24 = startsOn(24);
  await chart.getByRole("link", { name: `All ${all24.length} jobs started on 24 Nov` }).click();
  const from24 = new Date(shanghai(24, 0)).toISOString();
  const to24 = new Date(shanghai(25, 0) - 1).toISOString();
  await expect(page).toHaveURL(
    `/projects/${PROXY_PROJECT}/jobs?from=${encodeURIComponent(from24)}&to=${encodeURIComponent(to24)}`,
  );
  await expect(jobsPage.total(all24.length)).toBeVisible();
  await expect.poll(async () => (await rowIds(jobsPage)).sort()).toEqual([...all24].sort());
});

test("the day's timeline draws the job still launching lighter than the running ones", async ({
  page,
  overview,
}) => {
  await openOverview(page, overview);
  const timeline = page.getByRole("figure", { name: "Jobs of one day" });
  const opacityOf = (jobId: string) =>
    timeline
      .getByRole("link", { name: new RegExp(`^Job ${jobId},`) })
      .locator("rect")
      .evaluate((rect) => Number(getComputedStyle(rect).fillOpacity));
  const launching = await opacityOf(STUCK_ID);
  expect(launching).toBeLessThan(await opacityOf(SLOW_ID));
  expect(launching).toBeLessThan(await opacityOf(NORMAL_RUNNING_ID));
});

test("Overview | Jobs carries the type and the range both ways", async ({
  page,
  overview,
  jobsPage,
}) => {
  await openOverview(page, overview, "type=DNA_GERMLINE&range=30d");
  await expect(overview.jobsInRange).toHaveText(`Jobs in this range: ${GERMLINE_COUNT}`);
  await expect(overview.viewLink("Overview")).toHaveAttribute("aria-current", "page");
  await overview.viewLink("Jobs").click();
  await expect(page).toHaveURL(`/projects/${PROXY_PROJECT}/jobs?type=DNA_GERMLINE&range=30d`);
  await expect(jobsPage.tableNamed("DNA germline jobs")).toBeVisible();
  await expect(jobsPage.total(GERMLINE_COUNT)).toBeVisible();

  // The list's own page and filter stay behind; type and range come back.
  await jobsPage.nextPage.click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await overview.viewLink("Overview").click();
  await expect(page).toHaveURL(`/projects/${PROXY_PROJECT}/overview?type=DNA_GERMLINE&range=30d`);
  await expect(overview.jobType).toHaveValue("DNA_GERMLINE");
  await expect(overview.dateRange).toHaveValue("30d");
  await expect(overview.jobsInRange).toHaveText(`Jobs in this range: ${GERMLINE_COUNT}`);
});

test("a hand-edited overview address renders with the defaults, rewritten, and says what it left out", async ({
  page,
  overview,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await openOverview(page, overview, "range=bogus&type=x&day=2026-13-45");
  await expect(overview.jobType).toHaveValue("DNA_SOMATIC");
  await expect(overview.dateRange).toHaveValue("7d");
  await expect(overview.jobsInRange).toHaveText(`Jobs in this range: ${SOMATIC_TOTAL}`);
  await expect(page.getByRole("figure", { name: "Jobs of one day" })).toBeVisible();
  await expect(page).toHaveURL(`/projects/${PROXY_PROJECT}/overview`);
  const notice = page.getByRole("status").filter({ hasText: "Part of this address was not used" });
  await expect(notice).toContainText("The overview shows the rest");
  await expect(notice.getByRole("listitem")).toHaveText([
    "range=bogus: ranges are 24h, 7d, 30d and 90d",
    "type=x: job types are DNA_SOMATIC and DNA_GERMLINE",
    "day=2026-13-45: not a day (YYYY-MM-DD)",
  ]);
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("From and To given in reverse are swapped on the overview too, and the notice says so", async ({
  page,
  overview,
}) => {
  await openOverview(page, overview, "from=2026-11-24&to=2026-11-20");
  await expect(page).toHaveURL(`/projects/${PROXY_PROJECT}/overview?from=2026-11-20&to=2026-11-24`);
  await expect(page.getByText("From was later than To: the two were swapped")).toBeVisible();
});

test("a mangled project id in the address gets the app's own message, not a bare error", async ({
  page,
}) => {
  await page.goto(`/projects/%E0%A4%A/overview`);
  await expect(page.getByRole("alert")).toContainText("Not a project ID");
  await expect(page.getByRole("link", { name: "Choose a project" })).toBeVisible();
});

test("the list row and the drawer say the running jobs' notes: slow, and time left", async ({
  page,
  jobsPage,
  drawer,
}) => {
  await page.clock.setFixedTime(NOW);
  // One page holding the whole range: the row notes compare with the same finished jobs.
  await jobsPage.goto(PROXY_PROJECT, "size=50");
  await expect(jobsPage.bodyRows).toHaveCount(SOMATIC_TOTAL);
  const slowNote = /running 5h; 95% of finished hg38 fastq somatic jobs took under \d/;
  await expect(jobsPage.row(SLOW_ID)).toContainText(slowNote);
  await expect(jobsPage.row(NORMAL_RUNNING_ID)).toContainText(/about \S+( \S+)?–\S+( \S+)? left/);
  await expect(jobsPage.row(NORMAL_RUNNING_ID)).not.toContainText("95% of finished");
  await expect(jobsPage.row(STUCK_ID)).toContainText("Launching for 40min: longer than usual");

  const rowNote = (await jobsPage.row(SLOW_ID).locator(".insight-flag").textContent()) ?? "";
  await jobsPage.jobRow(SLOW_ID).click();
  await drawer.expectOpenFor(SLOW_ID);
  await expect(drawer.forJob(SLOW_ID)).toContainText(rowNote);
  await drawer.close.click();
  await drawer.expectClosed();

  const leftNote =
    (await jobsPage.row(NORMAL_RUNNING_ID).locator(".time-left").textContent()) ?? "";
  await jobsPage.jobRow(NORMAL_RUNNING_ID).click();
  await drawer.expectOpenFor(NORMAL_RUNNING_ID);
  await expect(drawer.forJob(NORMAL_RUNNING_ID)).toContainText(leftNote);
});

test("the overview reads its range in ceil(N / 100) requests, and the list reuses it", async ({
  page,
  overview,
  upstream,
}) => {
  upstream.clearRequests();
  // A running clock (not a fixed one): the query cache must see time pass within its staleTime.
  await page.clock.install({ time: NOW });
  await overview.goto(PROXY_PROJECT, "type=DNA_GERMLINE");
  await expect(overview.jobsInRange).toHaveText(`Jobs in this range: ${GERMLINE_COUNT}`);
  const reads = upstream.listRequests();
  expect(reads.map((r) => [r.query.job_type, r.query.limit, r.query.offset])).toEqual(
    Array.from({ length: Math.ceil(GERMLINE_COUNT / 100) }, (_, i) => [
      "DNA_GERMLINE",
      "100",
      String(i * 100),
    ]),
  );
  for (const read of reads)
    expect(Number(read.query.start)).toBe(Math.floor(NOW / MINUTE) * MINUTE - 7 * DAY);

  // Half a minute later (the range is fresh for one), the list of its finished jobs.
  await page.clock.fastForward(30_000);
  await overview.statusLink(GERMLINE_COUNT, "Finished").click();
  await expect(page).toHaveURL(/\/jobs\?type=DNA_GERMLINE&range=7d&status=FINISHED$/);
  const jobsPage = new JobsPage(page);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.total(GERMLINE_COUNT)).toBeVisible();
  await page.clock.fastForward(1_000);
  expect(upstream.listRequests()).toHaveLength(reads.length);
});

// ---------------------------------------------------------------------------------------------
// How it looks: themes, a phone, Chinese

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds nothing serious in the ${scheme} theme`, async ({ page, overview }, testInfo) => {
    // axe over the whole overview takes seconds on a busy two-core machine.
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: scheme });
    await openOverview(page, overview);
    await page.screenshot({ path: testInfo.outputPath(`overview-${scheme}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("at 390 px the overview does not scroll sideways", async ({ page, overview }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openOverview(page, overview);
  await page.screenshot({ path: testInfo.outputPath("overview-390.png"), fullPage: true });
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity);
  expect(width).toBeLessThanOrEqual(390);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("the overview's headings and charts are in Chinese", async ({ page }, testInfo) => {
    await page.clock.setFixedTime(NOW);
    await page.goto(`/projects/${PROXY_PROJECT}/overview`);
    for (const name of ["摘要", "失败原因", "需要关注", "趋势"]) {
      await expect(
        page.getByRole("heading", { level: 2, name: new RegExp(`^${name}`) }),
      ).toBeVisible();
    }
    await expect(page.getByRole("figure", { name: "每日创建的作业" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "视图" })).toBeVisible();
    await expect(page.getByText(`该时间范围内的作业：${SOMATIC_TOTAL}`)).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.screenshot({ path: testInfo.outputPath("overview-zh.png"), fullPage: true });
  });
});
