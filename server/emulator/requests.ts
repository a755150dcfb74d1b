import type { Rng } from "./random.ts";

// Builds the decoded `request` bodies of demo jobs, following the submit
// documents (submit-dna-somatic-job / submit-dna-germline-job): field names,
// reference files per genome build and the conf argument lists.

export type Ref = "hg19" | "hg38";

export const KNOWNSITES: Record<Ref, readonly string[]> = {
  hg19: [
    "1000g_phase1.indels.hg19.sites.vcf",
    "dbsnp_138.hg19.vcf",
    "1000g_omni2.5.hg19.sites.vcf",
    "1000g_phase1.snps.high_confidence.hg19.sites.vcf",
    "mills_and_1000g_gold_standard.indels.hg19.sites.vcf",
    "hapmap_3.3.hg19.sites.vcf",
    "ncbi.hg19_dbsnp147.vcf",
  ],
  hg38: [
    "1000g_omni2.5.hg38.vcf",
    "1000g_phase1.snps.high_confidence.hg38.vcf",
    "dbsnp_146.hg38.vcf",
    "hapmap_3.3.hg38.vcf",
    "homo_sapiens_assembly38.known_indels.vcf",
    "mills_and_1000g_gold_standard.indels.hg38.vcf",
  ],
};

function someOf<T>(rng: Rng, items: readonly T[], min: number, max: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  const n = rng.int(min, Math.min(max, pool.length));
  for (let i = 0; i < n; i++) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as T);
  return out;
}

/** Defaults documented for hg38; hg19 has none, so those jobs point at OBS copies. */
function somaticResources(rng: Rng, ref: Ref, refBucket: string) {
  if (ref === "hg38") {
    return {
      intervals: rng.chance(0.8) ? ["wgs_calling_regions.hg38.interval_list"] : null,
      pon: "somatic-hg38-1000g_pon.hg38.vcf.gz",
      germline_resource: "somatic-hg38faf-only-gnomad.hg38.vcf.gz",
      mutect_calls_variant: "small_exac_common_3.hg38.vcf.gz",
    };
  }
  return {
    intervals: [`s3a://${refBucket}/hg19/wgs_calling_regions.hg19.interval_list`],
    pon: `s3a://${refBucket}/hg19/Mutect2-WGS-panel-hg19.vcf.gz`,
    germline_resource: `s3a://${refBucket}/hg19/af-only-gnomad.raw.sites.hg19.vcf.gz`,
    mutect_calls_variant: `s3a://${refBucket}/hg19/small_exac_common_3_hg19.SNPs.vcf.gz`,
  };
}

function fastqToSamConf(rng: Rng, sample: string): string[] | null {
  if (rng.chance(0.45)) return null;
  const conf = ["-PL", "illumina", "-SM", sample];
  if (rng.chance(0.5)) conf.push("-RG", rng.pick(["A", "L001", "L002"]));
  if (rng.chance(0.4)) conf.push("-MR", "2000000");
  return conf;
}

function sparkConf(rng: Rng, options: readonly string[][]): string[] | null {
  return rng.chance(0.6) ? null : [...rng.pick(options)];
}

const BWA_CONF = [
  ["--num-reducers", "400"],
  ["--spark-conf", "spark.executor.memory=24g", "--spark-conf", "spark.executor.cores=4"],
  ["--bam-partition-size", "4000000"],
];
const PIPELINE_CONF = [
  ["--bam-partition-size", "4000000"],
  ["--spark-conf", "spark.executor.memory=32g"],
  ["--num-reducers", "600", "--spark-conf", "spark.executor.instances=24"],
];

export type SomaticInput = {
  sample: string;
  fileType: "fastq" | "bam";
  ref: Ref;
  rawBucket: string;
  resultBucket: string;
  refBucket: string;
  batch: string;
};

export function somaticRequest(rng: Rng, s: SomaticInput): Record<string, unknown> {
  const tumor = `${s.sample}_tumor`;
  const normal = `${s.sample}_normal`;
  const base = `s3a://${s.rawBucket}/${s.batch}/${s.sample}`;
  const files = (name: string) =>
    s.fileType === "fastq"
      ? [`${base}/${name}_R1.fastq.gz`, `${base}/${name}_R2.fastq.gz`]
      : [`s3a://${s.rawBucket}/aligned/${s.sample}/${name}.bqsr.bam`];
  const out = `s3a://${s.resultBucket}/somatic/${s.batch}/${s.sample}`;
  const exportBam = rng.chance(0.15);
  const orientation = rng.chance(0.4);
  return {
    job_type: "DNA_SOMATIC",
    inputs: [
      { sample_type: "tumor", sample_inputs: files(tumor) },
      { sample_type: "normal", sample_inputs: files(normal) },
    ],
    tumor_sample_name: tumor,
    normal_sample_name: normal,
    file_type: s.fileType,
    ref: s.ref,
    output: rng.chance(0.7) ? `${out}/${s.sample}.somatic.vcf` : `${out}/`,
    knownsites: someOf(rng, KNOWNSITES[s.ref], 1, 3),
    ...somaticResources(rng, s.ref, s.refBucket),
    mutect_is_export_bam: exportBam,
    mutect_bam_output: exportBam ? `${out}/${s.sample}.mutect2.bam` : null,
    is_filter_by_orientationBias: orientation,
    artifact_modes: orientation ? rng.pick([["G/T"], ["G/T", "C/T"]]) : null,
    is_filter_by_alignmentArtifacts: rng.chance(0.2),
    fastq_ubam_conf: s.fileType === "fastq" ? fastqToSamConf(rng, tumor) : null,
    bwaspark_conf: sparkConf(rng, BWA_CONF),
    read_pipeline_spark_conf: sparkConf(rng, PIPELINE_CONF),
    conf: null,
    expect_time: rng.pick([4, 6, 8, 8, 12]),
    access_encoded_key: null,
    secret_encoded_key: null,
  };
}

export type GermlineInput = {
  sample: string;
  fileType: "FASTQ" | "BAM";
  ref: Ref;
  engine: "gatk" | "tensorflow";
  rawBucket: string;
  resultBucket: string;
  batch: string;
};

export function germlineRequest(rng: Rng, g: GermlineInput): Record<string, unknown> {
  const base = `s3a://${g.rawBucket}/${g.batch}/${g.sample}`;
  const out = `s3a://${g.resultBucket}/germline/${g.batch}/${g.sample}`;
  const gatk = g.engine === "gatk";
  const gvcf = gatk && rng.chance(0.5);
  const exportBam = gatk && rng.chance(0.2);
  return {
    job_type: "DNA_GERMLINE",
    input:
      g.fileType === "FASTQ"
        ? [`${base}/${g.sample}_1.fq.gz`, `${base}/${g.sample}_2.fq.gz`]
        : [`${base}/${g.sample}.sorted.bam`],
    output: gvcf ? `${out}/${g.sample}.g.vcf` : `${out}/${g.sample}.vcf`,
    file_type: g.fileType,
    ref: g.ref,
    knownsites: someOf(rng, KNOWNSITES[g.ref], 1, 3),
    engine: g.engine,
    fastq_to_sam_conf: gatk && g.fileType === "FASTQ" ? fastqToSamConf(rng, g.sample) : null,
    bwaspark_conf: gatk ? sparkConf(rng, BWA_CONF) : null,
    read_pipeline_spark_conf: gatk
      ? gvcf
        ? ["--emit-ref-confidence", "GVCF"]
        : sparkConf(rng, PIPELINE_CONF)
      : null,
    is_export_bam: exportBam,
    bam_output: exportBam ? `${out}/${g.sample}.bqsr.bam` : null,
    is_output_gvcf: gvcf,
  };
}
