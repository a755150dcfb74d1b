import { readFile, rename, unlink, writeFile } from "node:fs/promises";

// What the watcher has announced, kept in a small JSON file so that a restart sends nothing
// twice. Written whole to a temporary file and renamed over the old one: a crash mid-write
// leaves the old file, never half a file.

/** Entries are forgotten after this long: far longer than the window of jobs the watcher reads. */
export const FORGET_AFTER_MS = 14 * 86_400_000;
/** And at most this many are kept (the newest), whatever happens. */
export const MAX_ENTRIES = 20_000;

type ProjectState = {
  /**
   * When the project's jobs were first read: failures already there then are not news. Absent
   * while only a digest has been sent (a digest's read is not the baseline of a round).
   */
  since?: number;
  /** The local day (YYYY-MM-DD in NOTIFY_TZ) of its last digest. */
  digest?: string;
};

export type NotifyStateData = {
  version: 1;
  projects: Record<string, ProjectState>;
  /** `failed:{project}:{job}` or `stuck:{project}:{job}:{flag}` → when it was announced, ms. */
  announced: Record<string, number>;
};

export type NotifyState = {
  /** False until the project's jobs have been read once (its failures then are the baseline). */
  knows(projectId: string): boolean;
  /** Records the first read of a project; `silently` are the ids of what it already showed. */
  baseline(projectId: string, silentKeys: readonly string[], nowMs: number): void;
  isAnnounced(key: string): boolean;
  markAnnounced(keys: readonly string[], nowMs: number): void;
  lastDigest(projectId: string): string | undefined;
  markDigest(projectId: string, day: string): void;
  /** Writes the file (atomically); a failure is logged by the caller, never thrown past it. */
  save(nowMs: number): Promise<void>;
  /** The data as it would be written (tests). */
  snapshot(): NotifyStateData;
};

export const announcedKey = {
  failed: (projectId: string, jobId: string) => `failed:${projectId}:${jobId}`,
  stuck: (projectId: string, jobId: string, flag: string) => `stuck:${projectId}:${jobId}:${flag}`,
};

/** Null-prototype maps: a project or job id of "__proto__" is a key like any other. */
function emptyState(): NotifyStateData {
  return { version: 1, projects: Object.create(null), announced: Object.create(null) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The file's data if it is ours and whole; anything else starts afresh (and baselines again). */
function parseState(text: string): NotifyStateData | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(raw) || raw.version !== 1) return undefined;
  const state = emptyState();
  if (isRecord(raw.projects)) {
    for (const [id, value] of Object.entries(raw.projects)) {
      if (!isRecord(value)) continue;
      const project: ProjectState = {};
      if (typeof value.since === "number") project.since = value.since;
      if (typeof value.digest === "string") project.digest = value.digest;
      state.projects[id] = project;
    }
  }
  if (isRecord(raw.announced)) {
    for (const [key, at] of Object.entries(raw.announced)) {
      if (typeof at === "number" && Number.isFinite(at)) state.announced[key] = at;
    }
  }
  return state;
}

/**
 * Reads the state file (a missing or unreadable one is an empty state: every project is read
 * afresh, its current failures taken as known, so a lost file never floods the group).
 */
export async function loadState(
  file: string,
  log: (line: string) => void = () => {},
): Promise<NotifyState> {
  let data = emptyState();
  try {
    const parsed = parseState(await readFile(file, "utf8"));
    if (parsed) data = parsed;
    else log("notify: the state file is not one this server wrote; starting afresh");
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOENT") {
      log(
        `notify: could not read the state file (${(error as { code?: string }).code ?? "error"}); starting afresh`,
      );
    }
  }
  function prune(nowMs: number) {
    const kept = Object.entries(data.announced)
      .filter(([, at]) => nowMs - at < FORGET_AFTER_MS)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_ENTRIES);
    data.announced = Object.assign(Object.create(null), Object.fromEntries(kept));
  }

  let writing: Promise<void> = Promise.resolve();
  let counter = 0;

  return {
    knows: (projectId) => data.projects[projectId]?.since !== undefined,
    baseline(projectId, silentKeys, nowMs) {
      data.projects[projectId] = { ...data.projects[projectId], since: nowMs };
      for (const key of silentKeys) data.announced[key] ??= nowMs;
    },
    isAnnounced: (key) => Object.hasOwn(data.announced, key),
    markAnnounced(keys, nowMs) {
      for (const key of keys) data.announced[key] = nowMs;
    },
    lastDigest: (projectId) => data.projects[projectId]?.digest,
    markDigest(projectId, day) {
      data.projects[projectId] = { ...data.projects[projectId], digest: day };
    },
    save(nowMs) {
      prune(nowMs);
      const text = `${JSON.stringify({ version: 1, projects: data.projects, announced: data.announced })}\n`;
      // One write at a time, each from its own temporary file, renamed over the old one.
      const run = writing.then(async () => {
        const temporary = `${file}.${process.pid}.${++counter}.tmp`;
        try {
          await writeFile(temporary, text, { mode: 0o600 });
          await rename(temporary, file);
        } catch (error) {
          await unlink(temporary).catch(() => undefined);
          throw error;
        }
      });
      writing = run.catch(() => undefined);
      return run;
    },
    snapshot: () => JSON.parse(JSON.stringify(data)) as NotifyStateData,
  };
}
