import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { firstPagePath } from "../../server/first-page-preload";
import { jobQueries, toPageView } from "../features/jobs/api/job-queries";
import { pagedListView } from "./dli-request";

const ROOT = resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(dir, name));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\b[^"']*?from\s+["']([^"']+)["']/gm)].map(
    (match) => match[1] as string,
  );
}

describe("src/contract, what server and browser share", () => {
  it("imports nothing but its own modules: no package, no app code", () => {
    const outside = sourceFiles("src/contract")
      .filter((file) => !file.endsWith(".test.ts"))
      .flatMap((file) => importsOf(file).map((spec) => `${file} → ${spec}`))
      .filter((edge) => !/→ \.\/[\w-]+$/.test(edge));
    expect(outside).toEqual([]);
  });

  it("is the only app code the server imports", () => {
    const appImports = sourceFiles("server")
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => spec.startsWith("."))
          .map((spec) => relative(ROOT, resolve(ROOT, file, "..", spec)))
          .filter((target) => target.startsWith("src/"))
          .map((target) => `${file} → ${target}`),
      )
      .filter((edge) => !edge.includes("→ src/contract/"));
    expect(appImports).toEqual([]);
  });
});

describe("the first request of a list URL", () => {
  const NOW = Date.UTC(2026, 10, 28, 12, 34, 56);
  const P = "3f9c2a7e5b1d4c8e9a06f1b2d3c4e5a7";

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** The path the app fetches first for `url`, with the clock at NOW. */
  async function appFirstFetch(url: URL): Promise<string> {
    const view = pagedListView(url.pathname, url.searchParams);
    if (!view) throw new Error(`not a paged list view: ${url}`);
    const fetch = vi.fn(async () => new Response('{"job_count":0,"jobs":[]}'));
    vi.stubGlobal("fetch", fetch);
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
    await new QueryClient().fetchQuery(
      jobQueries.page(toPageView(view.projectId, view.search, "local")),
    );
    return String(fetch.mock.calls[0]?.[0 as never]);
  }

  it.each([
    "",
    "?type=DNA_GERMLINE",
    "?size=50&page=3",
    "?size=100&page=9",
    "?range=24h",
    "?range=7d&type=DNA_GERMLINE",
    "?range=30d&size=10",
    "?range=90d",
    "?from=2026-11-01T00:00:00Z",
    "?from=2026-11-01T08:00+08:00&to=2026-11-20T23:59:59Z",
    "?to=2026-11-20T10:00Z&page=2",
    "?job=abc-123&range=24h",
    "?page=0&size=7&type=nonsense&range=1y",
  ])("is the same path for the server's preload and the app: %s", async (query) => {
    const url = new URL(`/projects/${P}/jobs${query}`, "http://127.0.0.1");
    const preload = firstPagePath(url, NOW);
    expect(preload).toBeDefined();
    expect(await appFirstFetch(url)).toBe(preload);
  });
});
