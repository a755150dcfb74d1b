import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { createApiHandler } from "./server/api.ts";
import { loadConfig } from "./server/config.ts";

/** `npm run dev` answers the DLI paths with the same handler `npm start` uses. */
function dliRoutes(): Plugin {
  return {
    name: "gene-jobs-dli-routes",
    configureServer(server) {
      server.middlewares.use(createApiHandler(loadConfig(process.env)));
    },
    configurePreviewServer(server) {
      server.middlewares.use(createApiHandler(loadConfig(process.env)));
    },
  };
}

export default defineConfig({
  plugins: [react(), dliRoutes()],
  server: { host: "127.0.0.1", port: 5173 },
  build: {
    // Small assets inlined as data: URIs would need `data:` in the CSP's script-src.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
