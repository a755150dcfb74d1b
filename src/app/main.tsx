import "./zod-config";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { getPreferences } from "../lib/preferences";
import { applyTheme, readTheme } from "../lib/theme";
import { AppProviders } from "./providers";
import { AppRoutes } from "./router";
import "../styles.css";

// Before the first paint, so a dark-theme user never sees a white flash.
applyTheme(readTheme());
document.documentElement.lang = getPreferences().locale;

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
