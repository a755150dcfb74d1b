import { useId } from "react";
import { useNow } from "../../../hooks/use-now";
import { formatAgo } from "../../../lib/format";
import {
  boundToDayInput,
  type JobsSearch,
  type JobType,
  RANGE_PRESETS,
  type RangePreset,
} from "../url/jobs-search";
import type { SetJobsSearch } from "../url/use-jobs-search";

const TYPE_LABELS: Record<JobType, string> = { DNA_SOMATIC: "Somatic", DNA_GERMLINE: "Germline" };
const RANGE_LABELS: Record<RangePreset, string> = {
  "24h": "24 hours",
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
};

export function JobTypeSwitch({
  search,
  setSearch,
}: {
  search: JobsSearch;
  setSearch: SetJobsSearch;
}) {
  const name = useId();
  return (
    <div className="segmented" role="radiogroup" aria-label="Job type">
      {(Object.keys(TYPE_LABELS) as JobType[]).map((type) => (
        <label key={type} className={search.type === type ? "is-selected" : undefined}>
          <input
            type="radio"
            name={name}
            value={type}
            checked={search.type === type}
            onChange={() => setSearch({ type })}
          />
          {TYPE_LABELS[type]}
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
  const allTime = !search.range && !search.from && !search.to;
  return (
    <div className="date-range">
      <fieldset className="segmented" aria-label="Date range">
        {RANGE_PRESETS.map((range) => (
          <button
            key={range}
            type="button"
            aria-pressed={search.range === range}
            onClick={() => setSearch({ range })}
          >
            {RANGE_LABELS[range]}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={allTime}
          onClick={() => setSearch({ range: undefined, from: undefined, to: undefined })}
        >
          All time
        </button>
      </fieldset>
      <div className="date-inputs">
        <label htmlFor={fromId}>From</label>
        <input
          id={fromId}
          type="date"
          value={boundToDayInput(search.from)}
          max={boundToDayInput(search.to) || undefined}
          onChange={(event) => setSearch({ from: event.target.value || undefined })}
        />
        <label htmlFor={toId}>To</label>
        <input
          id={toId}
          type="date"
          value={boundToDayInput(search.to)}
          min={boundToDayInput(search.from) || undefined}
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
  return (
    <div className="refresh">
      <button type="button" onClick={onRefresh} disabled={fetching} aria-busy={fetching}>
        <span aria-hidden="true" className={fetching ? "spin" : undefined}>
          ↻
        </span>{" "}
        Refresh
      </button>
      <span className="muted" aria-live="off">
        {fetching ? "Updating…" : updatedAt ? `Updated ${formatAgo(updatedAt, now)}` : ""}
      </span>
    </div>
  );
}
