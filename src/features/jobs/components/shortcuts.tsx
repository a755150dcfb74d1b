import { useEffect, useRef, useState } from "react";

export type ShortcutActions = {
  nextPage: () => void;
  previousPage: () => void;
  refresh: () => void;
  focusSearch: () => void;
};

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

/** The `?` help: closing it puts focus back where it was when it opened. */
export function useShortcutHelp() {
  const [open, setOpen] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);
  return {
    open,
    show: () => {
      returnTo.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setOpen(true);
    },
    hide: () => {
      setOpen(false);
      // After the dialog is gone, or the browser moves focus again as it closes.
      requestAnimationFrame(() => returnTo.current?.focus());
    },
  };
}
