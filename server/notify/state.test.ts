import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { announcedKey, FORGET_AFTER_MS, loadState, MAX_ENTRIES } from "./state.ts";

const T0 = Date.UTC(2026, 10, 28, 0, 0, 0);
const P = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "notify-state-"));
  file = join(dir, ".notify-state.json");
});

describe("the state file", () => {
  it("starts empty when there is none, and says nothing about it", async () => {
    const log: string[] = [];
    const state = await loadState(file, (line) => log.push(line));
    expect(state.knows(P)).toBe(false);
    expect(log).toEqual([]);
  });

  it("round-trips what was announced, written atomically and readable by its owner only", async () => {
    const state = await loadState(file);
    state.baseline(P, [announcedKey.failed(P, "old-job")], T0);
    state.markAnnounced([announcedKey.stuck(P, "j1", "launching")], T0 + 1);
    state.markDigest(P, "2026-11-28");
    await state.save(T0 + 2);
    // Renamed into place: no temporary file is left beside it.
    expect(readdirSync(dir)).toEqual([".notify-state.json"]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      version: 1,
      projects: { [P]: { since: T0, digest: "2026-11-28" } },
      announced: {
        [`failed:${P}:old-job`]: T0,
        [`stuck:${P}:j1:launching`]: T0 + 1,
      },
    });
    const again = await loadState(file);
    expect(again.knows(P)).toBe(true);
    expect(again.isAnnounced(`stuck:${P}:j1:launching`)).toBe(true);
    expect(again.lastDigest(P)).toBe("2026-11-28");
  });

  it("does not take a digest for a first read: the project's failures are not yet history", async () => {
    const state = await loadState(file);
    state.markDigest(P, "2026-11-28");
    expect(state.knows(P)).toBe(false);
    state.baseline(P, [], T0);
    expect(state.knows(P)).toBe(true);
    expect(state.lastDigest(P)).toBe("2026-11-28");
  });

  it("forgets what was announced more than 14 days ago", async () => {
    const state = await loadState(file);
    state.markAnnounced(["failed:p:old"], T0);
    state.markAnnounced(["failed:p:new"], T0 + FORGET_AFTER_MS - 1000);
    await state.save(T0 + FORGET_AFTER_MS);
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8")).announced)).toEqual(["failed:p:new"]);
  });

  it("keeps at most the newest MAX_ENTRIES, whatever happens", async () => {
    const state = await loadState(file);
    for (let i = 0; i <= MAX_ENTRIES; i++) state.markAnnounced([`failed:p:${i}`], T0 + i);
    await state.save(T0 + MAX_ENTRIES);
    const announced = JSON.parse(readFileSync(file, "utf8")).announced;
    expect(Object.keys(announced)).toHaveLength(MAX_ENTRIES);
    expect(announced["failed:p:0"]).toBeUndefined();
  });

  it("starts afresh from a file that is not its own, and says so", async () => {
    writeFileSync(file, "{ half a file");
    const log: string[] = [];
    const state = await loadState(file, (line) => log.push(line));
    expect(state.knows(P)).toBe(false);
    expect(log).toEqual(["notify: the state file is not one this server wrote; starting afresh"]);
  });

  it("rejects a write it cannot make, leaving no temporary file", async () => {
    const state = await loadState(file);
    state.markAnnounced(["failed:p:j"], T0);
    rmSync(dir, { recursive: true });
    await expect(state.save(T0)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("treats ids such as __proto__ as plain keys", async () => {
    const state = await loadState(file);
    state.baseline("__proto__", [], T0);
    state.markAnnounced(["__proto__"], T0);
    expect(state.knows("__proto__")).toBe(true);
    expect(state.isAnnounced("__proto__")).toBe(true);
    expect(state.isAnnounced("toString")).toBe(false);
    await state.save(T0);
    expect((await loadState(file)).knows("__proto__")).toBe(true);
  });
});
