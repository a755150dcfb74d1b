import { AppLink } from "../../../components/app-link";
import type { JobAttention } from "../../../contract/job-insight";
import { formatDateTime } from "../../../lib/format";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import { describeFlag } from "../insight/flag-words";
import type { Overview } from "./overview-model";
import { listHref, type OverviewSearch } from "./overview-search";

const CHECKS_SHOWN = 10;

/** Jobs that look stuck or slow, most urgent first, each with its reasons in words. */
export function AttentionSection({
  projectId,
  search,
  attention,
  checked,
}: {
  projectId: string;
  search: OverviewSearch;
  attention: readonly JobAttention[];
  checked: Overview["checked"];
}) {
  const m = useViewMessages();
  const o = m.overview;
  return (
    <section className="overview-section" aria-labelledby="overview-attention">
      <h2 id="overview-attention">
        {o.attention}
        {attention.length + checked.length > 0 && (
          <span className="attention-count"> {attention.length + checked.length}</span>
        )}
      </h2>
      {attention.length === 0 && checked.length === 0 ? (
        <p className="muted">{o.nothingNeedsAttention}</p>
      ) : attention.length === 0 ? null : (
        <>
          <p className="muted small">{o.attentionLead}</p>
          <ul className="attention">
            {attention.map(({ job, flags }) => (
              <li key={job.jobId} className="attention-item">
                <AppLink
                  to={listHref(projectId, search, { job: job.jobId })}
                  className="mono attention-job"
                >
                  {job.jobId}
                </AppLink>{" "}
                <span className="muted small">
                  {[
                    m.statuses[job.status] ?? job.status,
                    job.samples.join(m.units.listJoin),
                    formatDateTime(job.startTime),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
                <ul className="attention-reasons">
                  {flags.map((flag) => (
                    <li key={flag.kind}>{describeFlag(flag, m)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {checked.length > 0 && (
        <>
          <h3 className="attention-subhead">{m.checks.mark(checked.length)}</h3>
          <ul className="attention">
            {checked.slice(0, CHECKS_SHOWN).map(({ job, findings }) => (
              <li key={job.jobId} className="attention-item">
                <AppLink
                  to={listHref(projectId, search, { job: job.jobId })}
                  className="mono attention-job"
                >
                  {job.jobId}
                </AppLink>{" "}
                <span className="muted small">
                  {[m.statuses[job.status] ?? job.status, formatDateTime(job.startTime)].join(
                    " · ",
                  )}
                </span>
                <ul className="attention-reasons">
                  {findings.map((finding) => (
                    <li key={finding.rule}>
                      {m.checks.rules[finding.rule]?.title ?? finding.rule}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {checked.length > CHECKS_SHOWN && (
            <p className="muted small">{o.moreChecked(checked.length - CHECKS_SHOWN)}</p>
          )}
        </>
      )}
    </section>
  );
}
