import { lightFormat } from "date-fns";
import type { TimeZoneMode } from "../../../../contract/time-window";
import { formatDuration } from "../../../../lib/format";
import type { AllMessages } from "../../../../lib/i18n/view-messages";

/** A Date whose local fields read as the time of `ms` in the zone, for date-fns' formatting. */
function zoned(ms: number, zone: TimeZoneMode): Date {
  if (zone === "local") return new Date(ms);
  const date = new Date(ms);
  return new Date(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
}

/** `14:05`, in the zone. */
export function clockText(ms: number, zone: TimeZoneMode): string {
  return lightFormat(zoned(ms, zone), "HH:mm");
}

/** `28 Nov` / `11月28日`, in the zone. */
export function dayText(ms: number, zone: TimeZoneMode, m: AllMessages): string {
  const date = zoned(ms, zone);
  return m.charts.day(date.getMonth(), date.getDate());
}

/** `Fri 28 Nov 2026` / `2026年11月28日 星期五`, in the zone. */
export function longDayText(ms: number, zone: TimeZoneMode, m: AllMessages): string {
  const date = zoned(ms, zone);
  return m.charts.longDay(date.getFullYear(), date.getMonth(), date.getDate(), date.getDay());
}

/** `28 Nov 14:05` / `11月28日 14:05`: a time on another day than the one shown. */
export function dayClockText(ms: number, zone: TimeZoneMode, m: AllMessages): string {
  return `${dayText(ms, zone, m)} ${clockText(ms, zone)}`;
}

/** A bucket (`end` excluded) in words: `28 Nov`, or `28 Nov, 14:00–15:00` for an hour. */
export function bucketText(
  bucket: { start: number; end: number },
  unit: "day" | "hour",
  zone: TimeZoneMode,
  m: AllMessages,
): string {
  const day = dayText(bucket.start, zone, m);
  if (unit === "day") return day;
  return m.charts.hourOfDay(day, clockText(bucket.start, zone), clockText(bucket.end, zone));
}

/** A duration for a chart: to the minute from ten minutes up (`1h 14min`, not `1h 14min 14s`). */
export function chartDuration(seconds: number, m: AllMessages): string {
  return formatDuration(seconds >= 600 ? Math.round(seconds / 60) * 60 : seconds, m.units);
}
