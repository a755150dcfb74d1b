import { Fragment, useId } from "react";
import { useModalDialog } from "../../../components/use-modal-dialog";
import {
  type AllMessages as Messages,
  useViewMessages as useMessages,
} from "../../../lib/i18n/view-messages";

/** `keys`: one key, or keys that do the same thing either way. */
function shortcutList(m: Messages): { keys: string[]; what: string }[] {
  return [
    { keys: ["]"], what: m.shortcuts.next },
    { keys: ["["], what: m.shortcuts.previous },
    { keys: ["r"], what: m.shortcuts.refresh },
    { keys: ["/"], what: m.shortcuts.search },
    { keys: ["?"], what: m.shortcuts.help },
    { keys: ["↓", "↑"], what: m.shortcuts.rows },
    { keys: ["Home", "End"], what: m.shortcuts.firstLast },
    { keys: ["Enter"], what: m.shortcuts.open },
    { keys: ["Esc"], what: m.shortcuts.close },
  ];
}

/** The `?` dialog: loaded on demand (see lazy-parts.ts). */
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
          <div key={shortcut.keys.join()}>
            <dt>
              {shortcut.keys.map((key, i) => (
                <Fragment key={key}>
                  {i > 0 && " "}
                  <kbd>{key}</kbd>
                </Fragment>
              ))}
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
