import { AppLink } from "../../../components/app-link";
import { LongText } from "../../../components/long-text";
import type { CauseGroup, FailureGroups } from "../../../contract/failure-cause";
import { formatDateTime } from "../../../lib/format";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import { listHref, type OverviewSearch } from "./overview-search";

const SAMPLES_SHOWN = 8;

function CauseCard({
  group,
  title,
  lead,
  href,
}: {
  group: CauseGroup;
  title: string;
  lead?: string;
  href: string;
}) {
  const m = useViewMessages();
  const o = m.overview;
  const shown = group.samples.slice(0, SAMPLES_SHOWN);
  const more = group.samples.length - shown.length;
  return (
    <li className="cause">
      <h3 className="cause-title">
        <span className="cause-count">{o.causeCount(group.count)}</span> {title}
      </h3>
      <p className="cause-facts muted small">
        {[
          lead,
          group.commonStep ? o.stoppedAt(group.commonStep.step, group.commonStep.total) : null,
          o.seen(formatDateTime(group.firstSeen), formatDateTime(group.lastSeen)),
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {shown.length > 0 && (
        <p className="cause-samples small">
          {o.samples(shown.join(m.units.listJoin))}
          {more > 0 ? o.moreSamples(more) : ""}
        </p>
      )}
      <details className="cause-example">
        <summary>{o.example}</summary>
        <LongText text={group.example} as="pre" className="message mono" />
      </details>
      <AppLink to={href} className="cause-link">
        {o.showJobs(group.count)}
      </AppLink>
    </li>
  );
}

/** The range's failed jobs grouped by cause, largest first; one-off messages under Other. */
export function CausesSection({
  projectId,
  search,
  failures,
}: {
  projectId: string;
  search: OverviewSearch;
  failures: FailureGroups;
}) {
  const o = useViewMessages().overview;
  const { causes, other } = failures;
  return (
    <section className="overview-section" aria-labelledby="overview-causes">
      <h2 id="overview-causes">{o.causes}</h2>
      {causes.length === 0 && !other ? (
        <p className="muted">{o.noFailures}</p>
      ) : (
        <>
          <p className="muted small">{o.causesLead}</p>
          <ol className="causes">
            {causes.map((group) => (
              <CauseCard
                key={group.key}
                group={group}
                title={group.title}
                href={listHref(projectId, search, { cause: group.key })}
              />
            ))}
            {other && (
              <CauseCard
                group={other}
                title={o.other}
                lead={o.otherLead}
                href={listHref(projectId, search, { cause: other.key })}
              />
            )}
          </ol>
        </>
      )}
    </section>
  );
}
