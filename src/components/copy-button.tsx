import { useEffect, useState } from "react";
import { useMessages } from "../lib/i18n/messages";

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http deployments have no Clipboard API; a hidden textarea still works there.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

/**
 * A small copy button that says, politely, whether it worked. Its icon is drawn by CSS (a mask
 * over the text colour): an inline SVG is three more elements in every row of the list.
 */
export function CopyButton({
  text,
  label,
  showLabel = false,
}: {
  text: string;
  label: string;
  /** Show the label as visible text next to the icon (toolbar buttons) instead of only naming it. */
  showLabel?: boolean;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const m = useMessages();
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 1500);
    return () => window.clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className="copy-button"
      data-state={state}
      aria-label={showLabel ? undefined : label}
      title={label}
      onClick={(event) => {
        // Inside a clickable row the copy must not also open the row.
        event.stopPropagation();
        writeClipboard(text).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
    >
      {showLabel && label}
      <span className="visually-hidden" aria-live="polite">
        {state === "copied" ? m.copy.copied : state === "failed" ? m.copy.failed : ""}
      </span>
    </button>
  );
}
