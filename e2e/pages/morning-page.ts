import type { Locator, Page } from "@playwright/test";

type Pipeline = "DNA somatic" | "DNA germline";
type Figure = "running" | "failed" | "cancelled" | "need attention";

/** The morning page at /: a card per project, each with its two pipelines' figures. */
export class MorningPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly refresh: Locator;
  readonly since: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole("heading", { name: "Projects", exact: true, level: 1 });
    this.refresh = page.getByRole("button", { name: "Refresh" });
    this.since = page.getByRole("group", { name: "Count failures and cancellations since" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
  }

  card(projectName: string): Locator {
    return this.page.getByRole("article", { name: projectName });
  }

  pipeline(projectName: string, pipeline: Pipeline): Locator {
    return this.card(projectName).getByRole("region", { name: pipeline });
  }

  /** A figure's link ("3 failed, DNA somatic, Oncology"); a zero is text, not a link. */
  figureLink(projectName: string, pipeline: Pipeline, count: number, figure: Figure): Locator {
    return this.pipeline(projectName, pipeline).getByRole("link", {
      name: `${count} ${figure}, ${pipeline}, ${projectName}`,
      exact: true,
    });
  }

  /** Every figure of a pipeline as its visible text, e.g. ["1 running", "3 failed", …]. */
  async figures(projectName: string, pipeline: Pipeline): Promise<string[]> {
    return this.pipeline(projectName, pipeline)
      .locator(".morning-figure")
      .evaluateAll((items) =>
        items.map((item) =>
          [
            item.querySelector(".count")?.textContent,
            item.querySelector(".label")?.textContent,
          ].join(" "),
        ),
      );
  }

  /** The failure causes under a pipeline's figures, as links to their lists. */
  causes(projectName: string, pipeline: Pipeline): Locator {
    return this.pipeline(projectName, pipeline).locator(".morning-causes li a");
  }

  notifyButton(projectName: string): Locator {
    return this.card(projectName).getByRole("button", { name: /^Notify me/ });
  }
}
