import { useId } from "react";
import { useNavigate } from "react-router-dom";
import { JOB_TYPES } from "../../../contract/list-url";
import { RANGE_PRESETS } from "../../../contract/time-window";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import type { OverviewSearch } from "./overview-search";

function overviewQuery(search: OverviewSearch): string {
  const params = new URLSearchParams();
  if (search.type !== "DNA_SOMATIC") params.set("type", search.type);
  if (search.range && search.range !== "7d") params.set("range", search.range);
  if (search.from) params.set("from", search.from);
  if (search.to) params.set("to", search.to);
  const query = params.toString();
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
