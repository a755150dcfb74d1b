// Sample-sheet checks (issue 18 §3): mistakes a request shows before the job spends a night on
// them. Data only: a finding names its rule and the request fields it is about; the browser words
// each rule in English and Chinese, and the emulator fails a submitted job the way DLI would.
// Part of src/contract/: imports nothing but its neighbours.
import { isActive } from "./job-status";
import {
  asBody,
  buildOf,
  carriesName,
  fileName,
  isFastqPath,
  jobKind,
  mateOf,
  type NamedPath,
  namePieces,
  type RequestBody,
  readGroupSample,
  SAMPLE_NAME_FIELD,
  sampleStem,
  sideInputs,
  stringsOf,
  textField,
} from "./request-fields";
import { runKey, sampleNames } from "./run-identity";

export const RULE_IDS = [
  /** A somatic job with no normal sample name or no normal input files. */
  "missing-normal",
  /** A somatic job whose tumor and normal sample names are the same. */
  "tumor-is-normal",
  /** The same input file listed twice for one sample. */
  "repeated-input",
  /** The same input file listed for both the tumor and the normal sample. */
  "input-in-tumor-and-normal",
  /** Paired-end FASTQ files that do not pair up: an odd count, or an R1 without its R2. */
  "unpaired-fastq",
  /** An input file whose name carries another sample's name than the sample it is listed under. */
  "input-of-other-sample",
  /** Known sites, PON, germline resource, intervals or allele frequencies of another build than `ref`. */
  "reference-mismatch",
  /** An output path that another active job also writes: one would overwrite the other. */
  "shared-output",
  /** The same samples and reference again while a run is active, or within a day of a finished one. */
  "duplicate-run",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Finding = {
  rule: RuleId;
  /** The request fields concerned, as paths: `normal_sample_name`, `inputs[0].sample_inputs[1]`. */
  fields: string[];
  /** For rules about other jobs (shared-output, duplicate-run): those jobs, newest first. */
  relatedJobIds?: string[];
};

/** A job as the checks need it; `request` is the decoded request (anything, even not an object). */
export type CheckedJob = {
  jobId: string;
  jobType: string;
  status: string;
  /** Unix ms. */
  startTime: number;
  request: unknown;
  /** When known, a finished run counts from its end rather than its start. */
  durationSeconds?: number | null;
};

/** How long after a finished run the same samples and reference again are called a duplicate. */
export const DUPLICATE_WINDOW_MS = 24 * 3_600_000;
/** At most this many related jobs are named per finding; the first few say enough. */
const MAX_RELATED = 10;

// ---- Rules on the request alone -------------------------------------------------------------

type Group = { files: NamedPath[]; owner?: NamedPath };

/** The input files per sample, each with the name it is listed under (when the request says). */
function inputGroups(kind: "DNA_SOMATIC" | "DNA_GERMLINE", body: RequestBody): Group[] {
  if (kind === "DNA_GERMLINE") {
    const files = stringsOf(body, "input");
    const named = readGroupSample(body);
    const first = files[0];
    // Without `-SM`, the first file's name is how the lab named the sample.
    const owner =
      named ?? (first ? { value: sampleStem(first.value), field: first.field } : undefined);
    return [{ files, ...(owner ? { owner } : {}) }];
  }
  return (["tumor", "normal"] as const).map((side) => {
    const name = textField(body, SAMPLE_NAME_FIELD[side]);
    const files = sideInputs(body, side);
    return name ? { files, owner: { value: name, field: SAMPLE_NAME_FIELD[side] } } : { files };
  });
}

function missingNormal(body: RequestBody): string[] {
  const fields: string[] = [];
  if (!textField(body, "normal_sample_name")) fields.push("normal_sample_name");
  if (sideInputs(body, "normal").length === 0) fields.push("inputs");
  return fields;
}

function tumorIsNormal(body: RequestBody): string[] {
  const tumor = textField(body, "tumor_sample_name");
  const normal = textField(body, "normal_sample_name");
  return tumor && normal && tumor.toLowerCase() === normal.toLowerCase()
    ? ["tumor_sample_name", "normal_sample_name"]
    : [];
}

function fieldsOfRepeats(files: readonly NamedPath[]): string[] {
  const byPath = new Map<string, string[]>();
  for (const f of files) byPath.set(f.value, [...(byPath.get(f.value) ?? []), f.field]);
  return [...byPath.values()].filter((fields) => fields.length > 1).flat();
}

function inBothSides(groups: readonly Group[]): string[] {
  const [tumor, normal] = groups;
  if (!tumor || !normal) return [];
  const normalPaths = new Set(normal.files.map((f) => f.value));
  const shared = new Set(tumor.files.map((f) => f.value).filter((p) => normalPaths.has(p)));
  return [...tumor.files, ...normal.files].filter((f) => shared.has(f.value)).map((f) => f.field);
}

/** FASTQ files of one sample that have no mate: all of them when the count is odd and names say nothing. */
function unpairedFiles(files: readonly NamedPath[], fastqDeclared: boolean): string[] {
  const reads = files.filter((f) => fastqDeclared || isFastqPath(f.value));
  if (reads.length === 0) return [];
  const mates = reads.map((f) => mateOf(f.value));
  const balance = new Map<string, number>();
  for (const mate of mates) {
    if (mate) balance.set(mate.pair, (balance.get(mate.pair) ?? 0) + (mate.read === 1 ? 1 : -1));
  }
  const unmatched = reads.filter((_, i) => {
    const mate = mates[i];
    return mate && balance.get(mate.pair) !== 0;
  });
  if (unmatched.length > 0) return unmatched.map((f) => f.field);
  return reads.length % 2 === 1 ? reads.map((f) => f.field) : [];
}

/**
 * A sample name counts as another sample's when it looks like an identifier (4+ characters with a
 * letter and a digit, like ONC26-0412 or NA12878): generic words such as "tumor" or "reads" in a
 * file name say nothing about whose reads these are.
 */
function looksLikeSampleId(name: string): boolean {
  return name.length >= 4 && /[a-z]/i.test(name) && /\d/.test(name);
}

/** Names that are one sample: equal, or one inside the other (ONC7 and ONC7_tumor). */
function related(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a);
}

function otherSampleFiles(
  kind: "DNA_SOMATIC" | "DNA_GERMLINE",
  groups: readonly Group[],
  knownNames: ReadonlySet<string>,
): string[] {
  // This request's own names, besides the other jobs' (kept apart: that set is large).
  const ownNames = new Set<string>();
  for (const g of groups) if (g.owner) ownNames.add(g.owner.value.toLowerCase());
  if (kind === "DNA_GERMLINE") {
    // A germline job's files are named after its sample: any stem in it is a sample name.
    for (const g of groups)
      for (const f of g.files) ownNames.add(sampleStem(f.value).toLowerCase());
  }
  const isName = (piece: string) => ownNames.has(piece) || knownNames.has(piece);
  const fields = new Set<string>();
  for (const { files, owner } of groups) {
    if (!owner) continue;
    const own = owner.value.toLowerCase();
    for (const file of files) {
      const name = fileName(file.value).toLowerCase();
      if (carriesName(name, own)) continue;
      const foreign = [...namePieces(name)].some((p) => isName(p) && !related(p, own));
      if (foreign) {
        fields.add(file.field);
        fields.add(owner.field);
      }
    }
  }
  return [...fields];
}

const RESOURCE_FIELDS = [
  "knownsites",
  "intervals",
  "pon",
  "germline_resource",
  "mutect_calls_variant",
];

function referenceMismatch(body: RequestBody): string[] {
  const ref = textField(body, "ref");
  const build = ref ? buildOf(ref) : undefined;
  if (!build) return [];
  const wrong = RESOURCE_FIELDS.flatMap((key) => stringsOf(body, key)).filter((resource) => {
    const said = buildOf(fileName(resource.value)) ?? buildOf(resource.value);
    return said !== undefined && said !== build;
  });
  return wrong.length > 0 ? ["ref", ...wrong.map((r) => r.field)] : [];
}

const OUTPUT_FIELDS = ["output", "mutect_bam_output", "bam_output"];

/** `s3a://b/x/` and `s3a://b/x` are one place. */
function outputKey(path: string): string {
  return path.replace(/\/+$/, "");
}

function outputsOf(body: RequestBody): NamedPath[] {
  return OUTPUT_FIELDS.flatMap((key) => {
    const value = textField(body, key);
    return value ? [{ value: outputKey(value), field: key }] : [];
  });
}

/** The fields that make a run's identity, for a duplicate finding. */
function identityFields(kind: "DNA_SOMATIC" | "DNA_GERMLINE", body: RequestBody): string[] {
  const fields: string[] = [];
  if (kind === "DNA_SOMATIC") {
    for (const side of ["tumor", "normal"] as const) {
      if (textField(body, SAMPLE_NAME_FIELD[side])) fields.push(SAMPLE_NAME_FIELD[side]);
      else if (!fields.includes("inputs")) fields.push("inputs");
    }
  } else {
    fields.push(readGroupSample(body)?.field ?? "input");
  }
  if (textField(body, "ref")) fields.push("ref");
  return fields;
}

// ---- The index of other jobs ----------------------------------------------------------------

type Run = { jobId: string; startTime: number; endTime: number };
type Runs = { active: Run[]; finished: Run[]; longestMs: number };

type Index = {
  runs: Map<string, Runs>;
  activeOutputs: Map<string, Run[]>;
  knownNames: Set<string>;
};

function byStart(a: Run, b: Run): number {
  return a.startTime - b.startTime || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0);
}

type KeyOf = (job: CheckedJob, body: RequestBody) => string | null;

function buildIndex(others: readonly CheckedJob[], keyOf: KeyOf): Index {
  const index: Index = { runs: new Map(), activeOutputs: new Map(), knownNames: new Set() };
  for (const other of others) {
    const body = asBody(other.request);
    if (!body || !Number.isFinite(other.startTime)) continue;
    const seconds = other.durationSeconds;
    const durationMs = typeof seconds === "number" && seconds > 0 ? seconds * 1000 : 0;
    const run: Run = {
      jobId: other.jobId,
      startTime: other.startTime,
      endTime: other.startTime + durationMs,
    };
    const active = isActive(other.status);
    const key = keyOf(other, body);
    if (key !== null && (active || other.status === "FINISHED")) {
      let runs = index.runs.get(key);
      if (!runs) {
        runs = { active: [], finished: [], longestMs: 0 };
        index.runs.set(key, runs);
      }
      if (active) runs.active.push(run);
      else {
        runs.finished.push(run);
        runs.longestMs = Math.max(runs.longestMs, durationMs);
      }
    }
    if (active) {
      for (const output of outputsOf(body)) {
        const writers = index.activeOutputs.get(output.value);
        if (writers) writers.push(run);
        else index.activeOutputs.set(output.value, [run]);
      }
    }
    for (const name of sampleNames(other.jobType, body)) {
      if (looksLikeSampleId(name)) index.knownNames.add(name.toLowerCase());
    }
  }
  for (const runs of index.runs.values()) {
    runs.active.sort(byStart);
    runs.finished.sort(byStart);
  }
  return index;
}

/** Earlier than `job`: started before it (ties broken by id, so exactly one of two is first). */
function isBefore(run: Run, job: CheckedJob): boolean {
  return byStart(run, { jobId: job.jobId, startTime: job.startTime, endTime: 0 }) < 0;
}

/** The runs `job` duplicates: earlier and still active, or finished less than a day before it. */
function duplicatedRuns(runs: Runs, job: CheckedJob): Run[] {
  const found: Run[] = [];
  // Active runs sorted by start: the newest of those that started before the job first.
  for (let i = runs.active.length - 1; i >= 0 && found.length < MAX_RELATED; i--) {
    const run = runs.active[i] as Run;
    if (isBefore(run, job) && run.jobId !== job.jobId) found.push(run);
  }
  // Finished runs sorted by start: walk back from the job's start while one could still have
  // ended within the window (no run lasted longer than `longestMs`).
  const { finished } = runs;
  let lo = 0;
  let hi = finished.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(finished[mid] as Run, job)) lo = mid + 1;
    else hi = mid;
  }
  const earliest = job.startTime - DUPLICATE_WINDOW_MS - runs.longestMs;
  for (let i = lo - 1; i >= 0 && found.length < MAX_RELATED; i--) {
    const run = finished[i] as Run;
    if (run.startTime < earliest) break;
    if (run.jobId !== job.jobId && job.startTime - run.endTime <= DUPLICATE_WINDOW_MS) {
      found.push(run);
    }
  }
  return found.sort((a, b) => byStart(b, a));
}

function newestIds(runs: readonly Run[]): string[] {
  return [...new Set([...runs].sort((a, b) => byStart(b, a)).map((r) => r.jobId))].slice(
    0,
    MAX_RELATED,
  );
}

// ---- The checker ----------------------------------------------------------------------------

export type RequestChecker = (job: CheckedJob) => Finding[];

/**
 * Indexes `others` once (their run identities, active outputs and sample names) and returns a
 * checker for any job: use it to check every job of a list (20,000 jobs in well under a second).
 * `others` may include the checked job itself; it is never compared with itself.
 */
export function prepareChecks(others: readonly CheckedJob[]): RequestChecker {
  // A list is usually checked against itself: each request's run key is worked out once.
  const keys = new WeakMap<RequestBody, { jobType: string; key: string | null }>();
  const keyOf: KeyOf = (job, body) => {
    const known = keys.get(body);
    if (known?.jobType === job.jobType) return known.key;
    const key = runKey(job.jobType, body);
    keys.set(body, { jobType: job.jobType, key });
    return key;
  };
  const index = buildIndex(others, keyOf);
  return (job) => {
    const body = asBody(job.request);
    if (!body) return [];
    const kind = jobKind(job.jobType, body);
    if (!kind) return [];
    const findings: Finding[] = [];
    const add = (rule: RuleId, fields: readonly string[], relatedJobIds?: string[]) => {
      if (fields.length === 0) return;
      const finding: Finding = { rule, fields: [...new Set(fields)] };
      if (relatedJobIds) finding.relatedJobIds = relatedJobIds;
      findings.push(finding);
    };
    const groups = inputGroups(kind, body);
    if (kind === "DNA_SOMATIC") {
      add("missing-normal", missingNormal(body));
      add("tumor-is-normal", tumorIsNormal(body));
    }
    add(
      "repeated-input",
      groups.flatMap((g) => fieldsOfRepeats(g.files)),
    );
    if (kind === "DNA_SOMATIC") add("input-in-tumor-and-normal", inBothSides(groups));
    const fastqDeclared = textField(body, "file_type")?.toLowerCase() === "fastq";
    add(
      "unpaired-fastq",
      groups.flatMap((g) => unpairedFiles(g.files, fastqDeclared)),
    );
    add("input-of-other-sample", otherSampleFiles(kind, groups, index.knownNames));
    add("reference-mismatch", referenceMismatch(body));

    const sharing: Run[] = [];
    const sharedFields: string[] = [];
    // Only a job that is still to write can overwrite: an ended one has written already, and
    // flagging it would point at the wrong job (the one launched after it is the danger).
    const writes = isActive(job.status);
    for (const output of writes ? outputsOf(body) : []) {
      const writers = (index.activeOutputs.get(output.value) ?? []).filter(
        (w) => w.jobId !== job.jobId,
      );
      if (writers.length > 0) {
        sharedFields.push(output.field);
        sharing.push(...writers);
      }
    }
    add("shared-output", sharedFields, newestIds(sharing));

    const key = keyOf(job, body);
    const runs = key === null ? undefined : index.runs.get(key);
    const duplicated = runs ? duplicatedRuns(runs, job) : [];
    if (duplicated.length > 0) {
      add("duplicate-run", identityFields(kind, body), newestIds(duplicated));
    }
    return findings;
  };
}

/** The findings for one job against `others`. To check many jobs, call `prepareChecks` once. */
export function checkRequest(job: CheckedJob, others: readonly CheckedJob[]): Finding[] {
  return prepareChecks(others)(job);
}
