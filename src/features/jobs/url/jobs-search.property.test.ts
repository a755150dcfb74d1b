import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STATUSES } from "../../../contract/job-status";
import {
  JOB_TYPES,
  PAGE_SIZES,
  parseJobsSearch,
  SORTS,
  serializeJobsSearch,
} from "../../../contract/list-url";
import { RANGE_PRESETS } from "../../../contract/time-window";

// Issue 6: the URL-state parser never crashes and normalises to one canonical form, whatever
// a hand-edited or malicious URL holds.

const KEYS = ["type", "range", "from", "to", "page", "size", "job", "status", "q", "sort"];

/** Values near the valid ones as well as garbage: the interesting cases are the close misses. */
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    ...JOB_TYPES,
    ...RANGE_PRESETS,
    ...SORTS,
    ...STATUSES.map((s) => s.toLowerCase()),
    "0",
    "-1",
    "1.5",
    "1e3",
    "999999999999",
    "NaN",
    "Infinity",
    "0x10",
    " 20",
    "2026-02-31",
    "2026-11-28",
    "1969-12-31",
    "2026-11-28T10:00Z",
    "2026-11-28T10:00:00.123+08:00",
    "2026-11-28T10:00 08:00",
    "99999-01-01",
    "c0619372-983d-4861-9133-69a518fca074",
    "running,FAILED, failed,,x",
    "",
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

const structured = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string()), value), { maxLength: 14 })
  .map((pairs) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(k, v);
    return params.toString();
  });

/** Raw query strings, including broken percent-escapes and separators. */
const rawQuery = fc.oneof(
  structured,
  fc.string(),
  fc.string({ unit: "binary" }),
  fc
    .array(fc.constantFrom("&", "=", "%", "%2", "%zz", "+", "page", "size", "q", "from", "1", "?"))
    .map((parts) => parts.join("")),
);

const canonical = (query: string) =>
  serializeJobsSearch(parseJobsSearch(new URLSearchParams(query))).toString();

describe("parseJobsSearch / serializeJobsSearch (property)", () => {
  it("never throw on arbitrary query strings", () => {
    fc.assert(
      fc.property(rawQuery, (query) => {
        serializeJobsSearch(parseJobsSearch(new URLSearchParams(query)));
      }),
      { numRuns: 2000 },
    );
  });

  it("normalise idempotently: the canonical form parses to itself", () => {
    fc.assert(
      fc.property(rawQuery, (query) => {
        const once = canonical(query);
        expect(canonical(once)).toBe(once);
        expect(parseJobsSearch(new URLSearchParams(once))).toEqual(
          parseJobsSearch(new URLSearchParams(query)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("never produce an out-of-range page, size, type or sort", () => {
    fc.assert(
      fc.property(rawQuery, (query) => {
        const search = parseJobsSearch(new URLSearchParams(query));
        expect(Number.isSafeInteger(search.page)).toBe(true);
        expect(search.page).toBeGreaterThanOrEqual(1);
        expect(search.page).toBeLessThanOrEqual(1_000_000);
        expect(PAGE_SIZES).toContain(search.size);
        expect(JOB_TYPES).toContain(search.type);
        expect(SORTS).toContain(search.sort);
        if (search.range !== undefined) expect(RANGE_PRESETS).toContain(search.range);
        if (search.q !== undefined) {
          expect(search.q.length).toBeGreaterThan(0);
          expect(search.q.length).toBeLessThanOrEqual(200);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
