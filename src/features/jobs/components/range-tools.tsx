import { formatNumber } from "../../../lib/format";
import { useMessages } from "../../../lib/i18n/messages";
import type { RangeProgress } from "../range/read-range";
import { RANGE_CAP } from "../range/read-range";

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
