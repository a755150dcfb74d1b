import { useState } from "react";
import { useMessages } from "../lib/i18n/messages";
import { applyTheme, readTheme, type ThemeChoice } from "../lib/theme";

const NEXT: Record<ThemeChoice, ThemeChoice> = { auto: "light", light: "dark", dark: "auto" };

export function ThemeSwitch() {
  const [theme, setTheme] = useState(readTheme);
  const m = useMessages();
  const label = { auto: m.app.themeSystem, light: m.app.themeLight, dark: m.app.themeDark }[theme];
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
      {label}
    </button>
  );
}
