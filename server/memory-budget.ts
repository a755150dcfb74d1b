/**
 * How many bytes of DLI's answers the server may hold in memory at once, across all requests.
 * A request takes what it holds before it holds it, and gives it back when its answer is out;
 * when the budget is spent it is refused (503 `DASHBOARD.BUSY`) instead of growing the process.
 */
export type MemoryBudget = {
  readonly limit: number;
  /** Bytes taken and not yet given back. */
  readonly held: number;
  /** Takes `bytes`, or takes nothing and answers false when that would go over the limit. */
  tryTake(bytes: number): boolean;
  give(bytes: number): void;
};

export function createMemoryBudget(limit: number): MemoryBudget {
  let held = 0;
  return {
    limit,
    get held() {
      return held;
    },
    tryTake(bytes) {
      if (held + bytes > limit) return false;
      held += bytes;
      return true;
    },
    give(bytes) {
      held = Math.max(0, held - bytes);
    },
  };
}
