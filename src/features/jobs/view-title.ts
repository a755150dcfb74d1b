import { lightFormat } from "date-fns";
import type { JobsSearch } from "../../contract/list-url";
import { parseDateBound } from "../../contract/time-window";
import { en, type Messages } from "../../lib/i18n/en";

// English month abbreviations as date-fns' en-US locale writes them (`MMM`). Only the month name
// needs a locale, and bringing date-fns' `format` and a locale for twelve words is not worth it.
const SHORT_MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

function boundText(value: string | undefined, m: Messages): string | undefined {
  const bound = parseDateBound(value);
  if (!bound) return undefined;
  const date = bound.kind === "day" ? new Date(`${bound.day}T00:00:00`) : new Date(bound.ms);
  return m.locale === "zh-CN"
    ? lightFormat(date, "yyyy年M月d日")
    : `${lightFormat(date, "d")} ${SHORT_MONTHS[date.getMonth()]} ${lightFormat(date, "yyyy")}`;
}

/** The range in words: "last 7 days", "1 Nov 2026 – 20 Nov 2026", "20 Nov 2026", "all time". */
export function rangeWords(
  search: Pick<JobsSearch, "range" | "from" | "to">,
  m: Messages = en,
): string {
  const from = boundText(search.from, m);
  const to = boundText(search.to, m);
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return m.title.since(from);
  if (to) return m.title.until(to);
  return search.range ? (m.title.ranges[search.range] ?? search.range) : m.title.allTime;
}

/**
 * The tab title, so a tab or a bookmark says which view it is:
 * `Somatic · a3f5c2e1 · 20 Nov 2026 · 2 running · Gene Jobs`.
 */
export function viewTitle({
  project,
  search,
  running,
  m = en,
}: {
  project: string;
  search: JobsSearch;
  running: number;
  m?: Messages;
}): string {
  const parts: string[] = [
    m.title.types[search.type] ?? search.type,
    project,
    rangeWords(search, m),
  ];
  if (search.status?.length) parts.push(search.status.map((s) => m.statuses[s] ?? s).join("+"));
  if (search.q) parts.push(`“${search.q}”`);
  if (running > 0) parts.push(m.title.running(running));
  parts.push(m.app.title);
  return parts.join(" · ");
}
