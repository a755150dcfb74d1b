import { describe, expect, it } from "vitest";
import {
  decodeRequest,
  prettyRequest,
  sampleNameFromPath,
  summarizeRequest,
} from "./decode-request";
import { MASK } from "./mask-secrets";

const somatic = JSON.stringify({
  job_type: "DNA_SOMATIC",
  tumor_sample_name: "HCC1143_tumor",
  normal_sample_name: "HCC1143_normal",
  ref: "hg38",
  access_encoded_key: "AKIA-REAL",
  secret_encoded_key: null,
});

describe("decodeRequest", () => {
  it("decodes and masks JSON", () => {
    const decoded = decodeRequest(somatic);
    expect(decoded.kind).toBe("json");
    expect(prettyRequest(decoded)).toContain(`"access_encoded_key": "${MASK}"`);
    expect(prettyRequest(decoded)).toContain('"secret_encoded_key": null');
    expect(JSON.stringify(decoded)).not.toContain("AKIA-REAL");
  });

  it("keeps a truncated request as masked text with the parse error", () => {
    const truncated =
      '{"job_type":"DNA_GERMLINE","input":["s3a://hzw/NA12878_small.bam"],"sk":"REAL","bwaspark_conf":null,';
    const decoded = decodeRequest(truncated);
    expect(decoded.kind).toBe("invalid");
    if (decoded.kind !== "invalid") return;
    expect(decoded.error).toBe("the text ends before the JSON does");
    expect(decoded.text).not.toContain("REAL");
    expect(decoded.text).toContain("NA12878_small.bam");
  });

  it("treats missing and empty requests as missing", () => {
    expect(decodeRequest(null)).toEqual({ kind: "missing" });
    expect(decodeRequest("")).toEqual({ kind: "missing" });
    expect(prettyRequest(decodeRequest(undefined))).toBe("");
  });

  it("accepts a request sent as an object", () => {
    const decoded = decodeRequest({ ref: "hg19", token: "t" });
    expect(decoded).toMatchObject({ kind: "json", value: { ref: "hg19", token: MASK } });
  });
});

describe("summarizeRequest", () => {
  it("names tumor and normal samples and the reference", () => {
    expect(summarizeRequest(decodeRequest(somatic))).toEqual({
      tumor: "HCC1143_tumor",
      normal: "HCC1143_normal",
      reference: "hg38",
      inputPaths: [],
      outputPaths: [],
    });
  });

  it("derives germline samples from the input paths", () => {
    const germline = JSON.stringify({
      input: ["s3a://b/NA12878_1.fastq.gz", "s3a://b/NA12878_2.fastq.gz"],
      ref: "hg19",
    });
    expect(summarizeRequest(decodeRequest(germline))).toEqual({
      germlineSamples: ["NA12878"],
      reference: "hg19",
      inputPaths: ["s3a://b/NA12878_1.fastq.gz", "s3a://b/NA12878_2.fastq.gz"],
      outputPaths: [],
    });
  });

  it("ignores fields of an unexpected type", () => {
    expect(
      summarizeRequest(
        decodeRequest(JSON.stringify({ tumor_sample_name: 7, ref: ["hg38"], input: 3 })),
      ),
    ).toEqual({
      tumor: "7",
      inputPaths: [],
      outputPaths: [],
    });
    expect(summarizeRequest(decodeRequest("[1,2]"))).toEqual({ inputPaths: [], outputPaths: [] });
    expect(summarizeRequest(decodeRequest("{oops"))).toEqual({ inputPaths: [], outputPaths: [] });
  });
});

describe("summarizeRequest paths", () => {
  it("collects input and output paths from both pipelines", () => {
    const summary = summarizeRequest(
      decodeRequest(
        JSON.stringify({
          inputs: [
            { sample_type: "tumor", sample_inputs: ["s3a://t.bam"] },
            { sample_type: "normal", sample_inputs: ["s3a://n.bam", 4] },
          ],
          output: "s3a://out.vcf",
          mutect_bam_output: "s3a://out.bam",
        }),
      ),
    );
    expect(summary.inputPaths).toEqual(["s3a://t.bam", "s3a://n.bam"]);
    expect(summary.outputPaths).toEqual(["s3a://out.vcf", "s3a://out.bam"]);
  });
});

describe("sampleNameFromPath", () => {
  it.each([
    ["s3a://hzw/NA12878_small.bam", "NA12878_small"],
    ["s3a://genes/somatic/tumor_1.fastq.gz", "tumor"],
    ["s3a://b/x/HG002.R2.fq.gz", "HG002"],
    ["plain", "plain"],
  ])("%s → %s", (path, name) => {
    expect(sampleNameFromPath(path)).toBe(name);
  });
});
