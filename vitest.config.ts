import { defineConfig } from "vitest/config";

// Unit tests only; kept apart from vite.config.ts so they don't start the DLI routes.
export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "server/**/*.test.ts"],
    environment: "node",
    restoreMocks: true,
    // The app's zod settings (no eval, English messages), so tests parse as the browser does.
    setupFiles: ["src/app/zod-config.ts"],
  },
});
