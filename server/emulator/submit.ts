import { randomUUID } from "node:crypto";
import { type CheckedJob, type Finding, prepareChecks } from "../../src/contract/request-checks.ts";
import { sampleNames } from "../../src/contract/run-identity.ts";
import { type FlaggedRequest, failureContext, failureForFinding } from "./failures.ts";
import { type JobStore, jobView } from "./store.ts";
import type { DemoJob, JobType, LivePlan } from "./types.ts";

// POST /v2.0/{project_id}/gene/jobs as the submit documents describe it
// (submit-dna-somatic-job.zh.md, submit-dna-germline-job.zh.md): required fields checked per
// job type, DLI's error body for bad input, 201 {job_id} when accepted. An accepted job runs for a
// few minutes of emulator time and fails the way the tools would when the sample-sheet checks
// flag its request. Error messages name fields, never their values: a request carries
// credentials.

export type SubmitAnswer = { status: number; body: Record<string, unknown> };

export type SubmitOptions = {
  /** Who submits; DLI takes it from the caller's token. */
  owner?: string;
  /** Fixed job id (tests); a random UUID otherwise. */
  jobId?: string;
};

export const DEFAULT_SUBMIT_OWNER = "demo-user";

/** Seconds an accepted job spends LAUNCHING, then RUNNING per job type, in emulator time. */
export const SUBMITTED_LAUNCH_SEC = 30;
export const SUBMITTED_RUN_SEC: Record<JobType, number> = { DNA_SOMATIC: 240, DNA_GERMLINE: 150 };

const SAMPLE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const OBS_PATH = /^(s3a|obs):\/\/[^/\s]+\/\S*$/;
const FASTQ_FILE = /\.(fastq|fq)(\.gz)?$/;
const REFS = ["hg19", "hg38"];

type Body = Record<string, unknown>;
type Problem = string | undefined;

function error(message: string): SubmitAnswer {
  return { status: 400, body: { error_code: "DLI.0001", error_msg: message } };
}

const own = (body: Body, key: string): unknown =>
  Object.hasOwn(body, key) ? body[key] : undefined;
const present = (value: unknown) => value !== undefined && value !== null;
const isText = (value: unknown): value is string =>
  typeof value === "string" && value.trim() !== "";

function requiredText(body: Body, key: string): Problem {
  return isText(own(body, key))
    ? undefined
    : `Parameter ${key} is required and must be a non-empty string`;
}

function optionalType(body: Body, key: string, type: "string" | "boolean" | "string[]"): Problem {
  const value = own(body, key);
  if (!present(value)) return undefined;
  const ok =
    type === "string[]"
      ? Array.isArray(value) && value.every((item) => typeof item === "string")
      : typeof value === type;
  return ok
    ? undefined
    : `Parameter ${key} must be ${type === "string[]" ? "an array of strings" : `a ${type}`}`;
}

/** FASTQ input is a pair of .fastq/.fq(.gz) files; BAM input is one file. */
function inputFiles(files: unknown, field: string, fileType: string): Problem {
  if (!Array.isArray(files) || files.length === 0 || !files.every(isText)) {
    return `Parameter ${field} is required and must be a non-empty array of OBS paths`;
  }
  if (!files.every((f) => OBS_PATH.test(f.trim()))) {
    return `Parameter ${field} must hold OBS paths (s3a://bucket/key)`;
  }
  if (fileType === "FASTQ") {
    if (files.length !== 2) return `Parameter ${field} must hold two files when file_type is FASTQ`;
    if (!files.every((f) => FASTQ_FILE.test(f.trim().toLowerCase()))) {
      return `Parameter ${field} must hold files ending in .fastq, .fq, .fastq.gz or .fq.gz when file_type is FASTQ`;
    }
  } else if (files.length !== 1) {
    return `Parameter ${field} must hold one file when file_type is BAM`;
  }
  return undefined;
}

function commonProblems(body: Body): Problem[] {
  const output = own(body, "output");
  const fileType = own(body, "file_type");
  const ref = own(body, "ref");
  const expect = own(body, "expect_time");
  return [
    requiredText(body, "output") ??
      (OBS_PATH.test(String(output).trim())
        ? undefined
        : "Parameter output must be an OBS path (s3a://bucket/key)"),
    typeof fileType === "string" && ["FASTQ", "BAM"].includes(fileType.toUpperCase())
      ? undefined
      : "Parameter file_type is required and must be FASTQ or BAM",
    typeof ref === "string" && REFS.includes(ref)
      ? undefined
      : "Parameter ref is required and must be hg19 or hg38",
    optionalType(body, "knownsites", "string[]"),
    optionalType(body, "bwaspark_conf", "string[]"),
    optionalType(body, "read_pipeline_spark_conf", "string[]"),
    optionalType(body, "fastq_to_sam_conf", "string[]"),
    present(expect) && !(typeof expect === "number" && Number.isFinite(expect) && expect > 0)
      ? "Parameter expect_time must be a positive number of hours"
      : undefined,
    optionalType(body, "access_encoded_key", "string"),
    optionalType(body, "secret_encoded_key", "string"),
  ];
}

function somaticProblems(body: Body, fileType: string): Problem[] {
  const problems: Problem[] = [];
  for (const key of ["tumor_sample_name", "normal_sample_name"]) {
    const name = own(body, key);
    problems.push(
      typeof name === "string" && SAMPLE_NAME.test(name)
        ? undefined
        : `Parameter ${key} is required: 1 to 128 letters, digits, '_' or '-'`,
    );
  }
  const inputs = own(body, "inputs");
  if (!Array.isArray(inputs) || inputs.length === 0) {
    problems.push("Parameter inputs is required and must be a non-empty array of samples");
  } else {
    inputs.forEach((entry, i) => {
      const sample =
        entry !== null && typeof entry === "object" && !Array.isArray(entry)
          ? (entry as Body)
          : undefined;
      const type = sample ? own(sample, "sample_type") : undefined;
      if (type !== "tumor" && type !== "normal") {
        problems.push(`Parameter inputs[${i}].sample_type must be tumor or normal`);
        return;
      }
      problems.push(
        inputFiles(sample && own(sample, "sample_inputs"), `inputs[${i}].sample_inputs`, fileType),
      );
    });
    if (
      !inputs.some(
        (entry) =>
          entry && typeof entry === "object" && own(entry as Body, "sample_type") === "tumor",
      )
    ) {
      problems.push("Parameter inputs must include the tumor sample (sample_type tumor)");
    }
  }
  // hg38 has documented defaults for these; hg19 has none.
  if (own(body, "ref") === "hg19") {
    for (const key of ["pon", "germline_resource", "mutect_calls_variant"]) {
      problems.push(
        isText(own(body, key)) ? undefined : `Parameter ${key} is required when ref is hg19`,
      );
    }
    const intervals = own(body, "intervals");
    problems.push(
      Array.isArray(intervals) && intervals.length > 0 && intervals.every(isText)
        ? undefined
        : "Parameter intervals is required when ref is hg19",
    );
  } else {
    problems.push(optionalType(body, "intervals", "string[]"));
    for (const key of ["pon", "germline_resource", "mutect_calls_variant"])
      problems.push(optionalType(body, key, "string"));
  }
  for (const key of [
    "mutect_is_export_bam",
    "is_filter_by_orientationBias",
    "is_filter_by_alignmentArtifacts",
  ]) {
    problems.push(optionalType(body, key, "boolean"));
  }
  problems.push(optionalType(body, "artifact_modes", "string[]"));
  if (own(body, "mutect_is_export_bam") === true) {
    problems.push(
      requiredText(body, "mutect_bam_output") &&
        "Parameter mutect_bam_output is required when mutect_is_export_bam is true",
    );
  }
  return problems;
}

function germlineProblems(body: Body, fileType: string): Problem[] {
  const problems: Problem[] = [inputFiles(own(body, "input"), "input", fileType)];
  const knownsites = own(body, "knownsites");
  if (!Array.isArray(knownsites) || knownsites.length === 0) {
    problems.push("Parameter knownsites is required and must be a non-empty array of strings");
  }
  const engine = own(body, "engine");
  if (present(engine) && engine !== "gatk" && engine !== "tensorflow") {
    problems.push("Parameter engine must be gatk or tensorflow");
  }
  problems.push(
    optionalType(body, "is_export_bam", "boolean"),
    optionalType(body, "is_output_gvcf", "boolean"),
  );
  if (engine === "tensorflow") {
    if (fileType !== "BAM")
      problems.push("Parameter file_type must be BAM when engine is tensorflow");
    for (const key of ["fastq_to_sam_conf", "bwaspark_conf", "read_pipeline_spark_conf"]) {
      const value = own(body, key);
      if (Array.isArray(value) && value.length > 0)
        problems.push(`Parameter ${key} is not supported when engine is tensorflow`);
    }
    for (const key of ["is_export_bam", "is_output_gvcf"]) {
      if (own(body, key) === true)
        problems.push(`Parameter ${key} is not supported when engine is tensorflow`);
    }
  }
  if (own(body, "is_export_bam") === true) {
    problems.push(
      requiredText(body, "bam_output") &&
        "Parameter bam_output is required when is_export_bam is true",
    );
  }
  const output = own(body, "output");
  if (
    own(body, "is_output_gvcf") === true &&
    typeof output === "string" &&
    !/(\.g\.vcf|\/)$/.test(output.trim())
  ) {
    problems.push(
      "Parameter output must be an OBS directory or end in .g.vcf when is_output_gvcf is true",
    );
  }
  return problems;
}

export type ValidRequest = { type: JobType; request: Body; fileType: "FASTQ" | "BAM" };

/** The documented validation; the first problem found is DLI's answer. */
export function validateSubmit(
  body: unknown,
): { ok: true; value: ValidRequest } | { ok: false; message: string } {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { ok: false, message: "The request body must be a JSON object" };
  }
  const request = body as Body;
  const type = own(request, "job_type");
  if (type !== "DNA_SOMATIC" && type !== "DNA_GERMLINE") {
    return {
      ok: false,
      message: "Parameter job_type is required and must be DNA_SOMATIC or DNA_GERMLINE",
    };
  }
  const common = commonProblems(request);
  const first = common.find(Boolean);
  if (first) return { ok: false, message: first };
  const fileType = String(own(request, "file_type")).toUpperCase() as "FASTQ" | "BAM";
  const specific =
    type === "DNA_SOMATIC"
      ? somaticProblems(request, fileType)
      : germlineProblems(request, fileType);
  const problem = specific.find(Boolean);
  if (problem) return { ok: false, message: problem };
  return { ok: true, value: { type, request, fileType } };
}

// ---- Running an accepted job ------------------------------------------------------------------

/** The value at a finding's field path (`inputs[1].sample_inputs[0]`), when it is a string. */
function valueAt(request: Body, path: string): string {
  let value: unknown = request;
  for (const part of path.split(/[.[\]]/).filter(Boolean)) {
    if (value === null || typeof value !== "object") return "";
    value = Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return typeof value === "string" ? value : "";
}

function flagged(
  finding: Finding,
  type: JobType,
  request: Body,
  others: readonly CheckedJob[],
): FlaggedRequest {
  const fileField = finding.fields.find((f) => f.startsWith("input"));
  const nameField = finding.fields.find((f) => f.endsWith("_sample_name"));
  const resourceField = finding.fields.find((f) => f !== "ref");
  const relatedJobId = finding.relatedJobIds?.[0];
  const related = others.find((o) => o.jobId === relatedJobId);
  const output = valueAt(request, "output").trim().replace(/\/+$/, "");
  const relatedOutput =
    related && typeof related.request === "object" && related.request !== null
      ? valueAt(related.request as Body, "output")
          .trim()
          .replace(/\/+$/, "")
      : undefined;
  return {
    rule: finding.rule,
    context: failureContext(type, request, "gene-ref"),
    sample: nameField ? valueAt(request, nameField) : (sampleNames(type, request)[0] ?? ""),
    file: fileField ? valueAt(request, fileField) : "",
    resource: resourceField ? valueAt(request, resourceField) : "",
    relatedJobId,
    outputTaken: relatedOutput !== undefined && relatedOutput === output,
  };
}

function parsedRequest(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The project's jobs as the checks see them, at `now`. */
function checkedJobs(store: JobStore, projectId: string, now: number): CheckedJob[] {
  return store.jobs(projectId).map((job) => {
    const view = jobView(job, now);
    return {
      jobId: job.id,
      jobType: job.type,
      status: String(view.status),
      startTime: job.startMs,
      durationSeconds: typeof view.duration === "number" ? view.duration : null,
      request: parsedRequest(view.request),
    };
  });
}

/** How long an accepted job runs, and how it ends. */
export function planFor(
  valid: ValidRequest,
  findings: readonly Finding[],
  others: readonly CheckedJob[],
): LivePlan {
  const steps = valid.type === "DNA_SOMATIC" ? 7 : valid.fileType === "FASTQ" ? 3 : 1;
  const runSec = SUBMITTED_RUN_SEC[valid.type];
  const first = findings[0];
  if (!first) return { launchSec: SUBMITTED_LAUNCH_SEC, runSec, steps };
  const failure = failureForFinding(flagged(first, valid.type, valid.request, others), steps);
  return {
    launchSec: SUBMITTED_LAUNCH_SEC,
    runSec: Math.max(20, Math.round((runSec * failure.step) / steps)),
    steps,
    failure,
  };
}

/**
 * Submits a gene job to the emulator, as DLI's POST /v2.0/{project_id}/gene/jobs. `body` is the
 * request as sent: its JSON text (kept as the job's `request`, byte for byte) or the decoded
 * object (kept as its JSON). Answers the status and body DLI would send.
 */
export function submitJob(
  store: JobStore,
  projectId: string,
  body: unknown,
  options: SubmitOptions = {},
): SubmitAnswer {
  if (!store.hasProject(projectId)) {
    return {
      status: 404,
      body: { error_code: "DLI.0002", error_msg: `Project ${projectId} does not exist` },
    };
  }
  let decoded: unknown = body;
  let text: string;
  if (typeof body === "string") {
    try {
      decoded = JSON.parse(body);
    } catch {
      return error("The request body is not valid JSON");
    }
    text = body;
  } else {
    text = JSON.stringify(body) ?? "";
  }
  const checked = validateSubmit(decoded);
  if (!checked.ok) return error(checked.message);
  const valid = checked.value;
  const now = store.now();
  const id = options.jobId ?? randomUUID();
  const others = checkedJobs(store, projectId, now);
  const findings = prepareChecks(others)({
    jobId: id,
    jobType: valid.type,
    status: "LAUNCHING",
    startTime: now,
    request: valid.request,
  });
  const live = planFor(valid, findings, others);
  const job: DemoJob = {
    id,
    type: valid.type,
    startMs: now,
    wire: {
      job_id: id,
      owner: options.owner ?? DEFAULT_SUBMIT_OWNER,
      status: "LAUNCHING",
      progress: `0/${live.steps}`,
      start_time: now,
      duration: 0,
      message: null,
      request: text,
    },
    live,
  };
  if (!store.insert(projectId, job)) {
    return { status: 400, body: { error_code: "DLI.0006", error_msg: `Job ${id} already exists` } };
  }
  return { status: 201, body: { job_id: id } };
}
