import { useCallback, useEffect, useRef } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import type { JobsSearch } from "../../../contract/list-url";
import type { SetJobsSearch } from "../url/use-jobs-search";

/** Marks a history entry pushed by opening the drawer, so closing it can go back instead. */
const OPENED_FROM_LIST = { drawerOpenedFromList: true };

/**
 * The drawer is `job=` in the URL. Opening pushes, so Back closes it; closing an entry we
 * pushed goes back, so it leaves no entry behind; a bookmarked drawer closes with a replace.
 * Either way focus returns to the job's row.
 */
export function useDrawer(search: JobsSearch, setSearch: SetJobsSearch) {
  const navigate = useNavigate();
  const location = useLocation();
  const open = useCallback(
    (jobId: string) =>
      setSearch({ job: jobId, compare: undefined }, { push: true, state: OPENED_FROM_LIST }),
    [setSearch],
  );
  const close = useCallback(() => {
    const state = location.state as typeof OPENED_FROM_LIST | null;
    if (state?.drawerOpenedFromList) navigate(-1);
    else setSearch({ job: undefined }, { state: null });
  }, [location.state, navigate, setSearch]);

  const lastOpenJob = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (search.job) {
      lastOpenJob.current = search.job;
      return;
    }
    const jobId = lastOpenJob.current;
    lastOpenJob.current = undefined;
    if (!jobId) return;
    document.querySelector<HTMLElement>(`tr[data-job-id="${CSS.escape(jobId)}"]`)?.focus();
  }, [search.job]);

  return { open, close };
}
