import { type JobsSearch, parseJobsSearch, SEARCH_KEYS } from "../../../contract/list-url";
import type { RangePreset } from "../../../contract/time-window";
import { findUnusedParams, type UnusedParam } from "../url/unused-params";

/** What the overview's address holds: the list's type and span, and the timeline's day. */
export type OverviewSearch = Pick<JobsSearch, "type" | "range" | "from" | "to"> & {
  /** The day the timeline shows (`YYYY-MM-DD`), when one was chosen. */
  day?: string;
};

/** Without a span the overview covers the last 7 days (the list's default is all time). */
export const OVERVIEW_DEFAULT_RANGE: RangePreset = "7d";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the overview's address; garbage falls back field by field, as the list's does. */
export function parseOverviewSearch(params: URLSearchParams): OverviewSearch {
  const { type, range, from, to } = parseJobsSearch(params);
  const day = params.get("day") ?? undefined;
  const validDay = day && DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
  return {
    type,
    ...(range ? { range } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(!range && !from && !to ? { range: OVERVIEW_DEFAULT_RANGE } : {}),
    ...(validDay ? { day } : {}),
  };
}

/** The overview's address for `search`, in its one spelling (the default range left out). */
export function serializeOverviewSearch(search: OverviewSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.type !== "DNA_SOMATIC") params.set("type", search.type);
  if (search.range && search.range !== OVERVIEW_DEFAULT_RANGE) params.set("range", search.range);
  if (search.from) params.set("from", search.from);
  if (search.to) params.set("to", search.to);
  if (search.day) params.set("day", search.day);
  return params;
}

const sortedEntries = (params: URLSearchParams) =>
  [...params.entries()]
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join("&");

/** Whether an overview address is already in its one spelling (nothing to rewrite). */
export function isOverviewCanonical(params: URLSearchParams): boolean {
  const search = parseOverviewSearch(params);
  const canonical = serializeOverviewSearch(search);
  // The default range said out loud (as the list's Overview tab says it) is fine too.
  if (params.get("range") === search.range && !canonical.has("range") && search.range) {
    canonical.set("range", search.range);
  }
  return sortedEntries(canonical) === sortedEntries(params);
}

const OVERVIEW_KEYS = new Set(["type", "range", "from", "to"]);

/**
 * What the rewrite of a hand-edited overview address leaves out, and why: the list's rules for
 * the settings the two pages share, the list's other settings (a status, a page) as not this
 * page's, and a timeline day that is not a day.
 */
export function findUnusedOverviewParams(params: URLSearchParams): UnusedParam[] {
  const shared = new URLSearchParams();
  const unused: UnusedParam[] = [];
  let day: string | undefined;
  for (const [key, value] of params) {
    if (key === "day") {
      if (!value.trim()) continue;
      if (day !== undefined) unused.push({ key, value, reason: "repeated" });
      else if (parseOverviewSearch(new URLSearchParams({ day: value })).day) day = value;
      else {
        day = value;
        unused.push({ key, value, reason: "invalid" });
      }
    } else if (OVERVIEW_KEYS.has(key) || !SEARCH_KEYS.includes(key)) {
      shared.append(key, value);
    } else if (value.trim()) {
      unused.push({ key, value, reason: "unknown" });
    }
  }
  return [...findUnusedParams(shared), ...unused];
}

/** The list of the same project, type and span, narrowed by `extra`. */
export function listHref(
  projectId: string,
  search: OverviewSearch,
  extra: Partial<Pick<JobsSearch, "status" | "cause" | "from" | "to" | "job">> = {},
): string {
  const params = new URLSearchParams();
  if (search.type !== "DNA_SOMATIC") params.set("type", search.type);
  const from = extra.from ?? (extra.to ? undefined : search.from);
  const to = extra.to ?? (extra.from ? undefined : search.to);
  if (!from && !to && search.range) params.set("range", search.range);
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  if (extra.status?.length) params.set("status", extra.status.join(","));
  if (extra.cause) params.set("cause", extra.cause);
  if (extra.job) params.set("job", extra.job);
  const query = params.toString();
  return `/projects/${encodeURIComponent(projectId)}/jobs${query ? `?${query}` : ""}`;
}
