import {
  type AttentionFlag,
  type InsightJob,
  needsAttention,
} from "../../src/contract/job-insight.ts";
import {
  type DashboardLinks,
  dashboardLinks,
  digestNotice,
  failedNotice,
  type Notice,
  stuckNotice,
  type WatchedProject,
} from "./messages.ts";
import { type ListReader, readRecentJobs } from "./recent-jobs.ts";
import type { NotifySettings } from "./settings.ts";
import { announcedKey, loadState, type NotifyState } from "./state.ts";
import { type Clock, createSender, type Deliver } from "./webhooks.ts";

// One loop, one thing at a time: every NOTIFY_EVERY it reads each project's recent jobs and
// announces new failures and newly stuck jobs; every minute it checks whether the digest is due.
// Nothing it meets (DLI down, a webhook refusing, a full disk) stops it or the server.

/** A digest missed by a restart is still sent within this long after its time, not later. */
export const DIGEST_GRACE_MS = 60 * 60_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The flags that make a job "stuck" (job-status.ts's stuckFor, via job-insight.ts). */
const STUCK_FLAGS: ReadonlySet<AttentionFlag["kind"]> = new Set(["launching", "canceling"]);

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
    }),
};

export type WatcherOptions = {
  settings: NotifySettings;
  projects: readonly WatchedProject[];
  read: ListReader;
  clock?: Clock;
  log?: (line: string) => void;
  /** Overrides the webhook sender (tests); by default `createSender` with `fetch`. */
  deliver?: Deliver;
  fetch?: typeof fetch;
};

export type Watcher = {
  /** Stops after the step under way (a pending wait or retry ends at once). */
  stop(): Promise<void>;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone`: its day (YYYY-MM-DD) and minutes since midnight. */
export function zonedClock(ms: number, timeZone: string): { day: string; minutes: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(new Date(ms))) parts[type] = value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The latest digest time at or before `nowMs`: its local day, and how long ago it was. */
export function latestDigestSlot(
  nowMs: number,
  at: { hour: number; minute: number },
  timeZone: string,
): { day: string; ageMs: number } {
  const target = at.hour * 60 + at.minute;
  const { day, minutes } = zonedClock(nowMs, timeZone);
  const intoMinute = nowMs % MINUTE_MS;
  if (minutes >= target) return { day, ageMs: (minutes - target) * MINUTE_MS + intoMinute };
  return {
    day: zonedClock(nowMs - DAY_MS, timeZone).day,
    ageMs: (minutes + 24 * 60 - target) * MINUTE_MS + intoMinute,
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : "unknown error";
}

/**
 * Starts watching `projects`; resolves once the state file is read. The first round runs at
 * once. Messages are remembered only once delivered, so a failed delivery is tried again next
 * round, and a restart (same state file) sends nothing twice.
 */
export async function startWatcher(options: WatcherOptions): Promise<Watcher> {
  const { settings, projects, read } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.log(line));
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const deliver = options.deliver ?? createSender({ settings, clock, log, fetch: fetchImpl });
  const links: DashboardLinks = dashboardLinks(settings.publicUrl);
  const state: NotifyState = await loadState(settings.stateFile, log);
  const controller = new AbortController();
  const { signal } = controller;

  async function save() {
    try {
      await state.save(clock.now());
    } catch (error) {
      log(
        `notify: could not write the state file (${(error as { code?: string }).code ?? "error"})`,
      );
    }
  }

  async function readProject(project: WatchedProject) {
    try {
      return await readRecentJobs(read, project.id, clock.now());
    } catch (error) {
      log(`notify: could not read the jobs of project ${project.id}: ${reasonOf(error)}`);
      return undefined;
    }
  }

  /** Posts `notice`; on delivery its keys are remembered and written at once. */
  async function announce(notice: Notice, keys: readonly string[]) {
    if (await deliver(notice, signal)) {
      state.markAnnounced(keys, clock.now());
      await save();
    }
  }

  async function watchProject(project: WatchedProject) {
    const recent = await readProject(project);
    if (!recent) return;
    const now = clock.now();
    const failed = recent.jobs.filter((job) => job.status === "FAILED");
    const failedKey = (job: InsightJob) => announcedKey.failed(project.id, job.jobId);
    if (!state.knows(project.id)) {
      // First read: the failures already there are history, not news. Stuck jobs still need a
      // look, so they are announced below.
      state.baseline(project.id, failed.map(failedKey), now);
      await save();
    }
    const newlyFailed = failed.filter((job) => !state.isAnnounced(failedKey(job)));
    if (newlyFailed.length > 0 && !signal.aborted) {
      await announce(failedNotice(project, newlyFailed, links), newlyFailed.map(failedKey));
    }
    const stuck = needsAttention(recent.jobs, now).flatMap(({ job, flags }) =>
      flags.filter((flag) => STUCK_FLAGS.has(flag.kind)).map((flag) => ({ job, flag })),
    );
    const stuckKey = ({ job, flag }: (typeof stuck)[number]) =>
      announcedKey.stuck(project.id, job.jobId, flag.kind);
    const newlyStuck = stuck.filter((entry) => !state.isAnnounced(stuckKey(entry)));
    if (newlyStuck.length > 0 && !signal.aborted) {
      await announce(stuckNotice(project, newlyStuck, links), newlyStuck.map(stuckKey));
    }
  }

  async function digestIfDue() {
    const at = settings.digestAt;
    if (!at) return;
    const slot = latestDigestSlot(clock.now(), at, settings.timeZone);
    if (slot.ageMs >= DIGEST_GRACE_MS) return;
    for (const project of projects) {
      if (signal.aborted || state.lastDigest(project.id) === slot.day) continue;
      const recent = await readProject(project);
      // Not read: tried again next minute, while the digest is still due.
      if (!recent) continue;
      const now = clock.now();
      await deliver(
        digestNotice(project, recent, needsAttention(recent.jobs, now), links, now),
        signal,
      );
      // Marked even when not delivered (logged): a digest is not worth a retry storm.
      state.markDigest(project.id, slot.day);
      await save();
    }
  }

  const loop = (async () => {
    let nextRound = clock.now();
    while (!signal.aborted) {
      try {
        if (clock.now() >= nextRound) {
          nextRound = clock.now() + settings.everyMs;
          for (const project of projects) {
            if (signal.aborted) break;
            await watchProject(project);
          }
        }
        await digestIfDue();
      } catch (error) {
        log(`notify: round failed: ${reasonOf(error)}`);
      }
      const now = clock.now();
      // With a digest, wake on every minute so it goes out on the minute it is due.
      const nextMinute = now - (now % MINUTE_MS) + MINUTE_MS;
      const wake = settings.digestAt ? Math.min(nextRound, nextMinute) : nextRound;
      await clock.sleep(Math.max(0, wake - now), signal);
    }
  })();

  return {
    async stop() {
      controller.abort();
      await loop;
    },
  };
}
