import { describe, expect, it } from "vitest";
import {
  findUnusedOverviewParams,
  isOverviewCanonical,
  listHref,
  parseOverviewSearch,
  serializeOverviewSearch,
} from "./overview-search";

const parse = (query: string) => parseOverviewSearch(new URLSearchParams(query));

describe("the overview's address", () => {
  it("covers the last 7 days of somatic jobs when it says nothing", () => {
    expect(parse("")).toEqual({ type: "DNA_SOMATIC", range: "7d" });
  });

  it("keeps the list's type and span, and the timeline's day", () => {
    expect(parse("type=DNA_GERMLINE&range=24h&day=2026-11-30")).toEqual({
      type: "DNA_GERMLINE",
      range: "24h",
      day: "2026-11-30",
    });
    expect(parse("from=2026-11-01&to=2026-11-20")).toEqual({
      type: "DNA_SOMATIC",
      from: "2026-11-01",
      to: "2026-11-20",
    });
  });

  it("falls back field by field on a hand-edited address", () => {
    expect(parse("type=x&range=bogus&day=2026-13-45&from=yesterday")).toEqual({
      type: "DNA_SOMATIC",
      range: "7d",
    });
    expect(parse("day=<script>")).toEqual({ type: "DNA_SOMATIC", range: "7d" });
  });
});

describe("links from the overview to the list", () => {
  const search = { type: "DNA_GERMLINE" as const, range: "30d" as const };

  it("carry the type and span, and the filter asked for", () => {
    expect(listHref("p1", search, { status: ["FAILED"] })).toBe(
      "/projects/p1/jobs?type=DNA_GERMLINE&range=30d&status=FAILED",
    );
    expect(listHref("p1", search, { cause: "oom-java-heap-abc123" })).toBe(
      "/projects/p1/jobs?type=DNA_GERMLINE&range=30d&cause=oom-java-heap-abc123",
    );
  });

  it("replace the span with a bar's own from and to", () => {
    expect(
      listHref("p1", search, { from: "2026-11-30T00:00:00.000Z", to: "2026-11-30T23:59:59.999Z" }),
    ).toBe(
      "/projects/p1/jobs?type=DNA_GERMLINE&from=2026-11-30T00%3A00%3A00.000Z&to=2026-11-30T23%3A59%3A59.999Z",
    );
  });

  it("encode the project id", () => {
    expect(listHref("a/b", { type: "DNA_SOMATIC" })).toBe("/projects/a%2Fb/jobs");
  });
});

describe("a hand-edited overview address", () => {
  const params = (query: string) => new URLSearchParams(query);

  it("is left alone when it says only what the overview uses", () => {
    for (const query of [
      "",
      "range=7d",
      "range=30d&type=DNA_GERMLINE",
      "from=2026-11-01&day=2026-11-03",
    ]) {
      expect(isOverviewCanonical(params(query)), query).toBe(true);
      expect(findUnusedOverviewParams(params(query)), query).toEqual([]);
    }
  });

  it("is rewritten, and what it could not use named", () => {
    const query = params("range=bogus&day=2026-13-45&type=X&status=FAILED&utm=1");
    expect(isOverviewCanonical(query)).toBe(false);
    expect(serializeOverviewSearch(parseOverviewSearch(query)).toString()).toBe("");
    expect(findUnusedOverviewParams(query)).toEqual([
      { key: "range", value: "bogus", reason: "invalid" },
      { key: "type", value: "X", reason: "invalid" },
      { key: "utm", value: "1", reason: "unknown" },
      { key: "day", value: "2026-13-45", reason: "invalid" },
      { key: "status", value: "FAILED", reason: "unknown" },
    ]);
  });

  it("says that From and To were swapped", () => {
    const query = params("from=2026-11-30&to=2026-11-01");
    expect(isOverviewCanonical(query)).toBe(false);
    expect(serializeOverviewSearch(parseOverviewSearch(query)).toString()).toBe(
      "from=2026-11-01&to=2026-11-30",
    );
    expect(findUnusedOverviewParams(query)).toEqual([
      { key: "from", value: "2026-11-30, to=2026-11-01", reason: "swapped" },
    ]);
  });
});
