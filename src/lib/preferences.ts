import { useSyncExternalStore } from "react";
import type { TimeZoneMode } from "../contract/time-window";
import { readStored, writeStored } from "./stored";

export type Locale = "en" | "zh-CN";
export type Preferences = { locale: Locale; timeZone: TimeZoneMode };

const LOCALE_KEY = "gene-jobs:locale";
const ZONE_KEY = "gene-jobs:time-zone";

/** Any Chinese variant gets Chinese; everything else English. */
export function detectLocale(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

function read(): Preferences {
  const locale = readStored(LOCALE_KEY);
  return {
    locale:
      locale === "en" || locale === "zh-CN" ? locale : detectLocale(globalThis.navigator?.language),
    timeZone: readStored(ZONE_KEY) === "utc" ? "utc" : "local",
  };
}

// The viewer's choices, outside React so plain functions (formatting, the time window) read the
// same values the components render with.
let current: Preferences = read();
const listeners = new Set<() => void>();

export function getPreferences(): Preferences {
  return current;
}

export function setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void {
  current = { ...current, [key]: value };
  writeStored(key === "locale" ? LOCALE_KEY : ZONE_KEY, value);
  if (key === "locale" && typeof document !== "undefined") document.documentElement.lang = value;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePreferences(): Preferences {
  return useSyncExternalStore(subscribe, getPreferences, getPreferences);
}
