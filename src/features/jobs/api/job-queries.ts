import { queryOptions } from "@tanstack/react-query";
import { type JobsSearch, resolveTimeWindow } from "../url/jobs-search";
import { listJobs } from "./jobs-api";

/** What identifies one page of the list: exactly what the URL says about it. */
export type JobsListKey = {
  projectId: string;
  jobType: JobsSearch["type"];
  limit: JobsSearch["size"];
  offset: number;
  range?: JobsSearch["range"];
  from?: string;
  to?: string;
};

export function toListKey(projectId: string, search: JobsSearch, page = search.page): JobsListKey {
  return {
    projectId,
    jobType: search.type,
    limit: search.size,
    offset: (page - 1) * search.size,
    ...(search.range ? { range: search.range } : {}),
    ...(search.from ? { from: search.from } : {}),
    ...(search.to ? { to: search.to } : {}),
  };
}

function hasActiveJob(rows: readonly { kind: string; status?: string }[]): boolean {
  return rows.some(
    (row) => row.status === "RUNNING" || row.status === "LAUNCHING" || row.status === "CANCELING",
  );
}

export const jobQueries = {
  all: () => ["jobs"] as const,
  project: (projectId: string) => [...jobQueries.all(), projectId] as const,
  list: (key: JobsListKey) =>
    queryOptions({
      queryKey: [...jobQueries.project(key.projectId), "list", key] as const,
      // A rolling range ("last 24 h") is resolved when the page is fetched, so a refresh
      // moves the window with the clock while the key (the bookmark) stays the same.
      queryFn: ({ signal }) =>
        listJobs(
          {
            projectId: key.projectId,
            jobType: key.jobType,
            limit: key.limit,
            offset: key.offset,
            window: resolveTimeWindow(key, Date.now()),
          },
          signal,
        ),
      // Running jobs move; poll only while the page shows one.
      refetchInterval: (query) =>
        query.state.data && hasActiveJob(query.state.data.rows) ? 15_000 : false,
    }),
};
