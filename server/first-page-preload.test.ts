import { describe, expect, it } from "vitest";
import { firstPagePath, preloadTag } from "./first-page-preload.ts";

const NOW = Date.UTC(2026, 10, 28, 12, 34, 56);
const at = (path: string) => firstPagePath(new URL(path, "http://127.0.0.1"), NOW);
const P = "3f9c2a7e5b1d4c8e9a06f1b2d3c4e5a7";

describe("firstPagePath", () => {
  it("is the app's own first request for a plain view", () => {
    expect(at(`/projects/${P}/jobs`)).toBe(
      `/v2.0/${P}/gene/jobs?job_type=DNA_SOMATIC&limit=20&offset=0`,
    );
    expect(at(`/projects/${P}/jobs?type=DNA_GERMLINE&page=3&size=50`)).toBe(
      `/v2.0/${P}/gene/jobs?job_type=DNA_GERMLINE&limit=50&offset=100`,
    );
  });

  it("resolves a rolling range to the whole minute, as the app does", () => {
    const minute = Date.UTC(2026, 10, 28, 12, 34, 0);
    expect(at(`/projects/${P}/jobs?range=24h`)).toBe(
      `/v2.0/${P}/gene/jobs?job_type=DNA_SOMATIC&limit=20&offset=0&start=${minute - 86_400_000}`,
    );
  });

  it("keeps exact instants and leaves out what it cannot know", () => {
    expect(at(`/projects/${P}/jobs?from=2026-11-01T00:00:00Z`)).toContain(
      `start=${Date.UTC(2026, 10, 1)}`,
    );
    expect(at(`/projects/${P}/jobs?from=2026-11-01`)).toBeUndefined();
    expect(at(`/projects/${P}/jobs?status=FAILED`)).toBeUndefined();
    expect(at(`/projects/${P}/jobs?q=x`)).toBeUndefined();
    expect(at("/projects/bad%2Fid/jobs")).toBeUndefined();
    expect(at("/projects/%E0%A4%A/jobs")).toBeUndefined();
    expect(at("/")).toBeUndefined();
    expect(at(`/projects/${P}`)).toBeUndefined();
  });
});

describe("preloadTag", () => {
  it("escapes the path for an attribute", () => {
    expect(preloadTag("/v2.0/p/gene/jobs?a=1&b=2")).toBe(
      '<link rel="preload" as="fetch" crossorigin="anonymous" href="/v2.0/p/gene/jobs?a=1&amp;b=2">',
    );
  });
});
