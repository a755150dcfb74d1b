import { ID_PATTERN } from "../../../lib/ids";
import { type JobsSearch, needsWholeRange, parseJobsSearch } from "./jobs-search";

const JOBS_PAGE = /^\/projects\/([^/]+)\/jobs$/;

/**
 * The project and view a URL's list will fetch page by page from DLI, read as the list reads
 * them; undefined for other pages, a malformed project id, and views that read the whole range
 * (a filter, a search, a sort). Shared by the app, which starts that fetch before rendering, and
 * the server, which preloads it with the HTML.
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
