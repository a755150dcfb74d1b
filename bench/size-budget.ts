// The size budget `npm test` checks right after `vite build`: the first-load JS (the scripts and
// modulepreloads dist/index.html loads), gzip, must stay within FIRST_LOAD_JS_BUDGET_KB.
// Run: npx vite build && npx tsx bench/size-budget.ts
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { FIRST_LOAD_JS_BUDGET_KB, firstLoadJs } from "./first-load.ts";

const DIST = resolve(import.meta.dirname, "..", "dist");

if (!existsSync(resolve(DIST, "index.html"))) {
  console.error(`size budget: ${DIST}/index.html not found; run \`vite build\` first`);
  process.exit(1);
}

const { files, size } = firstLoadJs(DIST);
if (files.length === 0) {
  // A budget that measures nothing would pass for ever.
  console.error("size budget: FAILED: dist/index.html names no script under /assets/");
  process.exit(1);
}
const figure = `${size.gz.toFixed(1)} KB gzip (${size.raw.toFixed(1)} KB raw, ${files.length === 1 ? "1 file" : `${files.length} files`}: ${files.join(", ")})`;
if (files.length > 1) {
  // Rolldown moves modules shared by the entry and a lazy chunk out of the entry in some module
  // graphs (rolldown#10731, #10905): React and the catalogue then load as extra files. The
  // "$initial" codeSplitting group in vite.config.ts keeps them together; this catches a build
  // where it no longer does.
  console.error(
    `size budget: FAILED: first-load JS is ${figure}: more than one file. A lazy chunk probably imports a module the entry has; see bench/size-budget.ts.`,
  );
  process.exit(1);
}
if (size.gz > FIRST_LOAD_JS_BUDGET_KB) {
  console.error(
    `size budget: FAILED: first-load JS is ${figure}, over the budget of ${FIRST_LOAD_JS_BUDGET_KB} KB gzip (bench/first-load.ts).`,
  );
  process.exit(1);
}
console.log(
  `size budget: first-load JS is ${figure}, within the budget of ${FIRST_LOAD_JS_BUDGET_KB} KB gzip.`,
);
