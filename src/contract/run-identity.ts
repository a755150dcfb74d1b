// Which jobs are runs of one analysis (issue 18): the same job type on the same samples and the
// same reference. A lab that fixes one Spark setting and submits the same tumor/normal pair again
// has made a second run, not a new analysis. Part of src/contract/: the browser links runs with
// it, and the emulator and the sample-sheet checks find duplicates with the very same key.
import {
  asBody,
  buildOf,
  jobKind,
  type NamedPath,
  type RequestBody,
  readGroupSample,
  SAMPLE_NAME_FIELD,
  type Side,
  sampleStem,
  sideInputs,
  stringsOf,
  textField,
} from "./request-fields";

/** hg19 and GRCh37 are one reference for this purpose, as are hg38 and GRCh38. */
function referenceKey(body: RequestBody): string {
  const ref = textField(body, "ref");
  if (!ref) return "";
  return buildOf(ref) ?? ref.toLowerCase();
}

/** Distinct file paths in a fixed order, so that listing them differently is the same run. */
function fileSet(files: readonly NamedPath[]): string[] {
  return [...new Set(files.map((f) => f.value))].sort();
}

/** A somatic sample: its name, or its input files when the request names none. */
function sideIdentity(body: RequestBody, side: Side): unknown[] | null {
  const name = textField(body, SAMPLE_NAME_FIELD[side]);
  if (name) return ["name", name];
  const files = fileSet(sideInputs(body, side));
  return files.length > 0 ? ["files", files] : null;
}

/**
 * A germline sample: the `-SM` name of its FastqToSam options when set, else its input files.
 * Germline requests have no sample-name field, and a file-name stem is too loose to call two
 * sequencing runs of NA12878 one analysis: the same files again are.
 */
function germlineIdentity(body: RequestBody): unknown[] | null {
  const named = readGroupSample(body);
  if (named) return ["name", named.value];
  const files = fileSet(stringsOf(body, "input"));
  return files.length > 0 ? ["files", files] : null;
}

/**
 * The identity of the analysis a job runs: equal for every run of the same job type on the same
 * samples (somatic: tumor and normal; germline: the sample) and reference. Null when the request
 * is not an object, the type is unknown, or it names no sample and no input file. Stable across
 * calls, processes and input order; compare it, do not parse it.
 */
export function runKey(jobType: string, request: unknown): string | null {
  const body = asBody(request);
  if (!body) return null;
  const kind = jobKind(jobType, body);
  if (!kind) return null;
  const reference = referenceKey(body);
  if (kind === "DNA_SOMATIC") {
    const tumor = sideIdentity(body, "tumor");
    const normal = sideIdentity(body, "normal");
    if (!tumor && !normal) return null;
    // JSON, so that no sample name can forge a separator.
    return JSON.stringify([kind, reference, tumor, normal]);
  }
  const sample = germlineIdentity(body);
  return sample ? JSON.stringify([kind, reference, sample]) : null;
}

/**
 * The samples a job is about, for people: the tumor and normal names of a somatic job (a side
 * without a name by its input files' stems), or the germline sample (its `-SM` name, else the
 * stems of its input files: `NA12878_1.fq.gz` is NA12878). Distinct, in that order.
 */
export function sampleNames(jobType: string, request: unknown): string[] {
  const body = asBody(request);
  if (!body) return [];
  const kind = jobKind(jobType, body);
  if (!kind) return [];
  const names: string[] = [];
  if (kind === "DNA_SOMATIC") {
    for (const side of ["tumor", "normal"] as const) {
      const name = textField(body, SAMPLE_NAME_FIELD[side]);
      if (name) names.push(name);
      else names.push(...sideInputs(body, side).map((f) => sampleStem(f.value)));
    }
  } else {
    const named = readGroupSample(body);
    if (named) names.push(named.value);
    else names.push(...stringsOf(body, "input").map((f) => sampleStem(f.value)));
  }
  return [...new Set(names.filter(Boolean))];
}
