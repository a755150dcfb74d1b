import { defineConfig } from "vitest/config";

// The date tests are written for one zone east of UTC (where a UTC day and a
// local day differ), whatever the machine's zone. Set here, before any worker
// starts, so `npx vitest run` alone behaves as `npm run test:unit`; the workers
// inherit it from this process's environment.
process.env.TZ = "Asia/Shanghai";

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
