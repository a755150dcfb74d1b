import { z } from "zod/mini";

const STORAGE_KEY = "gene-jobs:recent-projects";
const MAX_RECENT = 8;

const recentSchema = z.catch(z.array(z.object({ id: z.string(), openedAt: z.number() })), []);

export type RecentProject = z.infer<typeof recentSchema>[number];

/** Recently opened projects, newest first. Storage that is full, blocked or garbled is ignored. */
export function readRecentProjects(
  storage: Storage | undefined = globalThis.localStorage,
): RecentProject[] {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    return raw ? recentSchema.parse(JSON.parse(raw)).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function rememberProject(
  id: string,
  now = Date.now(),
  storage: Storage | undefined = globalThis.localStorage,
): void {
  const next = [{ id, openedAt: now }, ...readRecentProjects(storage).filter((p) => p.id !== id)];
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(next.slice(0, MAX_RECENT)));
  } catch {
    // Private mode or a full quota: the list is a convenience, the page works without it.
  }
}

export function forgetProject(
  id: string,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(
      STORAGE_KEY,
      JSON.stringify(readRecentProjects(storage).filter((p) => p.id !== id)),
    );
  } catch {
    // See rememberProject.
  }
}
