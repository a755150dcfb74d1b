// The drawer stays where it is put: wheeled to the bottom of a long request, only its content
// scrolls; the panel keeps to the viewport's full height and the list never shows through under
// it. Screenshots go to the test's output folder, attached to the report.
import { EDGE_JOB_IDS } from "../server/emulator/edge-cases.ts";
import { EDGE_CASES_PROJECT_ID } from "../server/emulator/projects.ts";
import { expect, test } from "./fixtures.ts";

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1440, height: 560 },
  { width: 390, height: 844 },
];

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}×${viewport.height}`;
  test(`${size}: wheeled to the bottom, the panel stays pinned and its content scrolls (screenshot)`, async ({
    page,
    jobsPage,
    drawer,
  }) => {
    await page.setViewportSize(viewport);
    const id = EDGE_JOB_IDS.hugeRequest;
    await jobsPage.goto(EDGE_CASES_PROJECT_ID, { job: id });
    await drawer.expectOpenFor(id);
    await expect(drawer.section("Reference and resources")).toBeVisible();
    // The panel is the dialog's one child: the part drawn, and the part meant to scroll.
    const panel = drawer.dialog.locator(".drawer-panel");

    const before = await panel.boundingBox();
    if (!before) throw new Error("no drawer panel");
    await page.mouse.move(before.x + before.width / 2, viewport.height / 2);
    const scrolled = () =>
      page.evaluate(() => {
        const dialog = document.querySelector("dialog.drawer");
        const content = dialog?.querySelector(".drawer-panel");
        return {
          dialog: dialog?.scrollTop ?? -1,
          content: content?.scrollTop ?? -1,
          atBottom: content
            ? content.scrollTop + content.clientHeight >= content.scrollHeight - 1
            : false,
        };
      });
    // Wheel until nothing moves any more: the bottom of whatever scrolls.
    let last = "";
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 2_000);
          const now = JSON.stringify(await scrolled());
          const settled = now === last;
          last = now;
          return settled;
        },
        { intervals: [100] },
      )
      .toBe(true);

    const state = await scrolled();
    expect(state.atBottom, "the content reached its end").toBe(true);
    expect(state.content, "the content scrolled").toBeGreaterThan(0);
    expect(state.dialog, "the dialog itself did not scroll").toBe(0);

    const after = await panel.boundingBox();
    expect(after?.y, "panel top at the viewport's top").toBeCloseTo(0, 0);
    expect((after?.y ?? 0) + (after?.height ?? 0), "panel bottom at the viewport's").toBeCloseTo(
      viewport.height,
      0,
    );
    expect(after?.x).toBeCloseTo(before.x, 0);
    // The bottom corner is the panel's, not the list's showing through.
    const corner = await page.evaluate(
      ({ x, y }) => Boolean(document.elementFromPoint(x, y)?.closest(".drawer-panel")),
      { x: viewport.width - 4, y: viewport.height - 4 },
    );
    expect(corner, "the panel covers the bottom corner").toBe(true);
    // The last of the request is on screen, and the header stays above it.
    await expect(drawer.showRawRequest).toBeInViewport();
    await expect(drawer.close).toBeInViewport();

    const path = test.info().outputPath(`drawer-bottom-${size}.png`);
    await page.screenshot({ path });
    await test.info().attach(`drawer-bottom-${size}`, { path, contentType: "image/png" });
  });
}
