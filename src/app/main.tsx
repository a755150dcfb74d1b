import "./zod-config";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { loadCatalogue } from "../lib/i18n/messages";
import { getPreferences } from "../lib/preferences";
import { applyTheme, readTheme } from "../lib/theme";
import { AppProviders } from "./providers";
import { AppRoutes } from "./router";
import "../styles.css";

// Before the first paint, so a dark-theme user never sees a white flash.
applyTheme(readTheme());
const { locale } = getPreferences();
document.documentElement.lang = locale;

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// Chinese text is not in the first bundle: a Chinese viewer's first render waits for it, so the
// page never shows English first. If it cannot be loaded, the page comes up in English.
const catalogue =
  locale === "en"
    ? undefined
    : loadCatalogue(locale).catch(() => {
        document.documentElement.lang = "en";
      });

function render(rootElement: HTMLElement) {
  createRoot(rootElement).render(
    <StrictMode>
      <AppProviders>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
}

if (catalogue) void catalogue.then(() => render(root));
else render(root);
