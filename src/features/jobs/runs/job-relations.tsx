import "./runs.css";
import { useQueries } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { StatusBadge } from "../../../components/status-badge";
import { failureCause } from "../../../contract/failure-cause";
import { isEnded, statusTone } from "../../../contract/job-status";
import { formatDateTime, formatDuration, formatUtcOffset } from "../../../lib/format";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import { jobQueries, type RangeView } from "../api/job-queries";
import type { Job, JobRow } from "../api/job-schemas";
import { useRowsAtHand } from "../insight/rows-at-hand";
import { CompareSection } from "./compare-section";
import { notesLookup } from "./job-notes";
import { RelaunchSection } from "./relaunch-section";

/** What the drawer's runs, comparison and "Run again" need from the list. */
export type RelationsControl = {
  projectId: string;
  /** `compare=` in the address. */
  compare?: string | undefined;
  onOpenJob: (jobId: string) => void;
  /** Opens a job just submitted: newest first, with no filter that could hide it. */
  onOpenNewJob: (jobId: string) => void;
  onCompare: (jobId: string | undefined) => void;
  submitAllowed: boolean;
};

const WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

const NO_ROWS: readonly JobRow[] = [];

// At module scope so React Query keeps the combined rows' identity while the reads are unchanged.
function combineWindows(results: { data?: { rows: readonly JobRow[] }; isFetching: boolean }[]) {
  const rows = results.flatMap((result) => result.data?.rows ?? []);
  return {
    rows: rows.length === 0 ? NO_ROWS : rows,
    fetching: results.some((result) => result.isFetching),
  };
}

/**
 * Older jobs read on request, 30 days a click before the earliest job at hand, so a run of last
 * month can be found without ever reading all history silently.
 */
function useOlderJobs(projectId: string, jobType: string, before: number) {
  const [windows, setWindows] = useState(0);
  const views: RangeView[] = Array.from({ length: windows }, (_, i) => ({
    projectId,
    jobType: jobType as RangeView["jobType"],
    from: new Date(before - (i + 1) * WINDOW_DAYS * DAY_MS).toISOString(),
    to: new Date(before - i * WINDOW_DAYS * DAY_MS - 1).toISOString(),
  }));
  const { rows, fetching } = useQueries({
    queries: views.map((view) => jobQueries.range(view)),
    combine: combineWindows,
  });
  return {
    rows,
    fetching,
    searchedBack: windows > 0 ? before - windows * WINDOW_DAYS * DAY_MS : null,
    more: () => setWindows((n) => n + 1),
  };
}

function RunsSection({
  job,
  runs,
  older,
  control,
}: {
  job: Job;
  runs: readonly Job[];
  older: ReturnType<typeof useOlderJobs>;
  control: RelationsControl;
}) {
  const m = useViewMessages();
  const r = m.runs;
  const others = runs.filter((run) => run.jobId !== job.jobId);
  return (
    <section className="drawer-section" aria-labelledby="drawer-runs">
      <h3 id="drawer-runs">{r.heading}</h3>
      {others.length === 0 ? (
        <p className="muted">{r.none}</p>
      ) : (
        <>
          <p className="muted small">{r.lead}</p>
          <ul className="runs">
            {others.map((run) => (
              <li key={run.jobId} className="run">
                <button
                  type="button"
                  className="link-button mono"
                  onClick={() => control.onOpenJob(run.jobId)}
                >
                  {run.jobId}
                </button>{" "}
                <StatusBadge status={run.status} tone={statusTone(run.status)} />{" "}
                <span className="muted small">
                  {[
                    `${formatDateTime(run.startTime)} ${formatUtcOffset(run.startTime)}`,
                    formatDuration(run.durationSeconds, m.units),
                    run.status === "FAILED" && run.message ? failureCause(run.message).title : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>{" "}
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => control.onCompare(run.jobId)}
                  aria-pressed={control.compare === run.jobId}
                >
                  {r.compareWith}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="runs-further">
        <button type="button" onClick={older.more} disabled={older.fetching}>
          {r.lookFurther(WINDOW_DAYS)}
        </button>{" "}
        {older.fetching ? (
          <span role="status">{r.lookingFurther(String(older.rows.length))}</span>
        ) : (
          older.searchedBack !== null && (
            <span className="muted small" role="status">
              {r.searchedBack(formatDateTime(older.searchedBack))}
            </span>
          )
        )}
      </p>
    </section>
  );
}

function ChecksSection({
  findings,
}: {
  findings: ReturnType<ReturnType<typeof notesLookup>>["findings"];
}) {
  const m = useViewMessages();
  const c = m.checks;
  return (
    <section className="drawer-section" aria-labelledby="drawer-checks">
      <h3 id="drawer-checks">{c.heading}</h3>
      {findings.length === 0 ? (
        <p className="muted">{c.none}</p>
      ) : (
        <ul className="checks">
          {findings.map((finding) => {
            const rule = c.rules[finding.rule];
            return (
              <li key={finding.rule} className="check">
                <strong>
                  <span aria-hidden="true">⚠ </span>
                  {rule?.title ?? finding.rule}
                </strong>
                {rule && <p className="check-why">{rule.why}</p>}
                <p className="muted small mono">
                  {c.fields(finding.fields.join(m.units.listJoin))}
                </p>
                {finding.relatedJobIds && finding.relatedJobIds.length > 0 && (
                  <p className="muted small mono">
                    {c.related(finding.relatedJobIds.join(m.units.listJoin))}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The drawer's view of a job among its runs: checks, other runs, a comparison, "Run again". */
export function JobRelations({
  job,
  jobType,
  control,
}: {
  job: Job;
  jobType: string;
  control: RelationsControl;
}) {
  const atHand = useRowsAtHand();
  const earliest = useMemo(
    () =>
      atHand.rows.reduce(
        (min, row) => (row.kind === "job" ? Math.min(min, row.startTime) : min),
        job.startTime,
      ),
    [atHand.rows, job.startTime],
  );
  const older = useOlderJobs(control.projectId, jobType, earliest);
  const olderRows = older.rows;
  const rows = useMemo<readonly JobRow[]>(
    () => (olderRows.length === 0 ? atHand.rows : [...atHand.rows, ...olderRows]),
    [atHand.rows, olderRows],
  );
  const notes = notesLookup(rows, jobType)(job);
  return (
    <>
      <ChecksSection findings={notes.findings} />
      <RunsSection job={job} runs={notes.runs} older={older} control={control} />
      <CompareSection job={job} runs={notes.runs} rows={rows} control={control} />
      {isEnded(job.status) && <RelaunchSection job={job} jobType={jobType} control={control} />}
    </>
  );
}
