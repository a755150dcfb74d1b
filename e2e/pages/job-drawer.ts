import { expect, type Locator, type Page } from "@playwright/test";

/** A regex that matches `text` exactly (after Playwright's whitespace normalisation). */
function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}

export const SECTION_NAMES = [
  "Samples",
  "Reference and resources",
  "Options",
  "Tool arguments",
  "Outputs",
  "Credentials",
  "Other",
  "Request JSON",
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** What a masked secret shows instead of its value. */
export const MASK = "••• (set)";

/**
 * The job detail drawer: a modal <dialog> named "Job <job_id>", through its accessible
 * contract only (roles, names, headings, dt/dd pairs).
 */
export class JobDrawer {
  readonly page: Page;
  /** Any open job drawer. */
  readonly dialog: Locator;
  readonly close: Locator;
  readonly copyJobId: Locator;
  readonly progress: Locator;
  readonly failureReason: Locator;
  readonly requestPre: Locator;
  readonly copyRequest: Locator;
  readonly downloadRequest: Locator;
  readonly showRawRequest: Locator;
  readonly invalidNotice: Locator;
  readonly notFoundOnPage: Locator;
  readonly searchAllPages: Locator;
  readonly searching: Locator;
  readonly notFoundAnywhere: Locator;

  constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByRole("dialog", { name: /^Job / });
    this.close = this.dialog.getByRole("button", { name: "Close", exact: true });
    this.copyJobId = this.dialog.getByRole("button", { name: "Copy job ID", exact: true });
    this.progress = this.dialog.getByRole("progressbar");
    this.failureReason = this.dialog.getByRole("region", { name: "Failure reason", exact: true });
    this.requestPre = this.dialog
      .getByLabel("Request JSON", { exact: true })
      .and(page.locator("pre"));
    this.copyRequest = this.dialog.getByRole("button", { name: "Copy request", exact: true });
    this.downloadRequest = this.dialog.getByRole("button", {
      name: "Download request",
      exact: true,
    });
    this.showRawRequest = this.dialog.getByRole("button", { name: /^Show raw request \(/ });
    this.invalidNotice = this.dialog.getByText(/not valid JSON/);
    this.notFoundOnPage = this.dialog.getByText(/not found on this page/);
    this.searchAllPages = this.dialog.getByRole("button", {
      name: "Search all pages",
      exact: true,
    });
    this.searching = this.dialog.getByText(/Searching page \d+ of \d+/);
    this.notFoundAnywhere = this.dialog.getByText(/was not found/);
  }

  /** The drawer of one job: a dialog named exactly "Job <id>". */
  forJob(jobId: string): Locator {
    return this.page.getByRole("dialog", { name: `Job ${jobId}`, exact: true });
  }

  sectionHeading(name: SectionName): Locator {
    return this.dialog.getByRole("heading", { level: 3, name, exact: true });
  }

  /** A section of the drawer: a region labelled by its h3. */
  section(name: SectionName): Locator {
    return this.dialog.getByRole("region", { name, exact: true });
  }

  /** The <dd> for a <dt> whose text is exactly `term`, inside `within` (default: the drawer). */
  field(term: string, within: Locator = this.dialog): Locator {
    return within
      .locator("dt")
      .filter({ hasText: exactly(term) })
      .locator("xpath=following-sibling::dd[1]");
  }

  /** The "Show all N" button for a collapsed array (N with or without a thousands separator). */
  showAll(count: number, within: Locator = this.dialog): Locator {
    const plain = String(count);
    const grouped = count.toLocaleString("en-US");
    return within.getByRole("button", { name: new RegExp(`^Show all (${plain}|${grouped})$`) });
  }

  async expectOpenFor(jobId: string): Promise<void> {
    const dialog = this.forJob(jobId);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("heading", { level: 2 })).toContainText(jobId);
  }

  async expectClosed(): Promise<void> {
    await expect(this.dialog).toHaveCount(0);
    await expect(this.page).not.toHaveURL(/[?&]job=/);
  }

  /** Clicks "Copy request" and returns what landed on the clipboard (needs clipboard permissions). */
  async copiedRequest(): Promise<string> {
    return this.copiedBy(this.copyRequest);
  }

  /**
   * Clicks a copy button and returns what landed on the clipboard (needs clipboard
   * permissions). A sentinel is written first, so an earlier copy cannot pass for this one.
   */
  async copiedBy(button: Locator): Promise<string> {
    const sentinel = `sentinel-${Math.random()}`;
    await this.page.evaluate((text) => navigator.clipboard.writeText(text), sentinel);
    await button.click();
    let text = sentinel;
    await expect
      .poll(async () => {
        text = await this.page.evaluate(() => navigator.clipboard.readText());
        return text;
      })
      .not.toBe(sentinel);
    return text;
  }

  /** Clicks "Download request" and returns the file's suggested name and its text. */
  async downloadedRequest(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.downloadRequest.click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }

  /** Whether the focused element is inside the open drawer. */
  async focusIsInside(): Promise<boolean> {
    return (await this.focusedInside()) !== null;
  }

  /** The start of the focused element's HTML when it is inside the open drawer, else null. */
  async focusedInside(): Promise<string | null> {
    return this.page.evaluate(() => {
      const dialog = document.querySelector("dialog[open]");
      const active = document.activeElement;
      const inside = Boolean(
        dialog && active && active !== document.body && dialog.contains(active),
      );
      return inside ? (active?.outerHTML.slice(0, 80) ?? "") : null;
    });
  }
}
