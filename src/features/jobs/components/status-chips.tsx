import { StatusBadge } from "../../../components/status-badge";
import { isKnownStatus, STATUSES, statusTone } from "../../../contract/job-status";
import { formatNumber } from "../../../lib/format";
import { useMessages } from "../../../lib/i18n/messages";

/**
 * The status filter, always in view: "failed in the last 24 hours" is two clicks from any list.
 * Each chip toggles its status; the counts appear once the range has been read.
 */
export function StatusChips({
  counts,
  selected,
  onToggle,
  onClear,
}: {
  counts: Map<string, number> | undefined;
  selected: string[];
  onToggle: (status: string) => void;
  onClear: () => void;
}) {
  const m = useMessages();
  const others = [...(counts?.keys() ?? []), ...selected].filter((s) => !isKnownStatus(s));
  const statuses = [...new Set([...STATUSES, ...others])];
  const total = counts && [...counts.values()].reduce((a, b) => a + b, 0);
  const count = (n: number | undefined) =>
    counts && <span className="count">{formatNumber(n ?? 0)}</span>;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form fieldset
    <div className="status-summary" role="group" aria-label={m.filters.byStatus}>
      <button type="button" aria-pressed={selected.length === 0} onClick={onClear}>
        {m.filters.allStatuses} {count(total)}
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
          {count(counts?.get(status))}
        </button>
      ))}
    </div>
  );
}
