// The app's own first request for a list URL, built by the module the app builds it with
// (src/contract/, which imports nothing else): the browser can start the request while the
// script is still loading. The server imports no other app code.
export { firstPagePath } from "../src/contract/dli-request.ts";

/** `<link rel=preload as=fetch>` matching the app's own fetch (same origin, CORS mode). */
export function preloadTag(path: string): string {
  const href = path.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<link rel="preload" as="fetch" crossorigin="anonymous" href="${href}">`;
}
