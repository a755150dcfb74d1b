import "./overview.css";
import { ErrorPanel } from "../../../components/error-panel";
import { formatDateTime } from "../../../lib/format";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import { CapNotice, RangeReadProgress } from "../lazy-parts";
import { AttentionSection } from "./attention-section";
import { CausesSection } from "./causes-section";
import type { OverviewSearch } from "./overview-search";
import { SummarySection } from "./summary-section";
import { TrendsSection } from "./trends-section";
import { useOverview } from "./use-overview";

/** A project's range at a glance: what failed and why, what is stuck, and how the lab runs. */
export function Overview({ projectId, search }: { projectId: string; search: OverviewSearch }) {
  const m = useViewMessages();
  const o = m.overview;
  const { query, progress, overview, readAt, refresh, stopReading } = useOverview(
    projectId,
    search,
  );

  if (query.isError && !query.data) {
    return <ErrorPanel error={query.error} onRetry={refresh} retrying={query.isFetching} />;
  }
  return (
    <div className="overview">
      <div className="overview-toolbar">
        <button type="button" onClick={refresh} disabled={query.isFetching}>
          {o.refresh}
        </button>
        {query.data && <span className="muted small">{o.readAt(formatDateTime(readAt))}</span>}
      </div>
      {query.isFetching && <RangeReadProgress.Component progress={progress} onStop={stopReading} />}
      {query.data?.capped && <CapNotice.Component total={query.data.total} />}
      {query.isError && <ErrorPanel error={query.error} onRetry={refresh} />}
      {!overview ? (
        <p aria-busy="true">{o.reading}</p>
      ) : overview.summary.total === 0 ? (
        <p className="empty-note">{o.emptyRange}</p>
      ) : (
        <>
          <SummarySection projectId={projectId} search={search} summary={overview.summary} />
          <div className="overview-columns">
            <CausesSection projectId={projectId} search={search} failures={overview.failures} />
            <AttentionSection
              projectId={projectId}
              search={search}
              attention={overview.attention}
              checked={overview.checked}
            />
          </div>
          <TrendsSection
            projectId={projectId}
            search={search}
            overview={overview}
            readAt={readAt}
          />
        </>
      )}
    </div>
  );
}
