import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The group robots the watcher can post to, and a plain JSON receiver of the lab's own. */
export const NOTIFY_KINDS = ["wecom", "dingtalk", "feishu", "json"] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** Which kinds sign their messages with NOTIFY_SECRET (notify-webhooks.md). */
const SIGNING_KINDS: readonly NotifyKind[] = ["dingtalk", "feishu"];

export type NotifySettings = {
  kind: NotifyKind;
  /** A secret (anyone holding it can post): never logged, never sent to the browser. */
  webhookUrl: URL;
  /** DingTalk's "加签" secret or Feishu's signature secret; never logged. */
  secret?: string;
  /** How often each project's recent jobs are read (NOTIFY_EVERY, seconds; default 300). */
  everyMs: number;
  /** The daily digest's time of day in `timeZone` (NOTIFY_DIGEST_AT); no digest when absent. */
  digestAt?: { hour: number; minute: number };
  /** IANA zone of the digest time (NOTIFY_TZ; default the server's). */
  timeZone: string;
  /** What has been announced (NOTIFY_STATE_FILE; default ./.notify-state.json). */
  stateFile: string;
  /** The dashboard as people open it (PUBLIC_URL): messages link there. */
  publicUrl: URL;
};

/** Settings that mean nothing without NOTIFY_WEBHOOK_URL and NOTIFY_KIND: set alone, a typo. */
const DEPENDENT_SETTINGS = [
  "NOTIFY_SECRET",
  "NOTIFY_EVERY",
  "NOTIFY_DIGEST_AT",
  "NOTIFY_TZ",
  "NOTIFY_STATE_FILE",
] as const;

export const DEFAULT_EVERY_SECONDS = 300;
const MIN_EVERY_SECONDS = 30;
const MAX_EVERY_SECONDS = 86_400;

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

/** An http(s) URL without user info; the value itself is never repeated (it may be a secret). */
function parseUrl(raw: string, name: string, secret: boolean): URL {
  let url: URL;
  const shown = secret ? "" : ` "${raw}"`;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} is not a valid URL${shown}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`${name} must be an http(s) URL, got protocol "${url.protocol}"`);
  }
  if (url.username || url.password) throw new Error(`${name} must not contain a user or password`);
  return url;
}

function parsePublicUrl(raw: string | undefined): URL {
  if (!raw) {
    throw new Error(
      "PUBLIC_URL must be set with NOTIFY_WEBHOOK_URL: the dashboard's address as people open it (e.g. https://genes.lab.example), which messages link to",
    );
  }
  const url = parseUrl(raw, "PUBLIC_URL", false);
  if (url.search || url.hash) {
    throw new Error(`PUBLIC_URL must have no query or fragment, got "${raw}"`);
  }
  // Links are PUBLIC_URL + /projects/…: no trailing slash to double.
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}

function parseEvery(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_EVERY_SECONDS * 1000;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < MIN_EVERY_SECONDS || seconds > MAX_EVERY_SECONDS) {
    throw new Error(
      `NOTIFY_EVERY must be a whole number of seconds from ${MIN_EVERY_SECONDS} to ${MAX_EVERY_SECONDS}, got "${raw}"`,
    );
  }
  return seconds * 1000;
}

function parseDigestAt(raw: string | undefined): { hour: number; minute: number } | undefined {
  if (raw === undefined) return undefined;
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!match) {
    throw new Error(
      `NOTIFY_DIGEST_AT must be a time of day as HH:MM (24-hour), e.g. 08:30, got "${raw}"`,
    );
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function parseTimeZone(raw: string | undefined): string {
  if (raw === undefined) return Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`NOTIFY_TZ must be an IANA time zone such as Asia/Shanghai, got "${raw}"`);
  }
}

function parseStateFile(raw: string | undefined, cwd: string): string {
  const file = resolve(cwd, raw ?? ".notify-state.json");
  let isDirectory = false;
  try {
    isDirectory = statSync(dirname(file)).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDirectory) {
    throw new Error(`NOTIFY_STATE_FILE must be in an existing directory, got "${file}"`);
  }
  return file;
}

/**
 * The watcher's settings, or undefined when notifications are off (neither NOTIFY_WEBHOOK_URL
 * nor NOTIFY_KIND set). A bad setting throws an error that names it, never its secret value.
 */
export function loadNotifySettings(
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): NotifySettings | undefined {
  const rawUrl = nonEmpty(env.NOTIFY_WEBHOOK_URL);
  const rawKind = nonEmpty(env.NOTIFY_KIND);
  if (!rawUrl && !rawKind) {
    const stray = DEPENDENT_SETTINGS.filter((name) => nonEmpty(env[name]) !== undefined);
    if (stray.length > 0) {
      throw new Error(
        `${stray.join(", ")} ${stray.length === 1 ? "is" : "are"} set but NOTIFY_WEBHOOK_URL and NOTIFY_KIND are not: set both to turn notifications on`,
      );
    }
    return undefined;
  }
  if (!rawKind) throw new Error("NOTIFY_KIND must be set with NOTIFY_WEBHOOK_URL");
  if (!rawUrl) throw new Error("NOTIFY_WEBHOOK_URL must be set with NOTIFY_KIND");
  const kind = NOTIFY_KINDS.find((k) => k === rawKind.toLowerCase());
  if (!kind) {
    throw new Error(
      `NOTIFY_KIND must be ${NOTIFY_KINDS.slice(0, -1).join(", ")} or ${NOTIFY_KINDS.at(-1)}, got "${rawKind}"`,
    );
  }
  const webhookUrl = parseUrl(rawUrl, "NOTIFY_WEBHOOK_URL", true);
  const secret = nonEmpty(env.NOTIFY_SECRET);
  if (secret && !SIGNING_KINDS.includes(kind)) {
    throw new Error(
      `NOTIFY_SECRET is set but NOTIFY_KIND=${kind} signs nothing (only dingtalk and feishu robots have a signing secret)`,
    );
  }
  const settings: NotifySettings = {
    kind,
    webhookUrl,
    everyMs: parseEvery(nonEmpty(env.NOTIFY_EVERY)),
    timeZone: parseTimeZone(nonEmpty(env.NOTIFY_TZ)),
    stateFile: parseStateFile(nonEmpty(env.NOTIFY_STATE_FILE), cwd),
    publicUrl: parsePublicUrl(nonEmpty(env.PUBLIC_URL)),
  };
  if (secret) settings.secret = secret;
  const digestAt = parseDigestAt(nonEmpty(env.NOTIFY_DIGEST_AT));
  if (digestAt) settings.digestAt = digestAt;
  return settings;
}
