import { listJobsPath } from "../src/features/jobs/api/jobs-api.ts";
import { parseDateBound, resolveTimeWindow } from "../src/features/jobs/url/jobs-search.ts";
import { pagedListView } from "../src/features/jobs/url/list-route.ts";

/**
 * The DLI path the app will ask for first on this page, when the server can know it exactly:
 * the same parser and path builder as the app, so the browser can start the request while the
 * script is still loading. Not for views that read the whole range, nor for whole-day bounds
 * (they depend on the viewer's time zone, which the server does not know).
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

/** `<link rel=preload as=fetch>` matching the app's own fetch (same origin, CORS mode). */
export function preloadTag(path: string): string {
  const href = path.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<link rel="preload" as="fetch" crossorigin="anonymous" href="${href}">`;
}
