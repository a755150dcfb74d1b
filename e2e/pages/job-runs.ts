import type { Locator, Page } from "@playwright/test";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Runs of one analysis (issue 18) through their accessible contract: the row's marks, the
 * drawer's Checks / Other runs / Compare requests / Run again sections (regions named by their
 * headings), the comparison table (named by its caption) and the "Run again" dialog.
 */
export class JobRuns {
  readonly page: Page;
  /** The open job drawer. */
  readonly drawer: Locator;
  readonly checks: Locator;
  /** The sample-sheet findings in the drawer, one list item each. */
  readonly findings: Locator;
  readonly otherRuns: Locator;
  /** The other runs, one list item each, newest first. */
  readonly otherRunItems: Locator;
  readonly lookFurther: Locator;
  readonly compare: Locator;
  readonly compareWith: Locator;
  readonly showComparison: Locator;
  readonly stopComparing: Locator;
  /** The comparison's table: "Changes from <other> to this job". */
  readonly comparison: Locator;
  readonly runAgainSection: Locator;
  readonly runAgain: Locator;
  /** The "Run <id> again" dialog. */
  readonly dialog: Locator;
  readonly expectTime: Locator;
  /** The dialog's live diff: "Changes from the original request". */
  readonly dialogChanges: Locator;
  readonly submit: Locator;
  readonly closeDialog: Locator;
  readonly submitted: Locator;
  readonly openNewJob: Locator;
  readonly refusal: Locator;

  constructor(page: Page) {
    this.page = page;
    this.drawer = page.getByRole("dialog", { name: /^Job / });
    this.checks = this.drawer.getByRole("region", { name: "Checks", exact: true });
    this.findings = this.checks.getByRole("listitem");
    this.otherRuns = this.drawer.getByRole("region", { name: "Other runs", exact: true });
    this.otherRunItems = this.otherRuns.getByRole("listitem");
    this.lookFurther = this.otherRuns.getByRole("button", { name: /^Look \d+ days further back$/ });
    this.compare = this.drawer.getByRole("region", { name: "Compare requests", exact: true });
    this.compareWith = this.compare.getByRole("textbox", { name: "Compare with", exact: true });
    this.showComparison = this.compare.getByRole("button", { name: "Compare", exact: true });
    this.stopComparing = this.compare.getByRole("button", { name: "Stop comparing", exact: true });
    this.comparison = this.compare.getByRole("table", { name: /^Changes from \S+ to this job$/ });
    this.runAgainSection = this.drawer.getByRole("region", { name: "Run again", exact: true });
    this.runAgain = this.runAgainSection.getByRole("button", { name: "Run again…", exact: true });
    this.dialog = page.getByRole("dialog", { name: /^Run \S+ again$/ });
    this.expectTime = this.dialog.getByRole("spinbutton", { name: "Expected time (hours)" });
    this.dialogChanges = this.dialog.getByRole("table", {
      name: "Changes from the original request",
      exact: true,
    });
    this.submit = this.dialog.getByRole("button", { name: "Submit", exact: true });
    this.closeDialog = this.dialog.getByRole("button", { name: "Close", exact: true });
    this.submitted = this.dialog.getByRole("status").getByText(/^Submitted as job /);
    this.openNewJob = this.dialog.getByRole("button", { name: "Open the new job", exact: true });
    this.refusal = this.dialog.getByRole("alert").filter({ hasText: "DLI did not accept the job" });
  }

  /** The "run k of n" mark in a list row (any k and n when omitted). */
  runMark(row: Locator, k?: number, n?: number): Locator {
    const text = k === undefined ? /^run \d+ of \d+$/ : `run ${k} of ${n ?? k}`;
    return row.getByText(text, { exact: true });
  }

  /** The row's warning mark, "⚠ <title>[; <title>…]", when it names `title`. */
  warningMark(row: Locator, title: string): Locator {
    return row.locator(".check-mark").filter({ hasText: new RegExp(escapeRegExp(title)) });
  }

  /** One finding in the drawer's Checks section, by its title. */
  finding(title: string): Locator {
    return this.findings.filter({
      has: this.page
        .locator("strong")
        .filter({ hasText: new RegExp(`^(⚠ )?${escapeRegExp(title)}$`) }),
    });
  }

  /** The other run's entry in "Other runs". */
  otherRun(jobId: string): Locator {
    return this.otherRunItems.filter({ has: this.page.getByRole("button", { name: jobId }) });
  }

  /** The button that opens another run (its job id). */
  openRun(jobId: string): Locator {
    return this.otherRuns.getByRole("button", { name: jobId, exact: true });
  }

  /** The row of a diff table for one field path (a row header such as `bwaspark_conf`). */
  diffRow(table: Locator, path: string): Locator {
    return table
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: path, exact: true }) });
  }

  /** An argument field of the dialog (a list of tool arguments, one per line). */
  argumentField(name: string): Locator {
    return this.dialog.getByRole("textbox", { name, exact: true });
  }
}
