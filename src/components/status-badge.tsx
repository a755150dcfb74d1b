import { useMessages } from "../lib/i18n/messages";

const LOOKS: Record<string, { icon: string; tone: string }> = {
  LAUNCHING: { icon: "◔", tone: "active" },
  RUNNING: { icon: "▶", tone: "active" },
  FINISHED: { icon: "✔", tone: "ok" },
  FAILED: { icon: "✖", tone: "bad" },
  CANCELLED: { icon: "⊘", tone: "muted" },
  CANCELING: { icon: "⊘", tone: "muted" },
};

/**
 * Icon plus word, so colour is never the only signal; an unknown status is shown as it came.
 * The icon is generated content with empty alternative text: seen, not read aloud, and not an
 * element of its own in each of the list's rows.
 */
export function StatusBadge({ status }: { status: string }) {
  const m = useMessages();
  const look = LOOKS[status] ?? { icon: "?", tone: "unknown" };
  return (
    <span className={`status status-${look.tone}`} title={status} data-icon={look.icon}>
      {m.statuses[status] ?? status}
    </span>
  );
}
