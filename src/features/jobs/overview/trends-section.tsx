import { useMemo } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { boundStartMs, parseDateBound, resolveTimeWindow } from "../../../contract/time-window";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import { usePreferences } from "../../../lib/preferences";
import { DayTimeline, DurationChart, StartsChart } from "./charts/charts";
import type { Overview } from "./overview-model";
import { listHref, type OverviewSearch } from "./overview-search";

const DAY_MS = 86_400_000;

function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** The calendar day holding `ms`, in the viewer's zone or UTC, as `YYYY-MM-DD`. */
function dayOf(ms: number, utc: boolean): string {
  const d = new Date(ms);
  const parts = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  return parts.map((n, i) => String(n).padStart(i === 0 ? 4 : 2, "0")).join("-");
}

function dayWindow(day: string, utc: boolean): { start: number; end: number } {
  const bound = parseDateBound(day);
  const start = bound ? boundStartMs(bound, utc ? "utc" : "local") : 0;
  // The next day's start, not start + 24 h: clock changes make days of 23 and 25 hours.
  const next = parseDateBound(dayOf(start + DAY_MS + 2 * 3_600_000, utc));
  return { start, end: next ? boundStartMs(next, utc ? "utc" : "local") : start + DAY_MS };
}

/** Jobs started per day or hour, durations per reference, and one day's timeline. */
export function TrendsSection({
  projectId,
  search,
  overview,
  readAt,
}: {
  projectId: string;
  search: OverviewSearch;
  overview: Overview;
  readAt: number;
}) {
  const o = useViewMessages().overview;
  const { timeZone } = usePreferences();
  const utc = timeZone === "utc";
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const jobs = overview.jobs;

  const window = useMemo(() => {
    const resolved = resolveTimeWindow(search, readAt, timeZone);
    const earliest = jobs.reduce((min, job) => Math.min(min, job.startTime), readAt);
    return { start: resolved.start ?? earliest, end: Math.min(resolved.end ?? readAt, readAt) };
  }, [search, readAt, timeZone, jobs]);

  const day = search.day ?? dayOf(Math.max(window.start, window.end - 1), utc);
  const shownDay = dayWindow(day, utc);

  const moveDay = (direction: -1 | 1) => {
    const next = new URLSearchParams(params);
    next.set(
      "day",
      dayOf(shownDay.start + direction * DAY_MS + (direction > 0 ? 3_600_000 : 0), utc),
    );
    navigate({ search: `?${next}` }, { replace: true });
  };

  return (
    <section className="overview-section" aria-labelledby="overview-trends">
      <h2 id="overview-trends">{o.trends}</h2>
      <StartsChart
        jobs={jobs}
        window={window}
        bucket={search.range === "24h" ? "hour" : "day"}
        timeZone={timeZone}
        hrefFor={({ start, end, status }) =>
          listHref(projectId, search, {
            from: isoInstant(start),
            to: isoInstant(end - 1),
            ...(status ? { status: [status] } : {}),
          })
        }
      />
      <DurationChart jobs={jobs} />
      <DayTimeline
        jobs={jobs}
        day={shownDay}
        nowMs={readAt}
        timeZone={timeZone}
        hrefForJob={(jobId) =>
          listHref(projectId, search, {
            from: isoInstant(shownDay.start),
            to: isoInstant(shownDay.end - 1),
            job: jobId,
          })
        }
        onDayChange={moveDay}
      />
    </section>
  );
}
