import { useEffect, useState } from "react";
import type { TimeZoneMode } from "../../../contract/time-window";
import {
  openVisit,
  readSinceChoice,
  readVisit,
  type SinceChoice,
  touchVisit,
  writeSinceChoice,
  writeVisit,
} from "./morning-visit";
import { clampSince, eveningBefore } from "./morning-window";

/** Opens a visit (or goes on with one) and gives the moment "since my last visit" means. */
function startVisit(nowMs: number): number | null {
  const { since, record } = openVisit(readVisit(), nowMs);
  writeVisit(record);
  return since;
}

/**
 * The moment the morning page counts from: 18:00 yesterday in the page's zone, or the viewer's
 * last visit; the choice and the visits are remembered in this browser. Worked out when the page
 * opens: the numbers do not shift under the viewer while it stays open.
 */
export function useSince(zone: TimeZoneMode) {
  const [opened] = useState(() => {
    const nowMs = Date.now();
    return { nowMs, lastVisit: startVisit(nowMs) };
  });
  const [choice, setChoice] = useState<SinceChoice>(readSinceChoice);

  // The page was seen until it is hidden or left: that is where the next visit counts from.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === "hidden") touchVisit(Date.now());
    };
    document.addEventListener("visibilitychange", onHide);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      touchVisit(Date.now());
    };
  }, []);

  const evening = eveningBefore(opened.nowMs, zone);
  const wanted = choice === "last-visit" && opened.lastVisit !== null ? opened.lastVisit : evening;
  const sinceMs = clampSince(wanted, opened.nowMs);
  return {
    choice,
    choose: (next: SinceChoice) => {
      writeSinceChoice(next);
      setChoice(next);
    },
    sinceMs,
    evening,
    lastVisit: opened.lastVisit,
    /** The last visit was longer ago than the page reaches back. */
    capped: sinceMs > wanted,
  };
}
