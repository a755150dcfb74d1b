import { useQuery } from "@tanstack/react-query";
import { Link, Outlet } from "react-router-dom";
import { appConfigQuery } from "../lib/app-config";
import { describeZone } from "../lib/format";
import { CATALOGUES, useMessages } from "../lib/i18n/messages";
import { setPreference, usePreferences } from "../lib/preferences";
import { useZoneName } from "../lib/zone-name";
import { ThemeSwitch } from "./theme-switch";

export function AppLayout() {
  const config = useQuery(appConfigQuery());
  const m = useMessages();
  const { locale, timeZone } = usePreferences();
  const zoneName = useZoneName();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {m.app.skip}
      </a>
      <header className="app-header">
        <Link to="/" className="app-title">
          <span aria-hidden="true" className="app-logo">
            ◆
          </span>{" "}
          {m.app.title}
        </Link>
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
            {timeZone === "utc" ? m.app.timeUtc : m.app.timeLocal(describeZone("local", zoneName))}
          </button>
          <label className="language-switch">
            <span className="visually-hidden">{m.app.language}</span>
            <select
              value={locale}
              onChange={(event) =>
                setPreference("locale", event.target.value === "zh-CN" ? "zh-CN" : "en")
              }
            >
              {Object.values(CATALOGUES).map((catalogue) => (
                <option key={catalogue.locale} value={catalogue.locale}>
                  {catalogue.languageName}
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
