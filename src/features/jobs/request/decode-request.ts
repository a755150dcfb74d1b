import { maskSecrets, maskSecretsInText } from "./mask-secrets";

/**
 * A job's `request` string, decoded once and masked once: whatever the views show, copy or
 * download comes from here, so none of them can leak a key.
 */
export type DecodedRequest =
  | { kind: "json"; value: unknown; text: string }
  | { kind: "invalid"; text: string; error: string }
  | { kind: "missing" };

/**
 * Where the JSON breaks, without quoting it: V8's messages quote the text around the fault,
 * which can be the start of a secret.
 */
function describeParseError(error: unknown, length: number): string {
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : undefined;
  if (/end of (JSON )?input|Unterminated string/i.test(message) || at === length) {
    return "the text ends before the JSON does";
  }
  return at !== undefined ? `broken at character ${at + 1}` : "not valid JSON";
}

export function decodeRequest(raw: unknown): DecodedRequest {
  if (raw == null || raw === "") return { kind: "missing" };
  if (typeof raw !== "string") {
    // DLI documents a string; an object sent as-is is still readable, so take it.
    const value = maskSecrets(raw);
    return { kind: "json", value, text: JSON.stringify(value) };
  }
  try {
    const value = maskSecrets(JSON.parse(raw));
    return { kind: "json", value, text: JSON.stringify(value) };
  } catch (error) {
    return {
      kind: "invalid",
      text: maskSecretsInText(raw),
      error: describeParseError(error, raw.length),
    };
  }
}

/** A 2-space indented text of the masked request; invalid JSON as it came (masked). */
export function prettyRequest(request: DecodedRequest): string {
  if (request.kind === "missing") return "";
  if (request.kind === "invalid") return request.text;
  return JSON.stringify(request.value, null, 2);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** `s3a://bucket/runs/NA12878_1.fastq.gz` → `NA12878`: how lab staff name a germline sample. */
export function sampleNameFromPath(path: string): string {
  const file = path.split("/").filter(Boolean).pop() ?? path;
  return file
    .replace(/\.(gz|bz2)$/i, "")
    .replace(/\.(fastq|fq|bam|cram|sam|ubam)$/i, "")
    .replace(/[._-]R?[12]$/i, "");
}

export type RequestSummary = {
  tumor?: string;
  normal?: string;
  germlineSamples?: string[];
  reference?: string;
  /** Every input file named anywhere in the request (somatic `inputs`, germline `input`). */
  inputPaths: string[];
  /** The VCF output and, when exported, the BAM. */
  outputPaths: string[];
};

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

/**
 * The few fields the list shows. Tolerant: a field of another type is left out rather than
 * guessed at; the detail view shows it as it came.
 */
const summaries = new WeakMap<DecodedRequest, RequestSummary>();

export function summarizeRequest(request: DecodedRequest): RequestSummary {
  // Several columns read the same summary; a page re-renders on every poll.
  const cached = summaries.get(request);
  if (cached) return cached;
  const summary = buildSummary(request);
  summaries.set(request, summary);
  return summary;
}

function buildSummary(request: DecodedRequest): RequestSummary {
  const empty = { inputPaths: [], outputPaths: [] };
  if (request.kind !== "json") return empty;
  const body = asRecord(request.value);
  if (!body) return empty;
  const sampleInputs = Array.isArray(body.inputs)
    ? body.inputs.flatMap((entry) => strings(asRecord(entry)?.sample_inputs))
    : [];
  const summary: RequestSummary = {
    inputPaths: [...sampleInputs, ...strings(body.input)],
    outputPaths: [body.output, body.mutect_bam_output, body.bam_output].flatMap(strings),
  };
  const tumor = asText(body.tumor_sample_name);
  const normal = asText(body.normal_sample_name);
  if (tumor) summary.tumor = tumor;
  if (normal) summary.normal = normal;
  const input = Array.isArray(body.input)
    ? body.input
    : typeof body.input === "string"
      ? [body.input]
      : [];
  const names = [
    ...new Set(input.filter((p): p is string => typeof p === "string").map(sampleNameFromPath)),
  ];
  if (names.length > 0) summary.germlineSamples = names;
  const reference = asText(body.ref);
  if (reference) summary.reference = reference;
  return summary;
}
