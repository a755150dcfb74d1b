import { describe, expect, it } from "vitest";
import {
  isCanonical,
  needsWholeRange,
  parseJobsSearch,
  serializeJobsSearch,
} from "../../../contract/list-url";
import { boundToDayInput, resolveTimeWindow } from "../../../contract/time-window";
import { patchJobsSearch } from "./jobs-search";

const parse = (query: string) => parseJobsSearch(new URLSearchParams(query));

describe("parseJobsSearch", () => {
  it("gives defaults for an empty URL", () => {
    expect(parse("")).toEqual({ type: "DNA_SOMATIC", page: 1, size: 20, sort: "-started" });
  });

  it("reads every param", () => {
    expect(
      parse("type=DNA_GERMLINE&range=7d&page=3&size=50&job=c0619372-983d-4861-9133-69a518fca074"),
    ).toEqual({
      type: "DNA_GERMLINE",
      range: "7d",
      page: 3,
      size: 50,
      job: "c0619372-983d-4861-9133-69a518fca074",
      sort: "-started",
    });
  });

  it("falls back field by field on garbage", () => {
    expect(
      parse("type=foo&range=1y&page=-3&size=7&from=yesterday&to=2026-02-31&job=<script>"),
    ).toEqual({
      type: "DNA_SOMATIC",
      page: 1,
      size: 20,
      sort: "-started",
    });
    expect(parse("page=2.5&size=100")).toEqual({
      type: "DNA_SOMATIC",
      page: 1,
      size: 100,
      sort: "-started",
    });
    expect(parse("page=1e9")).toMatchObject({ page: 1 });
    expect(parse("page=12abc")).toMatchObject({ page: 1 });
  });

  it("lets explicit dates override a range", () => {
    expect(parse("range=24h&from=2026-11-01&to=2026-11-20")).toEqual({
      type: "DNA_SOMATIC",
      from: "2026-11-01",
      to: "2026-11-20",
      page: 1,
      size: 20,
      sort: "-started",
    });
  });

  it("swaps a reversed range instead of asking DLI for nothing", () => {
    expect(parse("from=2026-11-20&to=2026-11-01")).toMatchObject({
      from: "2026-11-01",
      to: "2026-11-20",
    });
  });

  it("accepts ISO instants", () => {
    expect(parse("from=2026-11-01T08:00:00Z")).toMatchObject({ from: "2026-11-01T08:00:00Z" });
    expect(parse("to=2026-11-01T08:00:00.000+08:00")).toMatchObject({
      to: "2026-11-01T08:00:00.000+08:00",
    });
    expect(parse("from=2026-13-01T08:00:00Z")).not.toHaveProperty("from");
  });
});

describe("status, q and sort", () => {
  it("reads a status list in a fixed order, any case, without duplicates or garbage", () => {
    expect(parse("status=failed,%20running,FAILED,<x>,SUSPENDED")).toMatchObject({
      status: ["RUNNING", "FAILED", "SUSPENDED"],
    });
    expect(parse("status=,,")).not.toHaveProperty("status");
  });

  it("trims the search text and caps its length", () => {
    expect(parse("q=%20HCC1143%20")).toMatchObject({ q: "HCC1143" });
    expect(parse("q=%20%20")).not.toHaveProperty("q");
    expect(parse(`q=${"x".repeat(500)}`).q).toHaveLength(200);
  });

  it("accepts the known sorts only", () => {
    expect(parse("sort=-duration")).toMatchObject({ sort: "-duration" });
    expect(parse("sort=owner")).toMatchObject({ sort: "owner" });
    expect(parse("sort=price")).toMatchObject({ sort: "-started" });
  });

  it("round-trips and resets the page when they change", () => {
    const query = "page=3&status=RUNNING%2CFAILED&q=HCC1143&sort=-duration";
    expect(serializeJobsSearch(parse(query)).toString()).toBe(query);
    const current = parse(query);
    expect(patchJobsSearch(current, { q: "COLO829" })).toMatchObject({ page: 1, q: "COLO829" });
    expect(patchJobsSearch(current, { status: [] })).not.toHaveProperty("status");
    expect(patchJobsSearch(current, { sort: "owner" })).toMatchObject({ page: 1 });
    expect(patchJobsSearch(current, { q: "" })).not.toHaveProperty("q");
  });

  it("knows when DLI's own paging is not enough", () => {
    expect(needsWholeRange(parse("range=7d&page=4"))).toBe(false);
    expect(needsWholeRange(parse("status=FAILED"))).toBe(true);
    expect(needsWholeRange(parse("q=x"))).toBe(true);
    expect(needsWholeRange(parse("sort=owner"))).toBe(true);
  });
});

describe("canonical URLs", () => {
  it("round-trips", () => {
    const query = "type=DNA_GERMLINE&from=2026-11-01&to=2026-11-20&page=4&size=50&job=abc-1";
    expect(serializeJobsSearch(parse(query)).toString()).toBe(query);
    expect(isCanonical(new URLSearchParams(query))).toBe(true);
  });

  it("leaves defaults out", () => {
    expect(serializeJobsSearch(parse("type=DNA_SOMATIC&page=1&size=20")).toString()).toBe("");
    expect(isCanonical(new URLSearchParams("type=DNA_SOMATIC"))).toBe(false);
  });

  it("flags garbage and unknown params as not canonical", () => {
    expect(isCanonical(new URLSearchParams("page=-3"))).toBe(false);
    expect(isCanonical(new URLSearchParams("utm_source=mail"))).toBe(false);
    expect(isCanonical(new URLSearchParams("range=7d"))).toBe(true);
  });
});

describe("patchJobsSearch", () => {
  const current = parse("type=DNA_SOMATIC&range=7d&page=5&size=50");

  it("keeps the page when paging", () => {
    expect(patchJobsSearch(current, { page: 6 })).toMatchObject({ page: 6, range: "7d" });
  });

  it("goes back to page 1 when a filter changes", () => {
    expect(patchJobsSearch(current, { type: "DNA_GERMLINE" })).toMatchObject({
      page: 1,
      type: "DNA_GERMLINE",
    });
    expect(patchJobsSearch(current, { size: 10 })).toMatchObject({ page: 1, size: 10 });
    expect(patchJobsSearch(current, { range: "30d" })).toMatchObject({ page: 1, range: "30d" });
  });

  it("swaps a preset for explicit dates and back", () => {
    const withDates = patchJobsSearch(current, { from: "2026-11-01" });
    expect(withDates).not.toHaveProperty("range");
    expect(withDates).toMatchObject({ from: "2026-11-01" });
    const back = patchJobsSearch({ ...withDates, to: "2026-11-02" }, { range: "24h" });
    expect(back).not.toHaveProperty("from");
    expect(back).not.toHaveProperty("to");
  });

  it("drops cleared values", () => {
    const cleared = patchJobsSearch(parse("from=2026-11-01&job=x"), {
      from: undefined,
      job: undefined,
    });
    expect(serializeJobsSearch(cleared).toString()).toBe("");
  });
});

describe("resolveTimeWindow", () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);

  it("turns whole local days into inclusive instants", () => {
    const window = resolveTimeWindow(parse("from=2026-11-01&to=2026-11-20"), now);
    expect(window.start).toBe(new Date(2026, 10, 1, 0, 0, 0, 0).getTime());
    expect(window.end).toBe(new Date(2026, 10, 20, 23, 59, 59, 999).getTime());
  });

  it("keeps instants exact", () => {
    expect(resolveTimeWindow(parse("from=2026-11-01T08:00:00Z"), now)).toEqual({
      start: Date.UTC(2026, 10, 1, 8),
    });
  });

  it("rolls presets back from now", () => {
    expect(resolveTimeWindow(parse("range=24h"), now)).toEqual({ start: now - 24 * 3_600_000 });
    expect(resolveTimeWindow(parse("range=90d"), now).start).toBeLessThan(now - 89 * 86_400_000);
  });

  it("has no bounds for all time", () => {
    expect(resolveTimeWindow(parse(""), now)).toEqual({});
  });
});

describe("boundToDayInput", () => {
  it("shows a day as is and an instant as its local day", () => {
    expect(boundToDayInput("2026-11-01")).toBe("2026-11-01");
    expect(boundToDayInput(undefined)).toBe("");
    expect(boundToDayInput(new Date(2026, 10, 3, 10).toISOString())).toBe("2026-11-03");
  });
});

describe("UTC days", () => {
  it("turns whole days into UTC instants when the viewer chose UTC", () => {
    const window = resolveTimeWindow(parse("from=2026-11-01&to=2026-11-20"), 0, "utc");
    expect(window).toEqual({ start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 10, 21) - 1 });
    expect(boundToDayInput("2026-11-01T20:00:00Z", "utc")).toBe("2026-11-01");
    expect(boundToDayInput("2026-11-01T20:00:00Z", "local")).toBe("2026-11-02");
  });
});
