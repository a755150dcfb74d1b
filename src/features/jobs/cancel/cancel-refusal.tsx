import { explainError } from "../../../components/error-panel";
import { useMessages } from "../../../lib/i18n/messages";

/**
 * DLI's refusal of a cancel. Not loaded on demand like the confirmation: it may have to say
 * that the dashboard server itself cannot be reached.
 */
export function CancelRefusal({
  jobId,
  error,
  onDismiss,
}: {
  jobId: string;
  error: unknown;
  onDismiss: () => void;
}) {
  const m = useMessages();
  const { title, body } = explainError(error, m);
  return (
    <div className="error-panel" role="alert">
      <h2 className="error-title">{m.cancel.refused(jobId)}</h2>
      <p>
        {title}: {body}
      </p>
      <button type="button" onClick={onDismiss}>
        {m.errors.dismiss}
      </button>
    </div>
  );
}
