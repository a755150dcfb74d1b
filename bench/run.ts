// `npm run bench`: speed and memory of the parts the lab feels, measured on the built app
// served by the real server in demo mode, in Debian's Chromium. Numbers, not pass/fail: npm test
// never asserts on time.
import { resolve } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium.ts";
import { EDGE_JOB_IDS } from "../server/emulator/edge-cases.ts";
import { EDGE_CASES_PROJECT_ID, ONCOLOGY_PROJECT_ID } from "../server/emulator/projects.ts";
import { startServer } from "../server/server.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(action: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

async function measure(name: string, run: () => Promise<number>, unit = "ms") {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await run());
  const spread = `${Math.min(...samples).toFixed(1)}–${Math.max(...samples).toFixed(1)}`;
  console.log(
    `${name.padEnd(58)} median ${median(samples).toFixed(1).padStart(8)} ${unit}  (${spread})`,
  );
}

async function heapMb(page: Page): Promise<number> {
  const client = await page.context().newCDPSession(page);
  await client.send("HeapProfiler.collectGarbage");
  const { usedSize } = await client.send("Runtime.getHeapUsage");
  return usedSize / 1024 / 1024;
}

const server = await startServer(
  {
    host: "127.0.0.1",
    port: 0,
    distDir: resolve(import.meta.dirname, "..", "dist"),
    mode: "demo",
    auth: { kind: "none" },
    projectIds: [],
  },
  { log: () => {} },
);
const browser = await chromium.launch(chromiumLaunchOptions);

try {
  console.log(`Gene Jobs bench: ${RUNS} runs each, demo data, ${server.url}\n`);

  await measure("emulator: one page (limit 100, offset 1400) over HTTP", async () => {
    const url = `${server.url}/v2.0/${ONCOLOGY_PROJECT_ID}/gene/jobs?job_type=DNA_SOMATIC&limit=100&offset=1400`;
    return timed(async () => {
      await (await fetch(url)).arrayBuffer();
    });
  });

  await measure("list: cold load to 20 rendered rows", async () => {
    const page = await browser.newPage();
    const ms = await timed(async () => {
      await page.goto(`${server.url}/projects/${ONCOLOGY_PROJECT_ID}/jobs`);
      await page.locator("tr.job-row").nth(19).waitFor();
    });
    await page.close();
    return ms;
  });

  await measure("list: Next page to rendered rows (prefetched)", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/projects/${ONCOLOGY_PROJECT_ID}/jobs?size=100`);
    await page.locator("tr.job-row").nth(99).waitFor();
    await page.locator('[aria-label="Page 2"]').waitFor();
    const firstId = await page.locator("tr.job-row").first().getAttribute("data-job-id");
    const ms = await timed(async () => {
      await page.getByRole("button", { name: "Next page" }).click();
      await page.waitForFunction(
        (id) => document.querySelector("tr.job-row")?.getAttribute("data-job-id") !== id,
        firstId,
      );
    });
    await page.close();
    return ms;
  });

  await measure("drawer: open a 330 KB request (4,000 known sites)", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/projects/${EDGE_CASES_PROJECT_ID}/jobs`);
    const row = page.locator(`tr[data-job-id="${EDGE_JOB_IDS.hugeRequest}"] td`).first();
    await row.waitFor();
    const ms = await timed(async () => {
      await row.click();
      await page.getByRole("button", { name: "Show all 4,000" }).waitFor();
    });
    await page.close();
    return ms;
  });

  await measure("drawer: Show all 4,000 known sites", async () => {
    const page = await browser.newPage();
    await page.goto(
      `${server.url}/projects/${EDGE_CASES_PROJECT_ID}/jobs?job=${EDGE_JOB_IDS.hugeRequest}`,
    );
    const button = page.getByRole("button", { name: "Show all 4,000" });
    await button.waitFor();
    const ms = await timed(async () => {
      await button.click();
      await page.getByRole("button", { name: "Show fewer" }).waitFor();
    });
    await page.close();
    return ms;
  });

  await measure("drawer: Show raw request (330 KB, syntax-coloured)", async () => {
    const page = await browser.newPage();
    await page.goto(
      `${server.url}/projects/${EDGE_CASES_PROJECT_ID}/jobs?job=${EDGE_JOB_IDS.hugeRequest}`,
    );
    const button = page.getByRole("button", { name: /Show raw request/ });
    await button.waitFor();
    const ms = await timed(async () => {
      await button.click();
      await page.locator("pre.raw-json").waitFor();
    });
    await page.close();
    return ms;
  });

  await measure(
    "memory: JS heap after 100 rows and the huge drawer",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}/projects/${ONCOLOGY_PROJECT_ID}/jobs?size=100`);
      await page.locator("tr.job-row").nth(99).waitFor();
      await page.goto(
        `${server.url}/projects/${EDGE_CASES_PROJECT_ID}/jobs?job=${EDGE_JOB_IDS.hugeRequest}`,
      );
      await page.getByRole("button", { name: "Show all 4,000" }).waitFor();
      const mb = await heapMb(page);
      await page.close();
      return mb;
    },
    "MB",
  );
} finally {
  await browser.close();
  await server.close();
}
