import type { AttentionFlag, Baseline, TimeLeft } from "../../../contract/job-insight";
import { formatDuration } from "../../../lib/format";
import type { AllMessages } from "../../../lib/i18n/view-messages";

/** Minutes are precise enough for how long a pipeline has run. */
function minutes(seconds: number, m: AllMessages): string {
  return formatDuration(Math.max(60, Math.round(seconds / 60) * 60), m.units);
}

export function kindName(baseline: Baseline, m: AllMessages): string {
  const type = m.title.types[baseline.jobType] ?? baseline.jobType;
  return baseline.scope === "kind"
    ? m.insight.kind(type, baseline.reference, baseline.fileType)
    : m.insight.kind(type);
}

/** A flag's reason in words, with its figures; the list's stuck note says the same. */
export function describeFlag(flag: AttentionFlag, m: AllMessages): string {
  switch (flag.kind) {
    case "launching":
    case "canceling":
      return m.table.stuckFor(
        m.statuses[flag.kind === "launching" ? "LAUNCHING" : "CANCELING"] ?? flag.kind,
        minutes(flag.forSeconds, m),
      );
    case "past-expect":
      return m.insight.pastExpect(
        minutes(flag.runningSeconds, m),
        formatDuration(flag.expectHours * 3600, m.units),
      );
    case "slow":
      return m.insight.slow(
        minutes(flag.runningSeconds, m),
        minutes(flag.baseline.p95Seconds, m),
        kindName(flag.baseline, m),
      );
  }
}

export function describeTimeLeft(left: TimeLeft, m: AllMessages): string {
  // Rounded outwards to 5 minutes: an estimate that claims the minute misleads.
  const low = Math.floor(left.lowSeconds / 300) * 300;
  const high = Math.max(low + 300, Math.ceil(left.highSeconds / 300) * 300);
  return m.insight.timeLeft(low === 0 ? minutes(60, m) : minutes(low, m), minutes(high, m));
}
