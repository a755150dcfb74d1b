// The browser notifications' watcher: loaded only in a browser with a watch (start-watcher.ts),
// it reads each watched project's recent window every minute while the tab is visible, through
// the same query cache as the morning page (so a window both show is read once), and announces
// what windowNews finds with the Notification API.
import { focusManager, type QueryClient } from "@tanstack/react-query";
import { failureCause } from "../../../contract/failure-cause";
import { type AttentionFlag, needsAttention } from "../../../contract/job-insight";
import { isEnded } from "../../../contract/job-status";
import { JOB_TYPES, type JobType } from "../../../contract/list-url";
import { type AppConfig, appConfigQuery } from "../../../lib/app-config";
import { formatDuration } from "../../../lib/format";
import { loadCatalogue } from "../../../lib/i18n/messages";
import { type AllMessages, withViews } from "../../../lib/i18n/view-messages";
import { getPreferences } from "../../../lib/preferences";
import { jobKeys, type RangeView } from "../api/job-queries";
import { describeFlag } from "../insight/flag-words";
import { toInsightJobs } from "../insight/insight-job";
import {
  isoInstant,
  recentWindowStart,
  refreshWindow,
  utcDayStart,
  windowView,
} from "../morning/morning-window";
import { listHref } from "../overview/overview-search";
import { eventKey, type SeenJob, type WatchEvent, type Watching, windowNews } from "./watch-news";
import {
  hasWatches,
  readAnnounced,
  readWatches,
  rememberAnnounced,
  removeWatch,
  type Watches,
} from "./watch-store";

export const WATCH_EVERY_MS = 60_000;
/** More news than this in one minute is one notification that says how much, not a flood. */
export const MAX_NOTIFICATIONS = 3;

type Watcher = {
  client: QueryClient;
  open: (path: string) => void;
  timer: number;
  /** What the previous read of each window showed (per tab: a new tab starts from a baseline). */
  memory: Map<string, Map<string, SeenJob>>;
  busy: boolean;
};

let watcher: Watcher | null = null;

/**
 * Starts watching (once per tab; a second call only updates `open`). It reads at once, as a
 * baseline, then every minute; it stops by itself when no watch is left.
 */
export function startWatcher(client: QueryClient, open: (path: string) => void): void {
  if (watcher) {
    watcher.open = open;
    return;
  }
  watcher = {
    client,
    open,
    timer: window.setInterval(() => void tick(), WATCH_EVERY_MS),
    memory: new Map(),
    busy: false,
  };
  void tick();
}

export function stopWatcher(): void {
  if (!watcher) return;
  window.clearInterval(watcher.timer);
  watcher = null;
}

type WatchedWindow = { projectId: string; jobType: JobType; view: RangeView; watching: Watching };

/**
 * One window per watched project and pipeline: the recent window, or from the day a watched job
 * started when that is earlier (a long job is still found).
 */
function windowsOf(watches: Watches, nowMs: number): WatchedWindow[] {
  const zone = getPreferences().timeZone;
  const recent = recentWindowStart(nowMs);
  type Entry = {
    projectId: string;
    jobType: JobType;
    from: number;
    watching: { project: boolean; jobs: Map<string, { status: string }> };
  };
  const byKey = new Map<string, Entry>();
  const windowOf = (projectId: string, jobType: JobType): Entry => {
    const key = `${projectId}\n${jobType}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { projectId, jobType, from: recent, watching: { project: false, jobs: new Map() } };
      byKey.set(key, entry);
    }
    return entry;
  };
  for (const { projectId } of watches.projects) {
    for (const jobType of JOB_TYPES) windowOf(projectId, jobType).watching.project = true;
  }
  for (const job of watches.jobs) {
    const jobType = JOB_TYPES.find((type) => type === job.jobType);
    if (!jobType) continue;
    const entry = windowOf(job.projectId, jobType);
    entry.from = Math.min(entry.from, utcDayStart(job.startTime));
    entry.watching.jobs.set(job.jobId, { status: job.status });
  }
  return [...byKey.values()].map(({ projectId, jobType, from, watching }) => ({
    projectId,
    jobType,
    view: windowView(projectId, jobType, from, zone),
    watching,
  }));
}

async function tick(): Promise<void> {
  const current = watcher;
  // Hidden tabs read nothing, as React Query's own polling; one read at a time.
  if (!current || current.busy || !focusManager.isFocused()) return;
  const watches = readWatches();
  if (!hasWatches(watches)) {
    stopWatcher();
    return;
  }
  current.busy = true;
  try {
    const windows = windowsOf(watches, Date.now());
    const reads = await Promise.all(windows.map((w) => refreshWindow(current.client, w.view)));
    if (watcher !== current) return;

    const announced = readAnnounced();
    const events = new Map<string, WatchEvent>();
    const ended: WatchEvent["job"][] = [];
    const seenKeys = new Set<string>();
    windows.forEach((w, i) => {
      const range = reads[i];
      if (!range) return;
      const memoryKey = JSON.stringify(w.view);
      seenKeys.add(memoryKey);
      const readAt =
        current.client.getQueryState(jobKeys.range(w.view))?.dataUpdatedAt ?? Date.now();
      const jobs = toInsightJobs(range.rows, w.jobType);
      const flags = new Map<string, AttentionFlag>();
      for (const { job, flags: jobFlags } of needsAttention(jobs, readAt)) {
        if (jobFlags[0]) flags.set(job.jobId, jobFlags[0]);
      }
      const news = windowNews(
        { projectId: w.projectId, jobs, flags },
        w.watching,
        current.memory.get(memoryKey),
        new Set(announced.keys()),
      );
      current.memory.set(memoryKey, news.memory);
      for (const event of news.events) events.set(eventKey(event), event);
      for (const job of jobs) {
        if (w.watching.jobs.has(job.jobId) && isEnded(job.status)) ended.push(job);
      }
    });
    // Windows no longer watched are forgotten (a watch re-added starts from a baseline).
    for (const key of current.memory.keys()) if (!seenKeys.has(key)) current.memory.delete(key);

    if (events.size > 0) {
      rememberAnnounced([...events.keys()], Date.now());
      await announce([...events.values()], current);
    }
    // A watched job that ended has had its say.
    for (const job of ended) {
      const watch = watches.jobs.find((j) => j.jobId === job.jobId);
      if (watch) removeWatch({ kind: "job", ...watch });
    }
  } finally {
    current.busy = false;
  }
}

function projectName(config: AppConfig | undefined, projectId: string, m: AllMessages): string {
  const project = config?.projects.find((p) => p.id === projectId);
  const name = m.locale === "zh-CN" ? (project?.nameZh ?? project?.name) : project?.name;
  return name ?? projectId;
}

/** The samples a job ran on, or its id: the only part of a request a notification names. */
function jobWords(event: WatchEvent, m: AllMessages): string {
  const { samples, jobId } = event.job;
  if (samples.length === 0) return m.notify.job(jobId.slice(0, 8));
  return samples.length > 2 ? `${samples.slice(0, 2).join(" / ")} …` : samples.join(" / ");
}

function titleOf(event: WatchEvent, m: AllMessages): string {
  const what = jobWords(event, m);
  switch (event.kind) {
    case "failed":
      return m.notify.failed(what);
    case "ended":
      return event.job.status === "CANCELLED" ? m.notify.cancelled(what) : m.notify.finished(what);
    case "flagged":
      return m.notify.flagged(what);
  }
}

function detailOf(event: WatchEvent, m: AllMessages): string {
  switch (event.kind) {
    case "failed":
      return failureCause(event.job.message).title;
    case "ended":
      return m.notify.ran(formatDuration(event.job.durationSeconds, m.units));
    case "flagged":
      return describeFlag(event.flag, m);
  }
}

/** The list around the job's start, with its drawer open: found on the first page. */
export function jobPath(event: Pick<WatchEvent, "projectId" | "job">): string {
  const { job } = event;
  return listHref(
    event.projectId,
    { type: job.jobType === "DNA_GERMLINE" ? "DNA_GERMLINE" : "DNA_SOMATIC" },
    {
      from: isoInstant(job.startTime - 60_000),
      to: isoInstant(job.startTime + 60_000),
      job: job.jobId,
    },
  );
}

function show(title: string, body: string, tag: string, path: string, current: Watcher): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  try {
    // Plain text only: a notification renders no markup, and holds nothing but these strings.
    const notification = new Notification(title, { body, tag, lang: getPreferences().locale });
    notification.onclick = () => {
      window.focus();
      current.open(path);
      notification.close();
    };
  } catch {
    // Some browsers (Chrome on Android) show notifications only from a service worker.
  }
}

async function announce(events: WatchEvent[], current: Watcher): Promise<void> {
  const m = withViews(
    await loadCatalogue(getPreferences().locale).catch(() => loadCatalogue("en")),
  );
  const config = current.client.getQueryData<AppConfig>(appConfigQuery().queryKey);
  const each = events.length > MAX_NOTIFICATIONS ? events.slice(0, MAX_NOTIFICATIONS - 1) : events;
  for (const event of each) {
    const pipeline = m.drawer.pipelines[event.job.jobType] ?? event.job.jobType;
    const body = m.notify.body(
      projectName(config, event.projectId, m),
      pipeline,
      detailOf(event, m),
    );
    show(titleOf(event, m), body, eventKey(event), jobPath(event), current);
  }
  const rest = events.slice(each.length);
  if (rest.length > 0) {
    const projects = [...new Set(rest.map((e) => projectName(config, e.projectId, m)))];
    show(
      m.notify.more(rest.length),
      projects.join(m.units.listJoin),
      "gene-jobs:more",
      "/",
      current,
    );
  }
}
