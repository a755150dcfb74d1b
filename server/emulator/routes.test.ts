import { describe, expect, it } from "vitest";
import { parseListQuery } from "./routes.ts";

const parse = (qs: string) => parseListQuery(new URLSearchParams(qs));

describe("parseListQuery", () => {
  it("applies the documented defaults", () => {
    expect(parse("")).toEqual({ ok: true, query: { limit: 10, offset: 0 } });
  });

  it("reads every parameter", () => {
    expect(parse("job_type=DNA_GERMLINE&limit=100&offset=200&start=1&end=2")).toEqual({
      ok: true,
      query: { type: "DNA_GERMLINE", limit: 100, offset: 200, start: 1, end: 2 },
    });
  });

  it("treats empty values as absent", () => {
    expect(parse("job_type=&limit=&start=")).toEqual({ ok: true, query: { limit: 10, offset: 0 } });
  });

  it.each([
    ["job_type=dna_somatic", "job_type"],
    ["job_type=RNA", "job_type"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=1.5", "limit"],
    ["limit=1e2", "limit"],
    ["limit=abc", "limit"],
    ["offset=-1", "offset"],
    ["offset=%200", "offset"],
    ["start=2026-11-01", "start"],
    ["start=1.5", "start"],
    ["end=99999999999999999999", "end"],
    ["end=now", "end"],
  ])("rejects %s, naming %s", (qs, name) => {
    const r = parse(qs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`Parameter ${name} `);
  });
});
