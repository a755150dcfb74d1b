import { useEffect, useId, useRef } from "react";
import { explainError } from "../../../components/error-panel";
import type { Job } from "../api/job-schemas";
import { summarizeRequest } from "../request/decode-request";

function samplesOf(job: Job): string {
  const summary = summarizeRequest(job.request);
  if (summary.tumor || summary.normal)
    return `tumor ${summary.tumor ?? "—"}, normal ${summary.normal ?? "—"}`;
  if (summary.germlineSamples?.length) return summary.germlineSamples.join(", ");
  return "samples not named in its request";
}

/** Asks before anything is sent: names the job and its samples. */
export function ConfirmCancelDialog({
  job,
  onConfirm,
  onDismiss,
}: {
  job: Job;
  onConfirm: () => void;
  onDismiss: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // The safe choice has focus: Enter must not cancel a three-hour run by accident.
    keepRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
    >
      <h2 id={titleId}>
        Cancel job <span className="mono">{job.jobId}</span>?
      </h2>
      <p id={textId}>
        This stops the {job.status === "LAUNCHING" ? "launching" : "running"} pipeline for{" "}
        {samplesOf(job)}
        {job.progressText ? ` at step ${job.progressText}` : ""}. Work done so far is lost; DLI
        cannot resume it.
      </p>
      <div className="dialog-actions">
        <button ref={keepRef} type="button" onClick={onDismiss}>
          Keep running
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Cancel job
        </button>
      </div>
    </dialog>
  );
}

export function CancelRefusal({
  jobId,
  error,
  onDismiss,
}: {
  jobId: string;
  error: unknown;
  onDismiss: () => void;
}) {
  const { title, body } = explainError(error);
  return (
    <div className="error-panel" role="alert">
      <h2 className="error-title">Could not cancel job {jobId}</h2>
      <p>
        {title}: {body}
      </p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
