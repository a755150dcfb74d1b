// from/to are whole days in the viewer's time zone: start = local midnight of `from`,
// end = local 23:59:59.999 of `to`. The expected instants are written out by hand here, not
// computed with the app's own date code.
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";
import { makeJobs, type RecordedRequest } from "./test-upstream.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CASES = [
  {
    timezoneId: "Asia/Shanghai",
    // UTC+8 all year.
    start: Date.UTC(2026, 9, 31, 16, 0, 0, 0), // 2026-11-01T00:00+08:00
    end: Date.UTC(2026, 10, 20, 15, 59, 59, 999), // 2026-11-20T23:59:59.999+08:00
    // The newest job in the window, 2026-11-20T12:00Z, in local time.
    newestStarted: /2026\/11\/20 20:00:00\s*GMT\+08:00/,
  },
  {
    timezoneId: "America/New_York",
    // 2026-11-01 is the day DST ends: its midnight is still EDT (UTC-4); 11-20 is EST (UTC-5).
    start: Date.UTC(2026, 10, 1, 4, 0, 0, 0),
    end: Date.UTC(2026, 10, 21, 4, 59, 59, 999),
    // The newest job in the window, 2026-11-21T00:00Z, in local time (EST).
    newestStarted: /2026\/11\/20 19:00:00\s*GMT[-\u2212]05:00/,
  },
] as const;

function windowOf(request: RecordedRequest | undefined) {
  return { start: request?.query.start, end: request?.query.end };
}

for (const zone of CASES) {
  test.describe(`in ${zone.timezoneId}`, () => {
    test.use({ timezoneId: zone.timezoneId });

    test.beforeEach(async ({ upstream }) => {
      // One somatic job every 6 h from 2026-10-25 to 2026-11-26 (UTC).
      upstream.setJobs(
        makeJobs({
          jobType: "DNA_SOMATIC",
          count: 129,
          newest: Date.UTC(2026, 10, 26),
          stepMs: 6 * HOUR,
        }),
      );
    });

    test("a deep link from=2026-11-01&to=2026-11-20 sends the local-day bounds", async ({
      jobsPage,
      upstream,
    }) => {
      await jobsPage.goto(PROXY_PROJECT, "from=2026-11-01&to=2026-11-20");
      await expect(jobsPage.bodyRows).toHaveCount(20);
      await expect(jobsPage.from).toHaveValue("2026-11-01");
      await expect(jobsPage.to).toHaveValue("2026-11-20");
      const first = upstream.listRequests()[0];
      expect(windowOf(first)).toEqual({ start: String(zone.start), end: String(zone.end) });
      expect(first?.query).toMatchObject({ offset: "0", limit: "20" });

      // The total is what the upstream counted for exactly that window.
      const inWindow = Array.from(
        { length: 129 },
        (_, n) => Date.UTC(2026, 10, 26) - n * 6 * HOUR,
      ).filter((t) => t >= zone.start && t <= zone.end).length;
      await expect(jobsPage.total(inWindow)).toBeVisible();
      // Started is shown in the viewer's zone, with its offset.
      await expect(jobsPage.bodyRows.first()).toContainText(zone.newestStarted);
      // No preset is active while explicit dates are set.
      await expect(jobsPage.rangeButton("All time")).not.toHaveAttribute("aria-pressed", "true");
    });

    test("typing dates into From and To writes the URL and the same bounds", async ({
      jobsPage,
      upstream,
    }) => {
      await jobsPage.goto(PROXY_PROJECT, "page=2");
      await expect(jobsPage.bodyRows).toHaveCount(20);

      await jobsPage.from.fill("2026-11-01");
      await expect(jobsPage.page).toHaveURL(/[?&]from=2026-11-01(&|$)/);
      await expect(jobsPage.page).not.toHaveURL(/[?&]page=/);
      await jobsPage.to.fill("2026-11-20");
      await expect(jobsPage.page).toHaveURL(/[?&]from=2026-11-01&to=2026-11-20$/);

      await expect
        .poll(() => upstream.listRequests().map(windowOf))
        .toContainEqual({ start: String(zone.start), end: String(zone.end) });
    });
  });
}

test("presets are rolling windows relative to now; All time sends no bounds", async ({
  jobsPage,
  upstream,
}) => {
  upstream.setJobs(
    makeJobs({ jobType: "DNA_SOMATIC", count: 200, newest: Date.now() - HOUR, stepMs: 12 * HOUR }),
  );
  await jobsPage.goto(PROXY_PROJECT);
  await expect(jobsPage.bodyRows).toHaveCount(20);
  await expect(jobsPage.rangeButton("All time")).toHaveAttribute("aria-pressed", "true");

  await jobsPage.rangeButton("7 days").click();
  await expect(jobsPage.page).toHaveURL(/[?&]range=7d(&|$)/);
  await expect(jobsPage.rangeButton("7 days")).toHaveAttribute("aria-pressed", "true");
  await expect(jobsPage.rangeButton("All time")).toHaveAttribute("aria-pressed", "false");
  const clickedAt = Date.now();
  await expect
    .poll(() => upstream.listRequests().filter((r) => r.query.start !== undefined).length)
    .toBeGreaterThan(0);
  const ranged = upstream.listRequests().find((r) => r.query.start !== undefined);
  const start = Number(ranged?.query.start);
  expect(Math.abs(start - (clickedAt - 7 * DAY))).toBeLessThan(60_000);
  expect(ranged?.query).not.toHaveProperty("end");
  // 7 days of one job per 12 h, newest 1 h ago: 14 jobs.
  await expect(jobsPage.total(14)).toBeVisible();

  await jobsPage.rangeButton("30 days").click();
  await expect(jobsPage.page).toHaveURL(/[?&]range=30d(&|$)/);
  await expect(jobsPage.total(60)).toBeVisible();
  const thirty = upstream.listRequests().find((r) => {
    const sent = Number(r.query.start);
    return Math.abs(sent - (Date.now() - 30 * DAY)) < 120_000;
  });
  expect(thirty?.query).toMatchObject({ offset: "0", limit: "20" });

  // Back to all time: the first page's answer (no bounds, cached or not) shows again.
  await jobsPage.rangeButton("All time").click();
  await expect(jobsPage.page).not.toHaveURL(/[?&]range=/);
  await expect(jobsPage.rangeButton("All time")).toHaveAttribute("aria-pressed", "true");
  await expect(jobsPage.total(200)).toBeVisible();
  expect(upstream.listRequests()[0]?.query).not.toHaveProperty("start");
});
