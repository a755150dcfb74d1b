// The span of time the morning page and the browser notifications read, the moment the morning
// page counts from, and the one way both read a window again.
import type { QueryClient } from "@tanstack/react-query";
import type { JobType } from "../../../contract/list-url";
import type { TimeZoneMode } from "../../../contract/time-window";
import { jobQueries, type RangeView, toRangeView } from "../api/job-queries";
import type { WholeRange } from "../range/read-range";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What is read at least: running jobs, recent failures and enough finished jobs for the flags. */
export const RECENT_SPAN_MS = 48 * HOUR_MS;
/** "Since my last visit" reaches back a week at most: older news is the overview's business. */
export const SINCE_MAX_MS = 7 * DAY_MS;

/**
 * Where the recent window starts: midnight UTC before `now − 48 h`, so 48 to 72 hours back. It
 * stays the same all day, so the window's query key does too: the morning page and the watcher
 * share one read, and a page open for hours does not move to a new key every minute.
 */
export function recentWindowStart(nowMs: number): number {
  return utcDayStart(nowMs - RECENT_SPAN_MS);
}

/** 18:00 yesterday in the viewer's zone (or in UTC, when the page shows UTC). */
export function eveningBefore(nowMs: number, zone: TimeZoneMode): number {
  const date = new Date(nowMs);
  if (zone === "utc") {
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - 1, 18);
  }
  date.setDate(date.getDate() - 1);
  date.setHours(18, 0, 0, 0);
  return date.getTime();
}

/** The moment counted from, kept within the last week and not in the future. */
export function clampSince(sinceMs: number, nowMs: number): number {
  return Math.min(nowMs, Math.max(sinceMs, nowMs - SINCE_MAX_MS));
}

/**
 * The morning page's window: from the earlier of the moment and the recent window's start. The
 * moment is clamped once, when the page opens (clampSince): clamping it again here, against a
 * moving now, would make a new window (and a new read) every millisecond.
 */
export function morningWindowStart(sinceMs: number, nowMs: number): number {
  return Math.min(sinceMs, recentWindowStart(nowMs));
}

/** An instant as the list's `from`/`to` take it: ISO, UTC, to the second. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The range view of one project and type from `fromMs` on, built as the list builds its own (so
 * "3 running" opens a list whose read is already in the cache).
 */
export function windowView(
  projectId: string,
  jobType: JobType,
  fromMs: number,
  zone: TimeZoneMode,
): RangeView {
  return toRangeView(
    projectId,
    { type: jobType, from: isoInstant(fromMs), page: 1, size: 20, sort: "-started" },
    zone,
  );
}

/** The recent window of one project and type, as the morning page and the watcher read it. */
export function recentView(
  projectId: string,
  jobType: JobType,
  nowMs: number,
  zone: TimeZoneMode,
): RangeView {
  return windowView(projectId, jobType, recentWindowStart(nowMs), zone);
}

/** Midnight UTC of the day `ms` falls on (a watched job older than the recent window is read from there). */
export function utcDayStart(ms: number): number {
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/**
 * A poll skips a window read less than this long ago. The morning page and the watcher poll the
 * same windows every minute on timers of their own: with both skipping fresh data, a window is
 * read once a minute, not twice.
 */
export const FRESH_ENOUGH_MS = 45_000;

/**
 * Reads a window again unless it was read moments ago (a read under way is joined, not
 * repeated). Undefined when it cannot be read: the page's queries show the error.
 */
export function refreshWindow(
  client: QueryClient,
  view: RangeView,
): Promise<WholeRange | undefined> {
  return client.fetchQuery({ ...jobQueries.range(view), staleTime: FRESH_ENOUGH_MS }).then(
    (range) => range,
    () => undefined,
  );
}
