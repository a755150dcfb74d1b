// The DLI request a view makes. Part of src/contract/: the app fetches these paths and the
// server preloads the first one with the HTML, so both must build them the same way.
import { ID_PATTERN } from "./ids";
import { type JobsSearch, type JobType, needsWholeRange, parseJobsSearch } from "./list-url";
import { parseDateBound, resolveTimeWindow, type TimeWindow } from "./time-window";

/** DLI's largest page: what the whole-range reader and the job finder ask for. */
export const DLI_PAGE_LIMIT = 100;

export type ListJobsParams = {
  projectId: string;
  jobType: JobType;
  limit: number;
  offset: number;
  window: TimeWindow;
};

/** Same-origin DLI path; the dashboard server answers it from DLI or the emulator. */
export function listJobsPath({
  projectId,
  jobType,
  limit,
  offset,
  window,
}: ListJobsParams): string {
  const query = new URLSearchParams({
    job_type: jobType,
    limit: String(limit),
    offset: String(offset),
  });
  if (window.start !== undefined) query.set("start", String(window.start));
  if (window.end !== undefined) query.set("end", String(window.end));
  return `/v2.0/${encodeURIComponent(projectId)}/gene/jobs?${query}`;
}

export function cancelJobPath(projectId: string, jobId: string): string {
  return `/v2.0/${encodeURIComponent(projectId)}/gene/jobs/${encodeURIComponent(jobId)}`;
}

const JOBS_PAGE = /^\/projects\/([^/]+)\/jobs$/;

/**
 * The project and view of a list URL that DLI pages itself; undefined for other pages, a
 * malformed project id, and views that read the whole range (a filter, a search, a sort).
 */
export function pagedListView(
  pathname: string,
  params: URLSearchParams,
): { projectId: string; search: JobsSearch } | undefined {
  const match = JOBS_PAGE.exec(pathname);
  if (!match?.[1]) return undefined;
  let projectId: string;
  try {
    projectId = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  if (!ID_PATTERN.test(projectId)) return undefined;
  const search = parseJobsSearch(params);
  return needsWholeRange(search) ? undefined : { projectId, search };
}

/**
 * The DLI path the list at `url` asks for first, when it can be known without the viewer's
 * time zone: not for whole-day bounds (they are the viewer's days) nor for whole-range views.
 */
export function firstPagePath(url: URL, nowMs: number): string | undefined {
  const view = pagedListView(url.pathname, url.searchParams);
  if (!view) return undefined;
  const { projectId, search } = view;
  if ([search.from, search.to].some((value) => parseDateBound(value)?.kind === "day"))
    return undefined;
  return listJobsPath({
    projectId,
    jobType: search.type,
    limit: search.size,
    offset: (search.page - 1) * search.size,
    window: resolveTimeWindow(search, nowMs),
  });
}
