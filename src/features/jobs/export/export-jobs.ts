import type { JobsSearch } from "../../../contract/list-url";
import type { Messages } from "../../../lib/i18n/messages";
import { withViews } from "../../../lib/i18n/view-messages";
import type { JobRow } from "../api/job-schemas";
import { summarizeRequest } from "../request/decode-request";

/**
 * One exported job for programs (the JSON): codes, UTC ISO times and DLI's own progress text.
 * Credentials were masked at parse time.
 */
export type ExportRecord = {
  job_id: string;
  status: string;
  started: string;
  duration_seconds: number | null;
  progress: string;
  owner: string;
  tumor_sample: string;
  normal_sample: string;
  /** Every sample the job names: tumor then normal, or the germline samples; space-separated. */
  samples: string;
  reference: string;
  input_paths: string;
  output_path: string;
  message: string;
};

/** The CSV's columns, in order: what the table shows, then the detail a spreadsheet filters on. */
const CSV_COLUMNS = [
  "job_id",
  "status",
  "started",
  "started_utc",
  "duration_seconds",
  "progress",
  "owner",
  "samples",
  "tumor_sample",
  "normal_sample",
  "reference",
  "input_paths",
  "output_path",
  "message",
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The words of the page's language: headers, status words, the marks before sample names.
 */
export type CsvText = {
  headers: Record<CsvColumn, string>;
  /** A status as the page names it; an unknown one in words, with its code. */
  status: (code: string) => string;
  /** `4/7` as text no spreadsheet reads as a date: `4/7 steps`, `4/7 步`. */
  steps: (progress: string) => string;
  tumorMark: string;
  normalMark: string;
  /** Between germline sample names, as the table lists them. */
  listJoin: string;
  malformed: string;
  malformedBody: (problems: string) => string;
};

/**
 * The CSV's words, from the page's catalogue (passed in by use-export.ts, so a Chinese page gets
 * a Chinese CSV), with the on-demand English the first bundle leaves out.
 */
export function csvText(page: Messages): CsvText {
  const m = withViews(page);
  const h = m.table.headers;
  return {
    headers: {
      job_id: h.jobId ?? "",
      status: h.status ?? "",
      started: h.started ?? "",
      started_utc: m.export.startedUtc,
      duration_seconds: m.export.durationSeconds,
      progress: h.progress ?? "",
      owner: h.owner ?? "",
      samples: h.samples ?? "",
      tumor_sample: m.drawer.fields.tumor_sample_name ?? "",
      normal_sample: m.drawer.fields.normal_sample_name ?? "",
      reference: h.reference ?? "",
      input_paths: m.drawer.fields.input ?? "",
      output_path: m.drawer.fields.output ?? "",
      message: m.drawer.message,
    },
    status: (code) => m.statuses[code] ?? m.statusText.unknown(code),
    steps: m.export.steps,
    tumorMark: m.table.tumorMark,
    normalMark: m.table.normalMark,
    listJoin: m.units.listJoin,
    malformed: m.table.malformed,
    malformedBody: m.drawer.malformedBody,
  };
}

function utcIso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/**
 * `2026-11-20 10:01:00 +08:00`: the time the page shows (the viewer's zone, or UTC when the page
 * is switched to UTC), with the offset of that moment, so a row from either side of a DST change
 * says which hour it means.
 */
export function pageTime(ms: number, zone: "local" | "utc"): string {
  const offset = zone === "utc" ? 0 : -new Date(ms).getTimezoneOffset();
  const shifted = utcIso(ms + offset * 60_000);
  if (!shifted) return "";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)} ${offset < 0 ? "-" : "+"}${hh}:${mm}`;
}

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
  const samples = summary.germlineSamples ?? [summary.tumor, summary.normal].filter(Boolean);
  return {
    job_id: row.jobId,
    status: row.status,
    started: utcIso(row.startTime),
    duration_seconds: row.durationSeconds,
    progress: row.progressText ?? "",
    owner: row.owner ?? "",
    tumor_sample: summary.tumor ?? "",
    normal_sample: summary.normal ?? "",
    samples: samples.join(" "),
    reference: summary.reference ?? "",
    input_paths: summary.inputPaths.join(" "),
    output_path: summary.outputPaths[0] ?? "",
    message: row.message ?? "",
  };
}

type CsvRecord = Record<CsvColumn, string | number | null>;

function toCsvRecord(row: JobRow, text: CsvText, zone: "local" | "utc"): CsvRecord {
  const record = toRecord(row);
  if (row.kind === "malformed") {
    return {
      ...record,
      status: text.malformed,
      started_utc: "",
      message: text.malformedBody(row.problems.join("; ")),
    };
  }
  const summary = summarizeRequest(row.request);
  const progress = record.progress.trim();
  return {
    ...record,
    status: text.status(row.status),
    started: pageTime(row.startTime, zone),
    started_utc: record.started,
    // Any k/n, even one the table cannot draw as a bar, is a date to Excel and WPS; a word after
    // it keeps it text without a formula (="4/7") or an apostrophe, which would show in the cell.
    progress: /^\d+\s*\/\s*\d+$/.test(progress) ? text.steps(progress) : record.progress,
    samples:
      summary.tumor || summary.normal
        ? `${text.tumorMark} ${summary.tumor ?? "—"} / ${text.normalMark} ${summary.normal ?? "—"}`
        : (summary.germlineSamples ?? []).join(text.listJoin),
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

/**
 * RFC 4180 CSV with a header row and CRLF line ends, for people: headers, statuses and times as
 * the page shows them; a BOM so Excel reads UTF-8 (Chinese headers, sample names).
 */
export function toCsv(rows: readonly JobRow[], text: CsvText, zone: "local" | "utc"): string {
  const lines = [CSV_COLUMNS.map((column) => csvCell(text.headers[column])).join(",")];
  for (const row of rows) {
    const record = toCsvRecord(row, text, zone);
    lines.push(CSV_COLUMNS.map((column) => csvCell(record[column])).join(","));
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
