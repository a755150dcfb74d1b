import type { Progress } from "../lib/format";
import { useMessages } from "../lib/i18n/messages";

/** A native <progress> (role=progressbar with value and max) plus the step count as text. */
export function ProgressBar({
  progress,
  raw,
  tone,
}: {
  progress: Progress | null;
  raw: string | null;
  tone?: string;
}) {
  const m = useMessages();
  if (!progress) return <span className="muted">{raw ?? "—"}</span>;
  return (
    <span className={`progress progress-${tone ?? "default"}`}>
      <progress
        value={progress.done}
        max={progress.total}
        aria-label={m.table.step(progress.done, progress.total)}
      />
      <span className="progress-label">
        {progress.done}/{progress.total}
      </span>
    </span>
  );
}
