import type { Rng } from "./random.ts";

// Demo jobs are submitted by a lab in China (the cn-north-4 region), so
// "working hours" are judged in UTC+8, which has no daylight saving time.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const LAB_OFFSET = 8 * HOUR;

export function labMidnight(ms: number): number {
  return Math.floor((ms + LAB_OFFSET) / DAY) * DAY - LAB_OFFSET;
}

function isWeekend(midnight: number): boolean {
  const weekday = new Date(midnight + LAB_OFFSET).getUTCDay();
  return weekday === 0 || weekday === 6;
}

const OFF_HOURS = [0, 1, 2, 6, 7, 20, 21, 22, 23] as const;

/**
 * A start time in the `days` before `anchor`: mostly weekdays 09:00-19:00
 * lab time, a few nights and weekends. Never later than `anchor`.
 */
export function pickStart(rng: Rng, anchor: number, days: number): number {
  const today = labMidnight(anchor);
  for (let attempt = 0; attempt < 100; attempt++) {
    const midnight = today - rng.int(0, days - 1) * DAY;
    const weekend = isWeekend(midnight);
    if (weekend && rng.chance(0.75)) continue;
    const offHours = rng.chance(weekend ? 0.5 : 0.07);
    const hour = offHours ? rng.pick(OFF_HOURS) : rng.int(9, 18);
    const start = midnight + hour * HOUR + rng.int(0, HOUR - 1);
    if (start <= anchor && start > anchor - days * DAY) return start;
  }
  return anchor - rng.int(1, days - 1) * DAY;
}

/** `run-20261127`: the sequencing run (lab date) a sample came from. */
export function runLabel(ms: number): string {
  const d = new Date(ms + LAB_OFFSET);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `run-${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}
