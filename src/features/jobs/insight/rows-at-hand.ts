import { useQueryClient } from "@tanstack/react-query";
import { useParams, useSearchParams } from "react-router-dom";
import { parseJobsSearch } from "../../../contract/list-url";
import { jobKeys } from "../api/job-queries";
import type { JobRow } from "../api/job-schemas";

const NO_ROWS: readonly JobRow[] = [];

/**
 * The most jobs of this project and type already read: the list's page, or a whole range read
 * for a filter, a count or the overview. Never a read of its own.
 */
export function useRowsAtHand(): { rows: readonly JobRow[]; jobType: string } {
  const { projectId = "" } = useParams();
  const [params] = useSearchParams();
  const jobType = parseJobsSearch(params).type;
  const queryClient = useQueryClient();
  let best = NO_ROWS;
  for (const [key, data] of queryClient.getQueriesData<{ rows: readonly JobRow[] }>({
    queryKey: jobKeys.project(projectId),
  })) {
    const view = key[3] as { jobType?: string } | undefined;
    if (data?.rows && view?.jobType === jobType && data.rows.length > best.length) best = data.rows;
  }
  return { rows: best, jobType };
}
