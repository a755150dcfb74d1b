import {
  causeKeysSeenOnce,
  groupFailures,
  jobMatchesCause,
  OTHER_CAUSE_KEY,
} from "../../../contract/failure-cause";
import type { JobRow } from "../api/job-schemas";
import { toInsightJobs } from "./insight-job";

export type CauseFilter = {
  /** The cause's title ("Other" for the one-offs), null when no failed job of the range has it. */
  title: string | null;
  /** The range's jobs of this cause: exactly the ones the overview counted. */
  ids: ReadonlySet<string>;
};

/**
 * The jobs of one failure cause in a range, as the overview grouped them (loaded with the first
 * list that asks: `cause=` in the address). "other" is the causes seen once in this range.
 */
export function causeFilter(rows: readonly JobRow[], key: string, jobType: string): CauseFilter {
  const jobs = toInsightJobs(rows, jobType);
  const seenOnce = key === OTHER_CAUSE_KEY ? causeKeysSeenOnce(jobs) : undefined;
  const ids = new Set<string>();
  for (const job of jobs) if (jobMatchesCause(job, key, seenOnce)) ids.add(job.jobId);
  if (ids.size === 0) return { title: null, ids };
  const groups = groupFailures(jobs);
  const group =
    key === OTHER_CAUSE_KEY ? groups.other : groups.causes.find((cause) => cause.key === key);
  return { title: group?.title ?? null, ids };
}
