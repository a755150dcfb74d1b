import { type Locale, usePreferences } from "../preferences";
import { en, type Messages } from "./en";
import type { AllMessages } from "./view-messages";

export type { Messages } from "./en";

/** The language menu: each language named in itself (a test checks the catalogues agree). */
export const LANGUAGES: readonly { locale: Locale; name: string }[] = [
  { locale: "en", name: en.languageName },
  { locale: "zh-CN", name: "中文" },
];

// English is always here (its on-demand views' text comes with them: view-messages.ts); Chinese
// is kept out of the first bundle and loaded, whole, when chosen.
const loaded: Partial<Record<Locale, Messages | AllMessages>> = { en };
let loadingZh: Promise<AllMessages> | undefined;

/** Fetches a catalogue once. Call before switching to it, so no text shows in the old language. */
export function loadCatalogue(locale: Locale): Promise<Messages | AllMessages> {
  const ready = loaded[locale];
  if (ready) return Promise.resolve(ready);
  loadingZh ??= import("./zh").then(
    ({ zh }) => {
      loaded["zh-CN"] = zh;
      return zh;
    },
    (error: unknown) => {
      loadingZh = undefined;
      throw error;
    },
  );
  return loadingZh;
}

/** The UI text in the viewer's language (English until that catalogue has loaded). */
export function useMessages(): Messages {
  return loaded[usePreferences().locale] ?? en;
}
