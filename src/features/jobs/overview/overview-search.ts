import { type JobsSearch, parseJobsSearch } from "../../../contract/list-url";
import type { RangePreset } from "../../../contract/time-window";

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
