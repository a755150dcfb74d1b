import { useEffect, useId, useRef, useState } from "react";
import { useModalDialog } from "../../../components/use-modal-dialog";
import { type Messages, useMessages } from "../../../lib/i18n/messages";

export type ShortcutActions = {
  nextPage: () => void;
  previousPage: () => void;
  refresh: () => void;
  focusSearch: () => void;
};

function shortcutList(m: Messages): { keys: string; what: string }[] {
  return [
    { keys: "]", what: m.shortcuts.next },
    { keys: "[", what: m.shortcuts.previous },
    { keys: "r", what: m.shortcuts.refresh },
    { keys: "/", what: m.shortcuts.search },
    { keys: "?", what: m.shortcuts.help },
    { keys: "Enter", what: m.shortcuts.open },
    { keys: "Esc", what: m.shortcuts.close },
  ];
}

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
  const ref = useModalDialog(onClose);
  const titleId = useId();
  const m = useMessages();
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
      <h2 id={titleId}>{m.shortcuts.title}</h2>
      <dl className="shortcut-list">
        {shortcutList(m).map((shortcut) => (
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
          {m.drawer.close}
        </button>
      </div>
    </dialog>
  );
}

export function useShortcutHelp() {
  const [open, setOpen] = useState(false);
  return { open, show: () => setOpen(true), hide: () => setOpen(false) };
}
