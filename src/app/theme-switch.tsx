import { useState } from "react";
import { applyTheme, readTheme, type ThemeChoice } from "../lib/theme";

const NEXT: Record<ThemeChoice, ThemeChoice> = { auto: "light", light: "dark", dark: "auto" };
const LABEL: Record<ThemeChoice, string> = {
  auto: "Theme: system",
  light: "Theme: light",
  dark: "Theme: dark",
};

export function ThemeSwitch() {
  const [theme, setTheme] = useState(readTheme);
  return (
    <button
      type="button"
      className="theme-switch"
      onClick={() => {
        const next = NEXT[theme];
        applyTheme(next);
        setTheme(next);
      }}
    >
      {LABEL[theme]}
    </button>
  );
}
