// The job list's address: which search params it reads, what each may hold, and its canonical
// form. Part of src/contract/: the server reads list URLs with this very parser to preload the
// first page, so it imports nothing but its neighbours here. Every field falls back on its own:
// a hand-edited URL never throws, and one bad param never discards the others.
import { ID_PATTERN } from "./ids";
import { isKnownStatus, STATUSES } from "./job-status";
import {
  boundEndMs,
  boundStartMs,
  type DateBound,
  parseDateBound,
  RANGE_PRESETS,
  type RangePreset,
} from "./time-window";

export const JOB_TYPES = ["DNA_SOMATIC", "DNA_GERMLINE"] as const;
export type JobType = (typeof JOB_TYPES)[number];

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

export const DEFAULT_TYPE: JobType = "DNA_SOMATIC";
export const DEFAULT_PAGE_SIZE: PageSize = 20;
export const DEFAULT_SORT: JobSort = "-started";
const MAX_PAGE = 1_000_000;
const MAX_QUERY_LENGTH = 200;
const STATUS_PATTERN = /^[A-Z][A-Z_]{0,31}$/;
/** A failure cause's key (see failure-cause.ts): stable, so a bookmarked cause means the same tomorrow. */
export const CAUSE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

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
  /** Only failed jobs with this failure cause (the overview's groups). */
  cause?: string;
  /** The open job's request compared with this job's (the drawer's comparison). */
  compare?: string;
  sort: JobSort;
};

/** The URL parameters the list reads; any other is not one of its settings. */
export const SEARCH_KEYS: readonly string[] = [
  "type",
  "range",
  "from",
  "to",
  "page",
  "size",
  "job",
  "status",
  "q",
  "cause",
  "compare",
  "sort",
] satisfies (keyof JobsSearch)[];

function oneOf<T extends string | number>(
  options: readonly T[],
  value: string | number | undefined,
): T | undefined {
  return options.find((option) => option === value);
}

/** A whole number as a URL writes it (`3`, ` 3`, `3.0`, `1e3`), within bounds. */
function wholeNumber(raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

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
  const unknown = [...wanted].filter((s) => !isKnownStatus(s)).sort();
  return [...known, ...unknown];
}

function boundText(bound: DateBound): string {
  return bound.kind === "day" ? bound.day : bound.iso;
}

/** Reads the list's state from the URL. Garbage never throws: it falls back field by field. */
export function parseJobsSearch(params: URLSearchParams): JobsSearch {
  const get = (key: string) => params.get(key) ?? undefined;
  const status = parseStatusList(get("status"));
  const q = get("q")?.trim().slice(0, MAX_QUERY_LENGTH);
  const job = get("job");
  const cause = get("cause")?.trim().toLowerCase();
  const compare = get("compare");
  const range = oneOf(RANGE_PRESETS, get("range"));
  let from = parseDateBound(get("from"));
  let to = parseDateBound(get("to"));
  if (from && to && boundStartMs(from) > boundEndMs(to)) [from, to] = [to, from];
  const explicit = Boolean(from || to);
  return {
    type: oneOf(JOB_TYPES, get("type")) ?? DEFAULT_TYPE,
    ...(range && !explicit ? { range } : {}),
    ...(from ? { from: boundText(from) } : {}),
    ...(to ? { to: boundText(to) } : {}),
    page: wholeNumber(get("page"), 1, MAX_PAGE) ?? 1,
    size: oneOf(PAGE_SIZES, wholeNumber(get("size"), 1, 100)) ?? DEFAULT_PAGE_SIZE,
    ...(job && ID_PATTERN.test(job) ? { job } : {}),
    ...(status.length > 0 ? { status } : {}),
    ...(q ? { q } : {}),
    ...(cause && CAUSE_PATTERN.test(cause) ? { cause } : {}),
    // A comparison belongs to an open job.
    ...(job && ID_PATTERN.test(job) && compare && ID_PATTERN.test(compare) ? { compare } : {}),
    sort: oneOf(SORTS, get("sort")) ?? DEFAULT_SORT,
  };
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
  if (search.cause) params.set("cause", search.cause);
  if (search.sort !== DEFAULT_SORT) params.set("sort", search.sort);
  if (search.job) params.set("job", search.job);
  if (search.job && search.compare) params.set("compare", search.compare);
  return params;
}

/** True when the URL already says exactly what it means, so no normalising replace is due. */
export function isCanonical(params: URLSearchParams): boolean {
  const canonical = serializeJobsSearch(parseJobsSearch(params));
  const sorted = (p: URLSearchParams) => [...p.entries()].map(([k, v]) => `${k}=${v}`).sort();
  return sorted(canonical).join("&") === sorted(params).join("&");
}

/** True when the list must be read whole: DLI itself can neither filter by status, search, nor sort. */
export function needsWholeRange(search: JobsSearch): boolean {
  return Boolean(search.status?.length || search.q || search.cause || search.sort !== DEFAULT_SORT);
}
