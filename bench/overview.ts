// The overview's figures in `npm run bench` (issue 17): what its route costs in JS beyond the
// first load, and how long the page takes from the range's last DLI answer to the drawn overview,
// in Chromium against a large upstream (bench/big-server.ts).
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser } from "@playwright/test";
import { assetSize, firstLoadFiles, type Size } from "./first-load.ts";

/** The chunk the router's lazy overview route imports (src/routes/overview-page.tsx). */
const OVERVIEW_CHUNK = /^overview-page-[\w-]+\.js$/;
/** Its stylesheet, which Vite loads with it. */
const OVERVIEW_CSS = /^overview-page-[\w-]+\.css$/;
/** `import{a as b}from"./x.js"` and `import"./x.js"`: what a chunk needs before it runs. */
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([\w.-]+\.js)["']/g;

/**
 * The JS files opening the overview loads beyond the first load: its route's chunk and every
 * chunk that one imports statically, transitively (the statistics, the failure causes, d3, the
 * view text), less those dist/index.html already loaded; and its CSS.
 */
export function overviewChunk(dist: string): {
  js: string[];
  css: string[];
  jsSize: Size;
  cssSize: Size;
} {
  const assets = readdirSync(resolve(dist, "assets"));
  const entry = assets.find((name) => OVERVIEW_CHUNK.test(name));
  if (!entry) throw new Error("no overview-page-*.js in dist/assets: has the route moved?");
  const first = new Set(firstLoadFiles(dist));
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name) || first.has(name)) continue;
    seen.add(name);
    const code = readFileSync(resolve(dist, "assets", name), "utf8");
    for (const match of code.matchAll(STATIC_IMPORT)) queue.push(match[1] as string);
  }
  const js = [...seen].sort();
  const css = assets.filter((name) => OVERVIEW_CSS.test(name));
  return { js, css, jsSize: assetSize(dist, js), cssSize: assetSize(dist, css) };
}

/**
 * In the page from its first script on: the time (performance.now()) the overview's three charts
 * are all in the DOM, each with its drawing, and the time the last DLI answer finished arriving
 * (from resource timing, read once they are drawn).
 */
const DRAWN_OBSERVER = `(() => {
  // The default buffer holds 250 entries: a range of 200 pages plus the app's files nearly fills it.
  performance.setResourceTimingBufferSize(2000);
  window.__overviewDrawn = null;
  const drawn = () => {
    const figures = document.querySelectorAll("figure.chart");
    return figures.length >= 3 && [...figures].every((f) => f.querySelector("svg"));
  };
  const observer = new MutationObserver(() => {
    if (window.__overviewDrawn === null && drawn()) {
      window.__overviewDrawn = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

type Drawn = { drawnAt: number; lastAnswerAt: number; answers: number; jobsText: string };

/** The overview drawn `runs` times, each in a new browser context (a cold cache). */
export async function overviewDrawTimes(
  browser: Browser,
  url: string,
  runs: number,
): Promise<{ ms: number[]; answers: number; jobsText: string }> {
  const ms: number[] = [];
  let last: Drawn | undefined;
  for (let run = 0; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await context.addInitScript({ content: DRAWN_OBSERVER });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(
        () => (window as { __overviewDrawn?: number | null }).__overviewDrawn,
        undefined,
        {
          timeout: 120_000,
        },
      );
      const drawn = (await page.evaluate(() => {
        const answers = performance
          .getEntriesByType("resource")
          .filter((entry) => /\/gene\/jobs\?/.test(entry.name)) as PerformanceResourceTiming[];
        return {
          drawnAt: (window as unknown as { __overviewDrawn: number }).__overviewDrawn,
          lastAnswerAt: Math.max(...answers.map((entry) => entry.responseEnd)),
          answers: answers.length,
          jobsText:
            [...document.querySelectorAll("p")]
              .map((p) => p.textContent ?? "")
              .find((text) => text.startsWith("Jobs in this range")) ?? "",
        };
      })) as Drawn;
      // The first run pays for Chromium's start-up: a warm-up, not a sample.
      if (run > 0) ms.push(drawn.drawnAt - drawn.lastAnswerAt);
      last = drawn;
    } finally {
      await context.close();
    }
  }
  return { ms, answers: last?.answers ?? 0, jobsText: last?.jobsText ?? "" };
}
