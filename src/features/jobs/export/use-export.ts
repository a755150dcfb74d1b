import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { JobsSearch } from "../../../contract/list-url";
import { downloadText } from "../../../lib/download";
import { useMessages } from "../../../lib/i18n/messages";
import { usePreferences } from "../../../lib/preferences";
import { jobQueries, type RangeView } from "../api/job-queries";
import { filterJobs, sortJobs } from "../range/local-view";

/** Export is the whole range with the view's filters and sort, read first if need be. */
export function useExport(projectId: string, search: JobsSearch, rangeView: RangeView) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const m = useMessages();
  const { timeZone } = usePreferences();

  async function exportAs(format: "csv" | "json") {
    setError(null);
    try {
      // The CSV and JSON builders load on the first export, while the range is read; a failed
      // read is the error to show, so it is awaited first.
      const builders = import("./export-jobs");
      builders.catch(() => {});
      const range = await queryClient.fetchQuery(jobQueries.range(rangeView));
      const { csvText, exportFileName, toCsv, toJson } = await builders;
      const rows = sortJobs(filterJobs(range.rows, search), search.sort);
      downloadText(
        exportFileName(projectId, search, format),
        format === "csv" ? toCsv(rows, csvText(m), timeZone) : toJson(rows),
        format === "csv" ? "text/csv;charset=utf-8" : "application/json",
      );
    } catch (failure) {
      // "Stop reading" cancels the read; that is not an error to show.
      if (!(failure instanceof DOMException && failure.name === "AbortError")) setError(failure);
    }
  }

  return { exportAs, error, clearError: () => setError(null) };
}
