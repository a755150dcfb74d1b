import type { Locator, Page } from "@playwright/test";

/** "Cancel job", or "Cancel job <id>" for a button that names its job. */
const CANCEL_NAME = /^Cancel job\b/;

/** Live updates and cancelling, on the list and in the drawer, through their accessible contract. */
export class JobActions {
  readonly page: Page;
  /** "Pause live updates": a toggle, aria-pressed=true while paused. */
  readonly pauseLive: Locator;
  /** Every "Cancel job…" button on the page (rows, drawer, confirmation). */
  readonly anyCancel: Locator;
  /** The "Cancel job…" buttons in the list's rows. */
  readonly rowCancels: Locator;
  /** The confirmation before a cancel is sent. */
  readonly confirmation: Locator;
  readonly confirmCancel: Locator;
  readonly keepRunning: Locator;

  constructor(page: Page) {
    this.page = page;
    this.pauseLive = page.getByRole("button", { name: "Pause live updates", exact: true });
    // Rows may name the job too ("Cancel job <id>"), so the name only has to start that way.
    this.anyCancel = page.getByRole("button", { name: CANCEL_NAME });
    this.rowCancels = page.getByRole("table").locator("tbody").getByRole("button", {
      name: CANCEL_NAME,
    });
    this.confirmation = page.getByRole("alertdialog");
    this.confirmCancel = this.confirmation.getByRole("button", { name: "Cancel job", exact: true });
    this.keepRunning = this.confirmation.getByRole("button", { name: "Keep running", exact: true });
  }

  /** The confirmation for one job: an alertdialog whose name contains the job id. */
  confirmationFor(jobId: string): Locator {
    return this.page.getByRole("alertdialog", { name: new RegExp(jobId) });
  }

  /** The "Cancel job" button inside `within` (a row or the drawer). */
  cancelIn(within: Locator): Locator {
    return within.getByRole("button", { name: CANCEL_NAME });
  }

  /** The alert shown when DLI refuses to cancel `jobId`. */
  refusal(jobId: string): Locator {
    return this.page.getByRole("alert").filter({ hasText: `Could not cancel job ${jobId}` });
  }
}
