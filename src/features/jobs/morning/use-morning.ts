import {
  focusManager,
  type UseQueryResult,
  useQueries,
  useQueryClient,
} from "@tanstack/react-query";
import { useEffect } from "react";
import { hasActiveJob } from "../../../contract/job-status";
import { JOB_TYPES, type JobType } from "../../../contract/list-url";
import { usePreferences } from "../../../lib/preferences";
import { jobKeys, jobQueries, type RangeView } from "../api/job-queries";
import type { WholeRange } from "../range/read-range";
import { morningWindowStart, refreshWindow, windowView } from "./morning-window";

/** While a job runs, the windows showing it are read again this often (and only then). */
export const MORNING_POLL_MS = 60_000;

export type PipelineWindow = {
  jobType: JobType;
  view: RangeView;
  query: UseQueryResult<WholeRange>;
};

export type ProjectWindows = {
  projectId: string;
  pipelines: PipelineWindow[];
  /** Reads this project's windows again (its card's Retry). */
  retry: () => void;
};

/**
 * The morning page's data step: for every project, each pipeline's recent window, read once
 * (one request per 100 jobs), from the earlier of the moment and the recent window's start to
 * now. Windows with a launching, running or cancelling job are read again every minute while the
 * tab is visible; the others are not read again until the page is opened again or refreshed.
 */
export function useMorning(projectIds: readonly string[], sinceMs: number) {
  const client = useQueryClient();
  const { timeZone } = usePreferences();
  const fromMs = morningWindowStart(sinceMs, Date.now());
  const views = projectIds.flatMap((projectId) =>
    JOB_TYPES.map((jobType) => windowView(projectId, jobType, fromMs, timeZone)),
  );
  const queries = useQueries({ queries: views.map((view) => jobQueries.range(view)) });

  // The windows to poll, as one string, so the timer restarts only when that set changes.
  const polled = views
    .filter((_view, i) => {
      const rows = queries[i]?.data?.rows;
      return rows !== undefined && hasActiveJob(rows);
    })
    .map((view) => JSON.stringify(view))
    .join("\n");

  useEffect(() => {
    if (!polled) return;
    const timer = window.setInterval(() => {
      // React Query's own polling skips hidden tabs the same way.
      if (!focusManager.isFocused()) return;
      for (const line of polled.split("\n")) void refreshWindow(client, JSON.parse(line));
    }, MORNING_POLL_MS);
    return () => window.clearInterval(timer);
  }, [client, polled]);

  const projects: ProjectWindows[] = projectIds.map((projectId, p) => ({
    projectId,
    pipelines: JOB_TYPES.map((jobType, t) => {
      const i = p * JOB_TYPES.length + t;
      return {
        jobType,
        view: views[i] as RangeView,
        query: queries[i] as UseQueryResult<WholeRange>,
      };
    }),
    retry: () => {
      for (const jobType of JOB_TYPES) {
        void client.refetchQueries({
          queryKey: jobKeys.range(windowView(projectId, jobType, fromMs, timeZone)),
          exact: true,
        });
      }
    },
  }));

  return {
    projects,
    fromMs,
    /** Something on the page is running: the page says it refreshes. */
    polling: polled !== "",
    refreshing: queries.some((q) => q.isFetching),
    /** Reads every window again (the Refresh button). */
    refresh: () => {
      for (const view of views) {
        void client.refetchQueries({ queryKey: jobKeys.range(view), exact: true });
      }
    },
  };
}
