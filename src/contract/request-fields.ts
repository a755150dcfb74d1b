// Reading a decoded DLI request without trusting it: any field may be missing, null, of another
// type, or an own `__proto__` key. Shared by run identity and the sample-sheet checks. Part of
// src/contract/: imports nothing.
//
// Field paths name where a value sits in the request, the way the drawer shows it:
// `tumor_sample_name`, `inputs[1].sample_inputs[0]`, `input[1]`, `knownsites[2]`.

export type RequestBody = Record<string, unknown>;

/** A plain JSON object (not an array, not null); undefined for anything else. */
export function asBody(value: unknown): RequestBody | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as RequestBody)
    : undefined;
}

/** An own field only: an inherited or prototype value is never read as part of the request. */
export function field(body: RequestBody, key: string): unknown {
  return Object.hasOwn(body, key) ? body[key] : undefined;
}

/** A trimmed, non-empty string field. */
export function textField(body: RequestBody, key: string): string | undefined {
  const value = field(body, key);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** A file or resource named in the request, with the path of the field that names it. */
export type NamedPath = { value: string; field: string };

/** The strings of a list field (a lone string counts as a list of one), with their paths. */
export function stringsOf(body: RequestBody, key: string): NamedPath[] {
  const value = field(body, key);
  if (typeof value === "string") return value.trim() ? [{ value: value.trim(), field: key }] : [];
  if (!Array.isArray(value)) return [];
  const out: NamedPath[] = [];
  value.forEach((item, i) => {
    if (typeof item === "string" && item.trim())
      out.push({ value: item.trim(), field: `${key}[${i}]` });
  });
  return out;
}

export type JobKind = "DNA_SOMATIC" | "DNA_GERMLINE";

/** The list's job type, or the request's own `job_type` when the caller has none. */
export function jobKind(jobType: string, body: RequestBody): JobKind | undefined {
  const type = jobType || textField(body, "job_type") || "";
  return type === "DNA_SOMATIC" || type === "DNA_GERMLINE" ? type : undefined;
}

export type Side = "tumor" | "normal";

/** A somatic sample's input files: every `inputs[]` entry whose `sample_type` is this side. */
export function sideInputs(body: RequestBody, side: Side): NamedPath[] {
  const inputs = field(body, "inputs");
  if (!Array.isArray(inputs)) return [];
  const out: NamedPath[] = [];
  inputs.forEach((entry, i) => {
    const sample = asBody(entry);
    if (!sample || textField(sample, "sample_type")?.toLowerCase() !== side) return;
    for (const file of stringsOf(sample, "sample_inputs")) {
      out.push({ value: file.value, field: `inputs[${i}].${file.field}` });
    }
  });
  return out;
}

export const SAMPLE_NAME_FIELD: Record<Side, string> = {
  tumor: "tumor_sample_name",
  normal: "normal_sample_name",
};

/** The FastqToSam options fields: the submit documents say `fastq_to_sam_conf`, the list's seed `fastq_ubam_conf`. */
const FASTQ_CONF_FIELDS = ["fastq_to_sam_conf", "fastq_ubam_conf"] as const;
/** The documented default of `-SM`: a sample named by no one. */
const DEFAULT_READ_GROUP_SAMPLE = "SM1";

/** A germline sample's name as the request gives it: `-SM <name>` in the FastqToSam options. */
export function readGroupSample(body: RequestBody): NamedPath | undefined {
  for (const key of FASTQ_CONF_FIELDS) {
    const conf = field(body, key);
    if (!Array.isArray(conf)) continue;
    const at = conf.indexOf("-SM");
    const name = conf[at + 1];
    if (at === -1 || typeof name !== "string") continue;
    const trimmed = name.trim();
    if (trimmed && trimmed !== DEFAULT_READ_GROUP_SAMPLE) return { value: trimmed, field: key };
  }
  return undefined;
}

/** `s3a://bucket/run/NA12878_1.fq.gz` → `NA12878_1.fq.gz`. */
export function fileName(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(path.lastIndexOf("/", end - 1) + 1, end) || path;
}

const COMPRESSIONS = [".gz", ".bz2"];
const FORMATS = [".fastq", ".fq", ".bam", ".cram", ".sam", ".ubam"];
const PROCESSING = [".bqsr", ".sorted", ".dedup", ".markdup", ".recal", ".aligned"];

/** `name` without the first of `suffixes` it ends with (compared in lower case). */
function strip(name: string, lower: string, suffixes: readonly string[]): [string, string] {
  for (const suffix of suffixes) {
    if (lower.endsWith(suffix)) {
      const end = name.length - suffix.length;
      return [name.slice(0, end), lower.slice(0, end)];
    }
  }
  return [name, lower];
}

// Plain string work rather than regular expressions: the checks run on every file of every job
// in a list of 20,000.

export function isFastqPath(path: string): boolean {
  const [, lower] = strip(path, path.toLowerCase(), COMPRESSIONS);
  return lower.endsWith(".fastq") || lower.endsWith(".fq");
}

/** The file name without compression and format extensions. */
function bareName(path: string): string {
  let name = fileName(path);
  let lower = name.toLowerCase();
  [name, lower] = strip(name, lower, COMPRESSIONS);
  [name, lower] = strip(name, lower, FORMATS);
  [name] = strip(name, lower, PROCESSING);
  return name;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isSeparator = (c: string | undefined) => c === "_" || c === "-" || c === ".";

type ReadTag = { prefix: string; separator: string; read: 1 | 2; chunk: string };

/** Read 1 or 2 of a pair at the end of a FASTQ name: `x_R1`, `x_1`, `x.R2`, `x_R1_001` (Illumina's chunk). */
function readTag(name: string): ReadTag | null {
  let end = name.length;
  let chunk = "";
  // `_001`: the chunk number Illumina's bcl2fastq appends after the read.
  if (
    end >= 4 &&
    isSeparator(name[end - 4]) &&
    isDigit(name[end - 3]) &&
    isDigit(name[end - 2]) &&
    isDigit(name[end - 1])
  ) {
    chunk = name.slice(end - 4);
    end -= 4;
  }
  const digit = name[end - 1];
  if (digit !== "1" && digit !== "2") return null;
  let at = end - 2;
  if (name[at] === "R" || name[at] === "r") at--;
  if (at < 1 || !isSeparator(name[at])) return null;
  return {
    prefix: name.slice(0, at),
    separator: name[at] as string,
    read: digit === "1" ? 1 : 2,
    chunk,
  };
}

/** Which mate a FASTQ file holds, and the name it shares with its mate; null when it does not say. */
export function mateOf(path: string): { pair: string; read: 1 | 2 } | null {
  const tag = readTag(bareName(path));
  if (!tag) return null;
  return { pair: `${tag.prefix}${tag.separator}*${tag.chunk}`.toLowerCase(), read: tag.read };
}

/** Lane (`_L001`) and sample-sheet index (`_S3`) tags Illumina puts in FASTQ names. */
const LANE_TAG = /[._-](L\d{3}|S\d{1,3})$/i;

/**
 * What a file name says the sample is called, as lab staff read it: `NA12878_1.fq.gz` →
 * `NA12878`, `P7_S3_L001_R1_001.fastq.gz` → `P7`, `HCC1143_tumor.bqsr.bam` → `HCC1143_tumor`.
 * Read, lane and chunk tags are taken off FASTQ names only (a BAM called `case-2.bam` is `case-2`).
 */
export function sampleStem(path: string): string {
  let name = bareName(path);
  if (!isFastqPath(path)) return name;
  const tag = readTag(name);
  if (tag) name = tag.prefix;
  while (LANE_TAG.test(name)) name = name.replace(LANE_TAG, "");
  return name;
}

function isWordChar(code: number): boolean {
  // 0-9, A-Z, a-z: the characters a sample name is made of, besides its separators.
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Every run of a file name that starts and ends at a word boundary (the name's ends, or next to a
 * character that is not a letter or digit), lower-cased: the places a sample name can sit.
 * `ONC7_tumor_R1` → `onc7`, `onc7_tumor`, `onc7_tumor_r1`, `tumor`, `tumor_r1`, `r1`.
 */
export function namePieces(name: string): Set<string> {
  const lower = name.toLowerCase();
  const starts: number[] = [];
  const ends: number[] = [];
  let previous = false;
  for (let i = 0; i < lower.length; i++) {
    const word = isWordChar(lower.charCodeAt(i));
    if (word && !previous) starts.push(i);
    if (!word && previous) ends.push(i);
    previous = word;
  }
  if (previous) ends.push(lower.length);
  const pieces = new Set<string>();
  for (const start of starts) {
    for (const end of ends) if (end > start) pieces.add(lower.slice(start, end));
  }
  return pieces;
}

/** True when `name` (lower case) sits in `fileNameLower` at word boundaries: cheaper than `namePieces`. */
export function carriesName(fileNameLower: string, name: string): boolean {
  if (name === "") return false;
  for (let at = fileNameLower.indexOf(name); at !== -1; at = fileNameLower.indexOf(name, at + 1)) {
    const before = at === 0 || !isWordChar(fileNameLower.charCodeAt(at - 1));
    const end = at + name.length;
    const after = end === fileNameLower.length || !isWordChar(fileNameLower.charCodeAt(end));
    if (before && after) return true;
  }
  return false;
}

/** Genome build families: hg19, GRCh37, b37 and hs37d5 are one; hg38, GRCh38 and hs38DH the other. */
export type GenomeBuild = "GRCh37" | "GRCh38";

const BUILD_TOKEN =
  /(?:^|[^a-z0-9])(hg19|hg38|grch37|grch38|b37|b38|hs37d5|hs37|hs38dh|hs38|assembly19|assembly38)(?![0-9])/i;

/** Resource names repeat across a lab's jobs (the same few known-sites files): read each once. */
const builds = new Map<string, GenomeBuild | null>();
const MAX_REMEMBERED_BUILDS = 10_000;

/** The build a reference or resource name says it is for; undefined when it does not say. */
export function buildOf(name: string): GenomeBuild | undefined {
  let build = builds.get(name);
  if (build === undefined) {
    const token = BUILD_TOKEN.exec(name)?.[1]?.toLowerCase();
    build = token ? (token.includes("38") ? "GRCh38" : "GRCh37") : null;
    if (builds.size >= MAX_REMEMBERED_BUILDS) builds.clear();
    builds.set(name, build);
  }
  return build ?? undefined;
}
