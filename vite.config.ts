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

/**
 * react-router ships one build, in which `const Form = React.forwardRef(…)` and
 * `Form.displayName = "Form"` count as side effects, so every component it defines (Form,
 * NavLink, Link with its prefetching, the framework-mode contexts) stays in the bundle whether
 * used or not. Marking those calls pure and dropping the display names (React DevTools labels
 * only) lets the unused ones go: about 13 KB raw, 4 KB gzip. If a new release changes that
 * code, the patterns stop matching and the bundle is merely larger.
 */
function treeShakeReactRouter(): Plugin {
  return {
    name: "gene-jobs-tree-shake-react-router",
    apply: "build",
    transform: {
      filter: { id: /\/react-router\/dist\/[^/]+\/chunk-[^/]+\.mjs$/ },
      handler(code) {
        const out = code
          .replace(/= (React\d*)\.(forwardRef|createContext)\(/g, "= /* @__PURE__ */ $1.$2(")
          // Emptied, not removed, so line numbers still match.
          .replace(/^[ \t]*\w+\.displayName = "[^"\n]*";$/gm, "");
        return out === code ? null : { code: out, map: null };
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), dliRoutes(), treeShakeReactRouter()],
  server: { host: "127.0.0.1", port: 5173 },
  build: {
    // Small assets inlined as data: URIs would need `data:` in the CSP's script-src.
    assetsInlineLimit: 0,
    // Every browser the lab uses (Chromium, Firefox 115+, Safari 17+) knows modulepreload; the
    // polyfill would be 0.5 KB gzip of the first load that never does anything.
    modulePreload: { polyfill: false },
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Everything the first page imports stays in one first-load file. Without this group,
        // a lazy view that imports a module the entry also has (src/contract/, the catalogue,
        // lib/http) makes Rolldown move those modules, React with them, into extra chunks the
        // first page must then load too (rolldown#10731); bench/size-budget.ts checks it.
        codeSplitting: {
          groups: [{ name: "index", tags: ["$initial"], priority: 10 }],
        },
      },
    },
  },
});
