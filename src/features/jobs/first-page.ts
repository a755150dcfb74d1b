import type { QueryClient } from "@tanstack/react-query";
import { ID_PATTERN } from "../../lib/ids";
import { jobQueries, toListKey } from "./api/job-queries";
import { needsWholeRange, parseJobsSearch } from "./url/jobs-search";

const JOBS_PAGE = /^\/projects\/([^/]+)\/jobs$/;

/**
 * Starts the fetch of the page a list URL will show first, with the very key the list will
 * read, before anything renders. The server has already told the browser to preload that path
 * with the HTML, so on a cold load this usually settles from the preload at once, and the first
 * render can show the rows instead of a skeleton that is painted only to be replaced.
 * Views that read the whole range (a filter, a search, a sort) are left to the list.
 */
export function prefetchFirstPage(
  queryClient: QueryClient,
  location: { pathname: string; search: string },
): Promise<void> | undefined {
  const match = JOBS_PAGE.exec(location.pathname);
  if (!match?.[1]) return undefined;
  let projectId: string;
  try {
    projectId = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  if (!ID_PATTERN.test(projectId)) return undefined;
  const search = parseJobsSearch(new URLSearchParams(location.search));
  if (needsWholeRange(search)) return undefined;
  const firstPage = jobQueries.list(toListKey(projectId, search));
  // A failure here (an expired token, DLI down) is the list's answer when it mounts, shown with
  // Retry; without this, mounting on the failed query would ask DLI a second time.
  queryClient.setQueryDefaults(firstPage.queryKey, { retryOnMount: false });
  return queryClient.prefetchQuery(firstPage);
}
