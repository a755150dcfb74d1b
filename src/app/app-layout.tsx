import { useQuery } from "@tanstack/react-query";
import { Outlet, useMatch } from "react-router-dom";
import { AppLink } from "../components/app-link";
import { useWatcherAtStart } from "../features/jobs/watch/start-watcher";
import { appConfigQuery } from "../lib/app-config";
import { formatUtcOffset } from "../lib/format";
import { LANGUAGES, loadCatalogue, useMessages } from "../lib/i18n/messages";
import { type Locale, setPreference, usePreferences } from "../lib/preferences";
import { useZoneName } from "../lib/zone-name";
import { ThemeSwitch } from "./theme-switch";

/** Switches once the new language's text is here; if it cannot be loaded, nothing changes. */
function switchLanguage(locale: Locale) {
  loadCatalogue(locale).then(
    () => setPreference("locale", locale),
    () => {},
  );
}

export function AppLayout() {
  const config = useQuery(appConfigQuery());
  const m = useMessages();
  const { locale, timeZone } = usePreferences();
  const zoneName = useZoneName();
  const offset = formatUtcOffset(Date.now(), "local");
  useWatcherAtStart();
  const onJobsList = useMatch("/projects/:projectId/jobs") !== null;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {m.app.skip}
      </a>
      {onJobsList && (
        // Second stop on the page: past the header, view tabs, date fields and toolbars
        // (twenty-odd stops) straight to the first job.
        <button
          type="button"
          className="skip-link"
          onClick={() => document.querySelector<HTMLElement>("tr.job-row")?.focus()}
        >
          {m.app.skipToJobs}
        </button>
      )}
      <header className="app-header">
        <AppLink to="/" className="app-title">
          <span aria-hidden="true" className="app-logo">
            ◆
          </span>{" "}
          {m.app.title}
        </AppLink>
        {config.data?.mode === "demo" && (
          <p className="demo-notice" role="note">
            <strong>{m.app.demoNotice}</strong> {m.app.demoNoticeRest} <code>DLI_ENDPOINT</code>{" "}
            {m.app.demoNoticeEnd}
          </p>
        )}
        {config.data?.mode === "proxy" && config.data.endpointHost && (
          <p className="endpoint-note">
            {m.app.endpoint} <span className="mono">{config.data.endpointHost}</span>
          </p>
        )}
        <div className="header-switches">
          <button
            type="button"
            title={m.app.timeSwitchHint}
            onClick={() => setPreference("timeZone", timeZone === "utc" ? "local" : "utc")}
          >
            {timeZone === "utc"
              ? m.app.timeUtc
              : // A machine set to UTC would read "UTC (UTC)".
                m.app.timeLocal(zoneName === offset ? null : zoneName, offset)}
          </button>
          <label className="language-switch">
            <span className="visually-hidden">{m.app.language}</span>
            <select
              value={locale}
              // Reaching for the menu is the moment to fetch the other language's text.
              onFocus={() => void loadCatalogue("zh-CN").catch(() => {})}
              onPointerDown={() => void loadCatalogue("zh-CN").catch(() => {})}
              onChange={(event) => switchLanguage(event.target.value === "zh-CN" ? "zh-CN" : "en")}
            >
              {LANGUAGES.map((language) => (
                <option key={language.locale} value={language.locale}>
                  {language.name}
                </option>
              ))}
            </select>
          </label>
          <ThemeSwitch />
        </div>
      </header>
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
