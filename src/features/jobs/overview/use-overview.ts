import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { usePreferences } from "../../../lib/preferences";
import { jobKeys, jobQueries, rangeProgressId, toRangeView } from "../api/job-queries";
import { useRangeProgress } from "../range/range-progress";
import { buildOverview } from "./overview-model";
import type { OverviewSearch } from "./overview-search";

/**
 * The overview's data step: the range is read once (the list's whole-range read, shared with it
 * through the query cache), then summarised here. It does not poll: a refresh is asked for.
 */
export function useOverview(projectId: string, search: OverviewSearch) {
  const queryClient = useQueryClient();
  const { timeZone } = usePreferences();
  const view = toRangeView(projectId, { ...search, page: 1, size: 20, sort: "-started" }, timeZone);
  const query = useQuery(jobQueries.range(view));
  const progress = useRangeProgress(rangeProgressId(view));
  const readAt = query.dataUpdatedAt;
  const overview = useMemo(
    () => (query.data ? buildOverview(query.data.rows, search.type, readAt) : undefined),
    [query.data, search.type, readAt],
  );
  return {
    view,
    query,
    progress,
    overview,
    readAt,
    refresh: () => void query.refetch(),
    stopReading: () =>
      void queryClient.cancelQueries({ queryKey: jobKeys.range(view), exact: true }),
  };
}
