import { failureCause, groupFailures } from "../../src/contract/failure-cause.ts";
import { ID_PATTERN } from "../../src/contract/ids.ts";
import type { AttentionFlag, InsightJob, JobAttention } from "../../src/contract/job-insight.ts";

// What the watcher says, as data: a title, lines of text and links, and the jobs concerned. The
// senders (webhooks.ts) write it as each robot's markdown, as plain text, or as JSON. Values
// from DLI (sample names, causes, ids) are plain text segments here; the senders neutralise them.

export type NotifyEvent = "failed" | "stuck" | "digest";

/**
 * Part of a line: text, text that links to the dashboard, or a bold label. `linkOnly` text
 * ("see them") stands for its link and is left out of plain text.
 */
export type Segment = { text: string; href?: string; strong?: boolean; linkOnly?: boolean };
export type Line = Segment[];

export type NoticeJob = {
  job_id: string;
  status: string;
  samples: string[];
  /** The failure cause's title (failure-cause.ts), null for a job that did not fail. */
  cause: string | null;
};

export type Notice = {
  event: NotifyEvent;
  project: { id: string; name?: string };
  /** Plain text; every title contains "Gene jobs" (DingTalk's keyword security can ask for it). */
  title: string;
  /** "bad" for failures, "warning" for stuck jobs, "info" for the digest (header colours). */
  tone: "bad" | "warning" | "info";
  /** The dashboard page that shows what the message is about. */
  url: string;
  lines: Line[];
  jobs: NoticeJob[];
};

export type WatchedProject = { id: string; name?: string };

/** Links into the dashboard at PUBLIC_URL: never a credential, never an API value unchecked. */
export type DashboardLinks = {
  overview(projectId: string): string;
  job(projectId: string, job: Pick<InsightJob, "jobId" | "jobType">): string;
  cause(projectId: string, key: string, jobType: string | undefined): string;
};

export function dashboardLinks(publicUrl: URL): DashboardLinks {
  const base = `${publicUrl.origin}${publicUrl.pathname.replace(/\/+$/, "")}`;
  const project = (id: string) => `${base}/projects/${encodeURIComponent(id)}`;
  // The list and overview show one job type; somatic is their default.
  const query = (jobType: string | undefined, rest: Record<string, string>) =>
    new URLSearchParams({ ...(jobType === "DNA_GERMLINE" ? { type: jobType } : {}), ...rest });
  return {
    overview: (id) => `${project(id)}/overview`,
    job: (id, job) => `${project(id)}/jobs?${query(job.jobType, { job: job.jobId })}`,
    // The list filtered to the cause (the overview's groups open it so); a week holds every job
    // the watcher reads.
    cause: (id, key, jobType) =>
      `${project(id)}/jobs?${query(jobType, { range: "7d", cause: key })}`,
  };
}

const TYPE_WORDS: Record<string, string> = { DNA_SOMATIC: "somatic", DNA_GERMLINE: "germline" };

function projectLabel(project: WatchedProject): string {
  return project.name ?? project.id;
}

function jobsWord(n: number): string {
  return `${n} ${n === 1 ? "job" : "jobs"}`;
}

/** `42 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatDuration(seconds: number): string {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** What a flag says, in English (the browser words the same flags in two languages). */
export function flagWords(flag: AttentionFlag): string {
  switch (flag.kind) {
    case "launching":
      return `launching for ${formatDuration(flag.forSeconds)}`;
    case "canceling":
      return `cancelling for ${formatDuration(flag.forSeconds)}`;
    case "past-expect":
      return `running ${formatDuration(flag.runningSeconds)}, past its expected ${flag.expectHours} h`;
    case "slow":
      return `running ${formatDuration(flag.runningSeconds)}, longer than 95% of similar jobs took`;
  }
}

/** `- c0619372 somatic · HCC1143_tumor / HCC1143_normal · <extra>`, the id linking to the job. */
function jobLine(links: DashboardLinks, projectId: string, job: InsightJob, extra?: string): Line {
  // Only an id of the id shape goes into a link; anything else is shown as text.
  const id: Segment = ID_PATTERN.test(job.jobId)
    ? { text: job.jobId.slice(0, 8), href: links.job(projectId, job) }
    : { text: job.jobId.slice(0, 8) };
  const line: Line = [{ text: "- " }, id, { text: ` ${TYPE_WORDS[job.jobType] ?? job.jobType}` }];
  if (job.samples.length > 0) line.push({ text: ` · ${job.samples.join(" / ")}` });
  if (extra) line.push({ text: ` · ${extra}` });
  return line;
}

function noticeJob(job: InsightJob): NoticeJob {
  return {
    job_id: job.jobId,
    status: job.status,
    samples: [...job.samples],
    cause: job.status === "FAILED" ? failureCause(job.message).title : null,
  };
}

/** The one job type of `jobs`, or undefined when both are there. */
function onlyType(jobs: readonly InsightJob[]): string | undefined {
  const types = new Set(jobs.map((job) => job.jobType));
  return types.size === 1 ? [...types][0] : undefined;
}

/**
 * Jobs that failed since the last round, grouped by cause (failure-cause.ts's groups, the
 * overview's): a cause shared by several is a heading with a link to its jobs; the rest carry
 * their own cause on their line.
 */
export function failedNotice(
  project: WatchedProject,
  failed: readonly InsightJob[],
  links: DashboardLinks,
): Notice {
  const byId = new Map(failed.map((job) => [job.jobId, job]));
  const { causes, other } = groupFailures(failed);
  const lines: Line[] = [];
  for (const group of causes) {
    const jobs = group.jobIds.flatMap((id) => byId.get(id) ?? []);
    lines.push([
      { text: group.title, strong: true },
      { text: ` · ${jobsWord(group.count)} · ` },
      {
        text: "see them",
        href: links.cause(project.id, group.key, onlyType(jobs)),
        linkOnly: true,
      },
    ]);
    for (const job of jobs) lines.push(jobLine(links, project.id, job));
  }
  if (other) {
    if (causes.length > 0) lines.push([{ text: "Other causes", strong: true }]);
    for (const id of other.jobIds) {
      const job = byId.get(id);
      if (job) lines.push(jobLine(links, project.id, job, failureCause(job.message).title));
    }
  }
  const single = failed.length === 1 ? failed[0] : undefined;
  return {
    event: "failed",
    project,
    title: `Gene jobs · ${projectLabel(project)}: ${jobsWord(failed.length)} failed`,
    tone: "bad",
    url: single ? links.job(project.id, single) : links.overview(project.id),
    lines,
    jobs: failed.map(noticeJob),
  };
}

/** Jobs newly flagged stuck (launching or cancelling far longer than it takes). */
export function stuckNotice(
  project: WatchedProject,
  stuck: readonly { job: InsightJob; flag: AttentionFlag }[],
  links: DashboardLinks,
): Notice {
  const single = stuck.length === 1 ? stuck[0] : undefined;
  return {
    event: "stuck",
    project,
    title: `Gene jobs · ${projectLabel(project)}: ${jobsWord(stuck.length)} stuck`,
    tone: "warning",
    url: single ? links.job(project.id, single.job) : links.overview(project.id),
    lines: stuck.map(({ job, flag }) => jobLine(links, project.id, job, flagWords(flag))),
    jobs: stuck.map(({ job }) => noticeJob(job)),
  };
}

const DAY_MS = 86_400_000;
const DIGEST_TOP = 5;

/** When a job ended: its start plus its duration (DLI's duration of an ended job). */
function endedAt(job: InsightJob): number {
  return job.startTime + (job.durationSeconds ?? 0) * 1000;
}

/**
 * The day's digest of one project: what ended in the last 24 hours (finished, failed by cause,
 * cancelled), what runs now, and what needs a look (job-insight.ts's flags).
 */
export function digestNotice(
  project: WatchedProject,
  recent: { jobs: readonly InsightJob[]; complete: boolean },
  attention: readonly JobAttention[],
  links: DashboardLinks,
  nowMs: number,
): Notice {
  const dayAgo = nowMs - DAY_MS;
  const ended = recent.jobs.filter(
    (job) =>
      (job.status === "FINISHED" || job.status === "FAILED" || job.status === "CANCELLED") &&
      endedAt(job) >= dayAgo,
  );
  const count = (status: string) => ended.filter((job) => job.status === status).length;
  const failed = ended.filter((job) => job.status === "FAILED");
  const running = recent.jobs.filter((job) => job.status === "RUNNING").length;
  const lines: Line[] = [
    [
      { text: "Last 24 hours: ", strong: true },
      {
        text: `${count("FINISHED")} finished, ${failed.length} failed, ${count("CANCELLED")} cancelled`,
      },
    ],
    [
      { text: "Now: ", strong: true },
      { text: `${running} running, ${jobsWord(attention.length)} needing attention` },
    ],
  ];
  if (failed.length > 0) {
    const { causes, other } = groupFailures(failed);
    lines.push([{ text: "Failure causes", strong: true }]);
    for (const group of causes.slice(0, DIGEST_TOP)) {
      const jobs = failed.filter((job) => group.jobIds.includes(job.jobId));
      lines.push([
        { text: `- ${group.title} · ${jobsWord(group.count)} · ` },
        {
          text: "see them",
          href: links.cause(project.id, group.key, onlyType(jobs)),
          linkOnly: true,
        },
      ]);
    }
    // Causes seen once are named on their job's line, while there is room.
    const room = Math.max(0, DIGEST_TOP - causes.length);
    const oneOffs = (other?.jobIds ?? []).flatMap((id) => failed.find((j) => j.jobId === id) ?? []);
    for (const job of oneOffs.slice(0, room)) {
      lines.push(jobLine(links, project.id, job, failureCause(job.message).title));
    }
    const left =
      causes.slice(DIGEST_TOP).reduce((n, group) => n + group.count, 0) +
      Math.max(0, oneOffs.length - room);
    if (left > 0) lines.push([{ text: `- and ${jobsWord(left)} more` }]);
  }
  if (attention.length > 0) {
    lines.push([{ text: "Needing attention", strong: true }]);
    for (const { job, flags } of attention.slice(0, DIGEST_TOP)) {
      const first = flags[0];
      lines.push(jobLine(links, project.id, job, first ? flagWords(first) : undefined));
    }
    if (attention.length > DIGEST_TOP) {
      lines.push([{ text: `- and ${jobsWord(attention.length - DIGEST_TOP)} more` }]);
    }
  }
  if (!recent.complete) {
    lines.push([{ text: "(Only the newest 200 jobs of each type in the last 3 days were read.)" }]);
  }
  const jobs = [...failed, ...attention.map((entry) => entry.job)];
  return {
    event: "digest",
    project,
    title: `Gene jobs · ${projectLabel(project)}: daily digest`,
    tone: "info",
    url: links.overview(project.id),
    lines,
    jobs: jobs.map(noticeJob),
  };
}
