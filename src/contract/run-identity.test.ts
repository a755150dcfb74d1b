import { describe, expect, it } from "vitest";
import { runKey, sampleNames } from "./run-identity";

const RAW = "s3a://onco-raw/run-20261127/ONC26-0412";

function somatic(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_type: "DNA_SOMATIC",
    inputs: [
      {
        sample_type: "tumor",
        sample_inputs: [
          `${RAW}/ONC26-0412_tumor_R1.fastq.gz`,
          `${RAW}/ONC26-0412_tumor_R2.fastq.gz`,
        ],
      },
      {
        sample_type: "normal",
        sample_inputs: [
          `${RAW}/ONC26-0412_normal_R1.fastq.gz`,
          `${RAW}/ONC26-0412_normal_R2.fastq.gz`,
        ],
      },
    ],
    tumor_sample_name: "ONC26-0412_tumor",
    normal_sample_name: "ONC26-0412_normal",
    file_type: "fastq",
    ref: "hg38",
    output: "s3a://onco-results/somatic/ONC26-0412/out.vcf",
    bwaspark_conf: ["--spark-conf", "spark.executor.memory=16g"],
    ...overrides,
  };
}

function germline(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_type: "DNA_GERMLINE",
    input: [
      "s3a://pop-raw/run-1/NA12878/NA12878_1.fq.gz",
      "s3a://pop-raw/run-1/NA12878/NA12878_2.fq.gz",
    ],
    output: "s3a://pop-vcf/NA12878.vcf",
    file_type: "FASTQ",
    ref: "hg38",
    knownsites: ["dbsnp_146.hg38.vcf"],
    ...overrides,
  };
}

describe("runKey", () => {
  it("is the same for a rerun that changed only a setting, the output or the credentials", () => {
    const first = runKey("DNA_SOMATIC", somatic());
    const rerun = runKey(
      "DNA_SOMATIC",
      somatic({
        bwaspark_conf: ["--spark-conf", "spark.executor.memory=32g"],
        output: "s3a://onco-results/somatic/ONC26-0412/rerun.vcf",
        expect_time: 12,
        access_encoded_key: "FAKE",
      }),
    );
    expect(first).not.toBeNull();
    expect(rerun).toBe(first);
  });

  it("differs for another tumor, another normal, another reference or another type", () => {
    const base = runKey("DNA_SOMATIC", somatic());
    expect(runKey("DNA_SOMATIC", somatic({ tumor_sample_name: "ONC26-0413_tumor" }))).not.toBe(
      base,
    );
    expect(runKey("DNA_SOMATIC", somatic({ normal_sample_name: "ONC26-0413_normal" }))).not.toBe(
      base,
    );
    expect(runKey("DNA_SOMATIC", somatic({ ref: "hg19" }))).not.toBe(base);
    expect(runKey("DNA_GERMLINE", somatic())).not.toBe(base);
  });

  it("does not mix up tumor and normal", () => {
    const swapped = somatic({
      tumor_sample_name: "ONC26-0412_normal",
      normal_sample_name: "ONC26-0412_tumor",
    });
    expect(runKey("DNA_SOMATIC", swapped)).not.toBe(runKey("DNA_SOMATIC", somatic()));
  });

  it("treats reference aliases of one build as one reference", () => {
    const hg38 = runKey("DNA_SOMATIC", somatic({ ref: "hg38" }));
    expect(runKey("DNA_SOMATIC", somatic({ ref: "GRCh38" }))).toBe(hg38);
    const hg19 = runKey("DNA_SOMATIC", somatic({ ref: "hg19" }));
    expect(runKey("DNA_SOMATIC", somatic({ ref: "GRCh37" }))).toBe(hg19);
    expect(runKey("DNA_SOMATIC", somatic({ ref: "b37" }))).toBe(hg19);
    expect(hg19).not.toBe(hg38);
  });

  it("uses a side's input files, in any order, when its sample name is missing", () => {
    const unnamed = (files: string[]) =>
      runKey(
        "DNA_SOMATIC",
        somatic({
          normal_sample_name: undefined,
          inputs: [
            { sample_type: "tumor", sample_inputs: ["t1.fq.gz", "t2.fq.gz"] },
            { sample_type: "normal", sample_inputs: files },
          ],
        }),
      );
    expect(unnamed(["n_R1.fq.gz", "n_R2.fq.gz"])).toBe(unnamed(["n_R2.fq.gz", "n_R1.fq.gz"]));
    expect(unnamed(["n_R1.fq.gz", "n_R2.fq.gz"])).not.toBe(unnamed(["m_R1.fq.gz", "m_R2.fq.gz"]));
  });

  it("does not care in which order the samples are listed in inputs", () => {
    const reordered = somatic();
    reordered.inputs = [...(reordered.inputs as unknown[])].reverse();
    expect(runKey("DNA_SOMATIC", reordered)).toBe(runKey("DNA_SOMATIC", somatic()));
  });

  it("names a germline run by its -SM sample, else by its input files in any order", () => {
    const byFiles = runKey("DNA_GERMLINE", germline());
    const reversed = germline();
    reversed.input = [...(reversed.input as string[])].reverse();
    expect(runKey("DNA_GERMLINE", reversed)).toBe(byFiles);
    // Another sequencing run of the same sample is another analysis...
    const newRun = germline({
      input: [
        "s3a://pop-raw/run-2/NA12878/NA12878_1.fq.gz",
        "s3a://pop-raw/run-2/NA12878/NA12878_2.fq.gz",
      ],
    });
    expect(runKey("DNA_GERMLINE", newRun)).not.toBe(byFiles);
    // ...unless the request names the sample.
    const named = (input: unknown) =>
      runKey(
        "DNA_GERMLINE",
        germline({ input, fastq_to_sam_conf: ["-PL", "illumina", "-SM", "NA12878"] }),
      );
    expect(named(newRun.input)).toBe(named(germline().input));
    // The documented default SM1 names no one.
    const defaultName = germline({ fastq_to_sam_conf: ["-SM", "SM1"] });
    expect(runKey("DNA_GERMLINE", defaultName)).toBe(byFiles);
  });

  it("takes the type from the request when the caller has none", () => {
    expect(runKey("", somatic())).toBe(runKey("DNA_SOMATIC", somatic()));
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["an array", [somatic()]],
    ["a string", '{"job_type":"DNA_SOMATIC"'],
    ["a number", 42],
    ["an empty object", {}],
    ["a somatic request naming no sample and no file", { job_type: "DNA_SOMATIC", ref: "hg38" }],
    ["a germline request with no input", { job_type: "DNA_GERMLINE", input: "  " }],
    ["an unknown type", { job_type: "RNA_SEQ", tumor_sample_name: "x" }],
  ])("is null for %s", (_name, request) => {
    expect(runKey("", request)).toBeNull();
  });

  it("reads only the request's own fields, never a __proto__ key's", () => {
    const parsed = JSON.parse(
      '{"job_type":"DNA_SOMATIC","__proto__":{"tumor_sample_name":"INJECTED","normal_sample_name":"X"}}',
    );
    expect(runKey("DNA_SOMATIC", parsed)).toBeNull();
    const inherited = Object.create({ tumor_sample_name: "INHERITED" });
    inherited.normal_sample_name = "N1";
    expect(runKey("DNA_SOMATIC", inherited)).toBe(
      runKey("DNA_SOMATIC", { normal_sample_name: "N1" }),
    );
    expect(
      runKey("DNA_SOMATIC", { tumor_sample_name: "__proto__", normal_sample_name: "constructor" }),
    ).toEqual(expect.any(String));
  });

  it("cannot be forged by a sample name containing a separator", () => {
    const a = runKey("DNA_SOMATIC", { tumor_sample_name: "A", normal_sample_name: "B|C" });
    const b = runKey("DNA_SOMATIC", { tumor_sample_name: "A|B", normal_sample_name: "C" });
    expect(a).not.toBe(b);
  });
});

describe("sampleNames", () => {
  it("gives a somatic job's tumor and normal names", () => {
    expect(sampleNames("DNA_SOMATIC", somatic())).toEqual([
      "ONC26-0412_tumor",
      "ONC26-0412_normal",
    ]);
  });

  it("falls back on the file names of a side without a name", () => {
    expect(sampleNames("DNA_SOMATIC", somatic({ normal_sample_name: null }))).toEqual([
      "ONC26-0412_tumor",
      "ONC26-0412_normal",
    ]);
  });

  it("gives a germline job's -SM sample, else its files' stems", () => {
    expect(sampleNames("DNA_GERMLINE", germline())).toEqual(["NA12878"]);
    expect(
      sampleNames(
        "DNA_GERMLINE",
        germline({ fastq_to_sam_conf: ["-PL", "illumina", "-SM", "HG002"] }),
      ),
    ).toEqual(["HG002"]);
    expect(
      sampleNames(
        "DNA_GERMLINE",
        germline({
          input: ["s3a://b/P7_S3_L001_R1_001.fastq.gz", "s3a://b/P7_S3_L001_R2_001.fastq.gz"],
        }),
      ),
    ).toEqual(["P7"]);
    expect(sampleNames("DNA_GERMLINE", germline({ input: ["s3a://b/case-2.sorted.bam"] }))).toEqual(
      ["case-2"],
    );
  });

  it("is empty for requests that are not objects", () => {
    for (const request of [null, "text", [1, 2], 7, undefined]) {
      expect(sampleNames("DNA_SOMATIC", request)).toEqual([]);
    }
  });
});
