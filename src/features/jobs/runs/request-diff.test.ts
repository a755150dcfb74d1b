import { describe, expect, it } from "vitest";
import { decodeRequest } from "../request/decode-request";
import { diffRequests, listItems } from "./request-diff";

const base = {
  job_type: "DNA_SOMATIC",
  tumor_sample_name: "S1_tumor",
  normal_sample_name: "S1_normal",
  ref: "hg38",
  knownsites: ["s3a://ref/dbsnp.vcf", "s3a://ref/mills.vcf"],
  bwaspark_conf: [
    "--spark-conf",
    "spark.executor.memory=24g",
    "--spark-conf",
    "spark.executor.cores=4",
  ],
  expect_time: 8,
  inputs: [
    { sample_type: "tumor", sample_inputs: ["a_R1.fq.gz", "a_R2.fq.gz"] },
    { sample_type: "normal", sample_inputs: ["b_R1.fq.gz", "b_R2.fq.gz"] },
  ],
  conf: null,
};

describe("diffRequests", () => {
  it("finds nothing between a request and itself, or the same list in another order", () => {
    expect(diffRequests(base, structuredClone(base))).toEqual([]);
    expect(
      diffRequests(base, { ...base, knownsites: ["s3a://ref/mills.vcf", "s3a://ref/dbsnp.vcf"] }),
    ).toEqual([]);
  });

  it("reads a raised Spark setting as one argument removed and one added", () => {
    const after = {
      ...base,
      bwaspark_conf: [
        "--spark-conf",
        "spark.executor.memory=48g",
        "--spark-conf",
        "spark.executor.cores=4",
      ],
    };
    expect(diffRequests(base, after)).toEqual([
      {
        kind: "list",
        path: "bwaspark_conf",
        added: ["--spark-conf spark.executor.memory=48g"],
        removed: ["--spark-conf spark.executor.memory=24g"],
      },
    ]);
  });

  it("names changed, added and removed fields, nested ones by their path", () => {
    const after: Record<string, unknown> = { ...base, expect_time: 12, pon: "s3a://ref/pon.vcf" };
    delete after.conf;
    after.inputs = [
      { sample_type: "tumor", sample_inputs: ["a_R1.fq.gz", "a_R2.fq.gz", "c_R1.fq.gz"] },
      base.inputs[1],
    ];
    expect(diffRequests(base, after)).toEqual([
      { kind: "changed", path: "expect_time", before: 8, after: 12 },
      { kind: "list", path: "inputs[0].sample_inputs", added: ["c_R1.fq.gz"], removed: [] },
      { kind: "added", path: "pon", value: "s3a://ref/pon.vcf" },
    ]);
  });

  it("counts repeats: a file listed twice then once is one removal", () => {
    expect(diffRequests({ input: ["x", "x", "y"] }, { input: ["x", "y"] })).toEqual([
      { kind: "list", path: "input", added: [], removed: ["x"] },
    ]);
  });

  it("null is 'not set', like a missing field", () => {
    expect(diffRequests({ conf: null, a: 1 }, { a: 1 })).toEqual([]);
    expect(diffRequests({ conf: null }, { conf: ["--num-reducers", "400"] })).toEqual([
      { kind: "added", path: "conf", value: ["--num-reducers", "400"] },
    ]);
    expect(diffRequests({ conf: "x" }, { conf: ["--x", "1"] })).toEqual([
      { kind: "list", path: "conf", added: ["--x 1"], removed: ["x"] },
    ]);
  });

  it("keeps secrets masked on both sides: a changed key is no change of what is shown", () => {
    const a = decodeRequest(JSON.stringify({ ...base, secret_encoded_key: "AAAA" }));
    const b = decodeRequest(JSON.stringify({ ...base, secret_encoded_key: "BBBB" }));
    if (a.kind !== "json" || b.kind !== "json") throw new Error("fixture");
    const changes = diffRequests(a.value, b.value);
    expect(changes).toEqual([]);
    expect(JSON.stringify(diffRequests(a.value, { ...base }))).not.toMatch(/AAAA/);
  });

  it("survives __proto__ keys and odd shapes without changing any prototype", () => {
    const before = JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}');
    const after = JSON.parse('{"__proto__": {"polluted": 2}, "a": 1}');
    expect(diffRequests(before, after)).toEqual([
      { kind: "changed", path: "__proto__.polluted", before: 1, after: 2 },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(diffRequests("text", { a: 1 })).toEqual([
      { kind: "changed", path: "", before: "text", after: { a: 1 } },
    ]);
  });
});

describe("listItems", () => {
  it("pairs a flag with its value, and leaves flags without one alone", () => {
    expect(listItems(["--num-reducers", "400", "--verbose", "--x", "1", "plain"])).toEqual([
      "--num-reducers 400",
      "--verbose",
      "--x 1",
      "plain",
    ]);
  });
});
