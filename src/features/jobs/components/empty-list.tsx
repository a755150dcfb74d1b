import { useMessages } from "../../../lib/i18n/messages";
import type { JobsSearch } from "../url/jobs-search";
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
  if (search.status?.length || search.q) {
    return (
      <>
        {m.table.emptyFiltered}{" "}
        <button
          type="button"
          className="link-button"
          onClick={() => setSearch({ status: [], q: "" })}
        >
          {m.table.clearFilters}
        </button>
      </>
    );
  }
  if (search.range || search.from || search.to) {
    return (
      <>
        {m.table.emptyRange}{" "}
        <button
          type="button"
          className="link-button"
          onClick={() => setSearch({ range: undefined, from: undefined, to: undefined })}
        >
          {m.table.showAllTime}
        </button>
      </>
    );
  }
  return <>{m.table.emptyProject(m.table.captions[search.type] ?? search.type)}</>;
}
