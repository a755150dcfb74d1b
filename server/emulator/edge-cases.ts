import { createRng } from "./random.ts";
import { germlineRequest, somaticRequest } from "./requests.ts";
import { DAY, HOUR, MINUTE } from "./schedule.ts";
import type { DemoJob, JobType } from "./types.ts";

// Jobs that a robust client must survive: each one breaks one assumption the
// contract warns about ("any field can be missing, null or of another type").

export const EDGE_JOB_IDS = {
  /** DNA_GERMLINE; `request` cut off mid-object, as in the published germline example. */
  truncatedRequest: "180b9816-fb9f-454a-9537-09bee18834e0",
  /** DNA_SOMATIC; fake access/secret_encoded_key and a secret nested in `conf`. */
  secretsInRequest: "edce0002-5ec7-4e75-8a11-0000000000e2",
  /** DNA_SOMATIC; status "SUSPENDED", which the contract does not list. */
  unknownStatus: "edce0003-5a5b-4e1d-9e0d-0000000000e3",
  /** DNA_SOMATIC; `progress: null`, `start_time` as an ISO string, no `owner`. */
  malformedJob: "edce0004-bad0-4f1e-8d00-0000000000e4",
  /** DNA_SOMATIC; `knownsites` is a string, `expect_time` is "8h". */
  unexpectedFieldType: "edce0005-7e9e-4c0a-8b1a-0000000000e5",
  /** DNA_GERMLINE; request has fields no document mentions. */
  unknownRequestFields: "edce0006-e47a-4f1e-9d5a-0000000000e6",
  /** DNA_SOMATIC; ~4000 knownsites entries, a request of several hundred KB. */
  hugeRequest: "edce0007-b16a-4e0e-8a9e-0000000000e7",
} as const;

const FAKE_AK = "FAKEDEMOAK0000000000";
const FAKE_SK = "FAKE-DEMO-SK-not-a-real-secret-0000000000";
const FAKE_NESTED_SK = "FAKE-DEMO-S3A-SECRET-nested-not-real-0000";

// Verbatim shape of the example in list-dna-germline-jobs.zh.md: the string
// stops after "read_pipeline_spark_conf":null, with no closing brace.
const TRUNCATED_REQUEST =
  '{"job_type":"DNA_GERMLINE","input":["s3a://edge-demo/NA12878_small.bam"],' +
  '"output":"s3a://edge-demo/out/bbf4c994-b53d-4d88-b15c-97e45a29d14f.vcf","file_type":"BAM",' +
  '"ref":"hg38","knownsites":["mills_and_1000g_gold_standard.indels.hg38.vcf"],' +
  '"fastq_ubam_conf":["-PL","illumina","-SM","SM1","-MR","2000000"],"bwaspark_conf":null,' +
  '"read_pipeline_spark_conf":null,';

function job(
  id: string,
  type: JobType,
  startMs: number,
  fields: Record<string, unknown>,
  request: Record<string, unknown> | string,
): DemoJob {
  const wire: Record<string, unknown> = {
    job_id: id,
    owner: "qa.edge",
    status: "FINISHED",
    progress: type === "DNA_SOMATIC" ? "7/7" : "3/3",
    start_time: startMs,
    duration: 3725,
    message: null,
    ...fields,
    request: typeof request === "string" ? request : JSON.stringify(request),
  };
  return { id, type, startMs, wire };
}

export function edgeCaseJobs(anchor: number): DemoJob[] {
  const rng = createRng(7);
  const bucket = { rawBucket: "edge-demo", resultBucket: "edge-demo-out", batch: "run-edge" };
  const somatic = (sample: string) =>
    somaticRequest(rng, {
      ...bucket,
      sample,
      fileType: "fastq",
      ref: "hg38",
      refBucket: "edge-ref",
    });
  const germline = (sample: string) =>
    germlineRequest(rng, { ...bucket, sample, fileType: "FASTQ", ref: "hg38", engine: "gatk" });
  const ago = (ms: number) => anchor - ms;
  const ids = EDGE_JOB_IDS;

  const malformedStart = ago(4 * DAY + 2 * HOUR);
  const malformed = job(
    ids.malformedJob,
    "DNA_SOMATIC",
    malformedStart,
    {},
    somatic("EDGE-MALFORMED"),
  );
  delete malformed.wire.owner;
  malformed.wire.progress = null;
  malformed.wire.start_time = new Date(malformedStart).toISOString();
  malformed.wire.status = "FAILED";
  malformed.wire.message = "Driver stopped unexpectedly";

  const huge = somatic("EDGE-HUGE");
  huge.knownsites = Array.from(
    { length: 4000 },
    (_, i) =>
      `s3a://edge-demo-ref/knownsites/cohort_${String(i).padStart(4, "0")}/population_sites.hg38.vcf.gz`,
  );

  return [
    job(
      ids.truncatedRequest,
      "DNA_GERMLINE",
      ago(DAY + 2 * HOUR),
      { progress: "1/1", duration: 1312 },
      TRUNCATED_REQUEST,
    ),
    job(
      ids.secretsInRequest,
      "DNA_SOMATIC",
      ago(2 * DAY + 5 * HOUR),
      {},
      {
        ...somatic("EDGE-SECRETS"),
        access_encoded_key: FAKE_AK,
        secret_encoded_key: FAKE_SK,
        conf: {
          "spark.hadoop.fs.s3a.access.key": FAKE_AK,
          "spark.hadoop.fs.s3a.secret.key": FAKE_NESTED_SK,
        },
      },
    ),
    job(
      ids.unknownStatus,
      "DNA_SOMATIC",
      ago(3 * HOUR + 12 * MINUTE),
      {
        status: "SUSPENDED",
        progress: "3/7",
        duration: 5400,
        message: "Queue gene_queue is frozen: the account is in arrears",
      },
      somatic("EDGE-SUSPENDED"),
    ),
    malformed,
    job(
      ids.unexpectedFieldType,
      "DNA_SOMATIC",
      ago(5 * DAY + 3 * HOUR),
      {},
      {
        ...somatic("EDGE-TYPES"),
        knownsites: "single.vcf",
        expect_time: "8h",
      },
    ),
    job(
      ids.unknownRequestFields,
      "DNA_GERMLINE",
      ago(6 * DAY + HOUR),
      {},
      {
        ...germline("EDGE-EXTRA"),
        priority: "high",
        labels: { study: "EDGE-2026", cost_center: "bioinfo" },
        pipeline_version: "gatk-4.1.4.1",
      },
    ),
    job(ids.hugeRequest, "DNA_SOMATIC", ago(6 * DAY + 20 * HOUR), { duration: 10712 }, huge),
  ];
}
