import { useState } from "react";
import { CopyButton } from "../../../components/copy-button";
import type { JobsSearch } from "../../../contract/list-url";
import { useMessages } from "../../../lib/i18n/messages";
import { RangeReadProgress } from "../lazy-parts";
import type { SetJobsSearch } from "../url/use-jobs-search";
import type { JobsList } from "../use-jobs-list";
import { rangeWords } from "../view-title";
import { DateRangeFilter, JobTypeSwitch, RefreshControl } from "./filters";
import { SearchBox } from "./search-box";
import { StatusChips } from "./status-chips";

/** Live updates on or paused: the viewer's choice for this page, not a setting to bookmark. */
export function useLivePause() {
  const [paused, setPaused] = useState(false);
  return { paused, toggle: () => setPaused((p) => !p) };
}

/** Type, dates, refresh and the page's own controls. */
export function ListToolbar({
  search,
  setSearch,
  list,
  pause,
}: {
  search: JobsSearch;
  setSearch: SetJobsSearch;
  list: JobsList;
  pause: ReturnType<typeof useLivePause>;
}) {
  const m = useMessages();
  return (
    <div className="toolbar">
      {/* On a phone the type and dates fold under one line that says what they are set to;
          on wider screens styles.css shows them whatever the disclosure's state. */}
      <details className="view-filters">
        <summary>
          {m.filters.viewFilters}{" "}
          <span className="muted">{`${m.title.types[search.type]} · ${rangeWords(search, m)}`}</span>
        </summary>
        <JobTypeSwitch search={search} setSearch={setSearch} />
        <DateRangeFilter search={search} setSearch={setSearch} />
      </details>
      <div className="toolbar-end">
        <RefreshControl
          updatedAt={list.query.dataUpdatedAt}
          fetching={list.query.isFetching}
          onRefresh={list.refetch}
        />
        <CopyButton text={window.location.href} label={m.filters.copyLink} showLabel />
        <button
          type="button"
          aria-pressed={pause.paused}
          onClick={pause.toggle}
          title={pause.paused ? m.filters.pausedHint : m.filters.liveHint}
        >
          {m.filters.pauseLive}
        </button>
      </div>
    </div>
  );
}

/** Search, the counts by status (read on demand), and export. */
export function RangeToolbar({
  search,
  setSearch,
  list,
  onExport,
}: {
  search: JobsSearch;
  setSearch: SetJobsSearch;
  list: JobsList;
  onExport: (format: "csv" | "json") => void;
}) {
  const m = useMessages();
  const { range } = list;
  return (
    <div className="toolbar">
      <SearchBox value={search.q ?? ""} onSearch={(q) => setSearch({ q })} />
      <StatusChips
        counts={range.counts}
        selected={search.status ?? []}
        onToggle={(status) =>
          setSearch(({ status: current = [] }) => ({
            status: current.includes(status)
              ? current.filter((s) => s !== status)
              : [...current, status],
          }))
        }
        onClear={() => setSearch({ status: [] })}
      />
      {range.counts ? null : range.query.isFetching ? (
        <RangeReadProgress.Component progress={range.progress} onStop={range.stopReading} />
      ) : (
        <button type="button" onClick={range.countStatuses}>
          {range.stopped ? m.filters.continueReading : m.filters.countByStatus}
        </button>
      )}
      <div className="toolbar-end export-buttons">
        <button type="button" onClick={() => onExport("csv")}>
          {m.filters.exportCsv}
        </button>
        <button type="button" onClick={() => onExport("json")}>
          {m.filters.exportJson}
        </button>
      </div>
    </div>
  );
}
