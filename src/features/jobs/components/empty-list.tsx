import type { JobsSearch } from "../../../contract/list-url";
import { useMessages } from "../../../lib/i18n/messages";
import type { SetJobsSearch } from "../url/use-jobs-search";

/**
 * Why the list is empty, with the one step that would fill it: clear the status and text
 * filters, or widen the range to all time. A project with no jobs of this type says so.
 */
export function EmptyList({
  search,
  setSearch,
  onlyThisPage,
}: {
  search: JobsSearch;
  setSearch: SetJobsSearch;
  /** The range has jobs, but not as far as this page (a bookmarked page past the end). */
  onlyThisPage: boolean;
}) {
  const m = useMessages();
  if (onlyThisPage) return <>{m.table.emptyPage}</>;
  const wayOut =
    search.status?.length || search.q
      ? { text: m.table.emptyFiltered, action: m.table.clearFilters, patch: { status: [], q: "" } }
      : search.range || search.from || search.to
        ? {
            text: m.table.emptyRange,
            action: m.table.showAllTime,
            patch: { range: undefined, from: undefined, to: undefined },
          }
        : null;
  if (!wayOut) return <>{m.table.emptyProject(m.table.captions[search.type] ?? search.type)}</>;
  return (
    <>
      {wayOut.text}{" "}
      <button type="button" className="link-button" onClick={() => setSearch(wayOut.patch)}>
        {wayOut.action}
      </button>
    </>
  );
}
