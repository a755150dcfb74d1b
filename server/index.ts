import { createBackend } from "./api.ts";
import { describeMode, loadConfig, type ServerConfig } from "./config.ts";
import { loadNotifySettings, type NotifySettings } from "./notify/settings.ts";
import { describeNotifications, startNotifications, watchedProjects } from "./notify/start.ts";
import type { Watcher } from "./notify/watcher.ts";
import { startServer } from "./server.ts";

let config: ServerConfig;
let notify: NotifySettings | undefined;
try {
  config = loadConfig(process.env);
  notify = loadNotifySettings(process.env);
  if (notify) watchedProjects(config);
} catch (error) {
  console.error(`Configuration error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

try {
  // One backend for the API and the watcher: in demo mode both see the same jobs.
  const backend = createBackend(config);
  const server = await startServer(config, { backend });
  const watcher: Watcher | undefined = notify
    ? await startNotifications(config, notify, backend)
    : undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: shutting down`);
    Promise.all([server.close(), watcher?.stop()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
    // Open keep-alive or slow upstream requests must not keep us alive forever.
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Only now: whoever waits for this line (a supervisor, a test) may signal at once, and a
  // signal before the handlers are set would kill the process without a clean stop.
  console.log(`Gene Jobs Dashboard on ${server.url} (${describeMode(config)})`);
  if (notify) console.log(describeNotifications(notify, watchedProjects(config).length));
} catch (error) {
  const code = (error as { code?: string }).code;
  const hint = code === "EADDRINUSE" ? ` (port ${config.port} is in use; set PORT)` : "";
  console.error(
    `Could not start: ${error instanceof Error ? error.message : String(error)}${hint}`,
  );
  process.exit(1);
}
