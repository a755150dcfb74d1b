import type { StatusTone } from "../contract/job-status";
import { useMessages } from "../lib/i18n/messages";

const ICONS: Record<string, string> = {
  LAUNCHING: "◔",
  RUNNING: "▶",
  FINISHED: "✔",
  FAILED: "✖",
  CANCELLED: "⊘",
  CANCELING: "◌",
};

/**
 * Icon plus word, so colour is never the only signal; an unknown status is named as unknown in
 * the page's language, with the code as it came. The tooltip gives DLI's code.
 * The icon is generated content with empty alternative text: seen, not read aloud, and not an
 * element of its own in each of the list's rows. The tone comes from the caller, which has it
 * from the status rules (statusTone): this piece only draws.
 */
export function StatusBadge({ status, tone }: { status: string; tone: StatusTone }) {
  const m = useMessages();
  return (
    <span
      className={`status status-${tone}`}
      title={m.statusText.code(status)}
      data-icon={ICONS[status] ?? "?"}
    >
      {m.statuses[status] ?? m.statusText.unknown(status)}
    </span>
  );
}
