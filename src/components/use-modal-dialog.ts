import { useEffect, useRef } from "react";
import { useLatestCallback } from "../hooks/use-latest-callback";

/**
 * Shows a native <dialog> modally while the component is mounted. Whether it is open lives in
 * the caller's state (or the URL), so every way the browser closes it on its own reaches
 * `onClose`: Chrome may close a dialog on a second quick Escape even when `cancel` is prevented.
 */
export function useModalDialog(
  onClose: () => void,
  focusOnOpen?: (dialog: HTMLDialogElement) => HTMLElement | null,
) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useLatestCallback(onClose);
  const focusRef = useRef(focusOnOpen);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    focusRef.current?.(dialog)?.focus();
    // A `close` event queued by an earlier cleanup (React re-running this effect) finds the
    // dialog open again and is ignored.
    const onNativeClose = () => {
      if (!dialog.open) close();
    };
    dialog.addEventListener("close", onNativeClose);
    return () => {
      dialog.removeEventListener("close", onNativeClose);
      if (dialog.open) dialog.close();
    };
  }, [close]);

  return ref;
}
