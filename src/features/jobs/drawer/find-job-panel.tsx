import { useEffect, useRef, useState } from "react";
import { ApiError } from "../../../lib/http";
import { useViewMessages as useMessages } from "../../../lib/i18n/view-messages";
import type { JobsPage } from "../api/job-schemas";
import { findJobPosition } from "./find-job";

export type FindJobProps = {
  /** One page of the current range at `offset`, `pageSize` long. */
  fetchPage: (offset: number) => Promise<JobsPage>;
  pageSize: number;
  /** Show the list at the position where the job was found. */
  onFound: (position: number) => void;
  /** How many jobs the list says the range holds. */
  expectedTotal: number;
};

type SearchState =
  | { step: "idle" }
  | { step: "searching"; page: number; pageCount: number }
  | { step: "not-found" }
  | { step: "failed"; message: string };

export function FindJobPanel({
  jobId,
  fetchPage,
  onFound,
  expectedTotal,
  pageSize,
}: FindJobProps & { jobId: string }) {
  const [state, setState] = useState<SearchState>({ step: "idle" });
  const abortRef = useRef<AbortController | null>(null);
  const m = useMessages();
  useEffect(() => () => abortRef.current?.abort(), []);

  async function search() {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setState({
      step: "searching",
      page: 1,
      pageCount: Math.max(1, Math.ceil(expectedTotal / pageSize)),
    });
    try {
      const position = await findJobPosition({
        jobId,
        expectedTotal,
        fetchPage,
        pageSize,
        signal: controller.signal,
        onProgress: (page, pageCount) => setState({ step: "searching", page, pageCount }),
      });
      if (controller.signal.aborted) return;
      if (position === null) setState({ step: "not-found" });
      else onFound(position);
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({
        step: "failed",
        message: error instanceof ApiError ? error.message : String(error),
      });
    }
  }

  return (
    <div className="find-job" aria-live="polite">
      {state.step === "not-found" ? (
        <p>
          {/* No space of their own: English has them in its words, Chinese has none. */}
          <strong>{m.drawer.notFound(jobId)}</strong>
          {m.drawer.notFoundRest}
        </p>
      ) : (
        <p>
          {m.drawer.notOnPageBefore}
          <strong>{m.drawer.notOnPage}</strong>
          {m.drawer.notOnPageAfter}
        </p>
      )}
      {state.step === "searching" ? (
        <p role="status">
          {m.drawer.searching(state.page, state.pageCount)}{" "}
          <button
            type="button"
            onClick={() => {
              abortRef.current?.abort();
              setState({ step: "idle" });
            }}
          >
            {m.drawer.stop}
          </button>
        </p>
      ) : (
        state.step !== "not-found" && (
          <button type="button" onClick={() => void search()}>
            {m.drawer.searchAll}
          </button>
        )
      )}
      {state.step === "failed" && (
        <p className="field-error">{m.drawer.searchFailed(state.message)}</p>
      )}
    </div>
  );
}
