import { useState } from "react";
import { isEnded } from "../../../contract/job-status";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import type { Job } from "../api/job-schemas";
import type { RelationsControl } from "./job-relations";
import { RelaunchDialog } from "./relaunch-dialog";

/** "Run again" for a job that has ended; where the server does not allow it, says why. */
export function RelaunchSection({
  job,
  jobType,
  control,
}: {
  job: Job;
  jobType: string;
  control: RelationsControl;
}) {
  const m = useViewMessages();
  const [open, setOpen] = useState(false);
  if (!isEnded(job.status)) return null;
  return (
    <section className="drawer-section" aria-labelledby="drawer-relaunch">
      <h3 id="drawer-relaunch">{m.relaunch.heading}</h3>
      {control.submitAllowed ? (
        <button type="button" onClick={() => setOpen(true)}>
          {m.relaunch.button}
        </button>
      ) : (
        <p className="muted">{m.relaunch.off}</p>
      )}
      {open && (
        <RelaunchDialog
          job={job}
          jobType={jobType}
          control={control}
          onClose={() => setOpen(false)}
        />
      )}
    </section>
  );
}
