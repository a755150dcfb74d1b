import { useEffect, useId, useRef, useState } from "react";

export type ShortcutActions = {
  nextPage: () => void;
  previousPage: () => void;
  refresh: () => void;
  focusSearch: () => void;
};

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: "]", what: "Next page" },
  { keys: "[", what: "Previous page" },
  { keys: "r", what: "Refresh" },
  { keys: "/", what: "Search" },
  { keys: "?", what: "Show these shortcuts" },
  { keys: "Enter", what: "Open the focused job" },
  { keys: "Esc", what: "Close the job or this list" },
];

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/**
 * Single-key shortcuts for the list. They stay quiet while the viewer types in a field, holds a
 * modifier, or has a dialog open (the drawer has its own keys).
 */
export function useListShortcuts(actions: ShortcutActions, onHelp: () => void) {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (typingIn(event.target) || document.querySelector("dialog[open]")) return;
      const action = {
        "]": latest.current.nextPage,
        "[": latest.current.previousPage,
        r: latest.current.refresh,
        "/": latest.current.focusSearch,
        "?": onHelp,
      }[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [onHelp]);
}

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys}>
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>{shortcut.what}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

export function useShortcutHelp() {
  const [open, setOpen] = useState(false);
  return { open, show: () => setOpen(true), hide: () => setOpen(false) };
}
