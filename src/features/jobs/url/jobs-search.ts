import { endOfDay, isValid, parseISO, startOfDay, subDays, subHours } from "date-fns";
import { z } from "zod/mini";
import { ID_PATTERN } from "../../../lib/ids";
import type { TimeZoneMode } from "../../../lib/preferences";
import { STATUSES } from "./statuses";

export const JOB_TYPES = ["DNA_SOMATIC", "DNA_GERMLINE"] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const RANGE_PRESETS = ["24h", "7d", "30d", "90d"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const SORTS = [
  "-started",
  "started",
  "-duration",
  "duration",
  "status",
  "-status",
  "owner",
  "-owner",
] as const;
/** A column and a direction, `-` meaning descending. Newest first is DLI's own order. */
export type JobSort = (typeof SORTS)[number];
export const DEFAULT_SORT: JobSort = "-started";

export { STATUSES } from "./statuses";

const STATUS_PATTERN = /^[A-Z][A-Z_]{0,31}$/;
const MAX_QUERY_LENGTH = 200;

/** `failed, running,FAILED` → `["RUNNING", "FAILED"]`: known statuses in their order, then others. */
export function parseStatusList(raw: string | undefined): string[] {
  if (!raw) return [];
  const wanted = new Set(
    raw
      .split(",")
      .map((s) => s.trim().toUpperCase())
      .filter((s) => STATUS_PATTERN.test(s)),
  );
  const known = STATUSES.filter((s) => wanted.has(s));
  const unknown = [...wanted].filter((s) => !(STATUSES as readonly string[]).includes(s)).sort();
  return [...known, ...unknown];
}

export const DEFAULT_TYPE: JobType = "DNA_SOMATIC";
export const DEFAULT_PAGE_SIZE: PageSize = 20;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A `from`/`to` value: a whole local day or an exact instant, or `undefined` when unusable. */
export type DateBound = { kind: "day"; day: string } | { kind: "instant"; iso: string; ms: number };

export function parseDateBound(raw: string | undefined): DateBound | undefined {
  if (!raw) return undefined;
  if (DAY_PATTERN.test(raw)) {
    // A local midnight, or Invalid Date for a day the month does not have (2026-02-31).
    // `parseISO` rather than `parse`: the pattern is fixed, and `parse` brings every parser.
    const date = parseISO(raw);
    if (!isValid(date) || date.getFullYear() < 1970 || toDayString(date) !== raw) return undefined;
    return { kind: "day", day: raw };
  }
  // A hand-typed `+08:00` arrives as a space: `+` means space in a query string.
  const instant = raw.replace(/ (\d{2}:?\d{2})$/, "+$1");
  if (INSTANT_PATTERN.test(instant)) {
    const date = parseISO(instant);
    if (!isValid(date) || date.getFullYear() < 1970 || date.getFullYear() > 9999) return undefined;
    return { kind: "instant", iso: instant, ms: date.getTime() };
  }
  return undefined;
}

function toDayString(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, "0");
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

const DAY_MS = 86_400_000;

function utcMidnight(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function boundStartMs(bound: DateBound, zone: TimeZoneMode = "local"): number {
  if (bound.kind === "instant") return bound.ms;
  return zone === "utc" ? utcMidnight(bound.day) : startOfDay(parseISO(bound.day)).getTime();
}

function boundEndMs(bound: DateBound, zone: TimeZoneMode = "local"): number {
  if (bound.kind === "instant") return bound.ms;
  return zone === "utc"
    ? utcMidnight(bound.day) + DAY_MS - 1
    : endOfDay(parseISO(bound.day)).getTime();
}

const optionalString = z.catch(z.optional(z.string()), undefined);

/** Every field falls back on its own, so one bad param never discards the others. */
const rawSearchSchema = z.object({
  type: z.catch(z.enum(JOB_TYPES), DEFAULT_TYPE),
  range: z.catch(z.optional(z.enum(RANGE_PRESETS)), undefined),
  from: optionalString,
  to: optionalString,
  page: z.catch(z.coerce.number().check(z.int(), z.gte(1), z.lte(1_000_000)), 1),
  size: z.catch(z.pipe(z.coerce.number(), z.literal(PAGE_SIZES)), DEFAULT_PAGE_SIZE),
  job: z.catch(z.optional(z.string().check(z.regex(ID_PATTERN))), undefined),
  status: optionalString,
  q: optionalString,
  sort: z.catch(z.enum(SORTS), DEFAULT_SORT),
});

/** The URL parameters the list reads; any other is not one of its settings. */
export const SEARCH_KEYS: readonly string[] = Object.keys(rawSearchSchema.shape);

export type JobsSearch = {
  type: JobType;
  range?: RangePreset;
  from?: string;
  to?: string;
  page: number;
  size: PageSize;
  job?: string;
  /** Only jobs in these statuses; empty means all. */
  status?: string[];
  /** Case-insensitive text to find in ids, owners, samples, paths and messages. */
  q?: string;
  sort: JobSort;
};

/** Reads the list's state from the URL. Garbage never throws: it falls back field by field. */
/** True when the list must be read whole: DLI itself can neither filter by status, search, nor sort. */
export function needsWholeRange(search: JobsSearch): boolean {
  return Boolean(search.status?.length || search.q || search.sort !== DEFAULT_SORT);
}

export function parseJobsSearch(params: URLSearchParams): JobsSearch {
  const raw = rawSearchSchema.parse(
    Object.fromEntries(SEARCH_KEYS.map((key) => [key, params.get(key) ?? undefined])),
  );
  const status = parseStatusList(raw.status);
  const q = raw.q?.trim().slice(0, MAX_QUERY_LENGTH);
  let from = parseDateBound(raw.from);
  let to = parseDateBound(raw.to);
  if (from && to && boundStartMs(from) > boundEndMs(to)) [from, to] = [to, from];
  const explicit = Boolean(from || to);
  return {
    type: raw.type,
    ...(raw.range && !explicit ? { range: raw.range } : {}),
    ...(from ? { from: boundText(from) } : {}),
    ...(to ? { to: boundText(to) } : {}),
    page: raw.page,
    size: raw.size,
    ...(raw.job ? { job: raw.job } : {}),
    ...(status.length > 0 ? { status } : {}),
    ...(q ? { q } : {}),
    sort: raw.sort,
  };
}

function boundText(bound: DateBound): string {
  return bound.kind === "day" ? bound.day : bound.iso;
}

/** The canonical URL form: defaults and empty values left out, keys in a fixed order. */
export function serializeJobsSearch(search: JobsSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.type !== DEFAULT_TYPE) params.set("type", search.type);
  if (search.range) params.set("range", search.range);
  if (search.from) params.set("from", search.from);
  if (search.to) params.set("to", search.to);
  if (search.page !== 1) params.set("page", String(search.page));
  if (search.size !== DEFAULT_PAGE_SIZE) params.set("size", String(search.size));
  if (search.status?.length) params.set("status", search.status.join(","));
  if (search.q) params.set("q", search.q);
  if (search.sort !== DEFAULT_SORT) params.set("sort", search.sort);
  if (search.job) params.set("job", search.job);
  return params;
}

/** True when the URL already says exactly what it means, so no normalising replace is due. */
export function isCanonical(params: URLSearchParams): boolean {
  const canonical = serializeJobsSearch(parseJobsSearch(params));
  const sorted = (p: URLSearchParams) => [...p.entries()].map(([k, v]) => `${k}=${v}`).sort();
  return sorted(canonical).join("&") === sorted(params).join("&");
}

/**
 * Applies a change the way the UI means it: a filter change (type, dates, size) sends the
 * viewer back to page 1, and setting a preset clears explicit dates and vice versa.
 */
export function patchJobsSearch(current: JobsSearch, patch: Partial<JobsSearch>): JobsSearch {
  const next: JobsSearch = { ...current, ...patch };
  const filterChanged =
    ("type" in patch && patch.type !== current.type) ||
    ("size" in patch && patch.size !== current.size) ||
    "range" in patch ||
    "from" in patch ||
    "to" in patch ||
    "status" in patch ||
    "q" in patch ||
    ("sort" in patch && patch.sort !== current.sort);
  if (filterChanged && !("page" in patch)) next.page = 1;
  if ("range" in patch) {
    delete next.from;
    delete next.to;
  }
  if ("from" in patch || "to" in patch) delete next.range;
  for (const key of ["range", "from", "to", "job", "q"] as const) {
    if (!next[key]) delete next[key];
  }
  if (!next.status?.length) delete next.status;
  return parseJobsSearch(serializeJobsSearch(next));
}

export type TimeWindow = { start?: number; end?: number };

const PRESET_START: Record<RangePreset, (now: Date) => Date> = {
  "24h": (now) => subHours(now, 24),
  "7d": (now) => subDays(now, 7),
  "30d": (now) => subDays(now, 30),
  "90d": (now) => subDays(now, 90),
};

/**
 * The `start`/`end` instants (Unix ms) DLI gets. Days are whole days in the viewer's time zone:
 * `to=2026-11-20` ends at 23:59:59.999 local time, inclusive like DLI's own `end`.
 */
export function resolveTimeWindow(
  search: Pick<JobsSearch, "range" | "from" | "to">,
  nowMs: number,
  zone: TimeZoneMode = "local",
): TimeWindow {
  const from = parseDateBound(search.from);
  const to = parseDateBound(search.to);
  if (from || to) {
    return {
      ...(from ? { start: boundStartMs(from, zone) } : {}),
      ...(to ? { end: boundEndMs(to, zone) } : {}),
    };
  }
  // Whole minutes: the server computes the same window to preload the first page.
  const minute = Math.floor(nowMs / 60_000) * 60_000;
  if (search.range) return { start: PRESET_START[search.range](new Date(minute)).getTime() };
  return {};
}

/** The local calendar day of a bound, for `<input type="date">`. */
export function boundToDayInput(value: string | undefined, zone: TimeZoneMode = "local"): string {
  const bound = parseDateBound(value);
  if (!bound) return "";
  if (bound.kind === "day") return bound.day;
  return zone === "utc"
    ? new Date(bound.ms).toISOString().slice(0, 10)
    : toDayString(new Date(bound.ms));
}
