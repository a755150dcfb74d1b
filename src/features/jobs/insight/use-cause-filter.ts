import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { JobRow } from "../api/job-schemas";
import type { CauseFilter } from "./cause-filter";

export type CauseView = ({ pending: true } | ({ pending: false } & CauseFilter)) & {
  key: string;
};

/**
 * The `cause=` filter over a range's rows: null without one, pending while its code loads. The
 * grouping rules stay out of the first bundle: they load when an address asks for a cause (held
 * by React Query, which also retries a failed load).
 */
export function useCauseFilter(
  rows: readonly JobRow[],
  cause: string | undefined,
  jobType: string,
): CauseView | null {
  const { data: code } = useQuery({
    queryKey: ["code", "cause-filter"],
    queryFn: () => import("./cause-filter"),
    enabled: Boolean(cause),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return useMemo(() => {
    if (!cause) return null;
    if (!code) return { key: cause, pending: true };
    return { key: cause, pending: false, ...code.causeFilter(rows, cause, jobType) };
  }, [cause, code, rows, jobType]);
}
