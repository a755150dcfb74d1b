import { describe, expect, it } from "vitest";
import { tokenizeJson } from "./json-tokens";

describe("tokenizeJson", () => {
  it("labels keys, strings, numbers and literals", () => {
    const tokens = tokenizeJson(
      '{\n  "ref": "hg38",\n  "n": -1.5e3,\n  "ok": true,\n  "x": null\n}',
    );
    expect(tokens.filter((t) => t.kind !== "plain")).toEqual([
      { kind: "key", text: '"ref"' },
      { kind: "string", text: '"hg38"' },
      { kind: "key", text: '"n"' },
      { kind: "number", text: "-1.5e3" },
      { kind: "key", text: '"ok"' },
      { kind: "literal", text: "true" },
      { kind: "key", text: '"x"' },
      { kind: "literal", text: "null" },
    ]);
  });

  it("gives back the input exactly, even when it is not JSON", () => {
    for (const text of [
      '{"a":"b\\"c"',
      '{"job_type":"DNA_GERMLINE","input":["s3a://x"],',
      "<html>",
      "",
    ]) {
      expect(
        tokenizeJson(text)
          .map((t) => t.text)
          .join(""),
      ).toBe(text);
    }
  });

  it("treats a string that contains a colon as a value", () => {
    expect(tokenizeJson('["s3a://b/k"]').find((t) => t.kind !== "plain")).toEqual({
      kind: "string",
      text: '"s3a://b/k"',
    });
  });
});
