import type { Locator, Page } from "@playwright/test";

/** The start page at /: project links, a "Project ID" box, and "Recently opened". */
export class ProjectPicker {
  readonly page: Page;
  readonly heading: Locator;
  readonly projectIdInput: Locator;
  readonly open: Locator;
  readonly recent: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole("heading", { name: "Projects", exact: true });
    this.projectIdInput = page.getByRole("textbox", { name: "Project ID" });
    this.open = page.getByRole("button", { name: "Open" });
    this.recent = page
      .getByRole("region", { name: "Recently opened" })
      .or(page.getByRole("list", { name: "Recently opened" }));
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
  }

  /**
   * The link to a project's list; its accessible name contains the project name or id. The
   * offered projects come before "Recently opened", which may link the same project again.
   */
  projectLink(nameOrId: string | RegExp): Locator {
    return this.page.getByRole("link", { name: nameOrId }).first();
  }

  recentLink(nameOrId: string | RegExp): Locator {
    return this.recent.getByRole("link", { name: nameOrId });
  }

  async openById(projectId: string): Promise<void> {
    await this.projectIdInput.fill(projectId);
    await this.open.click();
  }
}
