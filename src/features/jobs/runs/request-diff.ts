// What changed between two runs' requests, field by field. The requests come decoded and masked
// (decode-request.ts), so a secret is "••••" on both sides and never shows as a change of value.

export type RequestChange =
  | { kind: "changed"; path: string; before: unknown; after: unknown }
  | { kind: "added"; path: string; value: unknown }
  | { kind: "removed"; path: string; value: unknown }
  /** A list (known sites, tool arguments, input files): what is in one and not the other. */
  | { kind: "list"; path: string; added: string[]; removed: string[] };

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/**
 * A list's items as a lab member reads them: tool arguments `--flag value` as one item, so that
 * raising `spark.executor.memory` reads as one argument removed and one added.
 */
export function listItems(list: readonly unknown[]): string[] {
  const items: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const text = typeof item === "string" ? item : JSON.stringify(item);
    const next = list[i + 1];
    if (/^--?[A-Za-z]/.test(text) && typeof next === "string" && !/^--?[A-Za-z]/.test(next)) {
      items.push(`${text} ${next}`);
      i++;
    } else items.push(text);
  }
  return items;
}

/** Items of `a` not matched in `b`, counting repeats (a multiset difference), in `a`'s order. */
function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const item of b) left.set(item, (left.get(item) ?? 0) + 1);
  const missing: string[] = [];
  for (const item of a) {
    const count = left.get(item) ?? 0;
    if (count > 0) left.set(item, count - 1);
    else missing.push(item);
  }
  return missing;
}

function joinPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function diffInto(changes: RequestChange[], path: string, before: unknown, after: unknown): void {
  if (sameValue(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) {
      const at = joinPath(path, key);
      // DLI's requests say "not set" with null as often as by leaving a field out.
      const inBefore = Object.hasOwn(before, key) && before[key] != null;
      const inAfter = Object.hasOwn(after, key) && after[key] != null;
      if (!inBefore && !inAfter) continue;
      if (inBefore && !inAfter) changes.push({ kind: "removed", path: at, value: before[key] });
      else if (!inBefore && inAfter) changes.push({ kind: "added", path: at, value: after[key] });
      else diffInto(changes, at, before[key], after[key]);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.every(isScalar) && after.every(isScalar)) {
      const a = listItems(before);
      const b = listItems(after);
      const removed = missingFrom(a, b);
      const added = missingFrom(b, a);
      // Same items in another order: a list of inputs or sites means the same.
      if (removed.length > 0 || added.length > 0)
        changes.push({ kind: "list", path, added, removed });
      return;
    }
    // Lists of objects (a somatic request's `inputs`): item by item.
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) {
      const at = joinPath(path, i);
      if (i >= before.length) changes.push({ kind: "added", path: at, value: after[i] });
      else if (i >= after.length) changes.push({ kind: "removed", path: at, value: before[i] });
      else diffInto(changes, at, before[i], after[i]);
    }
    return;
  }
  // A list that was null (or one value) on one side: what it holds counts as added or removed.
  if (Array.isArray(after) && after.every(isScalar) && (before === null || isScalar(before))) {
    const removed = before === null ? [] : [String(before)];
    changes.push({ kind: "list", path, added: listItems(after), removed });
    return;
  }
  if (Array.isArray(before) && before.every(isScalar) && (after === null || isScalar(after))) {
    const added = after === null ? [] : [String(after)];
    changes.push({ kind: "list", path, added, removed: listItems(before) });
    return;
  }
  changes.push({ kind: "changed", path, before, after });
}

/**
 * The differences between two decoded requests, in the order of their fields: changed, added
 * and removed values, and lists as what was added and removed. Empty when they are the same.
 */
export function diffRequests(before: unknown, after: unknown): RequestChange[] {
  const changes: RequestChange[] = [];
  diffInto(changes, "", before, after);
  return changes;
}
