/**
 * This browser's remembered settings. Storage may be blocked (private windows, policies) or
 * full: reads then give null and writes do nothing, and the page works for this visit only.
 */
export function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Remembers `value` under `key`; null forgets it. */
export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Blocked or full: see above.
  }
}
