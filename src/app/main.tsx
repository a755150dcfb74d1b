import "./zod-config";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { prefetchFirstPage } from "../features/jobs/first-page";
import { appConfigQuery } from "../lib/app-config";
import { loadCatalogue } from "../lib/i18n/messages";
import { getPreferences, setPreference } from "../lib/preferences";
import { applyTheme, readTheme } from "../lib/theme";
import { AppProviders } from "./providers";
import { createQueryClient } from "./query-client";
import { AppRoutes } from "./router";
import "../styles.css";

// Before the first paint, so a dark-theme user never sees a white flash.
applyTheme(readTheme());
const { locale, timeZone } = getPreferences();
document.documentElement.lang = locale;

const FIRST_PAGE_WAIT_MS = 150;
const CATALOGUE_WAIT_MS = 3_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const queryClient = createQueryClient();
void queryClient.prefetchQuery(appConfigQuery());
const firstPage = prefetchFirstPage(queryClient, window.location, timeZone);

// Chinese text is not in the first bundle: a Chinese viewer's first render waits for it, so the
// page never shows English first. If it cannot be loaded, the page comes up in English; if it is
// slow, in English until it arrives (setting the locale again re-renders in Chinese).
let rendered = false;
const catalogue =
  locale === "en"
    ? undefined
    : loadCatalogue(locale).then(
        () => {
          if (rendered) setPreference("locale", locale);
        },
        () => {
          document.documentElement.lang = "en";
        },
      );

// Rendering the list with its rows, instead of a skeleton first, saves a render and a paint.
// The data was preloaded with the HTML, so this usually takes a few ms; a slow DLI costs the
// skeleton at most FIRST_PAGE_WAIT_MS. (No top-level await: it would split the bundle.)
void Promise.all([
  catalogue && Promise.race([catalogue, delay(CATALOGUE_WAIT_MS)]),
  firstPage && Promise.race([firstPage, delay(FIRST_PAGE_WAIT_MS)]),
]).then(() => {
  rendered = true;
  createRoot(root).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
});
