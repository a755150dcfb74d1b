import {
  type JobsSearch,
  parseJobsSearch,
  parseStatusList,
  SEARCH_KEYS,
} from "../../../contract/list-url";
import {
  boundEndMs,
  boundStartMs,
  parseDateBound,
  RANGE_PRESETS,
} from "../../../contract/time-window";
import { isSecretKey, MASK } from "../request/mask-secrets";

/** Why a part of a hand-edited address was left out when the list rewrote it. */
export type UnusedReason =
  | "unknown" // not a setting of the list
  | "repeated" // the same setting twice: the first applies
  | "overridden" // a range preset next to explicit dates: the dates apply
  | "swapped" // from later than to: read the other way round
  | "invalid"; // not a value the setting can take

export type UnusedParam = { key: string; value: string; reason: UnusedReason };

const SETTINGS = new Set(SEARCH_KEYS);

/**
 * What the canonical rewrite of a list URL drops, so the viewer can be told instead of finding a
 * different view than the one they typed or bookmarked. Empty values and mere spelling (case,
 * order, spaces, swapped dates are read
 * the other way round, and said so) lose nothing.
 */
export function findUnusedParams(params: URLSearchParams): UnusedParam[] {
  const search = parseJobsSearch(params);
  const unused: UnusedParam[] = [];
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (!value.trim()) continue;
    const reported = isSecretKey(key) ? MASK : value;
    if (seen.has(key)) {
      unused.push({ key, value: reported, reason: "repeated" });
      continue;
    }
    seen.add(key);
    if (!SETTINGS.has(key)) {
      unused.push({ key, value: reported, reason: "unknown" });
      continue;
    }
    if (key === "status") {
      const dropped = value.split(",").filter((token) => parseStatusList(token).length === 0);
      const nonEmpty = dropped.filter((token) => token.trim());
      if (nonEmpty.length > 0) unused.push({ key, value: nonEmpty.join(","), reason: "invalid" });
      continue;
    }
    const reason = reasonUnused(key, value, search);
    if (reason) unused.push({ key, value, reason });
  }
  const from = parseDateBound(params.get("from") ?? undefined);
  const to = parseDateBound(params.get("to") ?? undefined);
  if (from && to && boundStartMs(from) > boundEndMs(to)) {
    unused.push({
      key: "from",
      value: `${params.get("from")}, to=${params.get("to")}`,
      reason: "swapped",
    });
  }
  return unused;
}

function reasonUnused(key: string, value: string, search: JobsSearch): UnusedReason | null {
  switch (key) {
    case "type":
      return value === search.type ? null : "invalid";
    case "range":
      if (value === search.range) return null;
      return (RANGE_PRESETS as readonly string[]).includes(value) && (search.from || search.to)
        ? "overridden"
        : "invalid";
    case "from":
    case "to":
      return parseDateBound(value) ? null : "invalid";
    case "page":
      return Number(value) === search.page ? null : "invalid";
    case "size":
      return Number(value) === search.size ? null : "invalid";
    case "job":
      return search.job ? null : "invalid";
    case "sort":
      return value === search.sort ? null : "invalid";
    case "cause":
      return search.cause ? null : "invalid";
    case "compare":
      // A comparison belongs to an open job: without one it has nothing to compare with.
      return search.compare ? null : search.job ? "invalid" : "unknown";
    default:
      // q: any text is a search (trimmed, and cut at a length no one types).
      return null;
  }
}
