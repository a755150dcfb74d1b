// "Run again" (issue 18): what the browser may change in a job's request before the server
// submits it again. The browser sends the job id and these edits, nothing else; the server reads
// the original request from DLI, applies the edits and submits it, so credentials inside the
// request never pass through the browser and no edit can add or change one. Part of
// src/contract/: the dialog previews with applyEdits, the server submits with it.

/** Lists of tool arguments and Spark settings, one argument per item. */
export const ARGUMENT_FIELDS = [
  "fastq_to_sam_conf",
  "fastq_ubam_conf",
  "bwaspark_conf",
  "read_pipeline_spark_conf",
  "conf",
] as const;

/** Options DLI documents as booleans. */
export const OPTION_FIELDS = [
  "mutect_is_export_bam",
  "is_filter_by_orientationBias",
  "is_filter_by_alignmentArtifacts",
  "is_export_bam",
  "is_output_gvcf",
] as const;

/** Output paths (OBS, `s3a://` or `obs://`). */
export const PATH_FIELDS = ["output", "mutect_bam_output", "bam_output"] as const;

/** Hours the job is expected to take. */
export const HOURS_FIELD = "expect_time";

export type ArgumentField = (typeof ARGUMENT_FIELDS)[number];
export type OptionField = (typeof OPTION_FIELDS)[number];
export type PathField = (typeof PATH_FIELDS)[number];

/** Each field set to its new value; `null` clears it. Absent fields stay as they were. */
export type RelaunchEdits = Partial<
  Record<ArgumentField, string[] | null> &
    Record<OptionField, boolean | null> &
    Record<PathField, string | null> & { expect_time: number | null }
>;

export const EDITABLE_FIELDS: readonly string[] = [
  ...ARGUMENT_FIELDS,
  ...OPTION_FIELDS,
  ...PATH_FIELDS,
  HOURS_FIELD,
];

export const MAX_ARGUMENTS = 200;
export const MAX_ARGUMENT_LENGTH = 1_000;
export const MAX_PATH_LENGTH = 1_024;
export const MAX_EXPECT_HOURS = 720;
export const OUTPUT_PATH = /^(s3a|obs):\/\/[^\s]+$/;

/** The dashboard server's route for "Run again"; the only write besides cancel. */
export function relaunchPath(projectId: string, jobId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/jobs/${encodeURIComponent(jobId)}/relaunch`;
}

export const RELAUNCH_PATH = /^\/api\/projects\/([^/]+)\/jobs\/([^/]+)\/relaunch$/;

/**
 * The request to submit: the original with the edits applied to editable fields only (anything
 * else in `edits` is ignored here; the server refuses it before). A new object: the original
 * is not changed, and `__proto__` in either is an own key, never a prototype.
 */
export function applyEdits(
  original: Record<string, unknown>,
  edits: RelaunchEdits,
): Record<string, unknown> {
  const next: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(original)) next[key] = original[key];
  for (const key of EDITABLE_FIELDS) {
    if (!Object.hasOwn(edits, key)) continue;
    const value = (edits as Record<string, unknown>)[key];
    if (value === undefined) continue;
    next[key] = value;
  }
  return next;
}
