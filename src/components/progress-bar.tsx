import type { StatusTone } from "../contract/job-status";
import type { Progress } from "../lib/format";
import { useMessages } from "../lib/i18n/messages";

/**
 * A native <progress> (role=progressbar with value and max) plus the step count as text, with no
 * wrapper of its own: the list draws one per row. Put it in an element with class `progress`
 * (or the list's progress cell), which keeps the two on one line.
 */
export function ProgressBar({
  progress,
  raw,
  tone,
}: {
  progress: Progress | null;
  raw: string | null;
  /** The job status's tone (statusTone), the same as its badge's. */
  tone: StatusTone;
}) {
  const m = useMessages();
  if (!progress) return <span className="muted">{raw ?? "—"}</span>;
  return (
    <>
      <progress
        className={`progress-bar progress-${tone}`}
        value={progress.done}
        max={progress.total}
        aria-label={m.table.step(progress.done, progress.total)}
      />
      {`${progress.done}/${progress.total}`}
    </>
  );
}
