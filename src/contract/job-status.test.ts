import { describe, expect, it } from "vitest";
import { statusTone, stuckFor } from "./job-status";

const MIN = 60_000;
const at = (status: string, startMinutesAgo: number, durationMinutes: number | null = null) => ({
  status,
  startTime: 1_000 * MIN - startMinutesAgo * MIN,
  durationSeconds: durationMinutes === null ? null : durationMinutes * 60,
});

describe("stuckFor", () => {
  it("launching longer than 15 minutes, counted from the start", () => {
    expect(stuckFor(at("LAUNCHING", 14), 1_000 * MIN)).toBeNull();
    expect(stuckFor(at("LAUNCHING", 20), 1_000 * MIN)).toBe(20 * MIN);
  });

  it("cancelling longer than 10 minutes, counted from when the duration stopped", () => {
    expect(stuckFor(at("CANCELING", 240, 30), 1_000 * MIN)).toBe(210 * MIN);
    expect(stuckFor(at("CANCELING", 40, 35), 1_000 * MIN)).toBeNull();
  });

  it("never for other statuses", () => {
    for (const status of ["RUNNING", "FINISHED", "FAILED", "CANCELLED", "ODD"]) {
      expect(stuckFor(at(status, 10_000), 1_000 * MIN)).toBeNull();
    }
  });
});

describe("statusTone", () => {
  it("tells Cancelling from Cancelled", () => {
    expect(statusTone("CANCELING")).not.toBe(statusTone("CANCELLED"));
    expect(statusTone("SUSPENDED")).toBe("unknown");
  });
});
