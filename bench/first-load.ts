// What a built dist/index.html makes the browser load first (its script, stylesheet and
// modulepreload tags), and how big that is. Used by the bench (bench/run.ts) and by the size
// budget that `npm test` checks after the build (bench/size-budget.ts).
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { gzipSync } from "node:zlib";

/** First-load JS, gzip, in KB (1024 bytes): above this `npm test` fails. */
export const FIRST_LOAD_JS_BUDGET_KB = 127;

/** Sizes in KB (1024 bytes); gzip at level 9. */
export type Size = { raw: number; gz: number };

/** File names under dist/assets/ that dist/index.html loads first, in the order it names them. */
export function firstLoadFiles(dist: string): string[] {
  const html = readFileSync(resolve(dist, "index.html"), "utf8");
  const first = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\s(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!src?.startsWith("/assets/")) continue;
    const isScript = tag.startsWith("<script");
    const rel = /\srel="([^"]+)"/.exec(tag)?.[1] ?? "";
    if (isScript || rel === "modulepreload" || rel === "stylesheet") first.add(basename(src));
  }
  return [...first];
}

/** The summed size of these files under dist/assets/. */
export function assetSize(dist: string, names: string[]): Size {
  let raw = 0;
  let gz = 0;
  for (const name of names) {
    const data = readFileSync(resolve(dist, "assets", name));
    raw += data.length;
    gz += gzipSync(data, { level: 9 }).length;
  }
  return { raw: raw / 1024, gz: gz / 1024 };
}

/** The first-load JS: its files and their size. */
export function firstLoadJs(dist: string): { files: string[]; size: Size } {
  const files = firstLoadFiles(dist).filter((n) => n.endsWith(".js"));
  return { files, size: assetSize(dist, files) };
}
