// The morning page and browser notifications (issue 19, §2 and §3 in the browser), in proxy mode
// with DLI_PROJECTS naming two projects in two regions: two fake DLIs stand for cn-north-4 and
// cn-east-3, reached through DLI_ENDPOINT_<REGION> as an operator would set them. The browser's
// clock and zone are fixed, so "18:00 yesterday" is too; every number on a card is checked
// against one worked out here from the fixture, and every link against the list it opens.
import { test as base, type Page } from "@playwright/test";
import { loadConfig } from "../server/config.ts";
import { startServer } from "../server/server.ts";
import { failureCause } from "../src/contract/failure-cause.ts";
import { seriousViolations } from "./axe.ts";
import {
  BrowserTraffic,
  DIST_DIR,
  expect,
  expectSecretNotLeaked,
  type RunningServer,
  startProxyServer,
} from "./fixtures.ts";
import { JobDrawer } from "./pages/job-drawer.ts";
import { JobsPage } from "./pages/jobs-page.ts";
import { MorningPage } from "./pages/morning-page.ts";
import {
  customJob,
  type FixtureJob,
  type JobType,
  randomToken,
  replies,
  startTestUpstream,
  type TestUpstream,
} from "./test-upstream.ts";

// ---------------------------------------------------------------------------------------------
// The fixture

const ZONE = "Asia/Shanghai";
const MINUTE = 60_000;

/** A time of a November 2026 day in Shanghai (UTC+8 all year). */
const shanghai = (day: number, hour: number, minute = 0) =>
  Date.UTC(2026, 10, day, hour - 8, minute);

/** 09:00 on 25 Nov in Shanghai: "now" for every test. */
const NOW = shanghai(25, 9);
/** 18:00 yesterday, the page's default moment. */
const SINCE = shanghai(24, 18);
/** Where the recent window starts: midnight UTC before now − 48 h. */
const WINDOW_START = Date.UTC(2026, 10, 23);

const ONCOLOGY = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const COHORT = "7c8d9e0f1a2b43c4d5e6f708192a3b4c";

const OOM =
  "org.apache.spark.SparkException: Job aborted due to stage failure: Task 118 in stage 3.0 failed 4 times: " +
  "java.lang.OutOfMemoryError: Java heap space\n" +
  "\tat org.broadinstitute.hellbender.utils.bwa.BwaMemAligner.alignSeqs(BwaMemAligner.java:145)";
const OBS =
  "com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, " +
  "ResponseStatus: Forbidden, ErrorCode: AccessDenied while writing s3a://onco-results/out.vcf";
const KEY_ERROR = `Traceback (most recent call last):\n  File "/opt/gene/run.py", line 88\nKeyError: 'input'`;

type Spec = {
  id: string;
  type: JobType;
  start: number;
  status: string;
  duration?: number;
  message?: string;
};

const id = (n: number) => `5e0a${String(n).padStart(4, "0")}-0000-4000-8000-000000000000`;

/** Oncology (cn-north-4). */
const NORTH: Spec[] = [
  { id: id(1), type: "DNA_SOMATIC", start: shanghai(23, 10), status: "FINISHED", duration: 3000 },
  { id: id(2), type: "DNA_SOMATIC", start: shanghai(23, 14), status: "FINISHED", duration: 3600 },
  { id: id(3), type: "DNA_SOMATIC", start: shanghai(24, 9), status: "FINISHED", duration: 4200 },
  // Failed before 18:00 yesterday: yesterday's news.
  {
    id: id(4),
    type: "DNA_SOMATIC",
    start: shanghai(24, 9),
    status: "FAILED",
    duration: 1800,
    message: OOM,
  },
  // Started before 18:00, failed after it: counted, and its list starts at 17:00.
  {
    id: id(5),
    type: "DNA_SOMATIC",
    start: shanghai(24, 17),
    status: "FAILED",
    duration: 3 * 3600,
    message: OOM,
  },
  {
    id: id(6),
    type: "DNA_SOMATIC",
    start: shanghai(24, 20),
    status: "FAILED",
    duration: 1800,
    message: OOM,
  },
  {
    id: id(7),
    type: "DNA_SOMATIC",
    start: shanghai(24, 23),
    status: "FAILED",
    duration: 600,
    message: OBS,
  },
  { id: id(8), type: "DNA_SOMATIC", start: shanghai(24, 21), status: "CANCELLED", duration: 900 },
  // Running half an hour: usual (finished ones took 50–70 min). It fails in the notification test.
  { id: id(9), type: "DNA_SOMATIC", start: shanghai(25, 8, 30), status: "RUNNING" },
  // Launching for 40 minutes: stuck.
  { id: id(10), type: "DNA_SOMATIC", start: NOW - 40 * MINUTE, status: "LAUNCHING" },
  { id: id(11), type: "DNA_GERMLINE", start: shanghai(24, 11), status: "FINISHED", duration: 2000 },
  {
    id: id(12),
    type: "DNA_GERMLINE",
    start: shanghai(24, 19),
    status: "FAILED",
    duration: 700,
    message: KEY_ERROR,
  },
  { id: id(13), type: "DNA_GERMLINE", start: shanghai(25, 2), status: "FINISHED", duration: 2100 },
];
const RUNNING_ID = id(9);

/** Cohort (cn-east-3). */
const EAST: Spec[] = [
  { id: id(21), type: "DNA_SOMATIC", start: shanghai(24, 12), status: "FINISHED", duration: 3000 },
  { id: id(22), type: "DNA_GERMLINE", start: shanghai(23, 8), status: "FINISHED", duration: 2000 },
  {
    id: id(23),
    type: "DNA_GERMLINE",
    start: shanghai(25, 3),
    status: "FAILED",
    duration: 500,
    message: KEY_ERROR,
  },
  { id: id(24), type: "DNA_GERMLINE", start: shanghai(25, 7), status: "RUNNING" },
];

const tumorOf = (spec: Spec) => `S${spec.id.slice(4, 8)}_tumor`;
const normalOf = (spec: Spec) => `S${spec.id.slice(4, 8)}_normal`;

function fixture(specs: Spec[]): FixtureJob[] {
  return specs.map((spec) => {
    const files = (sample: string) =>
      ["R1", "R2"].map((read) => `s3a://raw/${sample}/${sample}_${read}.fastq.gz`);
    const request =
      spec.type === "DNA_SOMATIC"
        ? {
            job_type: "DNA_SOMATIC",
            inputs: [
              { sample_type: "tumor", sample_inputs: files(tumorOf(spec)) },
              { sample_type: "normal", sample_inputs: files(normalOf(spec)) },
            ],
            tumor_sample_name: tumorOf(spec),
            normal_sample_name: normalOf(spec),
            file_type: "fastq",
            ref: "hg38",
            output: `s3a://results/${spec.id}/`,
          }
        : {
            job_type: "DNA_GERMLINE",
            input: files(tumorOf(spec).replace("_tumor", "")),
            file_type: "fastq",
            ref: "hg38",
            output: `s3a://results/${spec.id}/`,
          };
    return customJob({
      jobType: spec.type,
      jobId: spec.id,
      startTime: spec.start,
      status: spec.status,
      progress: spec.type === "DNA_SOMATIC" ? "3/7" : "1/3",
      duration: spec.duration ?? Math.round((NOW - spec.start) / 1000),
      message: spec.message ?? null,
      request,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// What the cards must say, worked out from the fixture

const ended = (s: Spec) => s.start + (s.duration ?? 0) * 1000;
const ofType = (specs: Spec[], type: JobType) => specs.filter((s) => s.type === type);
const active = (specs: Spec[]) =>
  specs.filter((s) => ["LAUNCHING", "RUNNING", "CANCELING"].includes(s.status));
const endedSince = (specs: Spec[], status: string) =>
  specs.filter((s) => s.status === status && ended(s) >= SINCE);
/** Newest first, as the list shows them. */
const newestFirst = (specs: Spec[]) =>
  [...specs].sort((a, b) => b.start - a.start).map((s) => s.id);

function figures(specs: Spec[], attention: number): string[] {
  return [
    `${active(specs).length} running`,
    `${endedSince(specs, "FAILED").length} failed`,
    `${endedSince(specs, "CANCELLED").length} cancelled`,
    `${attention} need attention`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Two fake DLIs and a DLI_PROJECTS server, per test (the tests change what the DLIs answer)

type Fixtures = {
  token: string;
  north: TestUpstream;
  east: TestUpstream;
  server: RunningServer;
  morning: MorningPage;
  jobsPage: JobsPage;
  drawer: JobDrawer;
  traffic: BrowserTraffic;
};

const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
  token: async ({}, use) => {
    await use(randomToken());
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
  north: async ({}, use) => {
    const upstream = await startTestUpstream(fixture(NORTH));
    await use(upstream);
    await upstream.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring.
  east: async ({}, use) => {
    const upstream = await startTestUpstream(fixture(EAST));
    await use(upstream);
    await upstream.close();
  },
  server: async ({ north, east, token }, use) => {
    // As `tsx server/index.ts` would read these settings.
    const config = loadConfig({
      PORT: "0",
      DIST_DIR,
      DLI_PROJECTS: `cn-north-4/${ONCOLOGY}=Oncology,cn-east-3/${COHORT}=Cohort`,
      DLI_ENDPOINT_CN_NORTH_4: north.url.origin,
      DLI_ENDPOINT_CN_EAST_3: east.url.origin,
      DLI_AUTH_TOKEN: token,
    });
    const server = await startServer(config, { log: () => {} });
    await use(server);
    await server.close();
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  morning: async ({ page }, use) => {
    await use(new MorningPage(page));
  },
  jobsPage: async ({ page }, use) => {
    await use(new JobsPage(page));
  },
  drawer: async ({ page }, use) => {
    await use(new JobDrawer(page));
  },
  // The token the server sends both regions never reaches the browser.
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

function rowIds(jobsPage: JobsPage): Promise<string[]> {
  return jobsPage.table
    .locator("tbody tr[data-job-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-job-id") ?? ""));
}

async function expectCards(morning: MorningPage): Promise<void> {
  const expected: [string, "DNA somatic" | "DNA germline", string[]][] = [
    // The launching job is stuck: the one job of the two regions that needs attention.
    ["Oncology", "DNA somatic", figures(ofType(NORTH, "DNA_SOMATIC"), 1)],
    ["Oncology", "DNA germline", figures(ofType(NORTH, "DNA_GERMLINE"), 0)],
    ["Cohort", "DNA somatic", figures(ofType(EAST, "DNA_SOMATIC"), 0)],
    ["Cohort", "DNA germline", figures(ofType(EAST, "DNA_GERMLINE"), 0)],
  ];
  for (const [project, pipeline, values] of expected) {
    await expect.poll(() => morning.figures(project, pipeline)).toEqual(values);
  }
}

/** Opens a figure's link, checks the list it lands on, and comes back. */
async function followFigure(
  page: Page,
  jobsPage: JobsPage,
  link: ReturnType<MorningPage["figureLink"]>,
  url: string,
  ids: string[],
): Promise<void> {
  await link.click();
  await expect(page).toHaveURL(url);
  await expect.poll(() => rowIds(jobsPage)).toEqual(ids);
  await page.goBack();
}

// ---------------------------------------------------------------------------------------------

test("both regions' projects, each pipeline's numbers as the DLIs hold them, each read once", async ({
  page,
  morning,
  north,
  east,
}) => {
  await page.clock.setFixedTime(NOW);
  await morning.goto();
  await expect(morning.heading).toBeVisible();
  await expect(morning.since.getByRole("radio", { name: /^18:00 yesterday/ })).toBeChecked();
  await expect(morning.since).toContainText("2026/11/24 18:00 GMT+08:00");
  await expectCards(morning);

  // Each region was asked once per pipeline for its recent window, a page of 100.
  for (const upstream of [north, east]) {
    const reads = upstream.listRequests();
    expect(reads.map((r) => r.query.job_type).sort()).toEqual(["DNA_GERMLINE", "DNA_SOMATIC"]);
    for (const read of reads) {
      expect(read.query).toMatchObject({ limit: "100", offset: "0", start: String(WINDOW_START) });
      expect(read.query).not.toHaveProperty("end");
    }
  }

  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousViolations(page)).toEqual([]);
});

test("each figure and cause opens the list (or overview) of just those jobs, and Back returns", async ({
  page,
  morning,
  jobsPage,
  server,
}) => {
  await page.clock.setFixedTime(NOW);
  await morning.goto();
  await expectCards(morning);

  const somatic = ofType(NORTH, "DNA_SOMATIC");
  const failed = endedSince(somatic, "FAILED");
  const list = (project: string, query: string) =>
    `${server.url}/projects/${project}/jobs?${query}`;
  // Failed since 18:00 yesterday: the list starts with the earliest of them, started at 17:00.
  await followFigure(
    page,
    jobsPage,
    morning.figureLink("Oncology", "DNA somatic", failed.length, "failed"),
    list(ONCOLOGY, "from=2026-11-24T09%3A00%3A00Z&status=FAILED"),
    newestFirst(failed),
  );
  await followFigure(
    page,
    jobsPage,
    morning.figureLink("Oncology", "DNA somatic", 2, "running"),
    list(ONCOLOGY, "from=2026-11-23T00%3A00%3A00Z&status=LAUNCHING%2CRUNNING%2CCANCELING"),
    newestFirst(active(somatic)),
  );
  await followFigure(
    page,
    jobsPage,
    morning.figureLink("Oncology", "DNA somatic", 1, "cancelled"),
    list(ONCOLOGY, "from=2026-11-24T10%3A00%3A00Z&status=CANCELLED"),
    newestFirst(endedSince(somatic, "CANCELLED")),
  );
  await followFigure(
    page,
    jobsPage,
    morning.figureLink("Cohort", "DNA germline", 1, "failed"),
    list(COHORT, "type=DNA_GERMLINE&from=2026-11-24T10%3A00%3A00Z&status=FAILED"),
    newestFirst(endedSince(ofType(EAST, "DNA_GERMLINE"), "FAILED")),
  );

  // The causes, commonest first, each opening the list of its jobs.
  const causes = morning.causes("Oncology", "DNA somatic");
  const oom = failureCause(OOM);
  await expect(causes).toHaveText([oom.title, failureCause(OBS).title]);
  await causes.first().click();
  await expect(page).toHaveURL(
    list(ONCOLOGY, `from=2026-11-24T09%3A00%3A00Z&status=FAILED&cause=${oom.key}`),
  );
  await expect
    .poll(() => rowIds(jobsPage))
    .toEqual(newestFirst(failed.filter((s) => s.message === OOM)));
  await page.goBack();

  // Needing attention opens the pipeline's overview, whose "Needs attention" names the job.
  await morning.figureLink("Oncology", "DNA somatic", 1, "need attention").click();
  await expect(page).toHaveURL(`${server.url}/projects/${ONCOLOGY}/overview`);
  await expect(page.getByRole("region", { name: "Needs attention" })).toContainText(id(10));
});

test("a region whose DLI is down shows it in its project's card, with Retry; the other region still shows", async ({
  page,
  morning,
  east,
}) => {
  await page.clock.install({ time: NOW });
  east.script(() => replies.dliError(503, "DLI.0999", "Internal error"));
  await morning.goto();
  // Each pipeline's read is retried three times (2, 4 and 8 s apart on the page's clock), then
  // the card says why: eight requests in all.
  await expect(
    morning
      .card("Cohort")
      .getByText(/Reading recent jobs/)
      .first(),
  ).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.clock.runFor(1_000);
        return east.listRequests().length;
      },
      { timeout: 20_000 },
    )
    .toBe(8);
  const alert = morning.card("Cohort").getByRole("alert");
  await expect(alert).toContainText("Could not read this project's jobs: DLI error DLI.0999");
  await expect(alert).toContainText("Internal error");
  await expect
    .poll(() => morning.figures("Oncology", "DNA somatic"))
    .toEqual(figures(ofType(NORTH, "DNA_SOMATIC"), 1));
  expect(await seriousViolations(page)).toEqual([]);

  east.script(() => replies.jobs());
  await alert.getByRole("button", { name: "Retry" }).click();
  await expectCards(morning);
});

test("Notify me: one notification when a watched project's job fails, naming its samples and cause; clicking it opens the job", async ({
  page,
  context,
  morning,
  north,
  drawer,
  server,
}) => {
  await context.grantPermissions(["notifications"]);
  // Observe the browser API: record what the page constructs instead of showing it.
  await page.addInitScript(() => {
    const shown: RecordedNotification[] = [];
    class RecordedNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      onclick: (() => void) | null = null;
      readonly body: string | undefined;
      constructor(
        readonly title: string,
        options: { body?: string } = {},
      ) {
        this.body = options.body;
        shown.push(this);
      }
      close() {}
    }
    Object.assign(window, { Notification: RecordedNotification, shownNotifications: shown });
  });
  const shown = () =>
    page.evaluate(() =>
      (
        window as unknown as { shownNotifications: { title: string; body?: string }[] }
      ).shownNotifications.map(({ title, body }) => ({ title, body })),
    );

  await page.clock.install({ time: NOW });
  await morning.goto();
  await expectCards(morning);
  const notify = morning.notifyButton("Oncology");
  await notify.click();
  await expect(notify).toHaveAttribute("aria-pressed", "true");
  const turnedOn = {
    title: "Notifications on",
    body: "You will be told here when a job of Oncology fails or needs attention, while a dashboard tab is open.",
  };
  expect(await shown()).toEqual([turnedOn]);

  // The running job fails on DLI; a minute later the page and the watcher read again.
  const job = NORTH.find((s) => s.id === RUNNING_ID) as Spec;
  north.updateJob(RUNNING_ID, { status: "FAILED", message: OOM, duration: 40 * 60 });
  await page.clock.runFor(61_000);
  await expect.poll(shown).toHaveLength(2);
  expect(await shown()).toEqual([
    turnedOn,
    {
      title: `Failed: ${tumorOf(job)} / ${normalOf(job)}`,
      body: `Oncology · DNA somatic · ${failureCause(OOM).title}`,
    },
  ]);
  // The card counts it too.
  await expect
    .poll(() => morning.figures("Oncology", "DNA somatic"))
    .toEqual(["1 running", "4 failed", "1 cancelled", "1 need attention"]);

  // No repeats, however long the page stays open.
  await page.clock.runFor(3 * 61_000);
  expect(await shown()).toHaveLength(2);

  // Clicking it opens the job: the list around its start, with its drawer.
  await page.evaluate(() =>
    (
      window as unknown as { shownNotifications: { onclick: () => void }[] }
    ).shownNotifications[1]?.onclick(),
  );
  await expect(page).toHaveURL(
    `${server.url}/projects/${ONCOLOGY}/jobs?from=2026-11-25T00%3A29%3A00Z&to=2026-11-25T00%3A31%3A00Z&job=${RUNNING_ID}`,
  );
  await drawer.expectOpenFor(RUNNING_ID);
});

test("with no project configured, the page says how to configure one and still opens any by its id", async ({
  page,
  north,
  token,
}) => {
  const bare = await startProxyServer(north.url, { kind: "token", token }, []);
  try {
    await page.goto(`${bare.url}/`);
    await expect(page.getByRole("note")).toContainText("set DLI_PROJECTS");
    await expect(page.getByRole("article")).toHaveCount(0);
    await page.getByRole("textbox", { name: "Project ID" }).fill(ONCOLOGY);
    await page.getByRole("button", { name: "Open" }).click();
    await expect(page).toHaveURL(`${bare.url}/projects/${ONCOLOGY}/jobs`);
  } finally {
    await bare.close();
  }
});

test("reads on a 390 px phone, in Chinese, light and dark", async ({ page, morning }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.clock.setFixedTime(NOW);
  await page.goto("/");
  await expectCards(morning);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath("morning-390.png"), fullPage: true });

  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("项目");
  const card = page.getByRole("article", { name: "Oncology" });
  await expect(card.getByRole("region", { name: "DNA 体细胞" })).toContainText("已失败");
  await expect(card.getByRole("button", { name: /通知我$/ })).toBeVisible();
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("morning-390-zh-dark.png"), fullPage: true });
});
