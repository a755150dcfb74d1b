// Secrets in a job's request never reach the screen, the DOM, the clipboard or a downloaded
// file: every secret-looking field shows "••• (set)", and null stays null. Demo mode uses the
// emulator's secret-bearing job (its fake values all contain "FAKE"); proxy mode scripts jobs
// with secrets at any depth, in any case, in argument lists and in requests that are not JSON.
import type { Page } from "@playwright/test";
import { EDGE_JOB_IDS } from "../server/emulator/edge-cases.ts";
import { EDGE_CASES_PROJECT_ID } from "../server/emulator/projects.ts";
import { demoJob } from "./demo-jobs.ts";
import { expect, PROXY_PROJECT, proxyTest, test } from "./fixtures.ts";
import { type JobDrawer, MASK } from "./pages/job-drawer.ts";
import { customJob } from "./test-upstream.ts";

/** Copies and downloads the request, and checks that `marker` is in neither nor in the DOM. */
async function expectNowhere(page: Page, drawer: JobDrawer, jobId: string, marker: string) {
  const copied = await drawer.copiedRequest();
  const file = await drawer.downloadedRequest();
  expect(file.name).toBe(`${jobId}.request.json`);
  expect(await page.content()).not.toContain(marker);
  expect(copied).not.toContain(marker);
  expect(file.text).not.toContain(marker);
  return { copied, downloaded: file.text };
}

test("demo: the secret-bearing request shows ••• (set) and no FAKE value anywhere", async ({
  jobsPage,
  drawer,
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const id = EDGE_JOB_IDS.secretsInRequest;
  // The emulator really does send the fake keys: the masking is the dashboard's.
  const job = await demoJob(request, EDGE_CASES_PROJECT_ID, id);
  expect(job.request).toContain("FAKE");

  await jobsPage.goto(EDGE_CASES_PROJECT_ID, { job: id });
  await drawer.expectOpenFor(id);
  await expect(drawer.section("Credentials").getByText(MASK)).toHaveCount(2);
  // The nested `conf` keys (fs.s3a.access.key / secret.key) are masked too.
  await expect(drawer.section("Tool arguments")).toContainText(MASK);
  await expect(drawer.requestPre).toContainText(`"access_encoded_key": "${MASK}"`);
  await expect(drawer.requestPre).toContainText(`"secret_encoded_key": "${MASK}"`);

  const { copied, downloaded } = await expectNowhere(page, drawer, id, "FAKE");
  expect(copied).toBe(downloaded);
  const parsed = JSON.parse(copied) as Record<string, unknown>;
  expect(parsed).toMatchObject({
    access_encoded_key: MASK,
    secret_encoded_key: MASK,
    conf: {
      "spark.hadoop.fs.s3a.access.key": MASK,
      "spark.hadoop.fs.s3a.secret.key": MASK,
    },
  });
  // Everything else is untouched.
  const original = JSON.parse(job.request) as Record<string, unknown>;
  expect(parsed.inputs).toEqual(original.inputs);
  expect(parsed.output).toEqual(original.output);
});

const START = Date.UTC(2026, 10, 25, 12, 0, 0);
const NESTED_ID = "5ec00000-0000-4000-8000-000000000001";
const TRUNCATED_ID = "5ec00000-0000-4000-8000-000000000002";
const CUT_IN_SECRET_ID = "5ec00000-0000-4000-8000-000000000003";

const NESTED_REQUEST = {
  job_type: "DNA_SOMATIC",
  inputs: [
    { sample_type: "tumor", sample_inputs: ["s3a://px/T_R1.fastq.gz"] },
    { sample_type: "normal", sample_inputs: ["s3a://px/N_R1.fastq.gz"] },
  ],
  tumor_sample_name: "PX-T",
  normal_sample_name: "PX-N",
  ref: "hg38",
  output: "s3a://px/out/",
  access_encoded_key: "FAKE-PX-01-access-encoded",
  secret_encoded_key: null,
  Password: "FAKE-PX-02-password",
  bwaspark_conf: ["--spark-conf", "spark.hadoop.fs.s3a.secret.key=FAKE-PX-03-in-args"],
  extra: {
    deeper: [
      {
        "X-Auth-Token": "FAKE-PX-04-token",
        SK: "FAKE-PX-05-sk",
        ak: "FAKE-PX-06-ak",
        apiSecretKey: "FAKE-PX-07-secret-key",
        ACCESS_KEY: "FAKE-PX-08-access-key",
        nothing_secret_here: null,
        sample: "visible-value",
      },
    ],
  },
};

/** The fake DLI's jobs for the proxy-mode tests here. */
function secretJobs() {
  return [
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: NESTED_ID,
      startTime: START,
      request: NESTED_REQUEST,
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: TRUNCATED_ID,
      startTime: START - 60_000,
      request:
        '{"job_type":"DNA_SOMATIC","secret_encoded_key":"FAKE-PX-11-trunc",' +
        '"nested":{"Password":"FAKE-PX-12-trunc"},"access_encoded_key":null,' +
        '"output":"s3a://px/out/trunc',
    }),
    customJob({
      jobType: "DNA_SOMATIC",
      jobId: CUT_IN_SECRET_ID,
      startTime: START - 120_000,
      request: '{"job_type":"DNA_SOMATIC","ref":"hg38","secret_encoded_key":"FAKE-PX-21-cut-of',
    }),
  ];
}

proxyTest(
  "secrets at any depth and in any case, and in argument lists, are masked; null stays null",
  async ({ jobsPage, drawer, page, context, upstream }) => {
    upstream.setJobs(secretJobs());
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await jobsPage.goto(PROXY_PROJECT, { job: NESTED_ID });
    await drawer.expectOpenFor(NESTED_ID);
    const credentials = drawer.section("Credentials");
    // access_encoded_key is set; secret_encoded_key is null: "—", not "set".
    await expect(credentials.locator("dd")).toHaveText([MASK, "—"]);
    await expect(drawer.requestPre).toContainText('"secret_encoded_key": null');
    await expect(drawer.section("Other")).toContainText(MASK);
    await expect(drawer.section("Other")).toContainText("visible-value");

    const { copied, downloaded } = await expectNowhere(page, drawer, NESTED_ID, "FAKE-PX");
    expect(downloaded).toBe(copied);
    const parsed = JSON.parse(copied);
    expect(parsed).toEqual({
      ...NESTED_REQUEST,
      access_encoded_key: MASK,
      Password: MASK,
      bwaspark_conf: ["--spark-conf", `spark.hadoop.fs.s3a.secret.key=${MASK}`],
      extra: {
        deeper: [
          {
            "X-Auth-Token": MASK,
            SK: MASK,
            ak: MASK,
            apiSecretKey: MASK,
            ACCESS_KEY: MASK,
            nothing_secret_here: null,
            sample: "visible-value",
          },
        ],
      },
    });
  },
);

proxyTest(
  "a request that is not JSON is masked by pattern in the raw view, copy and download",
  async ({ jobsPage, drawer, page, context, upstream }) => {
    upstream.setJobs(secretJobs());
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await jobsPage.goto(PROXY_PROJECT, { job: TRUNCATED_ID });
    await drawer.expectOpenFor(TRUNCATED_ID);
    await expect(drawer.invalidNotice).toBeVisible();
    await expect(drawer.requestPre).toContainText('"job_type":"DNA_SOMATIC"');
    await expect(drawer.requestPre).toContainText(`"secret_encoded_key":"${MASK}"`);
    await expect(drawer.requestPre).toContainText(`"Password":"${MASK}"`);
    await expect(drawer.requestPre).toContainText('"access_encoded_key":null');
    await expect(drawer.requestPre).toContainText('"output":"s3a://px/out/trunc');
    await expect(drawer.section("Credentials")).toHaveCount(0);
    await expectNowhere(page, drawer, TRUNCATED_ID, "FAKE-PX");
  },
);

proxyTest(
  "a request cut off inside a secret's value still hides the value",
  async ({ jobsPage, drawer, page, context, upstream }) => {
    upstream.setJobs(secretJobs());
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await jobsPage.goto(PROXY_PROJECT, { job: CUT_IN_SECRET_ID });
    await drawer.expectOpenFor(CUT_IN_SECRET_ID);
    await expect(drawer.invalidNotice).toBeVisible();
    await expect(drawer.requestPre).toContainText('"ref":"hg38"');
    await expect(drawer.requestPre).toContainText(MASK);
    await expectNowhere(page, drawer, CUT_IN_SECRET_ID, "FAKE-PX");
  },
);
