import { type Locale, usePreferences } from "../preferences";
import { en, type Messages } from "./en";
import { zh } from "./zh";

export type { Messages } from "./en";

export const CATALOGUES: Record<Locale, Messages> = { en, "zh-CN": zh };

/** The UI text in the viewer's language. Components take every string from here. */
export function useMessages(): Messages {
  return CATALOGUES[usePreferences().locale];
}
