import type { JobsSearch } from "../../../contract/list-url";
import type { JobRow } from "../api/job-schemas";
import { summarizeRequest } from "../request/decode-request";

/** One exported job: the decoded columns a spreadsheet needs. Credentials were masked at parse time. */
export type ExportRecord = {
  job_id: string;
  status: string;
  started: string;
  duration_seconds: number | null;
  progress: string;
  owner: string;
  tumor_sample: string;
  normal_sample: string;
  samples: string;
  reference: string;
  input_paths: string;
  output_path: string;
  message: string;
};

const COLUMNS: (keyof ExportRecord)[] = [
  "job_id",
  "status",
  "started",
  "duration_seconds",
  "progress",
  "owner",
  "tumor_sample",
  "normal_sample",
  "samples",
  "reference",
  "input_paths",
  "output_path",
  "message",
];

export function toRecord(row: JobRow): ExportRecord {
  if (row.kind === "malformed") {
    return {
      job_id: row.jobId ?? "",
      status: "MALFORMED",
      started: "",
      duration_seconds: null,
      progress: "",
      owner: "",
      tumor_sample: "",
      normal_sample: "",
      samples: "",
      reference: "",
      input_paths: "",
      output_path: "",
      message: `Malformed job: ${row.problems.join("; ")}`,
    };
  }
  const summary = summarizeRequest(row.request);
  return {
    job_id: row.jobId,
    status: row.status,
    started: new Date(row.startTime).toISOString(),
    duration_seconds: row.durationSeconds,
    progress: row.progressText ?? "",
    owner: row.owner ?? "",
    tumor_sample: summary.tumor ?? "",
    normal_sample: summary.normal ?? "",
    samples: summary.germlineSamples?.join(" ") ?? "",
    reference: summary.reference ?? "",
    input_paths: summary.inputPaths.join(" "),
    output_path: summary.outputPaths[0] ?? "",
    message: row.message ?? "",
  };
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a text that a spreadsheet
 * would run as a formula (leading = + - @, tab or CR) gets a leading apostrophe.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a header row and CRLF line ends; a BOM so Excel reads UTF-8 sample names. */
export function toCsv(rows: readonly JobRow[]): string {
  const lines = [COLUMNS.join(",")];
  for (const row of rows) {
    const record = toRecord(row);
    lines.push(COLUMNS.map((column) => csvCell(record[column])).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function toJson(rows: readonly JobRow[]): string {
  return `${JSON.stringify(rows.map(toRecord), null, 2)}\n`;
}

/** `gene-jobs_<project>_DNA_SOMATIC_2026-11-01_2026-11-20.csv`: what, where and when, in the name. */
export function exportFileName(
  projectId: string,
  search: JobsSearch,
  extension: "csv" | "json",
): string {
  const range =
    search.from || search.to
      ? `${search.from ?? "start"}_${search.to ?? "now"}`
      : (search.range ?? "all-time");
  const safe = (part: string) => part.replace(/[^A-Za-z0-9_.-]+/g, "-");
  return `gene-jobs_${safe(projectId)}_${search.type}_${safe(range)}.${extension}`;
}
