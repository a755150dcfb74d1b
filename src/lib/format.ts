import { lightFormat } from "date-fns";
import type { TimeZoneMode } from "../contract/time-window";
import { en, type Messages } from "./i18n/en";
import { getPreferences } from "./preferences";

type Units = Messages["units"];

/** Whole seconds as the console shows them, but without its ".00": `1h 7min 16s`, `1小时7分16秒`. */
export function formatDuration(
  totalSeconds: number | null | undefined,
  units: Units = en.units,
): string {
  if (totalSeconds == null || !Number.isFinite(totalSeconds) || totalSeconds < 0) return "—";
  const seconds = Math.floor(totalSeconds);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days}${units.day}`);
  if (hours) parts.push(`${hours}${units.hour}`);
  if (minutes) parts.push(`${minutes}${units.minute}`);
  if (rest || parts.length === 0) parts.push(`${rest}${units.second}`);
  return parts.join(units.durationJoin);
}

export type Progress = { done: number; total: number };

/** Parses DLI's `"k/n"`; anything else (missing, `"abc"`, `"9/7"`) is `null`. */
export function parseProgress(value: unknown): Progress | null {
  if (typeof value !== "string") return null;
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(value);
  if (!match) return null;
  const done = Number(match[1]);
  const total = Number(match[2]);
  if (total === 0 || done > total) return null;
  return { done, total };
}

/** A Date whose local fields read as the UTC time of `ms`, for date-fns' local formatting. */
function asUtcFields(ms: number): Date {
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

/** `2026/11/28 09:14:03`, as the DLI console writes it, in the viewer's zone or in UTC. */
export function formatDateTime(ms: number, zone: TimeZoneMode = getPreferences().timeZone): string {
  return lightFormat(zone === "utc" ? asUtcFields(ms) : ms, "yyyy/MM/dd HH:mm:ss");
}

/** The offset shown next to a time: `GMT+08:00`, `GMT−05:00`, or `UTC`. */
export function formatUtcOffset(
  ms: number,
  zone: TimeZoneMode = getPreferences().timeZone,
): string {
  const offsetMinutes = zone === "utc" ? 0 : -new Date(ms).getTimezoneOffset();
  if (offsetMinutes === 0) return "UTC";
  const sign = offsetMinutes > 0 ? "+" : "−";
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `GMT${sign}${hh}:${mm}`;
}

/** "12 s ago", "3 min ago", "2 h ago": coarse on purpose, it is re-rendered every few seconds. */
export function formatAgo(fromMs: number, nowMs: number, units: Units = en.units): string {
  const seconds = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  if (seconds < 60) return units.secondsAgo(seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return units.minutesAgo(minutes);
  return units.hoursAgo(Math.floor(minutes / 60));
}

/**
 * `1,504` in both languages (the console groups digits the same way). Whole numbers are grouped
 * by hand: the first `toLocaleString` of a page starts ICU, a cost the first render need not pay.
 */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

export function formatJobCount(n: number, units: Units = en.units): string {
  return units.jobs(formatNumber(n), n);
}

/**
 * The viewer's time zone, named: `Asia/Shanghai (GMT+08:00)`, or just `GMT+08:00` while its name
 * is not known yet (see useZoneName).
 */
export function describeZone(
  zone: TimeZoneMode,
  zoneName: string | null,
  nowMs = Date.now(),
): string {
  if (zone === "utc") return "UTC";
  const offset = formatUtcOffset(nowMs, "local");
  // A machine set to UTC would read "UTC (UTC)".
  return zoneName && zoneName !== offset ? `${zoneName} (${offset})` : offset;
}
