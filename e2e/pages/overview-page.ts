import type { Locator, Page } from "@playwright/test";

/**
 * The project overview at /projects/:projectId/overview, through its accessible contract:
 * sections are regions named by their headings, counts and causes are links named by what they
 * open, the charts are figures named by their titles.
 */
export class OverviewPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly views: Locator;
  readonly summary: Locator;
  readonly causes: Locator;
  readonly attention: Locator;
  readonly trends: Locator;
  /** "Jobs in this range: N" */
  readonly jobsInRange: Locator;
  readonly jobType: Locator;
  readonly dateRange: Locator;
  /** The cause cards, largest first; "Other" last. */
  readonly causeCards: Locator;
  /** The flagged jobs, most urgent first. */
  readonly attentionItems: Locator;
  readonly startsChart: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole("heading", { level: 1 });
    this.views = page.getByRole("navigation", { name: "Views" });
    this.summary = page.getByRole("region", { name: "Summary" });
    this.causes = page.getByRole("region", { name: "Failure causes" });
    this.attention = page.getByRole("region", { name: /^Needs attention/ });
    this.trends = page.getByRole("region", { name: "Trends" });
    this.jobsInRange = this.summary.getByText(/^Jobs in this range: /);
    this.jobType = page.getByRole("combobox", { name: "Job type" });
    this.dateRange = page.getByRole("combobox", { name: "Date range" });
    this.causeCards = this.causes.getByRole("listitem").filter({ has: page.getByRole("heading") });
    this.attentionItems = this.attention.locator("li.attention-item");
    this.startsChart = page.getByRole("figure", { name: /^Jobs started per (day|hour)$/ });
  }

  async goto(projectId: string, search = ""): Promise<void> {
    const query = search.replace(/^\?/, "");
    await this.page.goto(
      `/projects/${encodeURIComponent(projectId)}/overview${query ? `?${query}` : ""}`,
    );
  }

  /** The link under a status's count, e.g. "9 Failed: show them". */
  statusLink(count: number, status: string): Locator {
    return this.summary.getByRole("link", { name: `${count} ${status}: show them`, exact: true });
  }

  /** The value shown for one of the figures ("Success rate", "Median duration", …). */
  figure(term: string): Locator {
    return this.summary
      .locator(".overview-figures > div")
      .filter({ has: this.page.getByRole("term").filter({ hasText: term }) })
      .locator(".figure");
  }

  /** The card of one cause, found by its title (the heading holds its count too). */
  causeCard(title: string): Locator {
    return this.causeCards.filter({
      has: this.page.getByRole("heading", {
        name: new RegExp(`^\\d+ jobs? ${escapeRegExp(title)}$`),
      }),
    });
  }

  /** The flagged job's entry in "Needs attention". */
  attentionItem(jobId: string): Locator {
    return this.attentionItems.filter({ has: this.page.getByRole("link", { name: jobId }) });
  }

  viewLink(name: "Overview" | "Jobs"): Locator {
    return this.views.getByRole("link", { name, exact: true });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
