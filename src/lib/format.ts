import { format } from "date-fns";

/** Whole seconds as the console shows them, but without its ".00": `1h 7min 16s`. */
export function formatDuration(totalSeconds: number | null | undefined): string {
  if (totalSeconds == null || !Number.isFinite(totalSeconds) || totalSeconds < 0) return "—";
  const seconds = Math.floor(totalSeconds);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}min`);
  if (rest || parts.length === 0) parts.push(`${rest}s`);
  return parts.join(" ");
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

/** `2026-11-28 09:14:03` in the viewer's zone. */
export function formatDateTime(ms: number): string {
  return format(ms, "yyyy-MM-dd HH:mm:ss");
}

/** The viewer's UTC offset at that instant, e.g. `UTC+08:00`, `UTC−05:00`, `UTC`. */
export function formatUtcOffset(ms: number): string {
  const offsetMinutes = -new Date(ms).getTimezoneOffset();
  if (offsetMinutes === 0) return "UTC";
  const sign = offsetMinutes > 0 ? "+" : "−";
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `UTC${sign}${hh}:${mm}`;
}

/** "12 s ago", "3 min ago", "2 h ago": coarse on purpose, it is re-rendered every few seconds. */
export function formatAgo(fromMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;
}
