import { edgeCaseJobs } from "./edge-cases.ts";
import { pickFailure, tensorflowFailure } from "./failures.ts";
import { createRng, type Rng } from "./random.ts";
import { germlineRequest, type Ref, somaticRequest } from "./requests.ts";
import { DAY, HOUR, MINUTE, pickStart, runLabel, SECOND } from "./schedule.ts";
import type { DemoJob, DemoProject, JobType, LivePlan } from "./types.ts";

export const ONCOLOGY_PROJECT_ID = "3f9c2a7e5b1d4c8e9a06f1b2d3c4e5a7";
export const POPULATION_PROJECT_ID = "8b1e4d2c6a9f40e3b7c5d1a2e9f08c34";
export const EMPTY_PROJECT_ID = "c47d2e9b1a3f4e5d8c6b0a9f7e1d2c3b";
export const EDGE_CASES_PROJECT_ID = "e1d9c0b8a7f64e5d9c3b2a1f0e8d7c6b";

export const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    id: ONCOLOGY_PROJECT_ID,
    name: "Oncology WGS (demo)",
    description: "Tumor/normal WGS: ~1500 somatic and ~500 germline jobs over 90 days",
  },
  {
    id: POPULATION_PROJECT_ID,
    name: "Population germline (demo)",
    description: "Cohort germline calling: ~200 germline and ~20 somatic jobs",
  },
  { id: EMPTY_PROJECT_ID, name: "New project (demo)", description: "No jobs yet" },
  {
    id: EDGE_CASES_PROJECT_ID,
    name: "Edge cases (demo)",
    description: "Malformed, truncated, secret-bearing and huge jobs from the last 7 days",
  },
];

type LiveSeed = { type: JobType; agoMin: number; launchMin: number; runMin: number };

type ProjectSpec = {
  seed: number;
  somatic: number;
  germline: number;
  owners: readonly string[];
  samples: (rng: Rng, type: JobType) => string;
  buckets: { raw: string; result: string; ref: string };
  live: readonly LiveSeed[];
};

const CELL_LINES = ["HCC1143", "HCC1187", "HCC1395", "HCC1954", "HCC38", "COLO829"] as const;
const GIAB = ["NA12878", "NA24385", "NA24631", "NA24143", "NA24149"] as const;
const pad = (n: number, width: number) => String(n).padStart(width, "0");

const SPECS: Record<string, ProjectSpec> = {
  [ONCOLOGY_PROJECT_ID]: {
    seed: 20261,
    somatic: 1500,
    germline: 500,
    owners: ["onco-pipeline", "onco-pipeline", "zhang.wei", "li.na", "chen.jie", "h00251609"],
    samples: (rng, type) =>
      type === "DNA_GERMLINE" && rng.chance(0.3)
        ? rng.pick(GIAB)
        : rng.chance(0.1)
          ? rng.pick(CELL_LINES)
          : `ONC26-${pad(rng.int(1, 900), 4)}`,
    buckets: { raw: "onco-wgs-raw", result: "onco-wgs-results", ref: "onco-ref" },
    live: [
      { type: "DNA_SOMATIC", agoMin: 131, launchMin: 4, runMin: 290 },
      { type: "DNA_SOMATIC", agoMin: 47, launchMin: 3, runMin: 160 },
      { type: "DNA_SOMATIC", agoMin: 2, launchMin: 7, runMin: 150 },
      { type: "DNA_GERMLINE", agoMin: 26, launchMin: 2, runMin: 85 },
    ],
  },
  [POPULATION_PROJECT_ID]: {
    seed: 20262,
    somatic: 20,
    germline: 200,
    owners: ["popgen-batch", "popgen-batch", "liu.yang", "zhao.min", "sun.li"],
    samples: (rng) => (rng.chance(0.05) ? rng.pick(GIAB) : `CHNPOP-${pad(rng.int(1, 5000), 5)}`),
    buckets: { raw: "popgen-cohort-raw", result: "popgen-cohort-vcf", ref: "popgen-ref" },
    live: [
      { type: "DNA_GERMLINE", agoMin: 65, launchMin: 3, runMin: 100 },
      { type: "DNA_GERMLINE", agoMin: 1, launchMin: 5, runMin: 70 },
    ],
  },
};

type Built = { request: Record<string, unknown>; steps: number; fullSec: number; failure: string };

function build(rng: Rng, spec: ProjectSpec, type: JobType, startMs: number, live = false): Built {
  const sample = spec.samples(rng, type);
  const ref: Ref = rng.chance(0.8) ? "hg38" : "hg19";
  const batch = runLabel(startMs);
  const { raw: rawBucket, result: resultBucket, ref: refBucket } = spec.buckets;
  if (type === "DNA_SOMATIC") {
    const fileType = rng.chance(0.75) ? "fastq" : "bam";
    const request = somaticRequest(rng, {
      sample,
      fileType,
      ref,
      rawBucket,
      resultBucket,
      refBucket,
      batch,
    });
    const fullSec = fileType === "fastq" ? rng.int(55 * 60, 3 * 3600) : rng.int(20 * 60, 70 * 60);
    return { request, steps: 7, fullSec, failure: "" };
  }
  // Live germline jobs read FASTQ so they have 3 steps to advance through.
  const fileType = live || rng.chance(0.7) ? "FASTQ" : "BAM";
  const engine = fileType === "BAM" && rng.chance(0.3) ? "tensorflow" : "gatk";
  const request = germlineRequest(rng, {
    sample,
    fileType,
    ref,
    engine,
    rawBucket,
    resultBucket,
    batch,
  });
  const steps = fileType === "FASTQ" ? 3 : 1;
  const fullSec = steps === 3 ? rng.int(25 * 60, 95 * 60) : rng.int(8 * 60, 35 * 60);
  const input = (request.input as string[])[0] ?? "";
  return {
    request,
    steps,
    fullSec,
    failure: engine === "tensorflow" ? tensorflowFailure(input) : "",
  };
}

function failureFor(rng: Rng, b: Built, type: JobType): { step: number; message: string } {
  if (b.failure && rng.chance(0.6)) return { step: 1, message: b.failure };
  const r = b.request;
  const inputs =
    type === "DNA_SOMATIC"
      ? (r.inputs as { sample_inputs: string[] }[]).flatMap((i) => i.sample_inputs)
      : (r.input as string[]);
  return pickFailure(
    rng,
    {
      ref: String(r.ref),
      firstInput: inputs[0] ?? "",
      lastInput: inputs[inputs.length - 1] ?? "",
      output: String(r.output),
      normalSample: String(r.normal_sample_name ?? r.tumor_sample_name ?? ""),
      bam: String(r.file_type).toLowerCase() === "bam",
      expectTime: Number(r.expect_time ?? 8),
    },
    b.steps,
  );
}

function terminalJob(rng: Rng, spec: ProjectSpec, type: JobType, anchor: number): DemoJob {
  let startMs = pickStart(rng, anchor, 90);
  const b = build(rng, spec, type, startMs);
  const roll = rng.next();
  let status = "FINISHED";
  let step = b.steps;
  let duration = b.fullSec;
  let message: string | null = null;
  if (roll >= 0.86 && roll < 0.95) {
    const failure = failureFor(rng, b, type);
    status = "FAILED";
    step = failure.step;
    message = failure.message;
    duration = Math.max(40, Math.round((b.fullSec * (step - 1 + rng.next())) / b.steps));
  } else if (roll >= 0.95) {
    status = "CANCELLED";
    step = rng.int(0, b.steps - 1);
    message = "Cancelled by user";
    duration =
      step === 0 ? rng.int(5, 120) : Math.round((b.fullSec * (step - rng.next())) / b.steps);
  }
  // A job that has ended must have started at least its duration ago.
  startMs = Math.min(startMs, anchor - duration * SECOND - rng.int(1, 60) * MINUTE);
  return makeJob(rng, spec, type, startMs, b.request, {
    status,
    step,
    steps: b.steps,
    duration,
    message,
  });
}

type State = {
  status: string;
  step: number;
  steps: number;
  duration: number;
  message: string | null;
};

function makeJob(
  rng: Rng,
  spec: ProjectSpec,
  type: JobType,
  startMs: number,
  request: Record<string, unknown>,
  s: State,
  live?: LivePlan,
): DemoJob {
  const id = rng.uuid();
  const wire = {
    job_id: id,
    owner: rng.pick(spec.owners),
    status: s.status,
    progress: `${s.step}/${s.steps}`,
    start_time: startMs,
    duration: s.duration,
    message: s.message,
    request: JSON.stringify(request),
  };
  return live ? { id, type, startMs, wire, live } : { id, type, startMs, wire };
}

function projectJobs(spec: ProjectSpec, anchor: number): DemoJob[] {
  const rng = createRng(spec.seed);
  const jobs: DemoJob[] = [];
  for (let i = 0; i < spec.somatic; i++) jobs.push(terminalJob(rng, spec, "DNA_SOMATIC", anchor));
  for (let i = 0; i < spec.germline; i++) jobs.push(terminalJob(rng, spec, "DNA_GERMLINE", anchor));
  for (const l of spec.live) {
    const startMs = anchor - l.agoMin * MINUTE - rng.int(0, 59) * SECOND;
    const b = build(rng, spec, l.type, startMs, true);
    const steps = b.steps;
    const plan = { launchSec: l.launchMin * 60, runSec: l.runMin * 60, steps };
    const state = { status: "LAUNCHING", step: 0, steps, duration: 0, message: null };
    jobs.push(makeJob(rng, spec, l.type, startMs, b.request, state, plan));
  }
  // A cancel requested a moment ago that the service has not finished yet.
  const cancelStart = anchor - 3 * HOUR - rng.int(0, 50) * MINUTE;
  const type = spec.somatic >= spec.germline ? "DNA_SOMATIC" : "DNA_GERMLINE";
  const b = build(rng, spec, type, cancelStart);
  const canceling = { status: "CANCELING", step: 1, steps: b.steps, duration: 0, message: null };
  canceling.step = Math.min(2, b.steps);
  canceling.duration = Math.round((b.fullSec * (canceling.step - 0.5)) / b.steps);
  jobs.push(makeJob(rng, spec, type, cancelStart, b.request, canceling));
  return jobs;
}

/** Every demo project's jobs, deterministic for a given anchor (the clock at start). */
export function generateDemoJobs(anchor: number): Map<string, DemoJob[]> {
  const out = new Map<string, DemoJob[]>();
  for (const project of DEMO_PROJECTS) {
    const spec = SPECS[project.id];
    if (spec) out.set(project.id, projectJobs(spec, anchor));
    else if (project.id === EDGE_CASES_PROJECT_ID) out.set(project.id, edgeCaseJobs(anchor));
    else out.set(project.id, []);
  }
  return out;
}

export const DEMO_WINDOW_MS = 90 * DAY;
