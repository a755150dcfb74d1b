// `npm run bench` (issue 7): what the lab feels, measured on the built app served by the real
// server in demo mode, in Debian's Chromium, next to "the floor" (a plain page showing the same
// 100 jobs) and "React alone" (the floor written with React). Writes bench/results.json and prints
// a Markdown table (min / median / max). The targets are held in the results as information only:
// npm test never asserts on time (of these figures it checks only the first-load JS budget, with
// bench/size-budget.ts). How to read the figures: bench/README.md.
//
// Environment: BENCH_RUNS (cold-load pairs, flips, drawer opens; default 15),
// BENCH_HEAP_RUNS (default 3), BENCH_SERVER_CALLS (per round, default 20000),
// BENCH_SERVER_ROUNDS (default 3), BENCH_SERVER_CLIENTS (default 16), BENCH_SERVER_JOBS (1e6),
// BENCH_INSIGHT_RUNS (default 15), BENCH_OVERVIEW_RUNS (overview draws per range, default 7).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { Agent, createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type Browser, chromium, type Page } from "@playwright/test";
import react from "@vitejs/plugin-react";
import { build, type Rolldown } from "vite";
import { chromiumLaunchOptions } from "../e2e/chromium.ts";
import { createApiHandler } from "../server/api.ts";
import type { ServerConfig } from "../server/config.ts";
import { EDGE_JOB_IDS } from "../server/emulator/edge-cases.ts";
import { EDGE_CASES_PROJECT_ID, ONCOLOGY_PROJECT_ID } from "../server/emulator/projects.ts";
import { createEmulator } from "../server/emulator/routes.ts";
import { DAY } from "../server/emulator/schedule.ts";
import { startServer } from "../server/server.ts";
import { assetSize, FIRST_LOAD_JS_BUDGET_KB, firstLoadFiles } from "./first-load.ts";
import { insightJobs, timeInsight } from "./insight.ts";
import { overviewChunk, overviewDrawTimes } from "./overview.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const HEAP_RUNS = Number(process.env.BENCH_HEAP_RUNS ?? 3);
const SERVER_CALLS = Number(process.env.BENCH_SERVER_CALLS ?? 20_000);
const SERVER_ROUNDS = Number(process.env.BENCH_SERVER_ROUNDS ?? 3);
const SERVER_CLIENTS = Number(process.env.BENCH_SERVER_CLIENTS ?? 16);
const INSIGHT_RUNS = Number(process.env.BENCH_INSIGHT_RUNS ?? 15);
const OVERVIEW_RUNS = Number(process.env.BENCH_OVERVIEW_RUNS ?? 7);

const BENCH_DIR = import.meta.dirname;
const DIST = resolve(BENCH_DIR, "..", "dist");

// ---------------------------------------------------------------------------------------------
// Figures

type Target = { text: string; pass: boolean };
type Figure = {
  id: string;
  label: string;
  unit: string;
  /** Only on figures carried into results.json by a partial run (BENCH_ONLY): when measured. */
  date?: string;
  min: number;
  median: number;
  max: number;
  samples: number[];
  target?: Target;
  note?: string;
};

const figures: Figure[] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[Math.floor(mid)] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function figure(
  id: string,
  label: string,
  unit: string,
  samples: number[],
  target?: (median: number) => Target,
  note?: string,
): Figure {
  const f: Figure = {
    id,
    label,
    unit,
    min: round(Math.min(...samples)),
    median: round(median(samples)),
    max: round(Math.max(...samples)),
    samples: samples.map((s) => round(s)),
  };
  if (target) f.target = target(f.median);
  if (note) f.note = note;
  figures.push(f);
  console.error(`  ${label}: median ${f.median} ${unit}`);
  return f;
}

const atMost = (limit: number, text: string) => (m: number) => ({ text, pass: m <= limit });
const atLeast = (limit: number, text: string) => (m: number) => ({ text, pass: m >= limit });

// ---------------------------------------------------------------------------------------------
// 1. Bundle: what index.html makes the browser load first, and the lazy chunks

function bundle(): void {
  const first = new Set(firstLoadFiles(DIST));
  const assets = readdirSync(resolve(DIST, "assets"));
  const size = (names: string[]) => assetSize(DIST, names);
  const js = [...first].filter((n) => n.endsWith(".js"));
  const css = [...first].filter((n) => n.endsWith(".css"));
  const drawer = assets.filter((n) => /^job-drawer-.*\.js$/.test(n));
  const otherLazy = assets.filter((n) => n.endsWith(".js") && !first.has(n) && !drawer.includes(n));
  const firstJs = size(js);
  const firstCss = size(css);
  const drawerJs = size(drawer);
  const lazyJs = size(otherLazy);
  const files = `first load: ${[...first].join(", ")}`;
  figure("bundle.firstJs.raw", "First-load JS, raw", "KB", [firstJs.raw], undefined, files);
  figure(
    "bundle.firstJs.gzip",
    "First-load JS, gzip",
    "KB",
    [firstJs.gz],
    atMost(FIRST_LOAD_JS_BUDGET_KB, `≤ ${FIRST_LOAD_JS_BUDGET_KB} KB`),
  );
  figure("bundle.firstCss.raw", "First-load CSS, raw", "KB", [firstCss.raw]);
  figure("bundle.firstCss.gzip", "First-load CSS, gzip", "KB", [firstCss.gz]);
  figure("bundle.drawer.raw", "Lazy job-drawer JS, raw", "KB", [drawerJs.raw]);
  figure("bundle.drawer.gzip", "Lazy job-drawer JS, gzip", "KB", [drawerJs.gz]);
  if (otherLazy.length > 0) {
    figure(
      "bundle.otherLazy.gzip",
      "Other lazy JS, gzip",
      "KB",
      [lazyJs.gz],
      undefined,
      otherLazy.join(", "),
    );
  }
  // The overview's route: its chunk and what that imports, beyond the first load (issue 17).
  const overview = overviewChunk(DIST);
  figure(
    "bundle.overview.gzip",
    "Overview route JS beyond the first load, gzip",
    "KB",
    [overview.jsSize.gz],
    undefined,
    `${overview.js.join(", ")} (raw ${round(overview.jsSize.raw, 1)} KB); with ${overview.css.join(", ")} (${round(overview.cssSize.gz, 2)} KB gzip)`,
  );
}

// ---------------------------------------------------------------------------------------------
// In-page helpers, as strings: no bundler helpers can leak into the page this way.

/** Records performance.now() (ms since navigation start) when the 100th job row appears. */
const ROWS_OBSERVER = `(() => {
  window.__rows100 = null;
  const rows = document.getElementsByClassName("job-row");
  const observer = new MutationObserver(() => {
    if (rows.length >= 100) {
      window.__rows100 = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Clicks the pager button `label`; resolves with ms until 100 new rows are in the DOM. */
function flipScript(label: string): string {
  return `new Promise((resolve, reject) => {
    const first = document.querySelector("tr.job-row");
    const oldId = first ? first.getAttribute("data-job-id") : null;
    const button = document.querySelector('nav button[aria-label=${JSON.stringify(label)}]');
    if (!button || button.disabled) return reject(new Error("no enabled button ${label}"));
    let observer;
    const start = performance.now();
    const check = () => {
      const rows = document.querySelectorAll("tr.job-row");
      if (rows.length >= 100 && rows[0].getAttribute("data-job-id") !== oldId) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    };
    observer = new MutationObserver(check);
    observer.observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["data-job-id"],
    });
    button.click();
    check();
  })`;
}

/** Clicks the first cell of the job's row; resolves with ms until "Show all 4,000" is visible. */
function drawerScript(jobId: string): string {
  return `new Promise((resolve, reject) => {
    const cell = document.querySelector('tr[data-job-id="${jobId}"] td');
    if (!cell) return reject(new Error("no row for ${jobId}"));
    let observer;
    const start = performance.now();
    const check = () => {
      for (const b of document.querySelectorAll("button")) {
        if (b.textContent.includes("Show all 4,000") && b.checkVisibility()) {
          observer.disconnect();
          resolve(performance.now() - start);
          return;
        }
      }
    };
    observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    cell.click();
    check();
  })`;
}

async function heapMb(page: Page): Promise<number> {
  const client = await page.context().newCDPSession(page);
  await client.send("HeapProfiler.collectGarbage");
  await client.send("HeapProfiler.collectGarbage");
  const { usedSize } = await client.send("Runtime.getHeapUsage");
  await client.detach();
  return usedSize / 1024 / 1024;
}

function isListCall(url: string, offset: number, limit = 100): boolean {
  const u = new URL(url);
  return (
    u.pathname.includes("/gene/jobs") &&
    u.searchParams.get("offset") === String(offset) &&
    u.searchParams.get("limit") === String(limit)
  );
}

// ---------------------------------------------------------------------------------------------
// 2. Time to 100 rows, paired with the floor

/**
 * Loads `url` `visits` times in one new browser context; ms to 100 rows on each load. The first
 * is a cold load. From the third on they are repeat visits, as for someone who opens the page
 * every day: the scripts come from the HTTP cache and V8 has compiled them before (Chromium keeps
 * compiled code for a script from its second load on); only the HTML and the data are fetched.
 */
async function rowsOnVisits(browser: Browser, url: string, visits: number): Promise<number[]> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: ROWS_OBSERVER });
    const page = await context.newPage();
    const times: number[] = [];
    for (let visit = 1; visit <= visits; visit++) {
      await page.goto(url);
      await page.waitForFunction(
        () => (window as unknown as { __rows100: number | null }).__rows100 !== null,
        undefined,
        { timeout: 30_000 },
      );
      times.push(Number(await page.evaluate("window.__rows100")));
    }
    return times;
  } finally {
    await context.close();
  }
}

/**
 * Run `i` of a pairing: [app, floor], in alternating order so neither side always runs on a
 * freshly idle machine.
 */
async function pair(
  i: number,
  app: () => Promise<number>,
  floor: () => Promise<number>,
): Promise<[number, number]> {
  if (i % 2 === 0) {
    const a = await app();
    return [a, await floor()];
  }
  const f = await floor();
  return [await app(), f];
}

/**
 * RUNS pairings of the app's load with the floor's; `afterPair` runs after each with the floor's
 * time (the React reference is measured there).
 */
async function pairedRuns(
  app: string,
  floor: string,
  load: (url: string) => () => Promise<number>,
  afterPair?: (floorMs: number) => Promise<void>,
): Promise<{ app: number[]; floor: number[]; ratios: number[] }> {
  const runs = { app: [] as number[], floor: [] as number[], ratios: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const [a, f] = await pair(i, load(app), load(floor));
    runs.app.push(a);
    runs.floor.push(f);
    runs.ratios.push(a / f);
    await afterPair?.(f);
  }
  return runs;
}

async function timeToRows(browser: Browser, appUrl: string, floorUrl: string): Promise<void> {
  const app = `${appUrl}/projects/${ONCOLOGY_PROJECT_ID}/jobs?size=100`;
  const floor = `${floorUrl}/floor.html?project=${ONCOLOGY_PROJECT_ID}`;
  const reactFloor = `${floorUrl}/react-floor.html?project=${ONCOLOGY_PROJECT_ID}`;
  const coldLoad = (url: string) => async () => (await rowsOnVisits(browser, url, 1))[0] as number;
  // A single warm load varies a lot on this machine: the median of the third to fifth.
  const repeatLoad = (url: string) => async () =>
    median((await rowsOnVisits(browser, url, 5)).slice(2));
  // One warm-up round: the first browser context pays for process start-up.
  for (const url of [app, floor, reactFloor]) await coldLoad(url)();
  // React alone, right after the same floor load: the cold-load target is set against it.
  const reactMs: number[] = [];
  const reactRatios: number[] = [];
  const cold = await pairedRuns(app, floor, coldLoad, async (floorMs) => {
    const r = await coldLoad(reactFloor)();
    reactMs.push(r);
    reactRatios.push(r / floorMs);
  });
  // Pairwise within a round: the app's load and React alone's one, next to the same floor load.
  const appOverReact = cold.app.map((a, i) => a / (reactMs[i] as number));
  figure("rows.app", "Time to 100 rows, app (cold)", "ms", cold.app);
  figure("rows.floor", "Time to 100 rows, floor (cold)", "ms", cold.floor);
  figure("rows.ratio", "Time to 100 rows, app ÷ floor (pairwise)", "×", cold.ratios);
  figure("rows.react", "Time to 100 rows, React alone", "ms", reactMs);
  figure("rows.reactRatio", "Time to 100 rows, React alone ÷ floor", "×", reactRatios);
  figure(
    "rows.appOverReact",
    "Time to 100 rows, app ÷ React alone (pairwise)",
    "×",
    appOverReact,
    atMost(1.3, "≤ 1.3×"),
  );

  // The same pairing for repeat visits; the target is on cold loads, so none here.
  const repeat = await pairedRuns(app, floor, repeatLoad);
  figure("rows.repeat.app", "Time to 100 rows, app (repeat visit)", "ms", repeat.app);
  figure("rows.repeat.floor", "Time to 100 rows, floor (repeat visit)", "ms", repeat.floor);
  figure("rows.repeat.ratio", "Time to 100 rows, repeat visit, app ÷ floor", "×", repeat.ratios);
}

// ---------------------------------------------------------------------------------------------
// 3. Page flip, 4. drawer, 6. memory

/** A page on the oncology list at size=100, page 1, with page 2 prefetched and settled. */
async function listPage(browser: Browser, appUrl: string): Promise<Page> {
  const page = await browser.newPage();
  const prefetched = page.waitForResponse((r) => isListCall(r.url(), 100), { timeout: 30_000 });
  await page.goto(`${appUrl}/projects/${ONCOLOGY_PROJECT_ID}/jobs?size=100`);
  await page.locator("tr.job-row").nth(99).waitFor();
  await (await prefetched).finished();
  // Let the query cache take the prefetched answer and the drawer chunk load.
  await page.waitForLoadState("networkidle");
  return page;
}

async function flips(browser: Browser, appUrl: string): Promise<void> {
  const withPrefetch: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await listPage(browser, appUrl);
    // Page 3 from page 1: only page 2 is prefetched, so this is a network round trip + render.
    without.push(Number(await page.evaluate(flipScript("Page 3"))));
    await page.close();
    const page2 = await listPage(browser, appUrl);
    withPrefetch.push(Number(await page2.evaluate(flipScript("Next page"))));
    await page2.close();
  }
  figure(
    "flip.prefetched",
    "Page flip, Next (page 2 prefetched)",
    "ms",
    withPrefetch,
    atMost(50, "≤ 50 ms"),
  );
  figure(
    "flip.cold",
    "Page flip, not prefetched (page 1 → Page 3 button)",
    "ms",
    without,
    undefined,
    "page 3 is never prefetched from page 1 (only page + 1 is), so this includes the fetch",
  );
}

async function drawer(browser: Browser, appUrl: string): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    const chunk = page.waitForResponse((r) => /job-drawer-.*\.js$/.test(r.url()), {
      timeout: 30_000,
    });
    await page.goto(`${appUrl}/projects/${EDGE_CASES_PROJECT_ID}/jobs`);
    await page.locator(`tr[data-job-id="${EDGE_JOB_IDS.hugeRequest}"] td`).first().waitFor();
    await (await chunk).finished();
    await page.waitForLoadState("networkidle");
    samples.push(Number(await page.evaluate(drawerScript(EDGE_JOB_IDS.hugeRequest))));
    await page.close();
  }
  figure(
    "drawer.huge",
    "Drawer: open the 330 KB request → “Show all 4,000”",
    "ms",
    samples,
    atMost(150, "≤ 150 ms"),
  );
}

async function memory(browser: Browser, appUrl: string): Promise<void> {
  const after10: number[] = [];
  const after200: number[] = [];
  const growth: number[] = [];
  for (let r = 0; r < HEAP_RUNS; r++) {
    const page = await listPage(browser, appUrl);
    for (let i = 1; i <= 200; i++) {
      await page.evaluate(flipScript(i % 2 ? "Next page" : "Previous page"));
      if (i === 10) after10.push(await heapMb(page));
    }
    after200.push(await heapMb(page));
    growth.push(((after200.at(-1) as number) / (after10.at(-1) as number) - 1) * 100);
    await page.close();
  }
  figure("heap.after10", "JS heap after 10 flips (size=100)", "MB", after10);
  figure("heap.after200", "JS heap after 200 flips (size=100)", "MB", after200);
  figure("heap.growth", "JS heap growth, 200 vs 10 flips", "%", growth, atMost(10, "≤ 10%"));
}

// ---------------------------------------------------------------------------------------------
// 5. Server at 1,000,000 jobs

type BigServer = {
  url: string;
  projectId: string;
  jobs: number;
  firstMs: number;
  lastMs: number;
  buildMs: number;
  heapMb: number;
};

async function startBigServer(): Promise<{ info: BigServer; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(BENCH_DIR, "big-server.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise<BigServer>((ok, fail) => {
    child.once("exit", (code) => fail(new Error(`big-server exited with ${code}`)));
    lines.once("line", (line) => ok(JSON.parse(line) as BigServer));
  });
  return { info, stop: () => child.kill("SIGTERM") };
}

function call(agent: Agent, url: string): Promise<number> {
  return new Promise((ok, fail) => {
    const start = performance.now();
    get(url, { agent }, (res) => {
      res.on("data", () => {});
      res.on("end", () =>
        res.statusCode === 200
          ? ok(performance.now() - start)
          : fail(new Error(`${res.statusCode} ${url}`)),
      );
    }).on("error", fail);
  });
}

/** Seeded so every run asks the same questions. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function serverLoad(): Promise<void> {
  const { info, stop } = await startBigServer();
  try {
    const random = rng(7);
    const span = info.lastMs - info.firstMs;
    const urlFor = () => {
      // A 1–90-day window somewhere in the two years, a page of 100 at a random offset in it.
      const days = 1 + Math.floor(random() * 90);
      const end = Math.floor(info.firstMs + days * DAY + random() * (span - days * DAY));
      const start = end - days * DAY;
      const offset = 100 * Math.floor(random() * 20);
      return `${info.url}/v2.0/${info.projectId}/gene/jobs?job_type=DNA_SOMATIC&limit=100&offset=${offset}&start=${start}&end=${end}`;
    };
    const rate: number[] = [];
    const p50: number[] = [];
    const p99: number[] = [];
    const round = async (calls: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: SERVER_CLIENTS });
      const latencies: number[] = [];
      let left = calls;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: SERVER_CLIENTS }, async () => {
          while (left-- > 0) latencies.push(await call(agent, urlFor()));
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      agent.destroy();
      latencies.sort((a, b) => a - b);
      return { rate: latencies.length / seconds, latencies };
    };
    await round(Math.min(2000, SERVER_CALLS)); // warm-up: JIT, sockets
    for (let r = 0; r < SERVER_ROUNDS; r++) {
      const { rate: perSecond, latencies } = await round(SERVER_CALLS);
      rate.push(perSecond);
      p50.push(percentile(latencies, 50));
      p99.push(percentile(latencies, 99));
    }
    const setup = `${info.jobs.toLocaleString("en-US")} jobs in one project (store built in ${info.buildMs} ms, heap ${info.heapMb} MB), ${SERVER_CLIENTS} keep-alive clients, ${SERVER_CALLS} calls per round, limit=100, random offset ≤ 1900, random 1–90-day start/end window`;
    const at = `${info.jobs.toLocaleString("en-US")} jobs`;
    figure(
      "server.rate",
      `Server: list calls/s at ${at}`,
      "calls/s",
      rate,
      atLeast(3000, "≥ 3,000/s"),
      setup,
    );
    figure("server.p50", `Server: p50 latency at ${at}`, "ms", p50);
    figure("server.p99", `Server: p99 latency at ${at}`, "ms", p99, atMost(20, "≤ 20 ms"));
  } finally {
    stop();
  }
}

// ---------------------------------------------------------------------------------------------
/** bench/react-floor.tsx, built as the app is (Vite, minified, React in production). */
async function reactFloorBundle(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: "silent",
    plugins: [react()],
    build: {
      write: false,
      target: "es2022",
      rolldownOptions: { input: resolve(BENCH_DIR, "react-floor.tsx") },
    },
  })) as Rolldown.RolldownOutput;
  const entry = output.output.find((item) => item.type === "chunk" && item.isEntry);
  if (entry?.type !== "chunk") throw new Error("react-floor.tsx did not build");
  return entry.code;
}

// The floor's server: floor.html and floor.js (and React's floor, see react-floor.tsx), and /v2.0/ answered by the very emulator the
// dashboard server uses (same API handler code, same data), all same-origin like the app.

async function startFloorServer(
  config: ServerConfig,
  backend: ReturnType<typeof createEmulator>,
): Promise<{ url: string; close: () => void }> {
  const api = createApiHandler(config, { backend, log: () => {} });
  const files: Record<string, [string, string]> = {
    "/floor.html": [
      "text/html; charset=utf-8",
      readFileSync(resolve(BENCH_DIR, "floor.html"), "utf8"),
    ],
    "/floor.js": [
      "text/javascript; charset=utf-8",
      readFileSync(resolve(BENCH_DIR, "floor.js"), "utf8"),
    ],
    "/react-floor.html": [
      "text/html; charset=utf-8",
      readFileSync(resolve(BENCH_DIR, "floor.html"), "utf8").replace(
        "/floor.js",
        "/react-floor.js",
      ),
    ],
    "/react-floor.js": ["text/javascript; charset=utf-8", await reactFloorBundle()],
  };
  const server = createServer((req, res) =>
    api(req, res, () => {
      const file = files[new URL(req.url ?? "/", "http://h").pathname];
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      // Cached as the dashboard server caches its own: pages never, scripts for good.
      const cache = file[0].startsWith("text/html")
        ? "no-store"
        : "public, max-age=31536000, immutable";
      res.writeHead(200, { "Content-Type": file[0], "Cache-Control": cache }).end(file[1]);
    }),
  );
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 7. Insight: the overview's statistics, failure causes and flags over 20,000 jobs (issue 17)

function insight(): void {
  const jobs = 20_000;
  const nowMs = Date.now();
  // Each run starts from a collected heap, so that it does not pay for the generator's garbage.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const runs: ReturnType<typeof timeInsight>[] = [];
  let failed = 0;
  // Run 0 warms the JIT up (an overview opened in a tab that has already drawn one). Each run has
  // a new set of jobs (another seed): failure causes are remembered by message, and an overview
  // meets messages it has not seen each time it loads a range.
  for (let run = 0; run <= INSIGHT_RUNS; run++) {
    const set = insightJobs(jobs, 17 + run, nowMs);
    gc();
    const times = timeInsight(set, nowMs);
    if (run === 0) continue;
    runs.push(times);
    failed = set.filter((job) => job.status === "FAILED").length;
  }
  const part = (pick: (r: (typeof runs)[number]) => number) => round(median(runs.map(pick)), 1);
  figure(
    "insight.total",
    "Insight: 20,000 jobs summarised, grouped and flagged",
    "ms",
    runs.map((r) => r.totalMs),
    atMost(100, "≤ 100 ms"),
    `pure functions in src/contract/ (summarizeJobs, groupFailures, durationBaselines + needsAttention + timeLeft), in Node, after one warm-up run, each run on new jobs (${failed.toLocaleString("en-US")} FAILED of ${jobs.toLocaleString("en-US")}, some fifteen causes); medians: summary ${part((r) => r.summaryMs)} ms, failure causes ${part((r) => r.groupMs)} ms, flags and time left ${part((r) => r.flagMs)} ms`,
  );
}

// ---------------------------------------------------------------------------------------------
// 8. Overview: from the range's last DLI answer to the drawn overview, at 1,000,000 jobs (issue 17)

async function overviewDraw(): Promise<void> {
  const { info, stop } = await startBigServer();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const ranges = [
      ["7d", "last 7 days, the overview's default"],
      ["30d", "last 30 days, at the range reader's 20,000-job cap"],
    ] as const;
    for (const [range, words] of ranges) {
      const url = `${info.url}/projects/${info.projectId}/overview?range=${range}`;
      const drawn = await overviewDrawTimes(browser, url, OVERVIEW_RUNS);
      figure(
        `overview.drawn.${range}`,
        `Overview: last answer → drawn, ${range}`,
        "ms",
        drawn.ms,
        undefined,
        `${words}: "${drawn.jobsText}" from ${drawn.answers} list requests (limit=100) to bench/big-server.ts (${info.jobs.toLocaleString("en-US")} finished jobs over two years); from the last response's end (resource timing) to all three charts in the DOM (MutationObserver), each load in a new browser context after one warm-up`,
      );
    }
  } finally {
    await browser.close();
    stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function fmt(n: number): string {
  if (!Number.isFinite(n)) return "–";
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString("en-US");
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function table(): string {
  const rows = [
    "| Figure | Unit | Min | Median | Max | Target | Met |",
    "| --- | --- | ---: | ---: | ---: | --- | --- |",
  ];
  for (const f of figures) {
    rows.push(
      `| ${f.label} | ${f.unit} | ${fmt(f.min)} | ${fmt(f.median)} | ${fmt(f.max)} | ${f.target?.text ?? ""} | ${f.target ? (f.target.pass ? "yes" : "**no**") : ""} |`,
    );
  }
  return rows.join("\n");
}

const config: ServerConfig = {
  host: "127.0.0.1",
  port: 0,
  distDir: DIST,
  mode: "demo",
  auth: { kind: "none" },
  projectIds: [],
};
const ALL_PARTS = "bundle,insight,rows,flip,drawer,memory,server,overview";
const only = new Set((process.env.BENCH_ONLY ?? ALL_PARTS).split(","));
const partial = ALL_PARTS.split(",").some((part) => !only.has(part));
const started = new Date();
const distIndex = resolve(DIST, "index.html");
const distBuilt = existsSync(distIndex) ? statSync(distIndex).mtime : null;

console.error(`Gene Jobs bench: ${RUNS} runs, ${cpus().length} cores`);
if (only.has("bundle")) bundle();
// Before the browser parts: on a machine not yet busy with Chromium.
if (only.has("insight")) insight();
if (["rows", "flip", "drawer", "memory"].some((part) => only.has(part))) {
  const emulator = createEmulator();
  const server = await startServer(config, { backend: emulator, log: () => {} });
  // Only time to rows compares with the floor (and builds React's floor for it).
  const floor = only.has("rows") ? await startFloorServer(config, emulator) : undefined;
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    if (floor) await timeToRows(browser, server.url, floor.url);
    if (only.has("flip")) await flips(browser, server.url);
    if (only.has("drawer")) await drawer(browser, server.url);
    if (only.has("memory")) await memory(browser, server.url);
  } finally {
    await browser.close();
    floor?.close();
    await server.close();
  }
}
if (only.has("server")) await serverLoad();
if (only.has("overview")) await overviewDraw();

const resultsFile = resolve(BENCH_DIR, "results.json");
const fullResults = {
  date: started.toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    chromium: chromiumLaunchOptions.executablePath,
  },
  distBuilt: distBuilt?.toISOString() ?? null,
  runs: {
    coldLoadPairs: RUNS,
    flips: RUNS,
    drawer: RUNS,
    heap: HEAP_RUNS,
    serverRounds: SERVER_ROUNDS,
    insight: INSIGHT_RUNS,
    overviewDraws: OVERVIEW_RUNS,
  },
  figures,
};
/**
 * A partial run (BENCH_ONLY) updates its own figures in the last full run's results, each dated,
 * rather than replacing the whole file with a few figures.
 */
function mergedResults(): typeof fullResults {
  if (!partial || !existsSync(resultsFile)) return fullResults;
  const previous = JSON.parse(readFileSync(resultsFile, "utf8")) as typeof fullResults;
  const date = started.toISOString();
  const fresh = new Map(figures.map((f) => [f.id, { ...f, date }]));
  const merged = previous.figures.map((f) => fresh.get(f.id) ?? f);
  for (const f of fresh.values()) if (!previous.figures.some((p) => p.id === f.id)) merged.push(f);
  return {
    ...previous,
    runs: {
      ...previous.runs,
      ...(only.has("insight") ? { insight: INSIGHT_RUNS } : {}),
      ...(only.has("overview") ? { overviewDraws: OVERVIEW_RUNS } : {}),
    },
    figures: merged,
  };
}
const results = mergedResults();
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `Gene Jobs bench, ${started.toISOString().slice(0, 10)}, ${fullResults.machine.cpus} × ${fullResults.machine.cpuModel}, Node ${process.version}\n`,
);
console.log(table());
