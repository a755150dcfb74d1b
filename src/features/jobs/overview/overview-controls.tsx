import { useId } from "react";
import { useNavigate } from "react-router-dom";
import { JOB_TYPES } from "../../../contract/list-url";
import { RANGE_PRESETS } from "../../../contract/time-window";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import { type OverviewSearch, serializeOverviewSearch } from "./overview-search";

/** A new span or type starts the timeline again on its own latest day. */
function overviewQuery({ day: _day, ...search }: OverviewSearch): string {
  const query = serializeOverviewSearch(search).toString();
  return query ? `?${query}` : "";
}

/** The job type and the span the overview covers; each change is a new address. */
export function OverviewControls({ search }: { search: OverviewSearch }) {
  const m = useViewMessages();
  const navigate = useNavigate();
  const typeId = useId();
  const rangeId = useId();
  const go = (next: OverviewSearch) => navigate({ search: overviewQuery(next) }, { replace: true });
  const custom = Boolean(search.from || search.to);
  return (
    <div className="toolbar overview-controls">
      <label htmlFor={typeId}>{m.filters.jobType}</label>
      <select
        id={typeId}
        value={search.type}
        onChange={(event) => go({ ...search, type: event.target.value as OverviewSearch["type"] })}
      >
        {JOB_TYPES.map((type) => (
          <option key={type} value={type}>
            {type === "DNA_SOMATIC" ? m.filters.somatic : m.filters.germline}
          </option>
        ))}
      </select>
      <label htmlFor={rangeId}>{m.filters.dateRange}</label>
      <select
        id={rangeId}
        value={custom ? "custom" : (search.range ?? "7d")}
        onChange={(event) => {
          const { from: _from, to: _to, day: _day, ...rest } = search;
          go({ ...rest, range: event.target.value as OverviewSearch["range"] });
        }}
      >
        {custom && (
          <option value="custom" disabled>
            {[search.from, search.to].filter(Boolean).join(" – ")}
          </option>
        )}
        {RANGE_PRESETS.map((preset) => (
          <option key={preset} value={preset}>
            {m.filters.ranges[preset]}
          </option>
        ))}
      </select>
    </div>
  );
}
