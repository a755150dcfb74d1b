import { useCallback, useEffect, useMemo, useState } from "react";
import { useLocation, useSearchParams } from "react-router-dom";
import {
  isCanonical,
  type JobsSearch,
  parseJobsSearch,
  serializeJobsSearch,
} from "../../../contract/list-url";
import { patchJobsSearch } from "./jobs-search";
import type { UnusedParam } from "./unused-params";

export type SetJobsSearch = (
  /** The fields to change; a function gets the view as the address bar has it now. */
  patch: Partial<JobsSearch> | ((current: JobsSearch) => Partial<JobsSearch>),
  options?: { push?: boolean; state?: unknown },
) => void;

/** What a hand-edited address asked for that the list could not use, until dismissed. */
export type RewrittenAddress = { unused: UnusedParam[]; dismiss: () => void } | null;

/**
 * The list's state, read from the URL and written back to it; nothing is mirrored in React
 * state. A hand-edited URL is rewritten to its canonical form with `replace`, so Back still
 * leads where the viewer came from; what it could not use is kept to tell the viewer.
 */
export function useJobsSearch(): [JobsSearch, SetJobsSearch, RewrittenAddress] {
  const [params, setParams] = useSearchParams();
  // History state (e.g. "the drawer was opened from the list") survives replaces.
  const { state: historyState } = useLocation();
  const search = useMemo(() => parseJobsSearch(params), [params]);
  const [unused, setUnused] = useState<UnusedParam[]>([]);

  useEffect(() => {
    if (!isCanonical(params)) {
      // Working out what was left out loads only for an address that needs it: most never do.
      void import("./unused-params").then(
        ({ findUnusedParams }) => setUnused(findUnusedParams(params)),
        () => {},
      );
      setParams(serializeJobsSearch(search), { replace: true, state: historyState });
    }
  }, [params, search, setParams, historyState]);

  const setSearch = useCallback<SetJobsSearch>(
    (patch, options) => {
      // The address bar itself, not the copy this render was given: React may not have
      // re-rendered between two quick changes (] then [, or typing then sorting), and the second
      // must build on the first instead of undoing it.
      const current = parseJobsSearch(new URLSearchParams(window.location.search));
      const changes = typeof patch === "function" ? patch(current) : patch;
      if (Object.keys(changes).length === 0) return;
      setParams(serializeJobsSearch(patchJobsSearch(current, changes)), {
        replace: !options?.push,
        state: options && "state" in options ? options.state : historyState,
      });
    },
    [setParams, historyState],
  );

  const dismiss = useCallback(() => setUnused([]), []);
  const rewritten = useMemo(
    () => (unused.length === 0 ? null : { unused, dismiss }),
    [unused, dismiss],
  );
  return [search, setSearch, rewritten];
}
