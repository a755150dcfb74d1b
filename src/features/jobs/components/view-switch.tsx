import { AppLink } from "../../../components/app-link";
import type { JobsSearch } from "../../../contract/list-url";
import { useMessages } from "../../../lib/i18n/messages";

/** Overview | Jobs: the same project, job type and span of time, as a summary or as the list. */
export function ViewSwitch({
  projectId,
  current,
  shared,
}: {
  projectId: string;
  current: "overview" | "jobs";
  shared: Pick<JobsSearch, "type" | "range" | "from" | "to">;
}) {
  const m = useMessages();
  // Only what both views mean the same by: the list's page, filters and sort stay behind.
  const { type, range, from, to } = shared;
  const query = new URLSearchParams(
    Object.entries({ type, range, from, to }).filter(
      (entry): entry is [string, string] => Boolean(entry[1]) && entry[1] !== "DNA_SOMATIC",
    ),
  );
  const base = `/projects/${encodeURIComponent(projectId)}/`;
  return (
    <nav className="view-switch" aria-label={m.pages.views}>
      {(["overview", "jobs"] as const).map((view) => (
        <AppLink
          key={view}
          to={`${base}${view}${query.size ? `?${query}` : ""}`}
          aria-current={view === current ? "page" : undefined}
        >
          {m.pages[view]}
        </AppLink>
      ))}
    </nav>
  );
}
