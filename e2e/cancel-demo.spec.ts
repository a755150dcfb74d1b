// Cancel in demo mode (issue 4): on by default, and the emulator really cancels the job.
import { ONCOLOGY_PROJECT_ID } from "../server/emulator/projects.ts";
import { CANCEL_TAKES_MS } from "../server/emulator/store.ts";
import type { WireJob } from "./demo-jobs.ts";
import { test as demoTest, expect, startDemoServer } from "./fixtures.ts";
import { JobActions } from "./pages/job-actions.ts";
import { JobsPage } from "./pages/jobs-page.ts";

// Demo mode allows cancel by default. A private server, so the cancelled job does not leak into
// the worker's shared demo server and other tests.
demoTest(
  "demo mode: a running demo job offers Cancel and the emulator cancels it",
  async ({ page }) => {
    // The emulator's clock, moved by the test: a cancelled job is CANCELING for a while first.
    let serverNow = Date.now();
    const server = await startDemoServer({ demoNow: () => serverNow });
    await page.clock.install();
    try {
      const jobsPage = new JobsPage(page);
      const actions = new JobActions(page);
      const listed = await page.request.get(
        `${server.url}/v2.0/${ONCOLOGY_PROJECT_ID}/gene/jobs?job_type=DNA_SOMATIC&limit=20&offset=0`,
      );
      const jobs = ((await listed.json()) as { jobs: WireJob[] }).jobs;
      const running = jobs.find((job) => job.status === "RUNNING");
      const finished = jobs.find((job) => job.status === "FINISHED");
      expect(running, "a running job on the demo's first page").toBeDefined();
      const runningId = (running as WireJob).job_id;

      await page.goto(`${server.url}/projects/${ONCOLOGY_PROJECT_ID}/jobs`);
      const row = jobsPage.row(runningId);
      await expect(row).toContainText("Running");
      if (finished) await expect(actions.cancelIn(jobsPage.row(finished.job_id))).toHaveCount(0);
      await actions.cancelIn(row).click();
      await expect(actions.confirmationFor(runningId)).toBeVisible();
      await actions.confirmCancel.click();
      await expect(row).toContainText("Cancelling");
      await expect(actions.cancelIn(row)).toHaveCount(0);
      serverNow += CANCEL_TAKES_MS;
      // Still cancelling is still active: the list asks again on its next refresh.
      await expect
        .poll(async () => {
          await page.clock.runFor(10_000);
          return row.textContent();
        })
        .toContain("Cancelled");
      await expect(actions.cancelIn(row)).toHaveCount(0);
      await expect(actions.refusal(runningId)).toHaveCount(0);
    } finally {
      await server.close();
    }
  },
);
