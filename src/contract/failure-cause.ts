// Failure causes: a DLI failure message reduced to what went wrong, so that the jobs that failed
// for the same reason group together and a cause can be named in a URL (`cause=`). The browser's
// overview and list and the server's notification watcher all call this, so a cause has the same
// key on both and tomorrow. Part of src/contract/: imports nothing but its own modules.
//
// The signature keeps the exception and the phrase that says what went wrong, and drops what
// varies between occurrences: numbers, task/stage/executor/TID ids, UUIDs, hex, paths and object
// keys, sample names, sizes and quoted values.

import type { InsightJob } from "./job-insight";

export type FailureCause = { key: string; title: string };

/** Only the start of a message is read: the cause is named there; stack traces run to megabytes. */
const HEAD_CHARS = 4096;
const TITLE_MAX = 100;
const SLUG_MAX = 40;
/** Stands for whatever varied in the message (a path, a number, a sample name…). */
const VARIES = "…";

/** The key of the jobs whose cause is a one-off in the set they were grouped in. */
export const OTHER_CAUSE_KEY = "other";

/**
 * 32-bit FNV-1a over UTF-16 code units, as base 36 (7 characters): a short, deterministic hash
 * that Node and every browser compute alike, without a crypto import.
 */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36).padStart(7, "0");
}

function slug(title: string): string {
  const full = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (full.length <= SLUG_MAX) return full || "cause";
  const cut = full.slice(0, SLUG_MAX + 1);
  const atWord = cut.lastIndexOf("-");
  return (atWord > 10 ? cut.slice(0, atWord) : full.slice(0, SLUG_MAX)).replace(/-+$/, "");
}

/** Titles repeat far more than messages: their slugs are remembered (a few hundred at most). */
const slugs = new Map<string, string>();

function makeCause(title: string, signature: string): FailureCause {
  let titleSlug = slugs.get(title);
  if (titleSlug === undefined) {
    if (slugs.size >= 1000) slugs.clear();
    titleSlug = slug(title);
    slugs.set(title, titleSlug);
  }
  // ≤ 40 + 1 + 7 = 48 characters of [a-z0-9-].
  return { key: `${titleSlug}-${fnv1a(signature)}`, title };
}

// ---------------------------------------------------------------------------------------------
// Dropping what varies

/** Tokens with digits that are names of things, not details of one occurrence. */
const STABLE_WITH_DIGITS = new Set(["s3", "s3a", "mutect2", "log4j", "utf-8", "utf8", "base64"]);

/** File extensions of what a pipeline reads and writes: a dotted token ending so is a file name. */
const FILE_EXTENSIONS = new Set(
  "fasta fa fai img dict bam bai cram crai sam vcf gvcf gz bgz tbi idx fastq fq bed interval_list txt json py jar csv parquet bwt sa amb ann pac".split(
    " ",
  ),
);

const QUOTED_LIST = /\[\s*(?:(['"])[^'"\n]{0,200}\1\s*,?\s*){1,50}\]/g;
const QUOTED = /(^|[^\w])(['"`])[^'"`\n]{0,300}\2(?!\w)/g;
const URL_LIKE = /\b[a-z][a-z0-9+.-]{0,15}:\/\/?[^\s'"`,;()[\]{}<>]*/gi;
const ABSOLUTE_PATH = /(^|[\s=:(["'])\/[^\s/'"`,;()]+\/[^\s'"`,;()]*/g;
// Anchored at a word's start: unanchored, every word without a dot is retried from each letter.
const DOTTED = /(?<![\w+-])[\w+-]+(?:\.[\w+-]+)+/g;
const SIZE = /\b\d+(?:\.\d+)?\s?(?:[kmgtp]i?b|bytes?)\b|\b\d+(?:\.\d+)?[kmgt]\b/gi;
const AFTER_SAMPLE = /\b(samples?:?\s+)(?![a-z]+\b)[\w.-]+/gi;
const TOKEN = /[\w-]+/g;
const RUN_OF_VARIES = /…(?:[\s:;,.=*/#x-]*…)+/g;

function fileName(token: string): string {
  const extension = token.slice(token.lastIndexOf(".") + 1).toLowerCase();
  return FILE_EXTENSIONS.has(extension) ? VARIES : token;
}

function tokenWithDigit(token: string): string {
  return !/\d/.test(token) ||
    (/[A-Za-z]/.test(token) &&
      (STABLE_WITH_DIGITS.has(token.toLowerCase()) || /[a-z][A-Z]/.test(token)))
    ? token
    : VARIES;
}

/**
 * `text` with every varying detail replaced by `…`, runs of them merged, whitespace collapsed.
 * The order matters: quoted values and paths go whole before their numbers are looked at. Each
 * pass runs only when its tell-tale character is there: thousands of messages go through here.
 */
function dropVarying(text: string): string {
  let t = text;
  // Lists of quoted values first, as Python prints a command: ['samtools', 'index', 'x.bam']
  if (t.includes("[")) t = t.replace(QUOTED_LIST, VARIES);
  // Quoted values: 'normal_sample_name', "x", `y` (not the apostrophe of doesn't).
  if (/['"`]/.test(t)) t = t.replace(QUOTED, `$1${VARIES}`);
  // URLs and object keys: s3a://bucket/key, obs://…, hdfs://…, file:/…
  if (t.includes(":/")) t = t.replace(URL_LIKE, VARIES);
  if (t.includes("/")) {
    // Absolute paths with at least two segments: /opt/gene/run.py
    t = t.replace(ABSOLUTE_PATH, `$1${VARIES}`);
  }
  // File names: Homo_sapiens_assembly.hg38.fasta.img, NA12878.bam.bai
  if (t.includes(".")) t = t.replace(DOTTED, fileName);
  const digits = /\d/.test(t);
  // Sizes: 22.4 GB, 512MB, 16g, 1024 bytes
  if (digits) t = t.replace(SIZE, VARIES);
  // The name after "sample": Sample ONC26-0042_normal is not in BAM header
  if (/sample/i.test(t)) t = t.replace(AFTER_SAMPLE, `$1${VARIES}`);
  // Every other token with a digit: numbers, ids (task 118.3, TID 4242, UUIDs, 0x7f3a, hex,
  // container_e05_…_000003), sample names (NA12878, HCC1143_tumor), contigs, hosts and
  // references (chr7, ip-10-0-0-5, hg38); but not names like S3AFileSystem or Mutect2.
  // (Each token once, tested in a callback: a pattern of its own backtracks on "a-a-a-…".)
  if (digits) t = t.replace(TOKEN, tokenWithDigit);
  // One `…` for a run of details: "…:…-…", "… of … GB", "[…, …, …]"
  if (t.includes(VARIES)) t = t.replace(RUN_OF_VARIES, VARIES);
  return (/\s\s|[\t\n\r\f\v]/.test(t) ? t.replace(/\s+/g, " ") : t).trim();
}

/** A readable title from a text whose details are already `…`. */
function tidyTitle(text: string): string {
  let title = text;
  // Asides that only held details go: "(TID …, executor …)", "(expect_time=…h)". A bracketed
  // value stays a detail: "timed out after [300 seconds]" → "timed out after …".
  for (let i = 0; i < 2; i++) {
    title = title
      .replace(/\s*\([^()[\]]*…[^()[\]]*\)/g, "")
      .replace(/\[[^()[\]]*…[^()[\]]*\]/g, VARIES);
  }
  title = title
    .replace(/\s+/g, " ")
    .replace(/\s+([.,;:])/g, "$1")
    .replace(/^[\s:;,.…-]+/, "")
    // A trailing detail after punctuation goes ("KeyError: …" → "KeyError"); after a word it
    // stays, or the sentence would end mid-air ("both are …").
    .replace(/[\s:;,.=-]+$/, "")
    .replace(/(?:^|\s*[:;,=-])\s*…$/, "")
    .replace(/[\s:;,.=-]+$/, "");
  // A long title keeps its first sentence.
  if (title.length > 80) {
    const end = title.search(/[.!?]\s+[A-Z]/);
    if (end > 20) title = title.slice(0, end);
  }
  if (title.length > TITLE_MAX) {
    const cut = title.slice(0, TITLE_MAX - 1);
    const atWord = cut.lastIndexOf(" ");
    title = `${(atWord > 40 ? cut.slice(0, atWord) : cut).replace(/[\s:;,.-]+$/, "")}…`;
  }
  return title;
}

// ---------------------------------------------------------------------------------------------
// Recognising the shape of a message

/** The HTTP status OBS and S3 answer each error code with. */
const STATUS_OF_CODE: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  accessdenied: "403",
  signaturedoesnotmatch: "403",
  invalidaccesskeyid: "403",
  nosuchkey: "404",
  nosuchbucket: "404",
  slowdown: "503",
  serviceunavailable: "503",
  internalerror: "500",
});

/** Hadoop/OBS clients, the AWS SDK and boto name the storage's answer in one of these ways. */
function storageCause(head: string): FailureCause | null {
  if (!head.includes("Code") && !head.includes("An error occurred (")) return null;
  const status =
    /ResponseCode:\s*(\d{3})/.exec(head)?.[1] ?? /Status Code:\s*(\d{3})/.exec(head)?.[1];
  const boto = /An error occurred \((\w+)\) when calling the (\w+) operation/.exec(head);
  const code =
    /ErrorCode:\s*([A-Za-z][\w.]*)/.exec(head)?.[1] ??
    /Error Code:\s*([A-Za-z][\w.]*)/.exec(head)?.[1] ??
    boto?.[1];
  const usable = (value: string | undefined) => (value && value !== "null" ? value : undefined);
  if (!usable(status) && !usable(code)) return null;
  // boto names only the code: the same cause as the Java client's "403 AccessDenied".
  const httpStatus = usable(status) ?? STATUS_OF_CODE[usable(code)?.toLowerCase() ?? ""];
  // Read or write, when the text says: in its words with the paths dropped ("…/output/…" says
  // nothing), else in the storage call it names (boto's operation, a stack frame's method).
  const words = head.slice(0, 1000).replace(/\n\s*at .*|\S*\/\S*/g, "");
  const direction = /\b(?:writ(?:e|ing)|written|upload(?:ing)?)\b/i.test(words)
    ? "write"
    : /\b(?:read(?:ing)?|open(?:ing)?|download(?:ing)?|no such file)\b/i.test(words)
      ? "read"
      : /[pP]utObject|[cC]ompleteMultipartUpload|[uU]ploadPart/.test(boto?.[2] ?? head)
        ? "write"
        : /[gG]etFileStatus|[gG]etObject|[hH]eadObject/.test(boto?.[2] ?? head)
          ? "read"
          : "";
  const parts = ["OBS", httpStatus, usable(code)].filter(Boolean).join(" ");
  const title =
    direction === "write"
      ? `${parts} writing output`
      : direction === "read"
        ? `${parts} reading input`
        : parts;
  return makeCause(
    title,
    `obs|${httpStatus ?? ""}|${usable(code)?.toLowerCase() ?? ""}|${direction}`,
  );
}

function yarnMemoryCause(head: string): FailureCause | null {
  if (!head.includes("memory limits")) return null;
  const match =
    /Container killed by YARN for exceeding (virtual |physical )?memory limits/.exec(head) ??
    /running beyond (virtual|physical) memory limits/.exec(head);
  if (!match) return null;
  const virtual = /virtual/i.test(match[0]);
  return makeCause(
    virtual
      ? "Container killed by YARN for exceeding virtual memory limits"
      : "Container killed by YARN for exceeding memory limits",
    virtual ? "yarn|memory|virtual" : "yarn|memory|physical",
  );
}

/** The GATK tool named by the innermost stack frame under hellbender.tools: BwaSparkEngine → BwaSpark. */
function gatkTool(head: string): string | null {
  const match = /org\.broadinstitute\.hellbender\.tools(?:\.[a-z]\w*)*\.([A-Z]\w*)/.exec(head);
  return match?.[1] ? match[1].replace(/Engine$/, "") : null;
}

/** The last line of a Python traceback that names an exception (else its last line). */
function pythonLastLine(lines: readonly string[]): string {
  const meaningful = lines.filter(
    (line) =>
      line &&
      !line.startsWith("File ") &&
      !line.startsWith("Traceback") &&
      !/^[\^~\s]+$/.test(line) &&
      !/^During handling|^The above exception/.test(line),
  );
  const named = meaningful.filter((line) =>
    /^[\w.]*(?:Error|Exception|Exit|Interrupt|Warning)\b/.test(line),
  );
  return named.at(-1) ?? meaningful.at(-1) ?? "";
}

/** A class path's simple name: java.lang.OutOfMemoryError → OutOfMemoryError; A$B → B. */
function simpleName(qualified: string): string {
  return qualified.split(".").at(-1)?.split("$").at(-1) ?? qualified;
}

/** An exception named on the line (the innermost, i.e. the last), with the words after it. */
const EXCEPTION_ON_LINE =
  /(?:\b[a-z_$][\w$]*\.){1,12}([A-Z][\w$]*(?:Exception|Error)(?:\$\w+)?)\b|\b([A-Z][\w$]*(?:Exception|Error))(?=:|$)|^([A-Z]\w*Failure)\b/g;

function exceptionCause(line: string, tool: string | null): FailureCause {
  let last: RegExpExecArray | null = null;
  for (const match of line.matchAll(EXCEPTION_ON_LINE)) last = match;
  let name = "";
  let rest = line;
  if (last) {
    name = simpleName(last[1] ?? last[2] ?? last[3] ?? "");
    rest = line.slice((last.index ?? 0) + last[0].length);
  }
  rest = dropVarying(rest.replace(/^\s*:\s*/, "")).replace(/^(?:\([^)]*\)\s*)?Reason:\s*/, "");
  const words = tidyTitle(rest);
  const place = tool ? ` in ${tool}` : "";
  const title =
    (name && words ? `${name}: ${words}` : name || words || "Unrecognised message") + place;
  return makeCause(
    title.length > TITLE_MAX + 20 ? tidyTitle(title) : title,
    `${name}|${tool ?? ""}|${rest.toLowerCase().slice(0, 240)}`,
  );
}

/** The line of `text` that starts at `from` (an index into it), trimmed. */
function lineAt(text: string, from: number): string {
  const end = text.indexOf("\n", from);
  return text.slice(from, end === -1 ? undefined : end).trim();
}

function causeOf(start: string): FailureCause {
  // Lines are only split where a shape needs them: most messages are matched on the whole text.
  const head = start.includes("\r") ? start.replace(/\r\n?/g, "\n") : start;
  if (!head.trim()) return makeCause("No message", "empty");
  const yarn = yarnMemoryCause(head);
  if (yarn) return yarn;
  const storage = storageCause(head);
  if (storage) return storage;
  if (head.includes("does not match the sequence dictionary")) {
    return makeCause(
      "Reference index does not match the sequence dictionary",
      "gatk|ref-index-dict",
    );
  }
  if (head.includes("Traceback (most recent call last)")) {
    return exceptionCause(pythonLastLine(head.split("\n").map((line) => line.trim())), null);
  }
  const gatk =
    /A USER ERROR has occurred:\s*([^\n]*)/.exec(head) ?? /ERROR MESSAGE:\s*([^\n]*)/.exec(head);
  if (gatk?.[1]?.trim()) return exceptionCause(gatk[1].trim(), null);
  const tool = gatkTool(head);
  // Java: the root cause is the last "Caused by:" that starts a line.
  const causedBy = /(?:^|\n)[ \t]*Caused by:/g;
  let lastCause = -1;
  for (let match = causedBy.exec(head); match; match = causedBy.exec(head)) {
    lastCause = match.index + match[0].length;
  }
  if (lastCause !== -1) return exceptionCause(lineAt(head, lastCause), tool);
  // Spark: what the last attempt of the failing task died of.
  const lostTask =
    /most recent failure: Lost task [\d.]+ in stage [\d.]+ \([^)\n]*\)(?: \([^)\n]*\))?:\s*([^\n]*)/.exec(
      head,
    );
  if (lostTask?.[1]?.trim()) return exceptionCause(lostTask[1].trim(), tool);
  return exceptionCause(lineAt(head, head.search(/\S/)), tool);
}

/**
 * The same messages come back on every poll and in the list, overview and watcher alike: their
 * causes are remembered (bounded; a cause depends on the message's head alone, so this is
 * invisible to callers).
 */
const cache = new Map<string, FailureCause>();
const CACHE_MAX = 20_000;

/**
 * The cause of a failure message: a readable `title` ("OutOfMemoryError: Java heap space in
 * BwaSpark", "OBS 403 AccessDenied writing output") and a stable `key` ([a-z0-9-], ≤ 48
 * characters: the title's slug and a hash of the normalised signature), the same in the browser
 * and on the server, today and tomorrow. Never throws; reads only the first 4 KB.
 */
export function failureCause(message: string | null | undefined): FailureCause {
  const text = typeof message === "string" ? message : "";
  const head = text.slice(0, HEAD_CHARS);
  const cached = cache.get(head);
  if (cached) return cached;
  let cause: FailureCause;
  try {
    cause = causeOf(head);
  } catch {
    // Defensive: a cause is promised whatever the input (a regex engine can run out of stack).
    cause = makeCause("Unrecognised message", "unreadable");
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(head, cause);
  return cause;
}

// ---------------------------------------------------------------------------------------------
// Grouping

export type CauseGroup = {
  key: string;
  title: string;
  count: number;
  jobIds: string[];
  /** The step most of them stopped at (see `stoppedAtStep`); null when none is known. */
  commonStep: { step: number; total: number } | null;
  /** Start times, ms. */
  firstSeen: number;
  lastSeen: number;
  /** Distinct, sorted. */
  samples: string[];
  /** One full message: the newest job's. */
  example: string;
};

export type FailureGroups = { causes: CauseGroup[]; other: CauseGroup | null };

/**
 * The pipeline step a failed job stopped at. DLI's progress `k/n` is the step being executed
 * (the list reads it "Step k of n", the emulator fails a job "at" step k and leaves k there), so
 * the step is k itself, at least 1 (a job that failed at `0/n` died before its first step).
 */
export function stoppedAtStep(
  progress: InsightJob["progress"],
): { step: number; total: number } | null {
  if (!progress || !(progress.total > 0)) return null;
  const step = Math.min(progress.total, Math.max(1, Math.floor(progress.done)));
  return { step, total: progress.total };
}

type Accumulator = {
  key: string;
  title: string;
  jobs: InsightJob[];
};

function isFailed(job: InsightJob): boolean {
  return job.status === "FAILED";
}

function finish(key: string, title: string, jobs: readonly InsightJob[]): CauseGroup {
  const steps = new Map<string, { step: number; total: number; count: number }>();
  const samples = new Set<string>();
  let firstSeen = Number.POSITIVE_INFINITY;
  let lastSeen = Number.NEGATIVE_INFINITY;
  let newest: InsightJob | undefined;
  for (const job of jobs) {
    if (job.startTime < firstSeen) firstSeen = job.startTime;
    if (job.startTime > lastSeen) lastSeen = job.startTime;
    // The newest job's message; on a tie, the first of them.
    if (newest === undefined || job.startTime > newest.startTime) newest = job;
    for (const sample of job.samples) samples.add(sample);
    const at = stoppedAtStep(job.progress);
    if (at) {
      const id = `${at.step}/${at.total}`;
      const seen = steps.get(id);
      if (seen) seen.count++;
      else steps.set(id, { ...at, count: 1 });
    }
  }
  let commonStep: CauseGroup["commonStep"] = null;
  let best = 0;
  // Most jobs; on a tie, the earlier step (deterministic whatever the order of the jobs).
  for (const candidate of steps.values()) {
    if (
      candidate.count > best ||
      (candidate.count === best && commonStep && candidate.step < commonStep.step)
    ) {
      best = candidate.count;
      commonStep = { step: candidate.step, total: candidate.total };
    }
  }
  return {
    key,
    title,
    count: jobs.length,
    jobIds: jobs.map((job) => job.jobId),
    commonStep,
    firstSeen,
    lastSeen,
    samples: [...samples].sort(),
    example: newest?.message ?? "",
  };
}

function accumulate(jobs: readonly InsightJob[]): Map<string, Accumulator> {
  const byKey = new Map<string, Accumulator>();
  for (const job of jobs) {
    if (!isFailed(job)) continue;
    const cause = failureCause(job.message);
    const group = byKey.get(cause.key);
    if (group) group.jobs.push(job);
    else byKey.set(cause.key, { key: cause.key, title: cause.title, jobs: [job] });
  }
  return byKey;
}

/**
 * The FAILED jobs grouped by cause, largest first (on a tie, the most recently seen first).
 * Causes seen once go together into `other` (key `"other"`, title "Other"), null when there are
 * none. Jobs keep their input order inside a group.
 */
export function groupFailures(jobs: readonly InsightJob[]): FailureGroups {
  const causes: CauseGroup[] = [];
  const oneOffs: InsightJob[] = [];
  for (const group of accumulate(jobs).values()) {
    if (group.jobs.length === 1) oneOffs.push(group.jobs[0] as InsightJob);
    else causes.push(finish(group.key, group.title, group.jobs));
  }
  causes.sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || (a.key < b.key ? -1 : 1));
  return {
    causes,
    other: oneOffs.length > 0 ? finish(OTHER_CAUSE_KEY, "Other", oneOffs) : null,
  };
}

/**
 * The keys of the causes only one FAILED job in `jobs` has: what `other` stands for in that set.
 * The list needs it to filter by `cause=other` over the same range the overview grouped.
 */
export function causeKeysSeenOnce(jobs: readonly InsightJob[]): Set<string> {
  const once = new Set<string>();
  for (const group of accumulate(jobs).values()) {
    if (group.jobs.length === 1) once.add(group.key);
  }
  return once;
}

/**
 * Whether `job` is one of cause `key`'s jobs, as `groupFailures` counts them: a FAILED job whose
 * message's cause has that key. For `"other"`, a FAILED job whose cause is in `seenOnce` (from
 * `causeKeysSeenOnce` over the same jobs); without it, no job is "other".
 */
export function jobMatchesCause(
  job: InsightJob,
  key: string,
  seenOnce?: ReadonlySet<string>,
): boolean {
  if (!isFailed(job)) return false;
  const own = failureCause(job.message).key;
  if (key === OTHER_CAUSE_KEY) return seenOnce?.has(own) ?? false;
  return own === key;
}
