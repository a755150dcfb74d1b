// Live updates and cancelling (issue 4), in proxy mode against the fake DLI: a running job's
// progress moves between list requests without a reload, the pause toggle stops the polling,
// and Cancel asks first, shows CANCELLING at once and comes back with DLI's reason if refused.
// Time is Playwright's clock: the 10 s refresh is `runFor`, never a real wait.
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { JobActions } from "./pages/job-actions.ts";
import {
  fixtureJobId,
  gate,
  makeJobs,
  type RecordedRequest,
  replies,
  type TestUpstream,
} from "./test-upstream.ts";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOUR = 3_600_000;
const LIVE_INTERVAL_MS = 10_000;

/** Job 0 RUNNING at 1/7, job 1 LAUNCHING at 2/7, the other 28 FINISHED (somatic, an hour apart). */
const RUNNING_ID = fixtureJobId("DNA_SOMATIC", 0);
const LAUNCHING_ID = fixtureJobId("DNA_SOMATIC", 1);
const FINISHED_ID = fixtureJobId("DNA_SOMATIC", 2);

function liveJobs() {
  return makeJobs({
    jobType: "DNA_SOMATIC",
    count: 30,
    newest: T0,
    stepMs: HOUR,
    status: (n) => (n === 0 ? "RUNNING" : n === 1 ? "LAUNCHING" : "FINISHED"),
  });
}

/**
 * Requests for the page on screen (page 1 at the default size), not the prefetched next page
 * nor whole-range reads (limit 100).
 */
function pageRequests(upstream: TestUpstream): RecordedRequest[] {
  return upstream
    .listRequests()
    .filter((request) => request.query.limit === "20" && request.query.offset === "0");
}

test.beforeEach(async ({ upstream }) => {
  upstream.setJobs(liveJobs());
});

test.describe("live updates", () => {
  test.beforeEach(async ({ page }) => {
    // Installed before the app loads, so its interval runs on the fake clock.
    await page.clock.install({ time: T0 + 10 * 60_000 });
  });

  test("a running job's progress advances on screen every 10 s, in place, without a reload", async ({
    page,
    jobsPage,
    upstream,
  }) => {
    await jobsPage.goto(PROXY_PROJECT);
    await expect(jobsPage.bodyRows).toHaveCount(20);
    const row = jobsPage.row(RUNNING_ID);
    await expect(row).toContainText("1/7");
    await expect(jobsPage.updated).toBeVisible();
    // Marks on the document and on the row's element: a reload or a re-created row loses them.
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await row.evaluate((element) => element.setAttribute("data-e2e-mark", "same-row"));

    for (const step of [2, 3]) {
      const before = pageRequests(upstream).length;
      expect(upstream.advance(RUNNING_ID)).toBe(`${step}/7`);
      await page.clock.runFor(LIVE_INTERVAL_MS);
      await expect.poll(() => pageRequests(upstream).length).toBeGreaterThan(before);
      await expect(row).toContainText(`${step}/7`);
      expect(await jobsPage.progressOf(row.getByRole("progressbar"))).toEqual({
        now: step,
        max: 7,
      });
    }
    await expect(row).toHaveAttribute("data-e2e-mark", "same-row");
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    await expect(jobsPage.bodyRows).toHaveCount(20);
    await expect(jobsPage.updated).toBeVisible();
  });

  test("an open drawer stays open and shows the new progress", async ({
    page,
    jobsPage,
    drawer,
    upstream,
  }) => {
    await jobsPage.goto(PROXY_PROJECT);
    await expect(jobsPage.bodyRows).toHaveCount(20);
    await jobsPage.jobRow(RUNNING_ID).click();
    await drawer.expectOpenFor(RUNNING_ID);
    expect(await jobsPage.progressOf(drawer.progress)).toEqual({ now: 1, max: 7 });

    upstream.advance(RUNNING_ID);
    upstream.advance(RUNNING_ID);
    await page.clock.runFor(LIVE_INTERVAL_MS);
    await expect.poll(() => jobsPage.progressOf(drawer.progress)).toEqual({ now: 3, max: 7 });
    await drawer.expectOpenFor(RUNNING_ID);
    await expect(page).toHaveURL(new RegExp(`[?&]job=${RUNNING_ID}(&|$)`));

    // The job ends while the drawer is open: the drawer says so.
    upstream.updateJob(RUNNING_ID, { status: "FINISHED", progress: "7/7" });
    await page.clock.runFor(LIVE_INTERVAL_MS);
    await expect.poll(() => jobsPage.progressOf(drawer.progress)).toEqual({ now: 7, max: 7 });
    await expect(drawer.forJob(RUNNING_ID)).toContainText("Finished");
  });

  test("Pause live updates stops the polling; pressing it again resumes", async ({
    page,
    jobsPage,
    upstream,
  }) => {
    const actions = new JobActions(page);
    await jobsPage.goto(PROXY_PROJECT);
    await expect(jobsPage.bodyRows).toHaveCount(20);
    const row = jobsPage.row(RUNNING_ID);
    await expect(row).toContainText("1/7");
    await expect(actions.pauseLive).toHaveAttribute("aria-pressed", "false");

    await actions.pauseLive.click();
    await expect(actions.pauseLive).toHaveAttribute("aria-pressed", "true");
    await expect(actions.pauseLive).toHaveAccessibleName("Pause live updates");
    const atPause = pageRequests(upstream).length;
    upstream.advance(RUNNING_ID);
    // Three and a half intervals pass: a live list would have asked three times by now.
    await page.clock.runFor(3.5 * LIVE_INTERVAL_MS);
    // A manual Refresh still works, and is the only page request since pausing.
    await jobsPage.refresh.click();
    await expect(row).toContainText("2/7");
    await expect.poll(() => pageRequests(upstream).length).toBe(atPause + 1);

    await actions.pauseLive.click();
    await expect(actions.pauseLive).toHaveAttribute("aria-pressed", "false");
    const atResume = pageRequests(upstream).length;
    upstream.advance(RUNNING_ID);
    await page.clock.runFor(LIVE_INTERVAL_MS);
    await expect.poll(() => pageRequests(upstream).length).toBeGreaterThan(atResume);
    await expect(row).toContainText("3/7");
  });

  test("a hidden tab does not poll; it refreshes when shown again", async ({
    page,
    jobsPage,
    upstream,
  }) => {
    await jobsPage.goto(PROXY_PROJECT);
    await expect(jobsPage.bodyRows).toHaveCount(20);
    const row = jobsPage.row(RUNNING_ID);
    await expect(row).toContainText("1/7");

    const setVisibility = (state: "hidden" | "visible") =>
      page.evaluate((value) => {
        Object.defineProperty(document, "visibilityState", { value, configurable: true });
        Object.defineProperty(document, "hidden", {
          value: value === "hidden",
          configurable: true,
        });
        document.dispatchEvent(new Event("visibilitychange"));
      }, state);

    await setVisibility("hidden");
    const atHide = pageRequests(upstream).length;
    upstream.advance(RUNNING_ID);
    await page.clock.runFor(3.5 * LIVE_INTERVAL_MS);
    // Something the test can wait for, sent after the intervals: the config, asked by hand.
    expect((await page.request.get("/api/config")).ok()).toBe(true);
    expect(pageRequests(upstream)).toHaveLength(atHide);
    await expect(row).toContainText("1/7");

    await setVisibility("visible");
    await page.clock.runFor(LIVE_INTERVAL_MS);
    await expect(row).toContainText("2/7");
    expect(pageRequests(upstream).length).toBeGreaterThan(atHide);
  });
});

test.describe("cancel, when the server allows it", () => {
  test.use({ allowCancel: true });

  test("Cancel asks first, naming the job and its samples; Keep running sends nothing", async ({
    page,
    jobsPage,
    upstream,
  }) => {
    const actions = new JobActions(page);
    await jobsPage.goto(PROXY_PROJECT);
    await expect(jobsPage.bodyRows).toHaveCount(20);
    // Only launching and running jobs offer it.
    await expect(actions.cancelIn(jobsPage.row(RUNNING_ID))).toHaveCount(1);
    await expect(actions.cancelIn(jobsPage.row(LAUNCHING_ID))).toHaveCount(1);
    await expect(actions.cancelIn(jobsPage.row(FINISHED_ID))).toHaveCount(0);
    await expect(actions.rowCancels).toHaveCount(2);

    await actions.cancelIn(jobsPage.row(RUNNING_ID)).click();
    const confirmation = actions.confirmationFor(RUNNING_ID);
    await expect(confirmation).toBeVisible();
    await expect(confirmation).toContainText("TUMOR-0");
    await expect(confirmation).toContainText("NORMAL-0");
    await expect(actions.keepRunning).toBeVisible();
    await expect(actions.confirmCancel).toBeVisible();
    expect(upstream.cancelRequests()).toHaveLength(0);

    await actions.keepRunning.click();
    await expect(actions.confirmation).toHaveCount(0);
    await expect(jobsPage.row(RUNNING_ID)).toContainText("Running");
    // A request the test can wait for, sent after the dialog closed: still no DELETE.
    const listed = upstream.listRequests().length;
    await jobsPage.refresh.click();
    await expect.poll(() => upstream.listRequests().length).toBeGreaterThan(listed);
    expect(upstream.cancelRequests()).toHaveLength(0);
    expect(upstream.job(RUNNING_ID).status).toBe("RUNNING");
  });

  test("confirming sends DELETE, the row shows Cancelling at once, then DLI's new status", async ({
    page,
    jobsPage,
    upstream,
    token,
  }) => {
    const actions = new JobActions(page);
    const answer = gate();
    upstream.scriptCancel((jobId) => {
      // DLI changes the job when it answers, not before.
      void answer.promise.then(() =>
        upstream.updateJob(jobId, { status: "CANCELLED", message: "Cancelled by user" }),
      );
      return replies.held(answer.promise, replies.cancelled());
    });
    await jobsPage.goto(PROXY_PROJECT);
    const row = jobsPage.row(RUNNING_ID);
    await expect(row).toContainText("Running");

    await actions.cancelIn(row).click();
    await expect(actions.confirmationFor(RUNNING_ID)).toBeVisible();
    await actions.confirmCancel.click();
    await expect(actions.confirmation).toHaveCount(0);
    await expect.poll(() => upstream.cancelRequests().length).toBe(1);
    const [cancel] = upstream.cancelRequests();
    expect(cancel?.method).toBe("DELETE");
    expect(cancel?.path).toBe(`/v2.0/${PROXY_PROJECT}/gene/jobs/${RUNNING_ID}`);
    expect(cancel?.headers["x-auth-token"]).toBe(token);

    // DLI has not answered yet: the row already says Cancelling and offers no second cancel.
    await expect(row).toContainText("Cancelling");
    await expect(actions.cancelIn(row)).toHaveCount(0);

    answer.open();
    await expect(row).toContainText("Cancelled");
    await expect(row).not.toContainText("Cancelling");
    await expect(actions.refusal(RUNNING_ID)).toHaveCount(0);
    expect(upstream.cancelRequests()).toHaveLength(1);
  });

  test("DLI refuses: the previous status comes back with DLI's message in an alert", async ({
    page,
    jobsPage,
    upstream,
  }) => {
    const actions = new JobActions(page);
    const answer = gate();
    const reason = "Job is finishing its last step and can no longer be cancelled";
    upstream.scriptCancel(() => replies.held(answer.promise, replies.refused(reason)));
    await jobsPage.goto(PROXY_PROJECT);
    const row = jobsPage.row(RUNNING_ID);
    await expect(row).toContainText("Running");

    await actions.cancelIn(row).click();
    await actions.confirmCancel.click();
    await expect.poll(() => upstream.cancelRequests().length).toBe(1);
    await expect(row).toContainText("Cancelling");

    answer.open();
    const refusal = actions.refusal(RUNNING_ID);
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText(reason);
    await expect(row).toContainText("Running");
    await expect(row).not.toContainText("Cancelling");
    await expect(actions.cancelIn(row)).toHaveCount(1);
    expect(upstream.job(RUNNING_ID).status).toBe("RUNNING");
  });

  test("the drawer of a launching job offers Cancel too, with the same confirmation", async ({
    page,
    jobsPage,
    drawer,
    upstream,
  }) => {
    const actions = new JobActions(page);
    await jobsPage.goto(PROXY_PROJECT, { job: LAUNCHING_ID });
    await drawer.expectOpenFor(LAUNCHING_ID);
    const inDrawer = actions.cancelIn(drawer.forJob(LAUNCHING_ID));
    await expect(inDrawer).toBeVisible();

    await inDrawer.click();
    const confirmation = actions.confirmationFor(LAUNCHING_ID);
    await expect(confirmation).toBeVisible();
    await expect(confirmation).toContainText("TUMOR-1");
    await expect(confirmation).toContainText("NORMAL-1");
    expect(upstream.cancelRequests()).toHaveLength(0);
    await actions.confirmCancel.click();

    await expect
      .poll(() => upstream.cancelRequests().map((r) => r.path))
      .toEqual([`/v2.0/${PROXY_PROJECT}/gene/jobs/${LAUNCHING_ID}`]);
    // The fake DLI accepted it and now reports the job CANCELLED; the drawer follows.
    await expect(drawer.forJob(LAUNCHING_ID)).toContainText("Cancelled");
    await expect(inDrawer).toHaveCount(0);
    await drawer.expectOpenFor(LAUNCHING_ID);
  });
});

test.describe("cancel under a status filter (issue 16)", () => {
  test.use({ allowCancel: true });
  test.beforeEach(async ({ page }) => {
    await page.clock.install({ time: T0 + 10 * 60_000 });
  });

  test("the cancelled job stays in view and in its drawer, Cancelling and then Cancelled", async ({
    page,
    jobsPage,
    drawer,
    upstream,
  }) => {
    const actions = new JobActions(page);
    // DLI stops the job in its own time: CANCELING first.
    upstream.scriptCancel((jobId) => {
      upstream.updateJob(jobId, { status: "CANCELING" });
      return replies.cancelled();
    });
    await jobsPage.goto(PROXY_PROJECT, { status: "RUNNING", job: RUNNING_ID });
    await drawer.expectOpenFor(RUNNING_ID);
    const row = jobsPage.row(RUNNING_ID);
    await expect(row).toContainText("Running");

    await actions.cancelIn(drawer.forJob(RUNNING_ID)).click();
    await actions.confirmCancel.click();
    await expect.poll(() => upstream.cancelRequests().length).toBe(1);
    // Not RUNNING any more, yet still in this RUNNING-only view, and its drawer still open.
    await expect(drawer.forJob(RUNNING_ID)).toContainText("Cancelling");
    await expect(row).toContainText("Cancelling");
    await expect(drawer.notFoundOnPage).toHaveCount(0);

    upstream.updateJob(RUNNING_ID, { status: "CANCELLED", message: "Cancelled by user" });
    await expect
      .poll(async () => {
        await page.clock.runFor(LIVE_INTERVAL_MS);
        return row.textContent();
      })
      .toContain("Cancelled");
    await expect(drawer.forJob(RUNNING_ID)).toContainText("Cancelled");

    // Moving on (another filter) lets the view be what it says again.
    await drawer.close.click();
    await jobsPage.goto(PROXY_PROJECT, { status: "RUNNING" });
    await expect(jobsPage.bodyRows.first()).toBeVisible();
    await expect(jobsPage.row(RUNNING_ID)).toHaveCount(0);
  });
});

test.describe("cancel, when the server does not allow it (proxy default)", () => {
  test("no Cancel button anywhere, and the server refuses a DELETE without asking DLI", async ({
    page,
    jobsPage,
    drawer,
    upstream,
  }) => {
    const actions = new JobActions(page);
    const config = page.waitForResponse((response) =>
      new URL(response.url()).pathname.endsWith("/api/config"),
    );
    await jobsPage.goto(PROXY_PROJECT);
    expect(((await (await config).json()) as { cancelAllowed?: unknown }).cancelAllowed).toBe(
      false,
    );
    await expect(jobsPage.bodyRows).toHaveCount(20);
    await expect(jobsPage.row(RUNNING_ID)).toContainText("Running");
    await expect(jobsPage.row(LAUNCHING_ID)).toContainText("Launching");
    await expect(actions.anyCancel).toHaveCount(0);

    await jobsPage.jobRow(RUNNING_ID).click();
    await drawer.expectOpenFor(RUNNING_ID);
    await expect(drawer.forJob(RUNNING_ID)).toContainText("Running");
    await expect(actions.anyCancel).toHaveCount(0);

    const refused = await page.request.delete(`/v2.0/${PROXY_PROJECT}/gene/jobs/${RUNNING_ID}`);
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error_code: "DASHBOARD.CANCEL_DISABLED" });
    expect(upstream.cancelRequests()).toHaveLength(0);
  });
});
