/**
 * Sorts a decoded request into the groups a lab member reads it by. Pure data: the drawer
 * renders it, tests check it. Every key of the request ends up in exactly one field, so nothing
 * is silently dropped: what we don't know goes to "Other".
 */

/** How a value reads: as it came, as tool arguments, or as hours (DLI's `expect_time`). */
export type FieldKind = "value" | "args" | "hours";

export type RequestField = { key: string; label: string; value: unknown; kind: FieldKind };

export type RequestGroup = { id: string; title: string; fields: RequestField[] };

type Flavour = "somatic" | "germline";

type FieldDef = { key: string; label: string; only?: Flavour; kind?: FieldKind };

const REFERENCE: FieldDef[] = [
  { key: "ref", label: "Reference genome" },
  { key: "knownsites", label: "Known sites" },
  { key: "intervals", label: "Intervals", only: "somatic" },
  { key: "pon", label: "Panel of normals (PON)", only: "somatic" },
  { key: "germline_resource", label: "Germline resource", only: "somatic" },
  { key: "mutect_calls_variant", label: "Frequency library", only: "somatic" },
];

const OPTIONS: FieldDef[] = [
  { key: "job_type", label: "Job type" },
  { key: "file_type", label: "File type" },
  { key: "mutect_is_export_bam", label: "Export BAM", only: "somatic" },
  { key: "mutect_bam_output", label: "BAM output path", only: "somatic" },
  { key: "is_export_bam", label: "Export BAM", only: "germline" },
  { key: "bam_output", label: "BAM output path", only: "germline" },
  { key: "is_filter_by_orientationBias", label: "Orientation-bias filter", only: "somatic" },
  { key: "artifact_modes", label: "Artifact modes", only: "somatic" },
  { key: "is_filter_by_alignmentArtifacts", label: "Alignment-artifact filter", only: "somatic" },
  { key: "engine", label: "Engine", only: "germline" },
  { key: "is_output_gvcf", label: "Output GVCF", only: "germline" },
  { key: "expect_time", label: "Expected time", kind: "hours" },
];

const TOOL_ARGUMENTS: FieldDef[] = [
  // Somatic documents one spelling, germline the other.
  { key: "fastq_ubam_conf", label: "FastqToSam", kind: "args", only: "somatic" },
  { key: "fastq_to_sam_conf", label: "FastqToSam", kind: "args", only: "germline" },
  { key: "bwaspark_conf", label: "BwaSpark", kind: "args" },
  { key: "read_pipeline_spark_conf", label: "ReadsPipelineSpark", kind: "args" },
  { key: "conf", label: "Spark configuration", kind: "args" },
];

const OUTPUTS: FieldDef[] = [{ key: "output", label: "Output (VCF)" }];

const CREDENTIALS: FieldDef[] = [
  { key: "access_encoded_key", label: "OBS access key" },
  { key: "secret_encoded_key", label: "OBS secret key" },
];

/** Keys the samples group reads; they are consumed there, not by a FieldDef table. */
const SAMPLE_KEYS = ["tumor_sample_name", "normal_sample_name", "inputs", "input"];

function flavourOf(body: Record<string, unknown>, fallback: Flavour): Flavour {
  if (body.job_type === "DNA_SOMATIC") return "somatic";
  if (body.job_type === "DNA_GERMLINE") return "germline";
  if ("inputs" in body || "tumor_sample_name" in body) return "somatic";
  if ("input" in body) return "germline";
  return fallback;
}

type SampleEntry = { sample_type: string; sample_inputs: unknown };

function sampleEntries(inputs: unknown): SampleEntry[] | null {
  if (!Array.isArray(inputs)) return null;
  const entries: SampleEntry[] = [];
  for (const item of inputs) {
    if (!item || typeof item !== "object" || Array.isArray(item)) return null;
    const { sample_type, sample_inputs, ...rest } = item as Record<string, unknown>;
    // An entry with more than we understand is shown whole, not half-read.
    if (typeof sample_type !== "string" || Object.keys(rest).length > 0) return null;
    entries.push({ sample_type, sample_inputs });
  }
  return entries;
}

function field(
  key: string,
  label: string,
  value: unknown,
  kind: FieldKind = "value",
): RequestField {
  return { key, label, value, kind };
}

function sampleFields(body: Record<string, unknown>, flavour: Flavour): RequestField[] {
  if (flavour === "germline" && !("inputs" in body)) {
    const fields = [field("input", "Input files", body.input)];
    if ("tumor_sample_name" in body)
      fields.push(field("tumor_sample_name", "Tumor sample", body.tumor_sample_name));
    if ("normal_sample_name" in body)
      fields.push(field("normal_sample_name", "Normal sample", body.normal_sample_name));
    return fields;
  }
  const fields: RequestField[] = [];
  const entries = sampleEntries(body.inputs);
  const inputsOf = (type: string) =>
    entries
      ?.filter((entry) => entry.sample_type.toLowerCase() === type)
      .map((entry) => entry.sample_inputs);
  const pathsOf = (type: string) => {
    const found = inputsOf(type) ?? [];
    return found.length === 1 ? found[0] : found.length === 0 ? null : found.flat();
  };
  fields.push(field("tumor_sample_name", "Tumor sample", body.tumor_sample_name));
  if (entries) fields.push(field("inputs.tumor", "Tumor input files", pathsOf("tumor")));
  fields.push(field("normal_sample_name", "Normal sample", body.normal_sample_name));
  if (entries) {
    fields.push(field("inputs.normal", "Normal input files", pathsOf("normal")));
    for (const entry of entries) {
      const type = entry.sample_type.toLowerCase();
      if (type !== "tumor" && type !== "normal") {
        fields.push(
          field(
            `inputs.${entry.sample_type}`,
            `${entry.sample_type} input files`,
            entry.sample_inputs,
          ),
        );
      }
    }
  } else if ("inputs" in body) {
    fields.push(field("inputs", "Inputs", body.inputs));
  }
  if ("input" in body) fields.push(field("input", "Input files", body.input));
  return fields;
}

function tableFields(
  body: Record<string, unknown>,
  defs: FieldDef[],
  flavour: Flavour,
): RequestField[] {
  return defs
    .filter((def) => def.only === undefined || def.only === flavour || def.key in body)
    .map((def) => field(def.key, def.label, body[def.key], def.kind));
}

/**
 * `fallbackFlavour` is the list's job type, used when the request does not say which pipeline
 * it is for.
 */
export function groupRequest(value: unknown, fallbackFlavour: Flavour): RequestGroup[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return [{ id: "other", title: "Other", fields: [field("(request)", "Request", value)] }];
  }
  const body = value as Record<string, unknown>;
  const flavour = flavourOf(body, fallbackFlavour);
  const groups: RequestGroup[] = [
    { id: "samples", title: "Samples", fields: sampleFields(body, flavour) },
    {
      id: "reference",
      title: "Reference and resources",
      fields: tableFields(body, REFERENCE, flavour),
    },
    { id: "options", title: "Options", fields: tableFields(body, OPTIONS, flavour) },
    { id: "tools", title: "Tool arguments", fields: tableFields(body, TOOL_ARGUMENTS, flavour) },
    { id: "outputs", title: "Outputs", fields: tableFields(body, OUTPUTS, flavour) },
    { id: "credentials", title: "Credentials", fields: tableFields(body, CREDENTIALS, flavour) },
  ];
  const known = new Set([
    ...SAMPLE_KEYS,
    ...[REFERENCE, OPTIONS, TOOL_ARGUMENTS, OUTPUTS, CREDENTIALS].flat().map((def) => def.key),
  ]);
  const other = Object.keys(body)
    .filter((key) => !known.has(key))
    .map((key) => field(key, key, body[key]));
  if (other.length > 0) groups.push({ id: "other", title: "Other", fields: other });
  return groups;
}

/** `["-PL", "illumina", "--verbose", "-SM", "SM1"]` → `[["-PL", "illumina"], ["--verbose"], ["-SM", "SM1"]]`. */
export function argumentLines(args: readonly string[]): string[][] {
  const isFlag = (arg: string) => /^-{1,2}[A-Za-z]/.test(arg);
  const lines: string[][] = [];
  for (const arg of args) {
    const last = lines.at(-1);
    const lastIsLoneFlag = last?.length === 1 && isFlag(last[0] ?? "");
    if (last && lastIsLoneFlag && !isFlag(arg)) last.push(arg);
    else lines.push([arg]);
  }
  return lines;
}
