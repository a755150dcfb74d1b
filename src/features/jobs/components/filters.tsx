import { useId } from "react";
import type { JobsSearch, JobType } from "../../../contract/list-url";
import { boundToDayInput, RANGE_PRESETS } from "../../../contract/time-window";
import { useNow } from "../../../hooks/use-now";
import { formatAgo } from "../../../lib/format";
import { useMessages } from "../../../lib/i18n/messages";
import { usePreferences } from "../../../lib/preferences";
import type { SetJobsSearch } from "../url/use-jobs-search";

const JOB_TYPES: JobType[] = ["DNA_SOMATIC", "DNA_GERMLINE"];

export function JobTypeSwitch({
  search,
  setSearch,
}: {
  search: JobsSearch;
  setSearch: SetJobsSearch;
}) {
  const name = useId();
  const m = useMessages();
  const typeLabels: Record<JobType, string> = {
    DNA_SOMATIC: m.filters.somatic,
    DNA_GERMLINE: m.filters.germline,
  };
  return (
    <div className="segmented" role="radiogroup" aria-label={m.filters.jobType}>
      {JOB_TYPES.map((type) => (
        <label key={type} className={search.type === type ? "is-selected" : undefined}>
          <input
            type="radio"
            name={name}
            value={type}
            checked={search.type === type}
            onChange={() => setSearch({ type })}
          />
          {typeLabels[type]}
        </label>
      ))}
    </div>
  );
}

export function DateRangeFilter({
  search,
  setSearch,
}: {
  search: JobsSearch;
  setSearch: SetJobsSearch;
}) {
  const fromId = useId();
  const toId = useId();
  const m = useMessages();
  const { timeZone } = usePreferences();
  const allTime = !search.range && !search.from && !search.to;
  return (
    <div className="date-range">
      <fieldset className="segmented" aria-label={m.filters.dateRange}>
        {RANGE_PRESETS.map((range) => (
          <button
            key={range}
            type="button"
            aria-pressed={search.range === range}
            onClick={() => setSearch({ range })}
          >
            {m.filters.ranges[range]}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={allTime}
          onClick={() => setSearch({ range: undefined, from: undefined, to: undefined })}
        >
          {m.filters.allTime}
        </button>
      </fieldset>
      <div className="date-inputs">
        <label htmlFor={fromId}>{m.filters.from}</label>
        <input
          id={fromId}
          type="date"
          value={boundToDayInput(search.from, timeZone)}
          max={boundToDayInput(search.to, timeZone) || undefined}
          onChange={(event) => setSearch({ from: event.target.value || undefined })}
        />
        <label htmlFor={toId}>{m.filters.to}</label>
        <input
          id={toId}
          type="date"
          value={boundToDayInput(search.to, timeZone)}
          min={boundToDayInput(search.from, timeZone) || undefined}
          onChange={(event) => setSearch({ to: event.target.value || undefined })}
        />
      </div>
    </div>
  );
}

export function RefreshControl({
  updatedAt,
  fetching,
  onRefresh,
}: {
  updatedAt: number;
  fetching: boolean;
  onRefresh: () => void;
}) {
  // Ticks here, not in the list, so the clock re-renders a label rather than the table.
  const now = useNow(5_000);
  const m = useMessages();
  return (
    <div className="refresh">
      <button type="button" onClick={onRefresh} disabled={fetching} aria-busy={fetching}>
        <span aria-hidden="true" className={fetching ? "spin" : undefined}>
          ↻
        </span>{" "}
        {m.filters.refresh}
      </button>
      <span className="muted" aria-live="off">
        {fetching
          ? m.filters.updating
          : updatedAt
            ? m.filters.updated(formatAgo(updatedAt, now, m.units))
            : ""}
      </span>
    </div>
  );
}
