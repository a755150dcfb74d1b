import { AppLink } from "../../../components/app-link";
import type { JobSummary } from "../../../contract/job-insight";
import { STATUSES, statusTone } from "../../../contract/job-status";
import { formatNumber } from "../../../lib/format";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import { chartDuration } from "./charts/chart-format";
import { listHref, type OverviewSearch } from "./overview-search";

/** Counts per status (each a link to the list filtered to it), success rate, durations. */
export function SummarySection({
  projectId,
  search,
  summary,
}: {
  projectId: string;
  search: OverviewSearch;
  summary: JobSummary;
}) {
  const m = useViewMessages();
  const o = m.overview;
  const unknown = Object.keys(summary.byStatus).filter(
    (status) => !(STATUSES as readonly string[]).includes(status),
  );
  const percent =
    summary.successRate === null ? "—" : `${Math.round(summary.successRate * 1000) / 10}%`;
  return (
    <section className="overview-section" aria-labelledby="overview-summary">
      <h2 id="overview-summary">{o.summary}</h2>
      <p className="muted">{o.jobsInRange(formatNumber(summary.total))}</p>
      <ul className="status-counts">
        {[...STATUSES, ...unknown].map((status) => {
          const count = summary.byStatus[status] ?? 0;
          const word = m.statuses[status] ?? m.statusText.unknown(status);
          return (
            <li key={status} className={`status-count tone-${statusTone(status)}`}>
              <AppLink
                to={listHref(projectId, search, { status: [status] })}
                aria-label={o.statusLink(formatNumber(count), word)}
              >
                <span className="count">{formatNumber(count)}</span>
                <span className="label">{word}</span>
              </AppLink>
            </li>
          );
        })}
      </ul>
      <dl className="overview-figures">
        <div>
          <dt>{o.successRate}</dt>
          <dd>
            <span className="figure">{percent}</span>
            <span className="muted small">
              {summary.endedCount > 0
                ? o.successRateNote(
                    formatNumber(summary.finishedCount),
                    formatNumber(summary.endedCount),
                  )
                : o.noEnded}
            </span>
          </dd>
        </div>
        <div>
          <dt>{o.medianDuration}</dt>
          <dd>
            <span className="figure">
              {summary.medianSeconds === null ? "—" : chartDuration(summary.medianSeconds, m)}
            </span>
            <span className="muted small">
              {summary.finishedCount > 0
                ? o.ofFinished(formatNumber(summary.finishedCount))
                : o.noFinished}
            </span>
          </dd>
        </div>
        <div>
          <dt>{o.p90Duration}</dt>
          <dd>
            <span className="figure">
              {summary.p90Seconds === null ? "—" : chartDuration(summary.p90Seconds, m)}
            </span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
