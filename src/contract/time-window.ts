// Date arithmetic of the list's range: what `from`, `to` and `range` mean as instants. Part of
// src/contract/ (shared with the server, which preloads the first page): imports nothing, so
// the server never loads app code and the browser's first load carries no date library.

/** Whole days are the viewer's local days, or UTC days (the time-zone switch). */
export type TimeZoneMode = "local" | "utc";

/** The `start`/`end` DLI gets, Unix ms; either may be absent (open-ended). */
export type TimeWindow = { start?: number; end?: number };

export const RANGE_PRESETS = ["24h", "7d", "30d", "90d"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A `from`/`to` value: a whole local day or an exact instant. */
export type DateBound = { kind: "day"; day: string } | { kind: "instant"; iso: string; ms: number };

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  return (
    year >= 1970 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Reads a `from`/`to` value; `undefined` when it is not a real day or instant from 1970 on. */
export function parseDateBound(raw: string | undefined): DateBound | undefined {
  if (!raw) return undefined;
  const day = DAY_PATTERN.exec(raw);
  if (day) {
    const [, y, m, d] = day.map(Number) as [number, number, number, number];
    return isCalendarDay(y, m, d) ? { kind: "day", day: raw } : undefined;
  }
  // A hand-typed `+08:00` arrives as a space: `+` means space in a query string.
  const iso = raw.replace(/ (\d{2}:?\d{2})$/, "+$1");
  const instant = INSTANT_PATTERN.exec(iso);
  if (!instant) return undefined;
  const [y, mo, d, h, mi, s] = instant.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  if (!isCalendarDay(y as number, mo as number, d as number)) return undefined;
  if ((h as number) > 23 || (mi as number) > 59 || (s as number) > 59) return undefined;
  const zone = instant[8];
  // Without an offset an instant is local time, as ECMAScript reads date-time strings.
  const normalised =
    zone && zone !== "Z" && !zone.includes(":") ? `${iso.slice(0, -2)}:${iso.slice(-2)}` : iso;
  const ms = new Date(normalised).getTime();
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return { kind: "instant", iso, ms };
}

function dayParts(day: string): [number, number, number] {
  return day.split("-").map(Number) as [number, number, number];
}

export function boundStartMs(bound: DateBound, zone: TimeZoneMode = "local"): number {
  if (bound.kind === "instant") return bound.ms;
  const [y, m, d] = dayParts(bound.day);
  return zone === "utc" ? Date.UTC(y, m - 1, d) : new Date(y, m - 1, d).getTime();
}

/** The last millisecond of the day: `to` is inclusive, like DLI's own `end`. */
export function boundEndMs(bound: DateBound, zone: TimeZoneMode = "local"): number {
  if (bound.kind === "instant") return bound.ms;
  const [y, m, d] = dayParts(bound.day);
  return zone === "utc"
    ? Date.UTC(y, m - 1, d) + DAY_MS - 1
    : new Date(y, m - 1, d, 23, 59, 59, 999).getTime();
}

/** Calendar days back in local time, so "7d" across a clock change still starts at the same hour. */
function localDaysBefore(ms: number, days: number): number {
  const date = new Date(ms);
  date.setDate(date.getDate() - days);
  return date.getTime();
}

const PRESET_START: Record<RangePreset, (nowMs: number) => number> = {
  "24h": (now) => now - 24 * HOUR_MS,
  "7d": (now) => localDaysBefore(now, 7),
  "30d": (now) => localDaysBefore(now, 30),
  "90d": (now) => localDaysBefore(now, 90),
};

/**
 * The `start`/`end` instants DLI gets for a view at `nowMs`. Days are whole days in the viewer's
 * zone: `to=2026-11-20` ends at 23:59:59.999 local time. A rolling range starts on a whole
 * minute, so the server, preloading the first page, asks for the very same window.
 */
export function resolveTimeWindow(
  view: { range?: RangePreset | undefined; from?: string | undefined; to?: string | undefined },
  nowMs: number,
  zone: TimeZoneMode = "local",
): TimeWindow {
  const from = parseDateBound(view.from);
  const to = parseDateBound(view.to);
  if (from || to) {
    return {
      ...(from ? { start: boundStartMs(from, zone) } : {}),
      ...(to ? { end: boundEndMs(to, zone) } : {}),
    };
  }
  const minute = Math.floor(nowMs / 60_000) * 60_000;
  if (view.range) return { start: PRESET_START[view.range](minute) };
  return {};
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The calendar day of a bound, for `<input type="date">`. */
export function boundToDayInput(value: string | undefined, zone: TimeZoneMode = "local"): string {
  const bound = parseDateBound(value);
  if (!bound) return "";
  if (bound.kind === "day") return bound.day;
  const date = new Date(bound.ms);
  return zone === "utc"
    ? date.toISOString().slice(0, 10)
    : `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
