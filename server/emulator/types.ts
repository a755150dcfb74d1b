export type JobType = "DNA_SOMATIC" | "DNA_GERMLINE";

export const JOB_TYPES: readonly JobType[] = ["DNA_SOMATIC", "DNA_GERMLINE"];

/** A job whose status, progress and duration follow the clock. */
export type LivePlan = {
  /** Seconds spent LAUNCHING before the first step starts. */
  launchSec: number;
  /** Seconds of RUNNING before the job finishes. */
  runSec: number;
  /** n in "k/n". */
  steps: number;
  /** Ends FAILED instead of FINISHED: `runSec` after launch, in this step, with this message. */
  failure?: { step: number; message: string };
};

export type DemoJob = {
  id: string;
  type: JobType;
  /** Index key; the wire `start_time` may be malformed on purpose. */
  startMs: number;
  /** The job object exactly as the list API returns it (for live jobs, the static part). */
  wire: Record<string, unknown>;
  live?: LivePlan;
  /** Set when cancelled through the emulator: progress and duration freeze here. */
  cancelledAtMs?: number;
};

export type DemoProject = {
  id: string;
  name: string;
  description: string;
  /** What a Chinese page shows instead. */
  nameZh: string;
  descriptionZh: string;
};
