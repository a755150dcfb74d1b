import { describe, expect, it } from "vitest";
import { resolveTimeWindow } from "../../../contract/time-window";
import { openVisit, VISIT_GAP_MS } from "./morning-visit";
import {
  clampSince,
  eveningBefore,
  isoInstant,
  morningWindowStart,
  RECENT_SPAN_MS,
  recentView,
  recentWindowStart,
  SINCE_MAX_MS,
} from "./morning-window";

const HOUR = 3_600_000;

describe("recentWindowStart", () => {
  it("is midnight UTC before now − 48 h, the same all day", () => {
    const morning = Date.UTC(2026, 10, 25, 0, 30);
    const evening = Date.UTC(2026, 10, 25, 23, 59);
    expect(recentWindowStart(morning)).toBe(Date.UTC(2026, 10, 23));
    expect(recentWindowStart(evening)).toBe(Date.UTC(2026, 10, 23));
    expect(morning - recentWindowStart(morning)).toBeGreaterThanOrEqual(RECENT_SPAN_MS);
    expect(recentWindowStart(Date.UTC(2026, 10, 26, 0, 0))).toBe(Date.UTC(2026, 10, 24));
  });

  it("makes the same view, and the same DLI window, at any minute of the day", () => {
    const a = recentView("p1", "DNA_SOMATIC", Date.UTC(2026, 10, 25, 8, 1), "local");
    const b = recentView("p1", "DNA_SOMATIC", Date.UTC(2026, 10, 25, 17, 44), "local");
    expect(a).toEqual(b);
    expect(a).toEqual({ projectId: "p1", jobType: "DNA_SOMATIC", from: "2026-11-23T00:00:00Z" });
    expect(resolveTimeWindow(a, Date.UTC(2026, 10, 25, 8, 1))).toEqual({
      start: Date.UTC(2026, 10, 23),
    });
    // In UTC mode the list's view carries the zone; so does this one, to share its cache.
    expect(recentView("p1", "DNA_GERMLINE", Date.UTC(2026, 10, 25), "utc")).toMatchObject({
      utc: true,
    });
  });
});

describe("eveningBefore", () => {
  it("is 18:00 yesterday in UTC", () => {
    expect(eveningBefore(Date.UTC(2026, 10, 25, 7, 30), "utc")).toBe(Date.UTC(2026, 10, 24, 18));
    // Also just after midnight, and across a month's end.
    expect(eveningBefore(Date.UTC(2026, 11, 1, 0, 5), "utc")).toBe(Date.UTC(2026, 10, 30, 18));
  });

  it("is 18:00 yesterday in the viewer's zone", () => {
    // The test runner's zone is whatever the machine has; check against local fields.
    const now = new Date(2026, 10, 25, 7, 30).getTime();
    expect(eveningBefore(now, "local")).toBe(new Date(2026, 10, 24, 18, 0).getTime());
    const early = new Date(2026, 0, 1, 0, 10).getTime();
    expect(eveningBefore(early, "local")).toBe(new Date(2025, 11, 31, 18, 0).getTime());
  });
});

describe("the morning window", () => {
  const now = Date.UTC(2026, 10, 25, 8);

  it("starts at the recent window unless the moment is earlier", () => {
    expect(morningWindowStart(now - 14 * HOUR, now)).toBe(recentWindowStart(now));
    expect(morningWindowStart(now - 100 * HOUR, now)).toBe(now - 100 * HOUR);
  });

  it("counts from a week back at most, and never from the future", () => {
    expect(clampSince(now - 30 * 24 * HOUR, now)).toBe(now - SINCE_MAX_MS);
    expect(clampSince(now + HOUR, now)).toBe(now);
  });

  it("stays where it is while the clock moves on within the day", () => {
    const since = clampSince(now - 30 * 24 * HOUR, now);
    expect(morningWindowStart(since, now + 1)).toBe(since);
    expect(morningWindowStart(since, now + 5 * HOUR)).toBe(since);
  });

  it("writes instants as the list's from/to take them", () => {
    expect(isoInstant(Date.UTC(2026, 10, 24, 10, 0, 0, 250))).toBe("2026-11-24T10:00:00Z");
  });
});

describe("openVisit", () => {
  const now = Date.UTC(2026, 10, 25, 8);

  it("has no last visit the first time", () => {
    expect(openVisit(null, now)).toEqual({ since: null, record: { lastSeen: now } });
  });

  it("counts a new visit from when the page was last seen", () => {
    const lastSeen = now - 14 * HOUR;
    expect(openVisit({ lastSeen }, now)).toEqual({
      since: lastSeen,
      record: { since: lastSeen, lastSeen: now },
    });
  });

  it("keeps the moment while the visit goes on (away for less than an hour)", () => {
    const since = now - 14 * HOUR;
    const stored = { since, lastSeen: now - VISIT_GAP_MS + 1 };
    expect(openVisit(stored, now)).toEqual({ since, record: { since, lastSeen: now } });
  });
});
