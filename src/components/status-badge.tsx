type StatusLook = { icon: string; label: string; tone: string };

const LOOKS: Record<string, StatusLook> = {
  LAUNCHING: { icon: "◔", label: "Launching", tone: "active" },
  RUNNING: { icon: "▶", label: "Running", tone: "active" },
  FINISHED: { icon: "✔", label: "Finished", tone: "ok" },
  FAILED: { icon: "✖", label: "Failed", tone: "bad" },
  CANCELLED: { icon: "⊘", label: "Cancelled", tone: "muted" },
  CANCELING: { icon: "⊘", label: "Cancelling", tone: "muted" },
};

/** Icon plus word, so colour is never the only signal; an unknown status is shown as it came. */
export function StatusBadge({ status }: { status: string }) {
  const look = LOOKS[status] ?? { icon: "?", label: status, tone: "unknown" };
  return (
    <span className={`status status-${look.tone}`} title={status}>
      <span aria-hidden="true" className="status-icon">
        {look.icon}
      </span>
      {look.label}
    </span>
  );
}
