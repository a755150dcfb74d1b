import { edgeCaseJobs } from "./edge-cases.ts";
import { failureContext, pickFailure, tensorflowFailure } from "./failures.ts";
import {
  DEMO_PROJECTS,
  EDGE_CASES_PROJECT_ID,
  PROJECT_SPECS,
  type ProjectSpec,
} from "./projects.ts";
import { createRng, type Rng } from "./random.ts";
import { germlineRequest, type Ref, somaticRequest } from "./requests.ts";
import { HOUR, MINUTE, pickStart, runLabel, SECOND } from "./schedule.ts";
import { storyJobs } from "./story.ts";
import type { DemoJob, JobType, LivePlan } from "./types.ts";

export {
  DEMO_PROJECTS,
  EDGE_CASES_PROJECT_ID,
  EMPTY_PROJECT_ID,
  ONCOLOGY_PROJECT_ID,
  POPULATION_PROJECT_ID,
} from "./projects.ts";

/** How far back the finished, failed and cancelled jobs go. */
const HISTORY_DAYS = 90;

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
  // Live and canceling germline jobs read FASTQ: 3 steps, so they stop partway.
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

function failureFor(
  rng: Rng,
  b: Built,
  type: JobType,
  refBucket: string,
): { step: number; message: string } {
  if (b.failure && rng.chance(0.6)) return { step: 1, message: b.failure };
  return pickFailure(rng, failureContext(type, b.request, refBucket), b.steps);
}

type JobSeed = { rng: Rng; id: string };

function terminalJob(
  { rng, id }: JobSeed,
  spec: ProjectSpec,
  type: JobType,
  anchor: number,
): DemoJob {
  let startMs = pickStart(rng, anchor, HISTORY_DAYS);
  const b = build(rng, spec, type, startMs);
  const roll = rng.next();
  let status = "FINISHED";
  let step = b.steps;
  let duration = b.fullSec;
  let message: string | null = null;
  if (roll >= 0.86 && roll < 0.95) {
    const failure = failureFor(rng, b, type, spec.buckets.ref);
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
  return makeJob(rng, id, spec, type, startMs, b.request, {
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
  id: string,
  spec: ProjectSpec,
  type: JobType,
  startMs: number,
  request: Record<string, unknown>,
  s: State,
  live?: LivePlan,
): DemoJob {
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
  // One PRNG per job, seeded by its position, and the id drawn first: job n
  // keeps its id whatever the anchor, although picking a start time draws a
  // number of values that depends on the day of the week.
  let n = 0;
  const nextJob = (): JobSeed => {
    const rng = createRng(Math.imul(spec.seed, 0x9e3779b1) ^ Math.imul(++n, 0x85ebca6b));
    return { rng, id: rng.uuid() };
  };
  const jobs: DemoJob[] = [];
  for (let i = 0; i < spec.somatic; i++) {
    jobs.push(terminalJob(nextJob(), spec, "DNA_SOMATIC", anchor));
  }
  for (let i = 0; i < spec.germline; i++) {
    jobs.push(terminalJob(nextJob(), spec, "DNA_GERMLINE", anchor));
  }
  for (const l of spec.live) {
    const { rng, id } = nextJob();
    const startMs = anchor - l.agoMin * MINUTE - rng.int(0, 59) * SECOND;
    const b = build(rng, spec, l.type, startMs, true);
    const steps = b.steps;
    const plan = { launchSec: l.launchMin * 60, runSec: l.runMin * 60, steps };
    const state = { status: "LAUNCHING", step: 0, steps, duration: 0, message: null };
    jobs.push(makeJob(rng, id, spec, l.type, startMs, b.request, state, plan));
  }
  // A cancel requested a moment ago that the service has not finished yet.
  const { rng, id } = nextJob();
  const cancelStart = anchor - 3 * HOUR - rng.int(0, 50) * MINUTE;
  const type = spec.somatic >= spec.germline ? "DNA_SOMATIC" : "DNA_GERMLINE";
  const b = build(rng, spec, type, cancelStart, true);
  const step = Math.min(2, b.steps);
  const duration = Math.round((b.fullSec * (step - 0.5)) / b.steps);
  const canceling = { status: "CANCELING", step, steps: b.steps, duration, message: null };
  jobs.push(makeJob(rng, id, spec, type, cancelStart, b.request, canceling));
  return jobs;
}

/** Every demo project's jobs, deterministic for a given anchor (the clock at start). */
export function generateDemoJobs(anchor: number): Map<string, DemoJob[]> {
  const out = new Map<string, DemoJob[]>();
  for (const project of DEMO_PROJECTS) {
    const spec = PROJECT_SPECS[project.id];
    if (spec)
      out.set(project.id, [...projectJobs(spec, anchor), ...storyJobs(project.id, spec, anchor)]);
    else if (project.id === EDGE_CASES_PROJECT_ID) out.set(project.id, edgeCaseJobs(anchor));
    else out.set(project.id, []);
  }
  return out;
}
