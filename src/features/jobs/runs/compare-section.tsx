import { useId, useState } from "react";
import { ID_PATTERN } from "../../../contract/ids";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import type { Job, JobRow } from "../api/job-schemas";
import { DiffTable } from "./diff-table";
import type { RelationsControl } from "./job-relations";
import { diffRequests } from "./request-diff";

/** The run just before this one, the comparison a lab member means by default. */
function previousRun(job: Job, runs: readonly Job[]): Job | undefined {
  return runs.find((run) => run.jobId !== job.jobId && run.startTime <= job.startTime);
}

/** This job's request against another run's (or any job's), field by field. */
export function CompareSection({
  job,
  runs,
  rows,
  control,
}: {
  job: Job;
  runs: readonly Job[];
  rows: readonly JobRow[];
  control: RelationsControl;
}) {
  const m = useViewMessages();
  const c = m.compare;
  const inputId = useId();
  const previous = previousRun(job, runs);
  const [typed, setTyped] = useState("");
  const target = control.compare
    ? rows.find((row): row is Job => row.kind === "job" && row.jobId === control.compare)
    : undefined;

  return (
    <section className="drawer-section" aria-labelledby="drawer-compare">
      <h3 id="drawer-compare">{c.heading}</h3>
      <form
        className="compare-form"
        onSubmit={(event) => {
          event.preventDefault();
          const id = typed.trim() || previous?.jobId;
          if (id && ID_PATTERN.test(id)) control.onCompare(id);
        }}
      >
        <label htmlFor={inputId}>{c.withLabel}</label>
        <input
          id={inputId}
          className="mono"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          placeholder={previous ? c.previousRun(previous.jobId) : c.otherJob}
          spellCheck={false}
          autoComplete="off"
        />
        <button type="submit" disabled={!typed.trim() && !previous}>
          {c.show}
        </button>
        {control.compare && (
          <button
            type="button"
            className="link-button"
            onClick={() => control.onCompare(undefined)}
          >
            {c.clear}
          </button>
        )}
      </form>
      {control.compare &&
        (!target ? (
          <p className="notice" role="note">
            {c.notFound(control.compare)}
          </p>
        ) : target.request.kind !== "json" || job.request.kind !== "json" ? (
          <p className="notice" role="note">
            {c.unreadable}
          </p>
        ) : (
          <DiffTable
            title={c.title(target.jobId)}
            changes={diffRequests(target.request.value, job.request.value)}
          />
        ))}
    </section>
  );
}
