import { format } from "date-fns";
import type { JobsSearch } from "./url/jobs-search";
import { parseDateBound } from "./url/jobs-search";

const TYPE_WORDS = { DNA_SOMATIC: "Somatic", DNA_GERMLINE: "Germline" } as const;
const RANGE_WORDS = {
  "24h": "last 24 h",
  "7d": "last 7 days",
  "30d": "last 30 days",
  "90d": "last 90 days",
} as const;

function boundText(value: string | undefined): string | undefined {
  const bound = parseDateBound(value);
  if (!bound) return undefined;
  return format(bound.kind === "day" ? new Date(`${bound.day}T00:00:00`) : bound.ms, "d MMM yyyy");
}

/** The range in words: "last 7 days", "1 Nov 2026 – 20 Nov 2026", "20 Nov 2026", "all time". */
export function rangeWords(search: Pick<JobsSearch, "range" | "from" | "to">): string {
  const from = boundText(search.from);
  const to = boundText(search.to);
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return `since ${from}`;
  if (to) return `until ${to}`;
  return search.range ? RANGE_WORDS[search.range] : "all time";
}

/**
 * The tab title, so a tab or a bookmark says which view it is:
 * `Somatic · a3f5c2e1 · 20 Nov 2026 · 2 running · Gene Jobs`.
 */
export function viewTitle({
  project,
  search,
  running,
}: {
  project: string;
  search: JobsSearch;
  running: number;
}): string {
  const parts: string[] = [TYPE_WORDS[search.type], project, rangeWords(search)];
  if (search.status?.length) parts.push(search.status.map((s) => s.toLowerCase()).join("+"));
  if (search.q) parts.push(`“${search.q}”`);
  if (running > 0) parts.push(`${running} running`);
  parts.push("Gene Jobs");
  return parts.join(" · ");
}
