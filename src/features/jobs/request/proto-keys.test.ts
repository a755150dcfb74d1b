import { describe, expect, it } from "vitest";
import { en } from "../../../lib/i18n/en";
import { parseJob } from "../api/job-schemas";
import { csvText, toCsv, toJson } from "../export/export-jobs";
import { filterJobs } from "../range/local-view";
import { decodeRequest, prettyRequest, summarizeRequest } from "./decode-request";
import { MASK } from "./mask-secrets";
import { groupRequest } from "./request-groups";

// Issue 15: keys named like the prototype's accessors are data, kept where they are. An object
// built with `{}` takes `obj["__proto__"] = x` as "make x my prototype": the key vanished from
// the raw view, "Other", search and export, and x's fields showed as the request's own.
// Written out as DLI would send it (an object literal with `__proto__:` would not keep the key).
const RAW =
  '{"tumor_sample_name":"T1",' +
  '"__proto__":{"inputs":[{"sample_type":"tumor","sample_inputs":["s3a://ghost/x.fastq.gz"]}]},' +
  '"nested":{"__proto__":{"password":"hunter2","note":"kept"}},' +
  '"constructor":{"prototype":{"polluted":true}}}';

describe("a request with __proto__ and constructor keys", () => {
  const request = decodeRequest(RAW);

  it("keeps them as the request's own keys, and masks the secrets inside them", () => {
    expect(request.kind).toBe("json");
    const text = prettyRequest(request);
    expect(text).toContain('"__proto__"');
    expect(text).toContain("s3a://ghost/x.fastq.gz");
    expect(text).toContain('"note": "kept"');
    expect(text).not.toContain("hunter2");
    expect(text).toContain(`"password": "${MASK}"`);
    expect(text).toContain('"constructor"');
  });

  it("shows them under Other, not as samples", () => {
    const groups = groupRequest(request.kind === "json" ? request.value : null, "somatic");
    const samples = groups.find((g) => g.id === "samples")?.fields ?? [];
    expect(JSON.stringify(samples)).not.toContain("ghost");
    const other = groups.find((g) => g.id === "other")?.fields.map((f) => f.key);
    expect(other).toEqual(["__proto__", "nested", "constructor"]);
    const nested = groups.find((g) => g.id === "other")?.fields[1]?.value;
    expect(JSON.stringify(nested)).toBe(`{"__proto__":{"password":"${MASK}","note":"kept"}}`);
  });

  it("does not take the ghost input as an input file (list, search, export)", () => {
    expect(summarizeRequest(request).inputPaths).toEqual([]);
    const job = parseJob({ job_id: "j1", status: "FAILED", start_time: 1, request: RAW }, 0);
    expect(filterJobs([job], { q: "ghost" })).toEqual([]);
    expect(toCsv([job], csvText(en), "utc")).not.toContain("ghost");
    expect(toJson([job])).not.toContain("ghost");
  });

  it("pollutes no global prototype", () => {
    expect(({} as Record<string, unknown>).inputs).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).password).toBeUndefined();
  });
});
