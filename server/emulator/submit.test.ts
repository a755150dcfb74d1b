import { describe, expect, it } from "vitest";
import { JobStore } from "./store.ts";
import {
  DEFAULT_SUBMIT_OWNER,
  SUBMITTED_LAUNCH_SEC,
  SUBMITTED_RUN_SEC,
  submitJob,
  validateSubmit,
} from "./submit.ts";

const T0 = Date.parse("2026-11-28T10:00:00Z");
const SEC = 1000;
const RAW = "s3a://onco-raw/run-20261128/ONC26-0412";

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
    output: "s3a://onco-results/somatic/ONC26-0412/ONC26-0412.somatic.vcf",
    knownsites: ["dbsnp_146.hg38.vcf"],
    bwaspark_conf: ["--spark-conf", "spark.executor.memory=32g"],
    expect_time: 8,
    access_encoded_key: "FAKE-AK-must-not-leak",
    secret_encoded_key: "FAKE-SK-must-not-leak",
    ...overrides,
  };
}

function germline(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_type: "DNA_GERMLINE",
    input: ["s3a://pop-raw/run-1/NA12878_1.fq.gz", "s3a://pop-raw/run-1/NA12878_2.fq.gz"],
    output: "s3a://pop-vcf/germline/NA12878/NA12878.vcf",
    file_type: "FASTQ",
    ref: "hg38",
    knownsites: ["dbsnp_146.hg38.vcf"],
    ...overrides,
  };
}

/** An empty project "p" and a clock the test moves. */
function emulator() {
  const clock = { now: T0 };
  const store = new JobStore(new Map([["p", []]]), () => clock.now);
  const submit = (body: unknown, options = {}) => submitJob(store, "p", body, options);
  const listed = () => store.list("p", { limit: 100, offset: 0 })?.jobs ?? [];
  const job = (id: unknown) => listed().find((j) => j.job_id === id);
  return { clock, store, submit, listed, job };
}

describe("submitJob accepts a documented request", () => {
  it("answers 201 with the new job id, which the list shows at once", () => {
    const { submit, job, store } = emulator();
    const answer = submit(somatic(), { owner: "zhang.wei" });
    expect(answer.status).toBe(201);
    const id = answer.body.job_id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(job(id)).toMatchObject({
      owner: "zhang.wei",
      status: "LAUNCHING",
      progress: "0/7",
      start_time: T0,
      duration: 0,
      message: null,
    });
    expect(store.list("p", { type: "DNA_SOMATIC", limit: 1, offset: 0 })?.jobs[0]?.job_id).toBe(id);
    expect(store.list("p", { type: "DNA_GERMLINE", limit: 1, offset: 0 })?.job_count).toBe(0);
  });

  it("keeps the request text as submitted, byte for byte, credentials included", () => {
    const { submit, job } = emulator();
    const text = `{ "job_type": "DNA_GERMLINE",\n  ${JSON.stringify(germline()).slice(1)}`;
    const answer = submit(text);
    expect(answer.status).toBe(201);
    expect(job(answer.body.job_id)?.request).toBe(text);
    const decoded = submit(somatic());
    expect(JSON.parse(String(job(decoded.body.job_id)?.request))).toEqual(somatic());
  });

  it("names a default owner, and takes a given job id", () => {
    const { submit, job } = emulator();
    const id = "0a0b0c0d-0000-4000-8000-000000000001";
    expect(submit(germline(), { jobId: id })).toEqual({ status: 201, body: { job_id: id } });
    expect(job(id)?.owner).toBe(DEFAULT_SUBMIT_OWNER);
    expect(submit(germline(), { jobId: id }).status).toBe(400);
  });

  it("runs LAUNCHING → RUNNING → FINISHED over a few minutes of emulator time", () => {
    const { submit, job, clock } = emulator();
    const id = submit(somatic()).body.job_id;
    clock.now = T0 + (SUBMITTED_LAUNCH_SEC - 1) * SEC;
    expect(job(id)?.status).toBe("LAUNCHING");
    clock.now = T0 + (SUBMITTED_LAUNCH_SEC + 1) * SEC;
    expect(job(id)).toMatchObject({ status: "RUNNING", progress: "1/7" });
    const end = SUBMITTED_LAUNCH_SEC + SUBMITTED_RUN_SEC.DNA_SOMATIC;
    clock.now = T0 + (end - 1) * SEC;
    expect(job(id)).toMatchObject({ status: "RUNNING", progress: "6/7" });
    clock.now = T0 + end * SEC;
    expect(job(id)).toMatchObject({
      status: "FINISHED",
      progress: "7/7",
      duration: end,
      message: null,
    });
    expect(end).toBeLessThanOrEqual(10 * 60);
  });

  it("runs a germline FASTQ job in three steps and a BAM job in one", () => {
    const { submit, job, clock } = emulator();
    const fastq = submit(germline()).body.job_id;
    const bam = submit(
      germline({
        file_type: "BAM",
        input: ["s3a://pop-raw/run-1/NA24385.sorted.bam"],
        output: "s3a://pop-vcf/NA24385.vcf",
      }),
    ).body.job_id;
    expect(job(fastq)?.progress).toBe("0/3");
    expect(job(bam)?.progress).toBe("0/1");
    clock.now = T0 + 3600 * SEC;
    expect(job(fastq)).toMatchObject({ status: "FINISHED", progress: "3/3" });
    expect(job(bam)).toMatchObject({ status: "FINISHED", progress: "1/1" });
  });

  it("can be cancelled like any running job", () => {
    const { submit, store, clock } = emulator();
    const id = String(submit(somatic()).body.job_id);
    clock.now = T0 + 60 * SEC;
    expect(store.cancel("p", id)).toEqual({ ok: true });
    clock.now = T0 + 3600 * SEC;
    expect(store.status("p", id)).toBe("CANCELLED");
  });
});

describe("submitJob fails flagged requests the way the tools would", () => {
  it("fails a tumor-only request in Mutect2's step, with Mutect2's message", () => {
    const { submit, job, clock } = emulator();
    const tumorOnly = somatic();
    tumorOnly.inputs = (tumorOnly.inputs as unknown[]).slice(0, 1);
    const id = submit(tumorOnly).body.job_id;
    clock.now = T0 + (SUBMITTED_LAUNCH_SEC + 60) * SEC;
    expect(job(id)?.status).toBe("RUNNING");
    clock.now = T0 + 3600 * SEC;
    expect(job(id)).toMatchObject({ status: "FAILED", progress: "4/7" });
    expect(String(job(id)?.message)).toContain("Sample ONC26-0412_normal is not in BAM header");
  });

  it.each([
    [
      "tumor and normal of one name",
      somatic({ normal_sample_name: "ONC26-0412_tumor" }),
      "4/7",
      "Tumor and normal sample names must differ",
    ],
    [
      "an R1 twice",
      germline({ input: ["s3a://b/NA12878_1.fq.gz", "s3a://b/NA12878_1.fq.gz"] }),
      "1/3",
      "Input paired fastq files must be the same length",
    ],
    [
      "hg38 known sites on hg19",
      somatic({
        ref: "hg19",
        knownsites: ["dbsnp_146.hg38.vcf"],
        intervals: ["s3a://ref/hg19/wgs_calling_regions.hg19.interval_list"],
        pon: "s3a://ref/hg19/Mutect2-WGS-panel-hg19.vcf.gz",
        germline_resource: "s3a://ref/hg19/af-only-gnomad.raw.sites.hg19.vcf.gz",
        mutect_calls_variant: "s3a://ref/hg19/small_exac_common_3_hg19.SNPs.vcf.gz",
      }),
      "3/7",
      "features file is: dbsnp_146.hg38.vcf",
    ],
  ])("fails %s", (_name, request, progress, text) => {
    const { submit, job, clock } = emulator();
    const id = submit(request).body.job_id;
    clock.now = T0 + 3600 * SEC;
    expect(job(id)).toMatchObject({ status: "FAILED", progress });
    expect(String(job(id)?.message)).toContain(text);
  });

  it("fails the same request submitted again while the first runs: its output is taken", () => {
    const { submit, job, clock } = emulator();
    const first = submit(somatic()).body.job_id;
    clock.now = T0 + 60 * SEC;
    const again = submit(somatic()).body.job_id;
    clock.now = T0 + 3600 * SEC;
    expect(job(first)?.status).toBe("FINISHED");
    expect(job(again)).toMatchObject({ status: "FAILED", progress: "7/7" });
    expect(String(job(again)?.message)).toContain(`already exists (written by job ${first})`);
  });

  it("finishes a rerun with a changed setting after a failed run", () => {
    const { submit, job, clock } = emulator();
    const failed = submit(somatic({ normal_sample_name: "ONC26-0412_tumor" })).body.job_id;
    clock.now = T0 + 3600 * SEC;
    expect(job(failed)?.status).toBe("FAILED");
    const rerun = submit(somatic({ bwaspark_conf: ["--spark-conf", "spark.executor.memory=48g"] }))
      .body.job_id;
    clock.now = T0 + 7200 * SEC;
    expect(job(rerun)?.status).toBe("FINISHED");
  });
});

describe("submitJob refuses bad input with DLI's error", () => {
  const refused = (body: unknown) => {
    const answer = emulator().submit(body);
    expect(answer.status).toBe(400);
    expect(answer.body.error_code).toBe("DLI.0001");
    return String(answer.body.error_msg);
  };

  it.each([
    ["invalid JSON text", '{"job_type":"DNA_SOMATIC",', "not valid JSON"],
    ["an array", [somatic()], "must be a JSON object"],
    ["null", null, "must be a JSON object"],
    ["no job_type", somatic({ job_type: undefined }), "job_type"],
    ["an unknown job_type", somatic({ job_type: "RNA_SEQ" }), "job_type"],
    ["no output", somatic({ output: undefined }), "output"],
    [
      "an output that is not an OBS path",
      somatic({ output: "/tmp/out.vcf" }),
      "output must be an OBS path",
    ],
    ["no file_type", somatic({ file_type: undefined }), "file_type"],
    ["a file_type other than FASTQ or BAM", somatic({ file_type: "cram" }), "file_type"],
    ["an unsupported ref", somatic({ ref: "mm10" }), "ref"],
    ["knownsites that are not strings", somatic({ knownsites: [1, 2] }), "knownsites"],
    ["expect_time in words", somatic({ expect_time: "8h" }), "expect_time"],
    ["a negative expect_time", somatic({ expect_time: -1 }), "expect_time"],
    ["no tumor_sample_name", somatic({ tumor_sample_name: undefined }), "tumor_sample_name"],
    ["no normal_sample_name", somatic({ normal_sample_name: "" }), "normal_sample_name"],
    ["a sample name with spaces", somatic({ tumor_sample_name: "ONC 1" }), "tumor_sample_name"],
    ["no inputs", somatic({ inputs: [] }), "inputs"],
    [
      "a sample of an unknown type",
      somatic({ inputs: [{ sample_type: "blood", sample_inputs: [] }] }),
      "inputs[0].sample_type",
    ],
    [
      "three FASTQ files for a sample",
      somatic({
        inputs: [
          {
            sample_type: "tumor",
            sample_inputs: ["s3a://b/t_R1.fq.gz", "s3a://b/t_R2.fq.gz", "s3a://b/t_R3.fq.gz"],
          },
        ],
      }),
      "must hold two files when file_type is FASTQ",
    ],
    [
      "FASTQ files without a FASTQ suffix",
      somatic({
        inputs: [{ sample_type: "tumor", sample_inputs: ["s3a://b/t_1.txt", "s3a://b/t_2.txt"] }],
      }),
      "must hold files ending in .fastq",
    ],
    [
      "two BAM files for a sample",
      somatic({
        file_type: "bam",
        inputs: [{ sample_type: "tumor", sample_inputs: ["s3a://b/t.bam", "s3a://b/u.bam"] }],
      }),
      "one file when file_type is BAM",
    ],
    [
      "input paths that are not on OBS",
      somatic({
        inputs: [{ sample_type: "tumor", sample_inputs: ["/data/t_1.fq.gz", "/data/t_2.fq.gz"] }],
      }),
      "OBS paths",
    ],
    [
      "no tumor sample",
      somatic({
        inputs: [
          { sample_type: "normal", sample_inputs: ["s3a://b/n_1.fq.gz", "s3a://b/n_2.fq.gz"] },
        ],
      }),
      "tumor sample",
    ],
    [
      "hg19 without its resources",
      somatic({ ref: "hg19", knownsites: ["dbsnp_138.hg19.vcf"] }),
      "required when ref is hg19",
    ],
    ["a BAM export without its path", somatic({ mutect_is_export_bam: true }), "mutect_bam_output"],
    ["a germline job without input", germline({ input: undefined }), "input"],
    ["a germline job with one FASTQ", germline({ input: ["s3a://b/x_1.fq.gz"] }), "two files"],
    ["a germline job without knownsites", germline({ knownsites: [] }), "knownsites"],
    ["an unknown engine", germline({ engine: "deepvariant" }), "engine"],
    ["tensorflow on FASTQ", germline({ engine: "tensorflow" }), "BAM when engine is tensorflow"],
    [
      "tensorflow with GATK options",
      germline({
        engine: "tensorflow",
        file_type: "BAM",
        input: ["s3a://b/x.bam"],
        bwaspark_conf: ["--num-reducers", "4"],
      }),
      "bwaspark_conf is not supported",
    ],
    ["a germline BAM export without its path", germline({ is_export_bam: true }), "bam_output"],
    ["GVCF output to a .vcf file", germline({ is_output_gvcf: true }), "g.vcf"],
    ["credentials that are not strings", somatic({ access_encoded_key: 42 }), "access_encoded_key"],
  ])("refuses %s", (_name, body, field) => {
    expect(refused(body)).toContain(field);
  });

  it("never quotes a request value in its message: credentials stay out of it", () => {
    const leaky = somatic({
      tumor_sample_name: "FAKE-SK-must-not-leak with spaces",
      output: "FAKE-SK-must-not-leak",
    });
    expect(refused(leaky)).not.toContain("FAKE");
    expect(refused(`{"secret_encoded_key":"FAKE-SK-must-not-leak",`)).not.toContain("FAKE");
  });

  it("accepts the documented examples", () => {
    const documentedSomatic = {
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
      mutect_is_export_bam: false,
      mutect_calls_variant: "s3a://genes/somatic/small_exac_common_3.hg38.vcf.gz",
      is_filter_by_orientationBias: false,
      artifact_modes: ["G/T"],
      is_filter_by_alignmentArtifacts: false,
    };
    const documentedGermline = {
      job_type: "DNA_GERMLINE",
      input: ["s3a://bucket/path/a_1.fastq.gz", "s3a://bucket/path/a_2.fastq.gz"],
      output: "s3a://bucket/dir/out.vcf",
      file_type: "FASTQ",
      ref: "hg38",
      knownsites: ["1000g_omni2.5.hg38.vcf"],
      fastq_to_sam_conf: ["-PL", "illumina", "-SM", "SM1", "-MR", "2000000"],
      bwaspark_conf: ["--bam-output", "s3a://bucket/bamfile.bam"],
      read_pipeline_spark_conf: ["--emit-ref-confidence", "GVCF"],
    };
    expect(validateSubmit(documentedSomatic).ok).toBe(true);
    expect(validateSubmit(documentedGermline).ok).toBe(true);
  });

  it("answers 404 DLI.0002 for an unknown project", () => {
    const { store } = emulator();
    const answer = submitJob(store, "nope", somatic());
    expect(answer.status).toBe(404);
    expect(answer.body.error_code).toBe("DLI.0002");
  });

  it("reads only the request's own fields: a __proto__ key adds none", () => {
    const text = JSON.stringify(somatic({ job_type: undefined })).replace(
      "{",
      '{"__proto__":{"job_type":"DNA_SOMATIC"},',
    );
    expect(refused(text)).toContain("job_type");
  });
});
