import { Agent, createServer, request, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "./server.ts";
import { proxyTestConfig } from "./test-helpers.ts";

// Issue 6, "Load": 32 concurrent clients doing 1,000 list calls through the proxy lose none,
// and memory stays flat. Everything runs on 127.0.0.1 and is bounded in count and time.

const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const CLIENTS = 32;
const CALLS = 1000;

/** A page of 20 plausible jobs whose content depends on the offset, so mix-ups show. */
function page(offset: number): string {
  const jobs = Array.from({ length: 20 }, (_, i) => ({
    job_id: `c0619372-983d-4861-9133-${String(offset + i).padStart(12, "0")}`,
    owner: `user${i % 3}`,
    status: "FINISHED",
    progress: "7/7",
    start_time: 1_700_000_000_000 - (offset + i) * 60_000,
    duration: 600 + i,
    message: null,
    request: JSON.stringify({
      job_type: "DNA_SOMATIC",
      inputs: [{ sample_type: "tumor", sample_inputs: [`s3a://bucket/${offset + i}_R1.fq.gz`] }],
      knownsites: ["dbsnp_146.hg38.vcf.gz", "Mills_and_1000G_gold_standard.indels.hg38.vcf.gz"],
    }),
  }));
  return JSON.stringify({ job_count: 100_000, jobs });
}

let upstream: Server;
let proxy: { url: string; close: () => Promise<void> };
let upstreamRequests = 0;
const upstreamSockets = new Set<unknown>();
const log: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    upstreamRequests++;
    upstreamSockets.add(req.socket);
    const offset = Number(new URL(req.url ?? "/", "http://x").searchParams.get("offset") ?? 0);
    // A little latency, as from a real service, so that requests overlap.
    setTimeout(() => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(page(offset));
    }, 2);
  });
  await new Promise<void>((done) => upstream.listen(0, "127.0.0.1", done));
  const port = (upstream.address() as { port: number }).port;
  const config = proxyTestConfig(port, "MIIT-load-token", [PROJECT]);
  proxy = await startServer(config, { log: (line) => log.push(line) });
});

afterAll(async () => {
  await proxy.close();
  const closed = new Promise<void>((done) => upstream.close(() => done()));
  upstream.closeAllConnections();
  await closed;
});

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
function get(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** `calls` list requests from `clients` concurrent clients; returns the failures. */
async function run(calls: number, clients: number): Promise<string[]> {
  let next = 0;
  const failures: string[] = [];
  const client = async () => {
    while (next < calls) {
      const offset = (next++ % 500) * 20;
      try {
        const res = await get(`/v2.0/${PROJECT}/gene/jobs?limit=20&offset=${offset}`);
        if (res.status !== 200) failures.push(`offset ${offset}: status ${res.status}`);
        else if (res.body !== page(offset)) failures.push(`offset ${offset}: body differs`);
      } catch (error) {
        failures.push(`offset ${offset}: ${String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return failures;
}

const gc = (globalThis as { gc?: () => void }).gc;
function heapUsed(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

describe("load", () => {
  it("32 concurrent clients, 1,000 list calls: all 200 with intact bodies, memory flat", async () => {
    // Warm-up: JIT, agents' sockets, module caches.
    expect(await run(200, CLIENTS)).toEqual([]);
    const before = heapUsed();
    const started = performance.now();
    upstreamRequests = 0;
    log.length = 0;
    const failures = await run(CALLS, CLIENTS);
    const seconds = (performance.now() - started) / 1000;
    expect(failures).toEqual([]);
    expect(upstreamRequests).toBe(CALLS);
    await expect.poll(() => log.length).toBe(CALLS);
    expect(log.every((line) => JSON.parse(line).status === 200)).toBe(true);
    // Upstream connections are reused, not one per call.
    expect(upstreamSockets.size).toBeLessThanOrEqual(CLIENTS * 2);
    // A second round must not keep what the first one used.
    const mid = heapUsed();
    expect(await run(CALLS, CLIENTS)).toEqual([]);
    const after = heapUsed();
    const growthMb = (after - before) / 1024 / 1024;
    const secondRoundMb = (after - mid) / 1024 / 1024;
    // Without --expose-gc the numbers include garbage; the bounds are generous either way.
    expect(growthMb).toBeLessThan(gc ? 15 : 60);
    expect(secondRoundMb).toBeLessThan(gc ? 10 : 60);
    expect(seconds).toBeLessThan(15);
    agent.destroy();
  }, 30_000);
});
