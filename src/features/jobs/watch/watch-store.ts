// What this browser watches for notifications, and what it has already announced: both kept in
// localStorage, so every tab of the dashboard shares them and a reload forgets nothing.
import { readStored, writeStored } from "../../../lib/stored";
import { WATCHING_FLAG } from "./start-watcher";

const WATCHES_KEY = "gene-jobs:watches";
const ANNOUNCED_KEY = "gene-jobs:announced";
/** What was announced is kept this long, and at most this many: enough to never say it twice. */
const ANNOUNCED_KEEP_MS = 7 * 24 * 3_600_000;
const ANNOUNCED_MAX = 500;
const MAX_WATCHES = 50;

/** Every job of a project: failures and flags. */
export type ProjectWatch = { projectId: string };
/** One job, until it ends. `status` is what it was when the watch began. */
export type JobWatch = {
  projectId: string;
  jobId: string;
  jobType: string;
  startTime: number;
  status: string;
};
export type Watches = { projects: ProjectWatch[]; jobs: JobWatch[] };

export type WatchTarget = ({ kind: "project" } & ProjectWatch) | ({ kind: "job" } & JobWatch);

const text = (value: unknown): value is string => typeof value === "string" && value.length > 0;
const time = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= 0;

function projectWatch(value: unknown): ProjectWatch | null {
  const v = value as Record<string, unknown> | null;
  return v && typeof v === "object" && text(v.projectId) ? { projectId: v.projectId } : null;
}

function jobWatch(value: unknown): JobWatch | null {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== "object") return null;
  const { projectId, jobId, jobType, startTime, status } = v;
  return text(projectId) && text(jobId) && text(jobType) && time(startTime) && text(status)
    ? { projectId, jobId, jobType, startTime, status }
    : null;
}

/** The watches; storage that is blocked or garbled reads as none. */
export function readWatches(): Watches {
  try {
    const value = JSON.parse(readStored(WATCHES_KEY) ?? "{}") as Record<string, unknown>;
    const list = (raw: unknown) => (Array.isArray(raw) ? raw.slice(0, MAX_WATCHES) : []);
    return {
      projects: list(value?.projects).flatMap((p) => projectWatch(p) ?? []),
      jobs: list(value?.jobs).flatMap((j) => jobWatch(j) ?? []),
    };
  } catch {
    return { projects: [], jobs: [] };
  }
}

export function hasWatches(watches: Watches): boolean {
  return watches.projects.length > 0 || watches.jobs.length > 0;
}

const listeners = new Set<() => void>();

function writeWatches(watches: Watches): void {
  const any = hasWatches(watches);
  writeStored(WATCHES_KEY, any ? JSON.stringify(watches) : null);
  writeStored(WATCHING_FLAG, any ? "1" : null);
  for (const listener of listeners) listener();
}

/** Calls `listener` when the watches change, in this tab or another. */
export function subscribeWatches(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === WATCHES_KEY || event.key === null) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The watches as a string that changes when they do (for useSyncExternalStore). */
export function watchesSnapshot(): string {
  return readStored(WATCHES_KEY) ?? "";
}

export function isWatched(target: WatchTarget, watches: Watches = readWatches()): boolean {
  return target.kind === "project"
    ? watches.projects.some((p) => p.projectId === target.projectId)
    : watches.jobs.some((j) => j.projectId === target.projectId && j.jobId === target.jobId);
}

export function addWatch(target: WatchTarget): void {
  const watches = readWatches();
  if (isWatched(target, watches)) return;
  if (target.kind === "project") {
    writeWatches({ ...watches, projects: [...watches.projects, { projectId: target.projectId }] });
  } else {
    const { kind: _kind, ...job } = target;
    writeWatches({ ...watches, jobs: [...watches.jobs, job] });
  }
}

export function removeWatch(target: WatchTarget): void {
  const watches = readWatches();
  writeWatches(
    target.kind === "project"
      ? { ...watches, projects: watches.projects.filter((p) => p.projectId !== target.projectId) }
      : {
          ...watches,
          jobs: watches.jobs.filter(
            (j) => !(j.projectId === target.projectId && j.jobId === target.jobId),
          ),
        },
  );
}

/** What has been announced (see watch-news.ts for the keys), with when. */
export function readAnnounced(): Map<string, number> {
  try {
    const value = JSON.parse(readStored(ANNOUNCED_KEY) ?? "{}") as Record<string, unknown>;
    return new Map(
      Object.entries(value ?? {}).filter((entry): entry is [string, number] => time(entry[1])),
    );
  } catch {
    return new Map();
  }
}

/** Adds `keys` to what was announced, forgetting what is older than a week (and the oldest beyond 500). */
export function rememberAnnounced(keys: readonly string[], nowMs: number): void {
  if (keys.length === 0) return;
  const announced = readAnnounced();
  for (const key of keys) announced.set(key, nowMs);
  const kept = [...announced]
    .filter(([, at]) => nowMs - at < ANNOUNCED_KEEP_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, ANNOUNCED_MAX);
  writeStored(ANNOUNCED_KEY, JSON.stringify(Object.fromEntries(kept)));
}
