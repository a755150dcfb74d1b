import { describe, expect, it } from "vitest";
import {
  type CheckedJob,
  checkRequest,
  DUPLICATE_WINDOW_MS,
  type Finding,
  prepareChecks,
  RULE_IDS,
  type RuleId,
} from "./request-checks";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 27, 2, 0, 0);
const RAW = "s3a://onco-raw/run-20261127";

function reads(sample: string): string[] {
  return [`${RAW}/${sample}_R1.fastq.gz`, `${RAW}/${sample}_R2.fastq.gz`];
}

/** A clean somatic request: no rule fires on it. */
function somatic(patient = "ONC26-0412", overrides: Record<string, unknown> = {}) {
  return {
    job_type: "DNA_SOMATIC",
    inputs: [
      { sample_type: "tumor", sample_inputs: reads(`${patient}_tumor`) },
      { sample_type: "normal", sample_inputs: reads(`${patient}_normal`) },
    ],
    tumor_sample_name: `${patient}_tumor`,
    normal_sample_name: `${patient}_normal`,
    file_type: "fastq",
    ref: "hg38",
    output: `s3a://onco-results/somatic/${patient}/${patient}.somatic.vcf`,
    knownsites: ["dbsnp_146.hg38.vcf", "mills_and_1000g_gold_standard.indels.hg38.vcf"],
    intervals: ["wgs_calling_regions.hg38.interval_list"],
    pon: "somatic-hg38-1000g_pon.hg38.vcf.gz",
    germline_resource: "somatic-hg38faf-only-gnomad.hg38.vcf.gz",
    mutect_calls_variant: "small_exac_common_3.hg38.vcf.gz",
    mutect_is_export_bam: false,
    mutect_bam_output: null,
    ...overrides,
  };
}

/** A clean germline request. */
function germline(sample = "NA12878", overrides: Record<string, unknown> = {}) {
  const base = `s3a://pop-raw/run-20261127/${sample}`;
  return {
    job_type: "DNA_GERMLINE",
    input: [`${base}/${sample}_1.fq.gz`, `${base}/${sample}_2.fq.gz`],
    output: `s3a://pop-vcf/germline/${sample}/${sample}.vcf`,
    file_type: "FASTQ",
    ref: "hg38",
    knownsites: ["dbsnp_146.hg38.vcf"],
    ...overrides,
  };
}

let next = 0;
function job(request: unknown, more: Partial<CheckedJob> = {}): CheckedJob {
  next += 1;
  const type =
    request && typeof request === "object" && "job_type" in request
      ? String((request as { job_type: unknown }).job_type)
      : "DNA_SOMATIC";
  return {
    jobId: `job-${String(next).padStart(4, "0")}`,
    jobType: type,
    status: "FINISHED",
    startTime: T0,
    request,
    ...more,
  };
}

const rules = (findings: Finding[]) => findings.map((f) => f.rule);
const only = (findings: Finding[], rule: RuleId) => findings.find((f) => f.rule === rule);

describe("checkRequest on clean requests", () => {
  it("finds nothing wrong with a clean somatic or germline request", () => {
    expect(checkRequest(job(somatic()), [])).toEqual([]);
    expect(checkRequest(job(germline()), [])).toEqual([]);
  });

  it("finds nothing in the documented examples (file names without sample names)", () => {
    const documented = {
      job_type: "DNA_SOMATIC",
      inputs: [
        {
          sample_type: "tumor",
          sample_inputs: [
            "s3a://genes/somatic/tumor_1.fastq.gz",
            "s3a://genes/somatic/tumor_2.fastq.gz",
          ],
        },
        {
          sample_type: "normal",
          sample_inputs: [
            "s3a://genes/somatic/normal_1.fastq.gz",
            "s3a://genes/somatic/normal_2.fastq.gz",
          ],
        },
      ],
      file_type: "fastq",
      output: "s3a://genes/somatic/out.vcf",
      ref: "hg38",
      tumor_sample_name: "HCC1143_tumor",
      normal_sample_name: "HCC1143_normal",
      knownsites: ["1000g_omni2.5.hg38.vcf"],
      intervals: ["s3a://genes/somatic/wgs_calling_regions.hg38.interval_list"],
      pon: "s3a://genes/somatic/somatic-hg38-1000g_pon.hg38.vcf.gz",
      germline_resource: "s3a://genes/somatic/somatic-hg38faf-only-gnomad.hg38.vcf.gz",
      mutect_calls_variant: "s3a://genes/somatic/small_exac_common_3.hg38.vcf.gz",
    };
    const documentedGermline = {
      job_type: "DNA_GERMLINE",
      input: ["s3a://bucket/path/a_1.fastq.gz", "s3a://bucket/path/a_2.fastq.gz"],
      output: "s3a://bucket/dir/out.vcf",
      file_type: "FASTQ",
      ref: "hg38",
      knownsites: ["1000g_omni2.5.hg38.vcf"],
      fastq_to_sam_conf: ["-PL", "illumina", "-SM", "SM1", "-MR", "2000000"],
    };
    expect(checkRequest(job(documented), [])).toEqual([]);
    expect(checkRequest(job(documentedGermline), [])).toEqual([]);
  });

  it("exports every rule id once", () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect(RULE_IDS).toContain("duplicate-run");
  });
});

describe("requests that are not objects", () => {
  it.each([
    ["undefined (missing)", undefined],
    ["null", null],
    ["a string (invalid JSON kept as text)", '{"job_type":"DNA_SOMATIC","inputs":['],
    ["an array", [somatic()]],
    ["a number", 3],
    ["a boolean", true],
  ])("gives no findings for %s and never throws", (_name, request) => {
    const others = [job(somatic()), job(undefined), job("not json", { status: "RUNNING" })];
    expect(checkRequest(job(request), others)).toEqual([]);
  });

  it("survives others whose requests are broken", () => {
    const others = [
      null,
      "text",
      [1],
      4,
      { inputs: "nope" },
      { inputs: [null, 7, { sample_type: 3 }] },
    ].map((request) => job(request, { status: "RUNNING" }));
    expect(checkRequest(job(somatic()), others)).toEqual([]);
  });

  it("reads fields of the wrong type as missing rather than throwing", () => {
    const odd = somatic("ONC26-0412", {
      inputs: [
        { sample_type: "tumor", sample_inputs: "single.fastq.gz" },
        { sample_type: ["normal"] },
      ],
      knownsites: "dbsnp_146.hg38.vcf",
      ref: 38,
      output: { path: "x" },
    });
    expect(rules(checkRequest(job(odd), []))).toEqual(["missing-normal", "unpaired-fastq"]);
  });

  it("ignores __proto__ keys: their contents are not the request's fields", () => {
    const parsed = JSON.parse(
      JSON.stringify({ ...somatic(), tumor_sample_name: "ONC26-0412_tumor" }).replace(
        '"tumor_sample_name"',
        '"__proto__":{"normal_sample_name":"ONC26-0412_tumor","ref":"hg19"},"tumor_sample_name"',
      ),
    );
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
    expect(checkRequest(job(parsed), [])).toEqual([]);
    const proto = JSON.parse('{"job_type":"DNA_SOMATIC","__proto__":{"normal_sample_name":"N"}}');
    expect(only(checkRequest(job(proto), []), "missing-normal")?.fields).toEqual([
      "normal_sample_name",
      "inputs",
    ]);
  });

  it("takes sample names called __proto__ or constructor as plain names", () => {
    const odd = somatic("ONC26-0412", {
      tumor_sample_name: "__proto__",
      normal_sample_name: "constructor",
    });
    expect(() =>
      checkRequest(job(odd), [job(odd, { status: "RUNNING", startTime: T0 - HOUR })]),
    ).not.toThrow();
  });
});

describe("missing-normal", () => {
  it("fires without a normal sample name, or without normal inputs", () => {
    const noName = somatic("P1", { normal_sample_name: "" });
    expect(only(checkRequest(job(noName), []), "missing-normal")?.fields).toEqual([
      "normal_sample_name",
    ]);
    const noReads = somatic("P1", {
      inputs: [{ sample_type: "tumor", sample_inputs: reads("P1_tumor") }],
    });
    expect(only(checkRequest(job(noReads), []), "missing-normal")?.fields).toEqual(["inputs"]);
  });

  it("does not fire on a tumor/normal pair, nor on germline jobs", () => {
    expect(only(checkRequest(job(somatic()), []), "missing-normal")).toBeUndefined();
    expect(only(checkRequest(job(germline()), []), "missing-normal")).toBeUndefined();
  });
});

describe("tumor-is-normal", () => {
  it("fires when tumor and normal have the same name, in any case", () => {
    const same = somatic("HCC1954", { normal_sample_name: "hcc1954_TUMOR" });
    expect(only(checkRequest(job(same), []), "tumor-is-normal")?.fields).toEqual([
      "tumor_sample_name",
      "normal_sample_name",
    ]);
  });

  it("does not fire for different names", () => {
    expect(only(checkRequest(job(somatic("HCC1954")), []), "tumor-is-normal")).toBeUndefined();
  });
});

describe("repeated-input", () => {
  it("fires for the same file twice under one sample", () => {
    const twice = germline("NA12878", {
      input: ["s3a://b/NA12878_1.fq.gz", "s3a://b/NA12878_1.fq.gz"],
    });
    expect(only(checkRequest(job(twice), []), "repeated-input")?.fields).toEqual([
      "input[0]",
      "input[1]",
    ]);
    const tumorTwice = somatic("P2", {
      inputs: [
        { sample_type: "tumor", sample_inputs: [reads("P2_tumor")[0], reads("P2_tumor")[0]] },
        { sample_type: "normal", sample_inputs: reads("P2_normal") },
      ],
    });
    expect(only(checkRequest(job(tumorTwice), []), "repeated-input")?.fields).toEqual([
      "inputs[0].sample_inputs[0]",
      "inputs[0].sample_inputs[1]",
    ]);
  });

  it("does not fire for distinct files", () => {
    expect(only(checkRequest(job(germline()), []), "repeated-input")).toBeUndefined();
    expect(only(checkRequest(job(somatic()), []), "repeated-input")).toBeUndefined();
  });
});

describe("input-in-tumor-and-normal", () => {
  it("fires for a file listed under both samples", () => {
    const shared = somatic("P3", {
      inputs: [
        { sample_type: "tumor", sample_inputs: reads("P3_tumor") },
        { sample_type: "normal", sample_inputs: reads("P3_tumor") },
      ],
    });
    const finding = only(checkRequest(job(shared), []), "input-in-tumor-and-normal");
    expect(finding?.fields).toEqual([
      "inputs[0].sample_inputs[0]",
      "inputs[0].sample_inputs[1]",
      "inputs[1].sample_inputs[0]",
      "inputs[1].sample_inputs[1]",
    ]);
  });

  it("does not fire when tumor and normal have their own files", () => {
    expect(only(checkRequest(job(somatic()), []), "input-in-tumor-and-normal")).toBeUndefined();
  });
});

describe("unpaired-fastq", () => {
  it("fires for an odd number of FASTQ files", () => {
    const three = germline("P4", {
      input: ["s3a://b/P4_1.fq.gz", "s3a://b/P4_2.fq.gz", "s3a://b/P4_extra.fq.gz"],
    });
    expect(only(checkRequest(job(three), []), "unpaired-fastq")?.fields).toEqual([
      "input[0]",
      "input[1]",
      "input[2]",
    ]);
  });

  it("fires for an R1 without its R2, even when the count is even", () => {
    const lanes = germline("P5", {
      input: ["s3a://b/P5_S1_L001_R1_001.fastq.gz", "s3a://b/P5_S1_L002_R1_001.fastq.gz"],
    });
    expect(only(checkRequest(job(lanes), []), "unpaired-fastq")?.fields).toEqual([
      "input[0]",
      "input[1]",
    ]);
    const tumorR1Only = somatic("P6", {
      inputs: [
        { sample_type: "tumor", sample_inputs: [reads("P6_tumor")[0], `${RAW}/P6_tumor_R1.fq`] },
        { sample_type: "normal", sample_inputs: reads("P6_normal") },
      ],
    });
    expect(only(checkRequest(job(tumorR1Only), []), "unpaired-fastq")?.fields).toEqual([
      "inputs[0].sample_inputs[0]",
      "inputs[0].sample_inputs[1]",
    ]);
  });

  it("does not fire for pairs, two lanes of pairs, or one BAM", () => {
    expect(only(checkRequest(job(germline()), []), "unpaired-fastq")).toBeUndefined();
    const lanes = germline("P7", {
      input: [
        "s3a://b/P7_S3_L001_R1_001.fastq.gz",
        "s3a://b/P7_S3_L002_R2_001.fastq.gz",
        "s3a://b/P7_S3_L001_R2_001.fastq.gz",
        "s3a://b/P7_S3_L002_R1_001.fastq.gz",
      ],
    });
    expect(only(checkRequest(job(lanes), []), "unpaired-fastq")).toBeUndefined();
    const bam = germline("P8", { file_type: "BAM", input: ["s3a://b/P8.sorted.bam"] });
    expect(only(checkRequest(job(bam), []), "unpaired-fastq")).toBeUndefined();
  });
});

describe("input-of-other-sample", () => {
  it("fires for a tumor file that carries the normal's name", () => {
    const swapped = somatic("ONC26-0412", {
      inputs: [
        { sample_type: "tumor", sample_inputs: reads("ONC26-0412_normal") },
        { sample_type: "normal", sample_inputs: reads("ONC26-0412_normal") },
      ],
    });
    const finding = only(checkRequest(job(swapped), []), "input-of-other-sample");
    expect(finding?.fields).toEqual([
      "inputs[0].sample_inputs[0]",
      "tumor_sample_name",
      "inputs[0].sample_inputs[1]",
    ]);
  });

  it("fires for files named after another job's sample", () => {
    const otherPatient = somatic("ONC26-0952", {
      inputs: [
        { sample_type: "tumor", sample_inputs: reads("ONC26-0952_tumor") },
        { sample_type: "normal", sample_inputs: reads("ONC26-0933_normal") },
      ],
    });
    const others = [job(somatic("ONC26-0933"), { startTime: T0 - 48 * HOUR })];
    expect(only(checkRequest(job(otherPatient), others), "input-of-other-sample")?.fields).toEqual([
      "inputs[1].sample_inputs[0]",
      "normal_sample_name",
      "inputs[1].sample_inputs[1]",
    ]);
    // Without knowing that name, the file name alone proves nothing.
    expect(only(checkRequest(job(otherPatient), []), "input-of-other-sample")).toBeUndefined();
  });

  it("fires for a germline pair of two samples, or files unlike the -SM name", () => {
    const mixed = germline("NA12878", {
      input: ["s3a://b/NA12878_1.fq.gz", "s3a://b/NA24385_2.fq.gz"],
    });
    expect(only(checkRequest(job(mixed), []), "input-of-other-sample")?.fields).toEqual([
      "input[1]",
      "input[0]",
    ]);
    const wrongSm = germline("NA12878", {
      fastq_to_sam_conf: ["-PL", "illumina", "-SM", "NA24385"],
    });
    expect(
      only(checkRequest(job(wrongSm), [job(germline("NA24385"))]), "input-of-other-sample")?.fields,
    ).toEqual(["input[0]", "fastq_to_sam_conf", "input[1]"]);
  });

  it("does not fire for a sample's own files, generic words or the patient id alone", () => {
    const others = [job(germline("ONC26-0412")), job(somatic("ONC26-0413"))];
    expect(only(checkRequest(job(somatic()), others), "input-of-other-sample")).toBeUndefined();
    const patientOnly = somatic("ONC26-0412", {
      inputs: [
        { sample_type: "tumor", sample_inputs: reads("ONC26-0412_T") },
        { sample_type: "normal", sample_inputs: reads("ONC26-0412_N") },
      ],
    });
    expect(only(checkRequest(job(patientOnly), others), "input-of-other-sample")).toBeUndefined();
    const genericOthers = [job(germline("reads")), job(somatic("tumor"))];
    const generic = somatic("HCC1143", {
      inputs: [
        {
          sample_type: "tumor",
          sample_inputs: ["s3a://g/tumor_1.fastq.gz", "s3a://g/tumor_2.fastq.gz"],
        },
        {
          sample_type: "normal",
          sample_inputs: ["s3a://g/reads_1.fastq.gz", "s3a://g/reads_2.fastq.gz"],
        },
      ],
    });
    expect(
      only(checkRequest(job(generic), genericOthers), "input-of-other-sample"),
    ).toBeUndefined();
    expect(only(checkRequest(job(germline()), others), "input-of-other-sample")).toBeUndefined();
  });
});

describe("reference-mismatch", () => {
  it("fires for an hg19 job with hg38 known sites, PON or germline resource", () => {
    const mixed = somatic("P9", {
      ref: "hg19",
      knownsites: ["dbsnp_138.hg19.vcf", "dbsnp_146.hg38.vcf"],
      intervals: ["s3a://ref/hg19/wgs_calling_regions.hg19.interval_list"],
      pon: "s3a://ref/hg19/Mutect2-WGS-panel-hg19.vcf.gz",
      germline_resource: "somatic-hg38faf-only-gnomad.hg38.vcf.gz",
      mutect_calls_variant: "s3a://ref/hg19/small_exac_common_3_hg19.SNPs.vcf.gz",
    });
    expect(only(checkRequest(job(mixed), []), "reference-mismatch")?.fields).toEqual([
      "ref",
      "knownsites[1]",
      "germline_resource",
    ]);
  });

  it("fires the other way round, and knows the GRCh/b37 aliases", () => {
    const reverse = somatic("P10", { knownsites: ["Homo_sapiens_assembly19.dbsnp138.vcf"] });
    expect(only(checkRequest(job(reverse), []), "reference-mismatch")?.fields).toEqual([
      "ref",
      "knownsites[0]",
    ]);
    const grch37 = germline("P11", {
      ref: "GRCh37",
      knownsites: ["homo_sapiens_assembly38.known_indels.vcf"],
    });
    expect(only(checkRequest(job(grch37), []), "reference-mismatch")?.fields).toEqual([
      "ref",
      "knownsites[0]",
    ]);
    const b37 = germline("P12", { ref: "b37", knownsites: ["s3a://ref/hg38/dbsnp.vcf.gz"] });
    expect(only(checkRequest(job(b37), []), "reference-mismatch")?.fields).toEqual([
      "ref",
      "knownsites[0]",
    ]);
  });

  it("does not fire for matching builds, aliases of one build, or names that do not say", () => {
    expect(only(checkRequest(job(somatic()), []), "reference-mismatch")).toBeUndefined();
    const alias = germline("P13", {
      ref: "GRCh38",
      knownsites: ["Homo_sapiens_assembly38.dbsnp138.vcf"],
    });
    expect(only(checkRequest(job(alias), []), "reference-mismatch")).toBeUndefined();
    const silent = germline("P14", { ref: "hg19", knownsites: ["s3a://ref/custom/sites.vcf.gz"] });
    expect(only(checkRequest(job(silent), []), "reference-mismatch")).toBeUndefined();
    const unknownRef = germline("P15", { ref: "mm10", knownsites: ["dbsnp_146.hg38.vcf"] });
    expect(only(checkRequest(job(unknownRef), []), "reference-mismatch")).toBeUndefined();
  });
});

describe("shared-output", () => {
  const output = "s3a://onco-results/somatic/P16/P16.somatic.vcf";

  it("fires when an active job writes the same output path as another active job", () => {
    const writer = job(somatic("P17", { output: `${output}` }), {
      status: "RUNNING",
      jobId: "writer",
    });
    const mine = job(somatic("P16", { output }), { status: "LAUNCHING" });
    const finding = only(checkRequest(mine, [writer]), "shared-output");
    expect(finding).toEqual({
      rule: "shared-output",
      fields: ["output"],
      relatedJobIds: ["writer"],
    });
    // A trailing slash does not make a directory another place.
    const dirWriter = job(somatic("P17", { output: "s3a://r/dir/" }), { status: "LAUNCHING" });
    expect(
      only(
        checkRequest(job(somatic("P16", { output: "s3a://r/dir" }), { status: "RUNNING" }), [
          dirWriter,
        ]),
        "shared-output",
      ),
    ).toBeDefined();
  });

  it("does not flag an ended job whose output a later active job writes again", () => {
    const rerun = job(somatic("P16", { output }), { status: "LAUNCHING", jobId: "rerun" });
    const earlier = job(somatic("P16", { output }), { status: "FAILED" });
    expect(only(checkRequest(earlier, [rerun, earlier]), "shared-output")).toBeUndefined();
    expect(only(checkRequest(rerun, [rerun, earlier]), "shared-output")).toBeUndefined();
  });

  it("does not fire for an ended job's output, another path, or the job itself", () => {
    const ended = job(somatic("P17", { output }), { status: "FINISHED" });
    const elsewhere = job(somatic("P17"), { status: "RUNNING" });
    const mine = job(somatic("P16", { output }), { status: "RUNNING" });
    expect(only(checkRequest(mine, [ended, elsewhere, mine]), "shared-output")).toBeUndefined();
  });
});

describe("duplicate-run", () => {
  it("fires when the same samples and reference run again while a run is active", () => {
    const first = job(somatic(), { status: "RUNNING", startTime: T0 - HOUR, jobId: "first" });
    const again = job(somatic("ONC26-0412", { output: "s3a://elsewhere/x.vcf" }), {
      status: "LAUNCHING",
    });
    expect(only(checkRequest(again, [first, again]), "duplicate-run")).toEqual({
      rule: "duplicate-run",
      fields: ["tumor_sample_name", "normal_sample_name", "ref"],
      relatedJobIds: ["first"],
    });
    // The earlier run is the original, not a duplicate of the later one.
    expect(only(checkRequest(first, [first, again]), "duplicate-run")).toBeUndefined();
  });

  it("fires within a day of a finished run, counted from its end when the duration is known", () => {
    const finished = job(germline(), {
      startTime: T0 - 30 * HOUR,
      durationSeconds: 8 * 3600,
      jobId: "done",
    });
    const again = job(germline(), { startTime: T0 });
    expect(only(checkRequest(again, [finished]), "duplicate-run")?.relatedJobIds).toEqual(["done"]);
    expect(only(checkRequest(again, [finished]), "duplicate-run")?.fields).toEqual([
      "input",
      "ref",
    ]);
    const startOnly = job(germline(), { startTime: T0 - DUPLICATE_WINDOW_MS, jobId: "edge" });
    expect(only(checkRequest(again, [startOnly]), "duplicate-run")?.relatedJobIds).toEqual([
      "edge",
    ]);
  });

  it("does not fire after a day, after a failed or cancelled run, or for other samples or references", () => {
    const old = job(germline(), { startTime: T0 - 30 * HOUR, durationSeconds: 3600 });
    const failed = job(germline(), { status: "FAILED", startTime: T0 - HOUR });
    const cancelled = job(germline(), { status: "CANCELLED", startTime: T0 - HOUR });
    const otherSample = job(germline("NA24385"), { status: "RUNNING", startTime: T0 - HOUR });
    const otherRef = job(germline("NA12878", { ref: "hg19", knownsites: ["dbsnp_138.hg19.vcf"] }), {
      status: "RUNNING",
      startTime: T0 - HOUR,
    });
    const again = job(germline(), { startTime: T0 });
    expect(
      only(checkRequest(again, [old, failed, cancelled, otherSample, otherRef]), "duplicate-run"),
    ).toBeUndefined();
  });

  it("links runs whatever order their input files are listed in", () => {
    const first = job(germline(), { status: "RUNNING", startTime: T0 - HOUR, jobId: "first" });
    const reversed = germline();
    reversed.input = [...reversed.input].reverse();
    expect(only(checkRequest(job(reversed), [first]), "duplicate-run")?.relatedJobIds).toEqual([
      "first",
    ]);
  });

  it("names the newest related runs first, and at most ten", () => {
    const earlier = Array.from({ length: 14 }, (_, i) =>
      job(somatic(), {
        status: "RUNNING",
        startTime: T0 - (i + 1) * 60_000,
        jobId: `run-${String(i).padStart(2, "0")}`,
      }),
    );
    const related = only(checkRequest(job(somatic()), earlier), "duplicate-run")?.relatedJobIds;
    expect(related).toHaveLength(10);
    expect(related?.[0]).toBe("run-00");
  });
});

describe("prepareChecks", () => {
  it("gives the same findings as checkRequest, and checks each job against the others", () => {
    const jobs = [
      job(somatic(), { status: "RUNNING", startTime: T0 - HOUR }),
      job(somatic(), { status: "RUNNING", startTime: T0 }),
      job(somatic("P20", { normal_sample_name: "P20_tumor" })),
      job("broken"),
    ];
    const check = prepareChecks(jobs);
    for (const j of jobs) expect(check(j)).toEqual(checkRequest(j, jobs));
    expect(jobs.map((j) => rules(check(j)))).toEqual([
      ["shared-output"],
      ["shared-output", "duplicate-run"],
      ["tumor-is-normal"],
      [],
    ]);
  });

  it("checks 20,000 jobs quickly", () => {
    const jobs = Array.from({ length: 20_000 }, (_, i) => {
      const patient = `ONC26-${String(i % 4000).padStart(4, "0")}`;
      return job(
        i % 3 ? somatic(patient) : germline(`CHNPOP-${String(i % 5000).padStart(5, "0")}`),
        {
          status: i % 50 === 0 ? "RUNNING" : "FINISHED",
          startTime: T0 - i * 60_000,
          durationSeconds: 3600,
        },
      );
    });
    const started = performance.now();
    const check = prepareChecks(jobs);
    const flagged = jobs.filter((j) => check(j).length > 0).length;
    const ms = performance.now() - started;
    expect(flagged).toBeGreaterThan(0);
    // 0.4–0.5 s on this shared two-core machine, 2 s under a load of 7. Comparing every job with
    // every other (the mistake this guards against) would take minutes.
    expect(ms).toBeLessThan(10_000);
  });
});
