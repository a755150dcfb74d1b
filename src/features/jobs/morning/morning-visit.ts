// What the morning page remembers in this browser: which moment it counts from, and when the
// viewer last had it in view ("since my last visit").
import { readStored, writeStored } from "../../../lib/stored";

export type SinceChoice = "evening" | "last-visit";

const CHOICE_KEY = "gene-jobs:morning-since";
const VISIT_KEY = "gene-jobs:morning-visit";

/** Away for longer than this, the next opening is a new visit; shorter, the same one goes on. */
export const VISIT_GAP_MS = 60 * 60_000;

/** `since`: the moment the current visit counts from; `lastSeen`: when the page was last in view. */
export type VisitRecord = { since?: number; lastSeen: number };

export function readSinceChoice(): SinceChoice {
  return readStored(CHOICE_KEY) === "last-visit" ? "last-visit" : "evening";
}

export function writeSinceChoice(choice: SinceChoice): void {
  writeStored(CHOICE_KEY, choice === "evening" ? null : choice);
}

const isTime = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value > 0;

export function readVisit(): VisitRecord | null {
  try {
    const value: unknown = JSON.parse(readStored(VISIT_KEY) ?? "null");
    if (!value || typeof value !== "object") return null;
    const { since, lastSeen } = value as Record<string, unknown>;
    if (!isTime(lastSeen)) return null;
    return isTime(since) ? { since, lastSeen } : { lastSeen };
  } catch {
    return null;
  }
}

export function writeVisit(record: VisitRecord): void {
  writeStored(VISIT_KEY, JSON.stringify(record));
}

/**
 * Opening the page: a new visit when the page was last seen over VISIT_GAP_MS ago (it then counts
 * from that last sight), else the visit goes on with its moment. `since` is null on a first visit.
 */
export function openVisit(
  stored: VisitRecord | null,
  nowMs: number,
): { since: number | null; record: VisitRecord } {
  if (!stored) return { since: null, record: { lastSeen: nowMs } };
  const since = nowMs - stored.lastSeen > VISIT_GAP_MS ? stored.lastSeen : (stored.since ?? null);
  return { since, record: since === null ? { lastSeen: nowMs } : { since, lastSeen: nowMs } };
}

/** The page was seen until `nowMs` (it is being left or hidden). */
export function touchVisit(nowMs: number): void {
  const stored = readVisit();
  writeVisit(stored?.since ? { since: stored.since, lastSeen: nowMs } : { lastSeen: nowMs });
}
