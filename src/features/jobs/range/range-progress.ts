import { useSyncExternalStore } from "react";
import type { RangeProgress } from "./read-range";

// How far each whole-range read has got, by range key. Outside React Query because a query
// function has no way to report progress, and both the list and Export start reads.
const progressByKey = new Map<string, RangeProgress>();
const listeners = new Set<() => void>();

export function reportRangeProgress(key: string, progress: RangeProgress | undefined): void {
  if (progress) progressByKey.set(key, progress);
  else progressByKey.delete(key);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRangeProgress(key: string): RangeProgress | undefined {
  return useSyncExternalStore(subscribe, () => progressByKey.get(key));
}
