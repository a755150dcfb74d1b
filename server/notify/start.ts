import type { ServerConfig } from "../config.ts";
import { DEMO_PROJECTS } from "../emulator/data.ts";
import type { Emulator } from "../emulator/routes.ts";
import type { ProxyBackend } from "../proxy.ts";
import type { WatchedProject } from "./messages.ts";
import { emulatorReader, type ListReader, proxyReader } from "./recent-jobs.ts";
import type { NotifySettings } from "./settings.ts";
import { startWatcher, type Watcher, type WatcherOptions } from "./watcher.ts";

/**
 * The projects the watcher reads: DLI_PROJECTS (with their names) or DLI_PROJECT_IDS in proxy
 * mode, the demo projects in demo mode. Throws when proxy mode names none (it would watch
 * nothing: DLI has no "list my projects" the server could ask).
 */
export function watchedProjects(config: ServerConfig): WatchedProject[] {
  if (config.mode === "demo") return DEMO_PROJECTS.map(({ id, name }) => ({ id, name }));
  const projects = config.projects
    ? config.projects.map(({ id, name }) => (name === undefined ? { id } : { id, name }))
    : config.projectIds.map((id) => ({ id }));
  if (projects.length === 0) {
    throw new Error(
      "NOTIFY_WEBHOOK_URL needs the projects to watch: set DLI_PROJECTS or DLI_PROJECT_IDS",
    );
  }
  return projects;
}

/** Reads through the backend the API uses: the proxy's door to DLI, or the same emulator. */
export function readerFor(backend: ProxyBackend | Emulator): ListReader {
  return "readList" in backend ? proxyReader(backend) : emulatorReader(backend);
}

/** Starts the watcher of a server process (index.ts), on the backend its API uses. */
export function startNotifications(
  config: ServerConfig,
  settings: NotifySettings,
  backend: ProxyBackend | Emulator,
  options: Pick<WatcherOptions, "clock" | "log" | "fetch"> = {},
): Promise<Watcher> {
  return startWatcher({
    settings,
    projects: watchedProjects(config),
    read: readerFor(backend),
    ...options,
  });
}

/** The startup line's words: the kind, the cadence and the digest, never the URL or secret. */
export function describeNotifications(settings: NotifySettings, projects: number): string {
  const digest = settings.digestAt
    ? `, digest at ${String(settings.digestAt.hour).padStart(2, "0")}:${String(settings.digestAt.minute).padStart(2, "0")} ${settings.timeZone}`
    : "";
  return `Notifications: ${settings.kind}, ${projects} ${projects === 1 ? "project" : "projects"} every ${settings.everyMs / 1000} s${digest}`;
}
