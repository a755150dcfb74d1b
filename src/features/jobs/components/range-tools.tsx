import { StatusBadge } from "../../../components/status-badge";
import { STATUSES, statusTone } from "../../../contract/job-status";
import { formatNumber } from "../../../lib/format";
import { useMessages } from "../../../lib/i18n/messages";
import type { RangeProgress } from "../range/read-range";
import { RANGE_CAP } from "../range/read-range";

/** Counts per status in the range; each count is a toggle of the status filter. */
export function StatusSummary({
  counts,
  selected,
  onToggle,
  onClear,
}: {
  counts: Map<string, number>;
  selected: string[];
  onToggle: (status: string) => void;
  onClear: () => void;
}) {
  const m = useMessages();
  const statuses = [
    ...STATUSES.filter((s) => counts.has(s) || selected.includes(s)),
    ...[...counts.keys(), ...selected].filter((s) => !(STATUSES as readonly string[]).includes(s)),
  ].filter((s, i, all) => all.indexOf(s) === i);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form fieldset
    <div className="status-summary" role="group" aria-label={m.filters.byStatus}>
      <button type="button" aria-pressed={selected.length === 0} onClick={onClear}>
        {m.filters.allStatuses} <span className="count">{formatNumber(total)}</span>
      </button>
      {statuses.map((status) => (
        <button
          key={status}
          type="button"
          aria-pressed={selected.includes(status)}
          onClick={() => onToggle(status)}
          className="status-count"
        >
          <StatusBadge status={status} tone={statusTone(status)} />
          <span className="count">{formatNumber(counts.get(status) ?? 0)}</span>
        </button>
      ))}
    </div>
  );
}

export function RangeReadProgress({
  progress,
  onStop,
}: {
  progress: RangeProgress | undefined;
  onStop: () => void;
}) {
  const m = useMessages();
  const read = progress?.read ?? 0;
  const total = progress?.total ?? 0;
  return (
    <div className="range-progress" role="status">
      <progress aria-label={m.filters.readingJobs} value={read} max={Math.max(total, 1)} />
      <span>{m.filters.readProgress(formatNumber(read), total ? formatNumber(total) : "…")}</span>
      <button type="button" onClick={onStop}>
        {m.filters.stopReading}
      </button>
    </div>
  );
}

export function CapNotice({ total }: { total: number }) {
  const m = useMessages();
  return (
    <p className="notice" role="note">
      {m.filters.capNotice(formatNumber(total), formatNumber(RANGE_CAP))}
    </p>
  );
}
