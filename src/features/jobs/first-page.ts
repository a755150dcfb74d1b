import type { QueryClient } from "@tanstack/react-query";
import { pagedListView } from "../../contract/dli-request";
import type { TimeZoneMode } from "../../contract/time-window";
import { jobQueries, toPageView } from "./api/job-queries";

/**
 * Starts the fetch of the page a list URL will show first, with the very key the list will
 * read, before anything renders. The server has already told the browser to preload that path
 * with the HTML, so on a cold load this usually settles from the preload at once, and the first
 * render can show the rows instead of a skeleton that is painted only to be replaced.
 */
export function prefetchFirstPage(
  queryClient: QueryClient,
  location: { pathname: string; search: string },
  zone: TimeZoneMode,
): Promise<void> | undefined {
  const view = pagedListView(location.pathname, new URLSearchParams(location.search));
  if (!view) return undefined;
  const firstPage = jobQueries.page(toPageView(view.projectId, view.search, zone));
  // A failure here (an expired token, DLI down) is the list's answer when it mounts, shown with
  // Retry; without this, mounting on the failed query would ask DLI a second time.
  queryClient.setQueryDefaults(firstPage.queryKey, { retryOnMount: false });
  return queryClient.prefetchQuery(firstPage);
}
