import { expect, type Locator, type Page } from "@playwright/test";

export type StatusWord =
  | "Launching"
  | "Running"
  | "Cancelling"
  | "Finished"
  | "Failed"
  | "Cancelled";
export type SortColumn = "Started" | "Status" | "Duration" | "Owner";

/** The JSON export's keys, in order (issue 4); the CSV's headers follow the page's language. */
export const EXPORT_COLUMNS = [
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
] as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The whole-range tools on the job list: search box, "Jobs by status" counts, reading
 * progress, sortable headers and export, through their accessible contract only.
 */
export class RangeTools {
  readonly page: Page;
  readonly search: Locator;
  readonly statusStrip: Locator;
  readonly allStatuses: Locator;
  readonly reading: Locator;
  readonly stopReading: Locator;
  readonly countJobs: Locator;
  readonly capNotice: Locator;
  readonly exportCsv: Locator;
  readonly exportJson: Locator;
  readonly table: Locator;

  constructor(page: Page) {
    this.page = page;
    this.search = page.getByRole("searchbox", { name: "Search jobs" });
    this.statusStrip = page.getByRole("group", { name: "Jobs by status" });
    this.allStatuses = this.statusStrip.getByRole("button", { name: /^All statuses\b/ });
    this.reading = page.getByRole("progressbar", { name: "Reading jobs" });
    this.stopReading = page.getByRole("button", { name: "Stop reading", exact: true });
    this.countJobs = page.getByRole("button", { name: "Count jobs by status", exact: true });
    this.capNotice = page.getByText(/only the newest 20,000/);
    this.exportCsv = page.getByRole("button", { name: "Export CSV", exact: true });
    this.exportJson = page.getByRole("button", { name: "Export JSON", exact: true });
    this.table = page.getByRole("table", { name: /DNA (somatic|germline) jobs/ });
  }

  /** "Read N of M jobs" (numbers with thousands separators). */
  readText(read: number, total: number): Locator {
    const f = (n: number) => escapeRegExp(n.toLocaleString("en-US"));
    return this.page.getByText(new RegExp(`Read ${f(read)} of ${f(total)} jobs`));
  }

  /** A status count button in the strip, e.g. "Failed 12"; any count when `count` is omitted. */
  statusCount(word: StatusWord, count?: number): Locator {
    const number = count === undefined ? "[\\d,]+" : escapeRegExp(count.toLocaleString("en-US"));
    return this.statusStrip.getByRole("button", { name: new RegExp(`^${word}\\s+${number}$`) });
  }

  /** The `th` of a sortable column. */
  header(column: SortColumn): Locator {
    return this.table.getByRole("columnheader", { name: new RegExp(`^\\s*${column}\\b`) });
  }

  /** The sort button inside a column header. */
  sortBy(column: SortColumn): Locator {
    return this.header(column).getByRole("button", { name: new RegExp(`^\\s*${column}\\b`) });
  }

  async expectSorted(column: SortColumn, direction: "descending" | "ascending"): Promise<void> {
    await expect(this.header(column)).toHaveAttribute("aria-sort", direction);
  }

  /** Clicks an export button and returns the file's suggested name and its text. */
  async download(button: Locator): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), button.click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }
}

/**
 * RFC 4180 CSV (quoted cells with doubled quotes, CRLF or LF line ends, an optional UTF-8 BOM)
 * into rows of cells. Written here so the test does not trust the app's own serializer.
 */
export function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"' && cell === "") {
      quoted = true;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && input[i + 1] === "\n") {
      // CRLF: the \n ends the row.
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += c;
    }
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
