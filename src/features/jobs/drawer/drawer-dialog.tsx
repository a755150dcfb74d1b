import type { KeyboardEvent, ReactNode } from "react";
import { useModalDialog } from "../../../components/use-modal-dialog";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A side panel on a native modal <dialog>: the page behind is inert, Escape asks to close, and
 * Tab cycles inside. Closing is the caller's business (it lives in the URL), so every way out —
 * Escape, the backdrop, the browser closing the dialog itself — goes through `onClose`.
 */
export function DrawerDialog({
  labelledBy,
  onClose,
  children,
}: {
  labelledBy: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useModalDialog(onClose, (dialog) => dialog);

  function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab" || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (element) => element.offsetParent !== null,
    );
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === ref.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      className="drawer"
      aria-labelledby={labelledBy}
      tabIndex={-1}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={trapTab}
      onClick={(event) => {
        // The dialog element itself is only ever hit on its backdrop; the panel covers the rest.
        if (event.target === ref.current) onClose();
      }}
    >
      <div className="drawer-panel">{children}</div>
    </dialog>
  );
}
