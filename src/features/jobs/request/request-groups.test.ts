import { describe, expect, it } from "vitest";
import { argumentLines, groupRequest, type RequestGroup } from "./request-groups";

const somatic = {
  job_type: "DNA_SOMATIC",
  inputs: [
    {
      sample_type: "tumor",
      sample_inputs: ["s3a://genes/t_1.fastq.gz", "s3a://genes/t_2.fastq.gz"],
    },
    { sample_type: "normal", sample_inputs: ["s3a://genes/n_1.fastq.gz"] },
  ],
  tumor_sample_name: "HCC1143_tumor",
  normal_sample_name: "HCC1143_normal",
  file_type: "fastq",
  ref: "hg38",
  output: "s3a://genes/out.vcf",
  knownsites: ["1000g_omni2.5.hg38.vcf"],
  intervals: ["wgs_calling_regions.hg38.interval_list"],
  pon: "pon.vcf.gz",
  germline_resource: "gnomad.vcf.gz",
  mutect_calls_variant: "small_exac_common_3.hg38.vcf.gz",
  mutect_is_export_bam: false,
  mutect_bam_output: "s3a://genes/test.bam",
  is_filter_by_orientationBias: false,
  artifact_modes: ["G/T"],
  is_filter_by_alignmentArtifacts: false,
  fastq_ubam_conf: ["-PL", "illumina"],
  bwaspark_conf: null,
  read_pipeline_spark_conf: null,
  conf: null,
  expect_time: 8,
  access_encoded_key: "••• (set)",
  secret_encoded_key: null,
};

const byId = (groups: RequestGroup[]) => Object.fromEntries(groups.map((g) => [g.id, g]));
const keysOf = (groups: RequestGroup[]) =>
  groups.flatMap((g) => g.fields.map((f) => f.key.split(".")[0]));
const fieldValueOf = (groups: RequestGroup[], key: string) =>
  groups.flatMap((g) => g.fields).find((f) => f.key === key)?.value;

describe("groupRequest", () => {
  it("groups a somatic request and uses every key exactly once", () => {
    const groups = groupRequest(somatic, "somatic");
    expect(groups.map((g) => g.id)).toEqual([
      "samples",
      "reference",
      "options",
      "tools",
      "outputs",
      "credentials",
    ]);
    expect(fieldValueOf(groups, "inputs.tumor")).toEqual([
      "s3a://genes/t_1.fastq.gz",
      "s3a://genes/t_2.fastq.gz",
    ]);
    expect(fieldValueOf(groups, "inputs.normal")).toEqual(["s3a://genes/n_1.fastq.gz"]);
    expect(byId(groups).reference?.fields.map((f) => f.label)).toContain("Frequency library");
    expect(byId(groups).tools?.fields.find((f) => f.key === "fastq_ubam_conf")?.kind).toBe("args");
    const used = keysOf(groups).filter((k) => k !== "inputs");
    for (const key of Object.keys(somatic).filter((k) => k !== "inputs"))
      expect(used).toContain(key);
    // No germline-only fields on a somatic job.
    expect(keysOf(groups)).not.toContain("engine");
    expect(keysOf(groups)).not.toContain("fastq_to_sam_conf");
  });

  it("groups a germline request with its own fields, empty ones included", () => {
    const groups = groupRequest(
      { job_type: "DNA_GERMLINE", input: ["s3a://b/NA12878.bam"], ref: "hg38" },
      "germline",
    );
    expect(fieldValueOf(groups, "input")).toEqual(["s3a://b/NA12878.bam"]);
    const keys = keysOf(groups);
    expect(keys).toEqual(
      expect.arrayContaining(["engine", "is_output_gvcf", "fastq_to_sam_conf", "bam_output"]),
    );
    expect(keys).not.toContain("pon");
    expect(keys).not.toContain("tumor_sample_name");
  });

  it("puts unknown fields in Other, and never drops a known field of the other pipeline", () => {
    const groups = groupRequest(
      { job_type: "DNA_GERMLINE", input: [], priority: "high", pon: "x.vcf" },
      "germline",
    );
    expect(byId(groups).other?.fields).toEqual([
      { key: "priority", label: "priority", value: "high", kind: "value" },
    ]);
    expect(fieldValueOf(groups, "pon")).toBe("x.vcf");
  });

  it("keeps fields of unexpected types as they are", () => {
    const groups = groupRequest(
      { job_type: "DNA_SOMATIC", knownsites: "single.vcf", inputs: "s3a://odd", expect_time: "8h" },
      "somatic",
    );
    expect(fieldValueOf(groups, "knownsites")).toBe("single.vcf");
    expect(fieldValueOf(groups, "inputs")).toBe("s3a://odd");
    expect(fieldValueOf(groups, "expect_time")).toBe("8h");
  });

  it("shows inputs whole when an entry has more than it understands", () => {
    const inputs = [{ sample_type: "tumor", sample_inputs: [], lane: 3 }];
    expect(fieldValueOf(groupRequest({ inputs }, "somatic"), "inputs")).toEqual(inputs);
  });

  it("guesses the pipeline from the fields when job_type is missing", () => {
    expect(keysOf(groupRequest({ input: ["a"] }, "somatic"))).toContain("engine");
    expect(keysOf(groupRequest({ tumor_sample_name: "t" }, "germline"))).toContain("pon");
  });

  it("copes with a request that is not an object", () => {
    expect(groupRequest([1, 2], "somatic")).toEqual([
      {
        id: "other",
        title: "Other",
        fields: [{ key: "(request)", label: "Request", value: [1, 2], kind: "value" }],
      },
    ]);
  });
});

describe("argumentLines", () => {
  it("pairs flags with their values", () => {
    expect(argumentLines(["-PL", "illumina", "--verbose", "-SM", "SM1", "-MR", "2000000"])).toEqual(
      [["-PL", "illumina"], ["--verbose"], ["-SM", "SM1"], ["-MR", "2000000"]],
    );
  });

  it("keeps negative numbers as values and stray values on their own line", () => {
    expect(argumentLines(["--min", "-1", "loose", "x"])).toEqual([
      ["--min", "-1"],
      ["loose"],
      ["x"],
    ]);
  });
});
