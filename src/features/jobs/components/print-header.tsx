import { useEffect, useState } from "react";
import { flushSync } from "react-dom";
import type { JobsSearch } from "../../../contract/list-url";
import { formatDateTime, formatUtcOffset } from "../../../lib/format";
import { useMessages } from "../../../lib/i18n/messages";
import { usePreferences } from "../../../lib/preferences";
import { useZoneName } from "../../../lib/zone-name";
import { rangeWords } from "../view-title";

/**
 * What a printout of the list is a report of: the project, the job type, the range in words,
 * the status filter and search if any, and when it was printed. Printed only (styles.css hides
 * it on screen); the time is taken again as the browser prepares to print.
 */
export function PrintHeader({
  projectId,
  projectName,
  search,
}: {
  projectId: string;
  projectName?: string | null;
  search: JobsSearch;
}) {
  const m = useMessages();
  const { timeZone } = usePreferences();
  const zoneName = useZoneName();
  const [printedAt, setPrintedAt] = useState(Date.now);
  useEffect(() => {
    // Printing lays the page out right after this event: the new time must be in the DOM by then.
    const update = () => flushSync(() => setPrintedAt(Date.now()));
    window.addEventListener("beforeprint", update);
    return () => window.removeEventListener("beforeprint", update);
  }, []);

  const offset = formatUtcOffset(printedAt, timeZone);
  const facts: [string, string][] = [
    [m.filters.jobType, m.table.captions[search.type] ?? search.type],
    [m.filters.dateRange, rangeWords(search, m)],
  ];
  if (search.status?.length) {
    facts.push([
      m.table.headers.status ?? "",
      search.status.map((s) => m.statuses[s] ?? s).join(m.units.listJoin),
    ]);
  }
  if (search.q) facts.push([m.print.search, `“${search.q}”`]);
  return (
    <header className="print-only print-header">
      <p className="print-project">
        <strong>{projectName ?? m.pages.project}</strong> <span className="mono">{projectId}</span>
      </p>
      <dl>
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        {m.print.printed(
          formatDateTime(printedAt, timeZone),
          timeZone === "utc" || zoneName === offset ? null : zoneName,
          offset,
        )}
      </p>
    </header>
  );
}
