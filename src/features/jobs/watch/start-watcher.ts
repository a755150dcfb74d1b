import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useNavigate } from "react-router-dom";
import { useLatestCallback } from "../../../hooks/use-latest-callback";
import { readStored } from "../../../lib/stored";

/**
 * Set while this browser watches anything (see watch-store.ts). Read at start, so the watcher's
 * code is fetched only in a browser that has asked for notifications: the first load never
 * carries it.
 */
export const WATCHING_FLAG = "gene-jobs:watching";

/** Starts the browser notifications' watcher when this browser has a watch. Once, in the layout. */
export function useWatcherAtStart(): void {
  const client = useQueryClient();
  const navigate = useNavigate();
  const open = useLatestCallback((path: string) => navigate(path));
  useEffect(() => {
    if (readStored(WATCHING_FLAG) !== "1") return;
    import("./watcher").then(
      (watcher) => watcher.startWatcher(client, open),
      () => {
        // Without its code there are no notifications this visit; the page itself is unaffected.
      },
    );
  }, [client, open]);
}
