import {
  attentionFlags,
  type DurationBaselines,
  durationBaselines,
  timeLeft,
} from "../../../contract/job-insight";
import { isActive } from "../../../contract/job-status";
import { useNow } from "../../../hooks/use-now";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import type { Job, JobRow } from "../api/job-schemas";
import { notesLookup } from "../runs/job-notes";
import { describeFlag, describeTimeLeft, kindName } from "./flag-words";
import { toInsightJob, toInsightJobs } from "./insight-job";
import { useRowsAtHand } from "./rows-at-hand";

// One set of baselines per set of rows: a page of 100 rows asks 100 times per render.
const baselinesByRows = new WeakMap<readonly JobRow[], DurationBaselines>();

function baselinesOf(rows: readonly JobRow[], jobType: string): DurationBaselines {
  let baselines = baselinesByRows.get(rows);
  if (!baselines) {
    baselines = durationBaselines(toInsightJobs(rows, jobType));
    baselinesByRows.set(rows, baselines);
  }
  return baselines;
}

/** "run 2 of 3" and sample-sheet warnings: for every job, from the rows at hand. */
function RunAndChecks({
  job,
  rows,
  jobType,
}: {
  job: Job;
  rows: readonly JobRow[];
  jobType: string;
}) {
  const m = useViewMessages();
  const { runs, runNumber, findings } = notesLookup(rows, jobType)(job);
  return (
    <>
      {runs.length > 1 && (
        <span className="run-mark" title={m.runs.runOfTitle}>
          {m.runs.runOf(runNumber, runs.length)}
        </span>
      )}
      {findings.length > 0 && (
        <span className="check-mark">
          <span aria-hidden="true">⚠ </span>
          {findings
            .map((finding) => m.checks.rules[finding.rule]?.title ?? finding.rule)
            .join("; ")}
        </span>
      )}
    </>
  );
}

/**
 * What the dashboard can say of a job beyond its status: its other runs and sample-sheet
 * warnings, and for an active job time left or why it needs a look (past its expected time,
 * slower than usual). Stuck launching and cancelling are the list's own note (StuckNote), in the
 * same words.
 */
export function RowInsight({ job }: { job: Job }) {
  const source = useRowsAtHand();
  return (
    <>
      <RunAndChecks job={job} rows={source.rows} jobType={source.jobType} />
      {isActive(job.status) && <ActiveJobInsight job={job} source={source} />}
    </>
  );
}

function ActiveJobInsight({
  job,
  source,
}: {
  job: Job;
  source: { rows: readonly JobRow[]; jobType: string };
}) {
  const m = useViewMessages();
  const now = useNow(30_000);
  const baselines = baselinesOf(source.rows, source.jobType);
  const insightJob = toInsightJob(job, source.jobType);
  const flags = attentionFlags(insightJob, baselines, now).filter(
    (flag) => flag.kind === "slow" || flag.kind === "past-expect",
  );
  const left = flags.length === 0 ? timeLeft(insightJob, baselines, now) : null;
  const baseline = baselines.for(insightJob);
  return (
    <>
      {flags.map((flag) => (
        <span key={flag.kind} className="insight-flag" title={m.insight.flagged}>
          {describeFlag(flag, m)}
        </span>
      ))}
      {left && baseline && (
        <span
          className="time-left"
          title={m.insight.timeLeftTitle(baseline.count, kindName(baseline, m))}
        >
          {describeTimeLeft(left, m)}
        </span>
      )}
    </>
  );
}

export default RowInsight;
