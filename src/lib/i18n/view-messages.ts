import { enViews, type ViewMessages } from "./en-views";
import { type Messages, useMessages } from "./messages";

/** Every text: the first bundle's (en.ts) and the on-demand views' (en-views.ts). */
export type AllMessages = Messages & ViewMessages;

let englishWithViews: AllMessages | undefined;

/**
 * The page's catalogue with the on-demand views' text. Imported only by code that loads on
 * demand, so the English of the drawer, the start page and the like stays out of the first
 * bundle. A loaded Chinese catalogue already has every text.
 */
export function withViews(m: Messages): AllMessages {
  if ("drawer" in m) return m as AllMessages;
  englishWithViews ??= { ...m, ...enViews };
  return englishWithViews;
}

/** `useMessages()` for views that load on demand. */
export function useViewMessages(): AllMessages {
  return withViews(useMessages());
}
