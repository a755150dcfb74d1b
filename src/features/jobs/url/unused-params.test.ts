import { describe, expect, it } from "vitest";
import { MASK } from "../request/mask-secrets";
import { findUnusedParams } from "./unused-params";

const unused = (query: string) => findUnusedParams(new URLSearchParams(query));

describe("findUnusedParams", () => {
  it("lists nothing for a canonical URL, or one that only spells things differently", () => {
    expect(unused("")).toEqual([]);
    expect(unused("type=DNA_GERMLINE&range=7d&page=2&size=50&sort=owner&q=x&job=abc-1")).toEqual(
      [],
    );
    // Case, order and duplicates of statuses, empty values, spaces in q.
    expect(unused("status=failed, running,FAILED&q=&page=")).toEqual([]);
    expect(unused("page=02&q=%20%20tumor%20")).toEqual([]);
  });

  it("says when From and To were given the wrong way round (issue 16)", () => {
    expect(unused("from=2026-11-20&to=2026-11-01")).toEqual([
      { key: "from", value: "2026-11-20, to=2026-11-01", reason: "swapped" },
    ]);
    expect(unused("from=2026-11-01&to=2026-11-20")).toEqual([]);
  });

  it("names each value the list could not use, and why", () => {
    expect(
      unused("page=abc&size=7&from=2026-13-45&to=2026-02-31&type=RNA&sort=size&job=a%20b"),
    ).toEqual([
      { key: "page", value: "abc", reason: "invalid" },
      { key: "size", value: "7", reason: "invalid" },
      { key: "from", value: "2026-13-45", reason: "invalid" },
      { key: "to", value: "2026-02-31", reason: "invalid" },
      { key: "type", value: "RNA", reason: "invalid" },
      { key: "sort", value: "size", reason: "invalid" },
      { key: "job", value: "a b", reason: "invalid" },
    ]);
    expect(unused("page=0")).toEqual([{ key: "page", value: "0", reason: "invalid" }]);
    expect(unused("range=1y")).toEqual([{ key: "range", value: "1y", reason: "invalid" }]);
  });

  it("keeps the good statuses and reports only the unreadable ones", () => {
    expect(unused("status=FAILED,fail ed!,RUNNING,")).toEqual([
      { key: "status", value: "fail ed!", reason: "invalid" },
    ]);
  });

  it("says when dates win over a preset, a setting is repeated, or a key is not a setting", () => {
    expect(unused("range=7d&from=2026-11-01")).toEqual([
      { key: "range", value: "7d", reason: "overridden" },
    ]);
    expect(unused("page=2&page=3&utm_source=mail")).toEqual([
      { key: "page", value: "3", reason: "repeated" },
      { key: "utm_source", value: "mail", reason: "unknown" },
    ]);
  });

  it("never repeats the value of a secret-looking key", () => {
    expect(unused("secret_key=SK123&access_token=abc")).toEqual([
      { key: "secret_key", value: MASK, reason: "unknown" },
      { key: "access_token", value: MASK, reason: "unknown" },
    ]);
  });

  it("names a cause or a comparison it could not use", () => {
    expect(unused("cause=%00%3Cscript%3E")).toEqual([
      { key: "cause", value: "\u0000<script>", reason: "invalid" },
    ]);
    const job = "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0";
    expect(unused(`job=${job}&compare=x'"<b>`)).toEqual([
      { key: "compare", value: `x'"<b>`, reason: "invalid" },
    ]);
    // Without an open job a comparison is not a setting at all.
    expect(unused(`compare=${job}`)).toEqual([{ key: "compare", value: job, reason: "unknown" }]);
    expect(unused(`job=${job}&compare=${job.replace("0f", "1e")}`)).toEqual([]);
  });
});
