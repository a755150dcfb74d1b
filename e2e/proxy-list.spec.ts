// Proxy mode against the test's own fake DLI: the URL is the state, and it turns into exactly
// the limit/offset/start/end/job_type the upstream receives.
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { fixtureJobId, gate, makeJobs, type RecordedRequest, replies } from "./test-upstream.ts";

const NOV_25_2026_UTC = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOUR = 3_600_000;

/**
 * 45 somatic jobs, one every 12 h back from 2026-11-25 12:00 UTC, and 30 germline jobs, one a
 * day back from 2026-11-25 11:00 UTC.
 */
function standardJobs() {
  return [
    ...makeJobs({ jobType: "DNA_SOMATIC", count: 45, newest: NOV_25_2026_UTC, stepMs: 12 * HOUR }),
    ...makeJobs({
      jobType: "DNA_GERMLINE",
      count: 30,
      newest: NOV_25_2026_UTC - HOUR,
      stepMs: 24 * HOUR,
    }),
  ];
}

const somaticIds = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => fixtureJobId("DNA_SOMATIC", from + i));

function hasQuery(expected: Record<string, string>) {
  return (request: RecordedRequest) =>
    Object.entries(expected).every(([key, value]) => request.query[key] === value);
}

test.beforeEach(async ({ upstream }) => {
  upstream.setJobs(standardJobs());
});

test("the first page asks DLI for limit=20 offset=0 with the IAM token", async ({
  jobsPage,
  upstream,
  token,
}) => {
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.tableNamed("DNA somatic jobs")).toBeVisible();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  expect(await jobsPage.jobIds()).toEqual(somaticIds(0, 20));
  await expect(jobsPage.total(45)).toBeVisible();

  const first = upstream.listRequests()[0];
  expect(first?.path).toBe(`/v2.0/${PROXY_PROJECT}/gene/jobs`);
  expect(first?.query).toMatchObject({ job_type: "DNA_SOMATIC", limit: "20", offset: "0" });
  expect(first?.query).not.toHaveProperty("start");
  expect(first?.query).not.toHaveProperty("end");
  for (const request of upstream.listRequests()) {
    expect(request.headers["x-auth-token"]).toBe(token);
  }
  // No demo notice in proxy mode.
  await expect(jobsPage.demoNotice).toHaveCount(0);
});

test("table shape: column headers, progress bars, copy buttons", async ({ jobsPage }) => {
  await jobsPage.goto(PROXY_PROJECT, "size=10");
  await expect(jobsPage.bodyRows).toHaveCount(10);
  await expect(jobsPage.columnHeaders()).toHaveText([
    /Started/,
    /Status/,
    /Job ID/,
    /Samples/,
    /Reference/,
    /Owner/,
    /Duration/,
    /Progress/,
  ]);
  // Job 0 is FINISHED 7/7; job 1 is RUNNING 2/7 (see makeJobs).
  const finished = jobsPage.row(fixtureJobId("DNA_SOMATIC", 0));
  await expect(finished).toContainText(/finished/i);
  await expect(finished).toContainText("TUMOR-0");
  await expect(finished).toContainText("hg38");
  await expect(finished).toContainText("7/7");
  await expect(finished).toContainText("10min"); // 600 s
  expect(await jobsPage.progressOf(finished.getByRole("progressbar"))).toEqual({ now: 7, max: 7 });
  const running = jobsPage.row(fixtureJobId("DNA_SOMATIC", 1));
  await expect(running).toContainText(/running/i);
  await expect(running).toContainText("2/7");
  expect(await jobsPage.progressOf(running.getByRole("progressbar"))).toEqual({ now: 2, max: 7 });
  await expect(jobsPage.table.getByRole("button", { name: "Copy job ID" })).toHaveCount(10);
  // The request's encoded credentials are never shown.
  await expect(jobsPage.table).not.toContainText("QUtJQUVYQU1QTEU=");
  await expect(jobsPage.table).not.toContainText("c2VjcmV0LWV4YW1wbGU=");
});

test("paging: Next sets page=2 and DLI gets offset=size; Last and page numbers agree", async ({
  jobsPage,
  upstream,
}) => {
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.pageButton(1)).toHaveAttribute("aria-current", "page");
  await expect(jobsPage.previousPage).toBeDisabled();

  await jobsPage.nextPage.click();
  await expect(jobsPage.page).toHaveURL(/[?&]page=2(&|$)/);
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(20, 40));
  expect(upstream.listRequests().some(hasQuery({ limit: "20", offset: "20" }))).toBe(true);
  await expect(jobsPage.pageButton(2)).toHaveAttribute("aria-current", "page");

  await jobsPage.lastPage.click();
  await expect(jobsPage.page).toHaveURL(/[?&]page=3(&|$)/);
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(40, 45));
  expect(upstream.listRequests().some(hasQuery({ limit: "20", offset: "40" }))).toBe(true);
  await expect(jobsPage.nextPage).toBeDisabled();
  await expect(jobsPage.lastPage).toBeDisabled();

  await jobsPage.pageButton(1).click();
  await expect(jobsPage.page).not.toHaveURL(/[?&]page=/);
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(0, 20));

  // No request ever left the contract's bounds.
  for (const request of upstream.listRequests()) {
    expect(Number(request.query.limit)).toBeGreaterThanOrEqual(1);
    expect(Number(request.query.limit)).toBeLessThanOrEqual(100);
    expect(Number(request.query.offset) % Number(request.query.limit)).toBe(0);
  }
});

test("two clicks on Next before the list redraws move two pages, like ] pressed twice", async ({
  jobsPage,
}) => {
  await jobsPage.goto(PROXY_PROJECT, "size=10");
  await expect(jobsPage.bodyRows).toHaveCount(10);
  // Both clicks in one task: React cannot re-render between them.
  await jobsPage.nextPage.evaluate((next: HTMLButtonElement) => {
    next.click();
    next.click();
  });
  await expect(jobsPage.page).toHaveURL(/[?&]page=3(&|$)/);
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(20, 30));
  await jobsPage.previousPage.evaluate((previous: HTMLButtonElement) => {
    previous.click();
    previous.click();
  });
  await expect(jobsPage.page).not.toHaveURL(/[?&]page=/);
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(0, 10));
});

test("changing rows per page resets to page 1 and DLI gets the new limit", async ({
  jobsPage,
  upstream,
}) => {
  await jobsPage.goto(PROXY_PROJECT, "page=2&size=10");
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(10, 20));
  await expect(jobsPage.rowsPerPage).toHaveValue("10");

  await jobsPage.rowsPerPage.selectOption("50");
  await expect(jobsPage.page).toHaveURL(/[?&]size=50(&|$)/);
  await expect(jobsPage.page).not.toHaveURL(/[?&]page=/);
  await expect(jobsPage.bodyRows).toHaveCount(45);
  expect(upstream.listRequests().some(hasQuery({ limit: "50", offset: "0" }))).toBe(true);
  await expect(jobsPage.nextPage).toBeDisabled();
});

test("the type switch sets type=DNA_GERMLINE and DLI gets job_type", async ({
  jobsPage,
  upstream,
}) => {
  await jobsPage.goto(PROXY_PROJECT, "page=2");
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.typeRadio("Somatic")).toBeChecked();

  await jobsPage.selectType("Germline");
  await expect(jobsPage.page).toHaveURL(/[?&]type=DNA_GERMLINE(&|$)/);
  await expect(jobsPage.page).not.toHaveURL(/[?&]page=/);
  await expect(jobsPage.typeRadio("Germline")).toBeChecked();
  await expect(jobsPage.tableNamed("DNA germline jobs")).toBeVisible();
  await expect
    .poll(async () => jobsPage.jobIds())
    .toEqual(Array.from({ length: 20 }, (_, i) => fixtureJobId("DNA_GERMLINE", i)));
  await expect(jobsPage.total(30)).toBeVisible();
  expect(
    upstream.listRequests().some(hasQuery({ job_type: "DNA_GERMLINE", offset: "0", limit: "20" })),
  ).toBe(true);

  await jobsPage.selectType("Somatic");
  await expect(jobsPage.page).not.toHaveURL(/[?&]type=/);
  await expect(jobsPage.tableNamed("DNA somatic jobs")).toBeVisible();
});

test("a bookmarked URL reopens the same view after reload", async ({ jobsPage, upstream }) => {
  const bookmark = "type=DNA_GERMLINE&from=2026-11-05&to=2026-11-24&page=2&size=10";
  await jobsPage.goto(PROXY_PROJECT, bookmark);
  await expect(jobsPage.tableNamed("DNA germline jobs")).toBeVisible();
  await expect.poll(async () => (await jobsPage.jobIds()).length).toBeGreaterThan(0);
  await jobsPage.waitForLoaded();
  const url = jobsPage.page.url();
  const ids = await jobsPage.jobIds();
  // Germline jobs are daily from 2026-11-25 11:00 UTC back: 2026-11-05..24 (UTC, the config's
  // zone) holds jobs 1..20, so page 2 of 10 is jobs 11..20.
  expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => fixtureJobId("DNA_GERMLINE", 11 + i)));
  const before = upstream.listRequests().find(hasQuery({ offset: "10" }));
  expect(before?.query).toMatchObject({
    job_type: "DNA_GERMLINE",
    limit: "10",
    start: String(Date.UTC(2026, 10, 5)),
    end: String(Date.UTC(2026, 10, 24, 23, 59, 59, 999)),
  });

  upstream.clearRequests();
  await jobsPage.page.reload();
  await expect(jobsPage.tableNamed("DNA germline jobs")).toBeVisible();
  await expect.poll(async () => jobsPage.jobIds()).toEqual(ids);
  expect(jobsPage.page.url()).toBe(url);
  await expect(jobsPage.typeRadio("Germline")).toBeChecked();
  await expect(jobsPage.from).toHaveValue("2026-11-05");
  await expect(jobsPage.to).toHaveValue("2026-11-24");
  await expect(jobsPage.rowsPerPage).toHaveValue("10");
  await expect(jobsPage.pageButton(2)).toHaveAttribute("aria-current", "page");
  const after = upstream.listRequests().find(hasQuery({ offset: "10" }));
  expect(after?.query).toEqual(before?.query);
});

test("invalid params are normalised with a history replace and never reach DLI", async ({
  jobsPage,
  upstream,
  page,
}) => {
  await page.goto("/");
  // The start page reads the project's recent jobs of both types; what is checked below is the
  // list's own requests.
  await expect.poll(() => upstream.listRequests().length).toBe(2);
  upstream.clearRequests();
  const lengthBefore = await page.evaluate(() => history.length);
  await jobsPage.goto(PROXY_PROJECT, "page=-3&size=7&type=foo&range=1y");
  await expect(page).toHaveURL(new RegExp(`/projects/${PROXY_PROJECT}/jobs$`));
  await expect(jobsPage.bodyRows).toHaveCount(20);
  expect(await page.evaluate(() => history.length)).toBe(lengthBefore + 1);
  await expect(jobsPage.typeRadio("Somatic")).toBeChecked();
  await expect(jobsPage.rangeButton("All time")).toHaveAttribute("aria-pressed", "true");
  await expect(jobsPage.rowsPerPage).toHaveValue("20");
  await expect(jobsPage.pageButton(1)).toHaveAttribute("aria-current", "page");

  for (const request of upstream.listRequests()) {
    expect(request.query.job_type).toBe("DNA_SOMATIC");
    expect(request.query.limit).toBe("20");
    expect(["0", "20"]).toContain(request.query.offset);
    expect(request.query).not.toHaveProperty("start");
  }

  // Back goes to where we came from: the normalisation added no entry of its own.
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
});

test("an impossible date is dropped, and the viewer told; reversed dates are swapped", async ({
  jobsPage,
  upstream,
}) => {
  await jobsPage.goto(
    PROXY_PROJECT,
    `from=2026-02-31&to=2026-11-10&size=abc&${new URLSearchParams({ x: "<b>bold</b>" })}`,
  );
  await expect(jobsPage.page).toHaveURL(/\?to=2026-11-10$/);
  // What was left out is named, as plain text.
  await expect(jobsPage.unusedAddress.getByRole("listitem")).toHaveText([
    "from=2026-02-31: not a day (YYYY-MM-DD) or a time",
    "size=abc: rows per page are 10, 20, 50 and 100",
    "x=<b>bold</b>: not a setting of this page",
  ]);
  await jobsPage.unusedAddress.getByRole("button", { name: "Dismiss" }).click();
  await expect(jobsPage.unusedAddress).toHaveCount(0);
  await expect(jobsPage.to).toHaveValue("2026-11-10");
  await expect(jobsPage.from).toHaveValue("");
  await expect
    .poll(() =>
      upstream
        .listRequests()
        .some(hasQuery({ end: String(Date.UTC(2026, 10, 10, 23, 59, 59, 999)) })),
    )
    .toBe(true);

  await jobsPage.goto(PROXY_PROJECT, "from=2026-11-20&to=2026-11-01");
  await expect(jobsPage.page).toHaveURL(/\?from=2026-11-01&to=2026-11-20$/);
});

test("first load: the table is aria-busy with no job rows until DLI answers", async ({
  jobsPage,
  upstream,
}) => {
  const firstAnswer = gate();
  upstream.script((_request, index) =>
    index === 0 ? replies.held(firstAnswer.promise) : replies.jobs(),
  );
  await jobsPage.goto(PROXY_PROJECT);
  await expect.poll(() => upstream.listRequests().length).toBe(1);
  await expect(jobsPage.table).toHaveAttribute("aria-busy", "true");
  await expect(jobsPage.bodyRows).toHaveCount(0);

  firstAnswer.open();
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.table).not.toHaveAttribute("aria-busy", "true");
});

test("while the next page loads, the previous rows stay on screen, marked busy", async ({
  jobsPage,
  upstream,
}) => {
  const secondPage = gate();
  upstream.script((request) =>
    request.query.offset === "20" ? replies.held(secondPage.promise) : replies.jobs(),
  );
  await jobsPage.goto(PROXY_PROJECT);
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(0, 20));
  await jobsPage.waitForLoaded();

  await jobsPage.nextPage.click();
  await expect(jobsPage.page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(jobsPage.table).toHaveAttribute("aria-busy", "true");
  expect(await jobsPage.jobIds()).toEqual(somaticIds(0, 20));

  secondPage.open();
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(20, 40));
  await expect(jobsPage.table).not.toHaveAttribute("aria-busy", "true");
});

test("Refresh asks DLI again and the list says when it was updated", async ({
  jobsPage,
  upstream,
}) => {
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.updated).toBeVisible();
  const firstPageRequests = () =>
    upstream.listRequests().filter((request) => request.query.offset === "0").length;
  expect(firstPageRequests()).toBe(1);

  await jobsPage.refresh.click();
  await expect.poll(firstPageRequests).toBe(2);
  await expect(jobsPage.updated).toBeVisible();
  await expect(jobsPage.bodyRows).toHaveCount(20);
});

test("a bookmarked page past the end shows the last page", async ({ jobsPage, upstream }) => {
  await jobsPage.goto(PROXY_PROJECT, "page=99");
  await expect(jobsPage.page).toHaveURL(/[?&]page=3(&|$)/);
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(40, 45));
  await expect(jobsPage.pageButton(3)).toHaveAttribute("aria-current", "page");
  for (const request of upstream.listRequests()) {
    expect(request.query.limit).toBe("20");
  }
});

test("Copy job ID puts the full id on the clipboard and says so", async ({
  jobsPage,
  context,
  page,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await jobsPage.goto(PROXY_PROJECT);
  const id = fixtureJobId("DNA_SOMATIC", 4);
  const copy = jobsPage.row(id).getByRole("button", { name: "Copy job ID" });
  await copy.click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(id);
  // The check mark (a CSS mask keyed on data-state) and the polite announcement.
  await expect(copy).toHaveAttribute("data-state", "copied");
  await expect(copy.locator("[aria-live=polite]")).toHaveText("Copied");
  await expect(copy).toHaveAttribute("data-state", "idle");
});

test("the next page is prefetched, so Next shows it without another request", async ({
  jobsPage,
  upstream,
}) => {
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect
    .poll(() => upstream.listRequests().filter(hasQuery({ offset: "20" })).length)
    .toBe(1);

  await jobsPage.nextPage.click();
  await expect.poll(async () => jobsPage.jobIds()).toEqual(somaticIds(20, 40));
  expect(upstream.listRequests().filter(hasQuery({ offset: "20" }))).toHaveLength(1);
});

test("the first page is preloaded with the HTML and fetched from DLI once", async ({
  jobsPage,
  upstream,
  page,
}) => {
  await jobsPage.goto(PROXY_PROJECT, "range=30d");
  await expect(jobsPage.bodyRows).toHaveCount(20);
  const preload = page.locator('link[rel="preload"][as="fetch"][href^="/v2.0/"]');
  await expect(preload).toHaveAttribute(
    "href",
    /job_type=DNA_SOMATIC&limit=20&offset=0&start=\d+$/,
  );
  // The app's own fetch reuses the preloaded answer instead of asking DLI again.
  expect(upstream.listRequests().filter(hasQuery({ offset: "0" }))).toHaveLength(1);
});
