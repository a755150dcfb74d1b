import { describeMode, loadConfig, type ServerConfig } from "./config.ts";
import { startServer } from "./server.ts";

let config: ServerConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error(`Configuration error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

try {
  const server = await startServer(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: shutting down`);
    server.close().then(
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
} catch (error) {
  const code = (error as { code?: string }).code;
  const hint = code === "EADDRINUSE" ? ` (port ${config.port} is in use; set PORT)` : "";
  console.error(
    `Could not start: ${error instanceof Error ? error.message : String(error)}${hint}`,
  );
  process.exit(1);
}
