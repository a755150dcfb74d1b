import { expect, type Locator, type Page } from "@playwright/test";

export type JobTypeLabel = "Somatic" | "Germline";
export type RangeLabel = "24 hours" | "7 days" | "30 days" | "90 days" | "All time";

/** The job list at /projects/:projectId/jobs, through its accessible contract only. */
export class JobsPage {
  readonly page: Page;
  readonly demoNotice: Locator;
  readonly jobType: Locator;
  readonly dateRange: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly refresh: Locator;
  readonly updated: Locator;
  readonly table: Locator;
  readonly bodyRows: Locator;
  readonly pagination: Locator;
  readonly firstPage: Locator;
  readonly previousPage: Locator;
  readonly nextPage: Locator;
  readonly lastPage: Locator;
  readonly currentPage: Locator;
  readonly rowsPerPage: Locator;
  readonly alert: Locator;
  readonly retry: Locator;
  readonly empty: Locator;
  /** What a hand-edited address asked for that the list could not use. */
  readonly unusedAddress: Locator;

  constructor(page: Page) {
    this.page = page;
    this.demoNotice = page.getByText(/Demo data/);
    this.jobType = page.getByRole("radiogroup", { name: "Job type" });
    this.dateRange = page.getByRole("group", { name: "Date range" });
    this.from = page.getByLabel("From", { exact: true });
    this.to = page.getByLabel("To", { exact: true });
    this.refresh = page.getByRole("button", { name: "Refresh" });
    this.updated = page.getByText(/Updated .* ago/);
    this.table = page.getByRole("table", { name: /DNA (somatic|germline) jobs/ });
    // Skeleton rows (empty placeholders while loading) are not rows of the list.
    this.bodyRows = this.table.locator("tbody tr").filter({ hasText: /\S/ });
    this.pagination = page.getByRole("navigation", { name: "Pagination" });
    this.firstPage = this.pagination.getByRole("button", { name: "First page" });
    this.previousPage = this.pagination.getByRole("button", { name: "Previous page" });
    this.nextPage = this.pagination.getByRole("button", { name: "Next page" });
    this.lastPage = this.pagination.getByRole("button", { name: "Last page" });
    this.currentPage = this.pagination.locator('[aria-current="page"]');
    this.rowsPerPage = page.getByLabel("Rows per page");
    this.alert = page.getByRole("alert");
    this.retry = this.alert.getByRole("button", { name: "Retry" });
    // The one cell that says why the list is empty (it may hold the button that fills it).
    this.empty = this.table.getByRole("cell").filter({ hasText: /^No / });
    this.unusedAddress = page
      .getByRole("status")
      .filter({ hasText: "Part of this address was not used." });
  }

  /** Opens the list at a deep link; `search` is the raw query string or params. */
  async goto(projectId: string, search: string | Record<string, string> = ""): Promise<void> {
    const query = typeof search === "string" ? search : new URLSearchParams(search).toString();
    const suffix = query ? `?${query.replace(/^\?/, "")}` : "";
    await this.page.goto(`/projects/${encodeURIComponent(projectId)}/jobs${suffix}`);
  }

  tableNamed(name: "DNA somatic jobs" | "DNA germline jobs"): Locator {
    return this.page.getByRole("table", { name });
  }

  typeRadio(label: JobTypeLabel): Locator {
    return this.jobType.getByRole("radio", { name: label });
  }

  /**
   * Picks a job type the way a user does: by clicking the option's visible text (the radio
   * input itself may be visually hidden under its label, as in a segmented control).
   */
  async selectType(label: JobTypeLabel): Promise<void> {
    await this.jobType.getByText(label, { exact: true }).click();
  }

  rangeButton(label: RangeLabel): Locator {
    return this.dateRange.getByRole("button", { name: label, exact: true });
  }

  pageButton(n: number): Locator {
    return this.pagination.getByRole("button", { name: `Page ${n}`, exact: true });
  }

  /** The total under the table, e.g. "1–20 of 1,512 jobs" or "0 jobs". */
  totalText(): Locator {
    return this.page.getByText(/(^|[^\d,])[\d,]+ jobs?$/);
  }

  /** The total text when it says exactly `n` jobs. */
  total(n: number): Locator {
    const count = n.toLocaleString("en-US");
    return this.page.getByText(new RegExp(`(^|[^\\d,])${count} jobs?$`));
  }

  /** The number in the "N jobs" total. */
  async totalJobs(): Promise<number> {
    const text = (await this.totalText().first().textContent()) ?? "";
    const match = /([\d,]+) jobs?$/.exec(text);
    return Number(match?.[1]?.replace(/,/g, "") ?? Number.NaN);
  }

  /**
   * The value and max a progress bar exposes: aria-valuenow/aria-valuemax when set, else a
   * native <progress>'s value and max (which the browser exposes as those ARIA values).
   */
  async progressOf(bar: Locator): Promise<{ now: number; max: number }> {
    return bar.evaluate((element) => {
      const native = element instanceof HTMLProgressElement ? element : null;
      const now = element.getAttribute("aria-valuenow") ?? native?.value;
      const max = element.getAttribute("aria-valuemax") ?? native?.max;
      return { now: Number(now), max: Number(max) };
    });
  }

  columnHeaders(): Locator {
    return this.table.getByRole("columnheader");
  }

  /** The row (a tbody tr) that contains this job id. */
  row(jobId: string): Locator {
    return this.bodyRows.filter({ hasText: jobId });
  }

  /** The focusable row of a readable job, by its data-job-id (it opens the job's drawer). */
  jobRow(jobId: string): Locator {
    return this.table.locator(`tbody tr[data-job-id="${jobId}"]`);
  }

  /** The "Job ID" cell texts of the current rows, read from the DOM in order. */
  async jobIds(): Promise<string[]> {
    const texts = await this.bodyRows.allInnerTexts();
    return texts.map(
      (text) =>
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(text)?.[0] ?? "",
    );
  }

  /** Waits until the table has finished loading (not aria-busy) and shows rows or the empty state. */
  async waitForLoaded(): Promise<void> {
    await expect(this.table).toBeVisible();
    await expect(this.table).not.toHaveAttribute("aria-busy", "true");
  }

  search(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }
}
