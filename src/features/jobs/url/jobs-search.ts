import { type JobsSearch, parseJobsSearch, serializeJobsSearch } from "../../../contract/list-url";

/**
 * Applies a change the way the UI means it: a filter change (type, dates, size, status, search,
 * sort) sends the viewer back to page 1, and setting a preset clears explicit dates and vice
 * versa. The result is canonical, as if read back from the URL.
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
    "cause" in patch ||
    ("sort" in patch && patch.sort !== current.sort);
  if (filterChanged && !("page" in patch)) next.page = 1;
  if ("range" in patch) {
    delete next.from;
    delete next.to;
  }
  if ("from" in patch || "to" in patch) delete next.range;
  for (const key of ["range", "from", "to", "job", "q", "cause", "compare"] as const) {
    if (!next[key]) delete next[key];
  }
  if (!next.status?.length) delete next.status;
  return parseJobsSearch(serializeJobsSearch(next));
}
