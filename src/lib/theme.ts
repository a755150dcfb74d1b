import { readStored, writeStored } from "./stored";

export type ThemeChoice = "auto" | "light" | "dark";

const STORAGE_KEY = "gene-jobs:theme";

export function readTheme(): ThemeChoice {
  const stored = readStored(STORAGE_KEY);
  return stored === "light" || stored === "dark" ? stored : "auto";
}

const systemDark = () => window.matchMedia?.("(prefers-color-scheme: dark)").matches === true;
let following: ThemeChoice = "auto";

function paint(): void {
  const dark = following === "dark" || (following === "auto" && systemDark());
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

// "auto" follows the system, also when it changes while the page is open.
window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener?.("change", () => {
  if (following === "auto") paint();
});

/** Sets `data-theme` on <html>, the one switch styles.css reads. */
export function applyTheme(choice: ThemeChoice): void {
  following = choice;
  paint();
  writeStored(STORAGE_KEY, choice === "auto" ? null : choice);
}
