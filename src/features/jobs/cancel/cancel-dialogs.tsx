import { useId, useRef } from "react";
import { useModalDialog } from "../../../components/use-modal-dialog";
import {
  type AllMessages as Messages,
  useViewMessages as useMessages,
} from "../../../lib/i18n/view-messages";
import type { Job } from "../api/job-schemas";
import { summarizeRequest } from "../request/decode-request";

function samplesOf(job: Job, m: Messages): string {
  const summary = summarizeRequest(job.request);
  if (summary.tumor || summary.normal)
    return m.cancelDialog.samples(summary.tumor ?? "—", summary.normal ?? "—");
  if (summary.germlineSamples?.length)
    return m.cancelDialog.sampleList(summary.germlineSamples.join(m.units.listJoin));
  return m.cancelDialog.noSamples;
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
  const titleId = useId();
  const textId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  const m = useMessages();
  // The safe choice has focus: Enter must not cancel a three-hour run by accident.
  const ref = useModalDialog(onDismiss, () => keepRef.current);
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
        {m.cancelDialog.title} <span className="mono">{job.jobId}</span>
        {m.cancelDialog.question}
      </h2>
      <p id={textId}>
        {m.cancelDialog.body(
          job.status === "LAUNCHING" ? m.cancelDialog.launching : m.cancelDialog.running,
          samplesOf(job, m),
          job.progressText ? m.cancelDialog.atStep(job.progressText) : "",
        )}
      </p>
      <div className="dialog-actions">
        <button ref={keepRef} type="button" onClick={onDismiss}>
          {m.cancelDialog.keep}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {m.cancelDialog.confirm}
        </button>
      </div>
    </dialog>
  );
}
