import { createHmac } from "node:crypto";
import { errorCode } from "../http-util.ts";
import type { Line, Notice } from "./messages.ts";
import type { NotifyKind, NotifySettings } from "./settings.ts";

// Each robot's message format, limits and signing, as ../shared/reference/notify-webhooks.md
// gives them, and the delivery: retried with backoff, at most 20 messages a minute, logged by
// kind only (the webhook URL and the secret are credentials: never logged, never in an error).

/** Markdown/text budget per message, in UTF-8 bytes: WeCom's markdown limit, and the same elsewhere. */
export const CONTENT_LIMIT_BYTES = 4096;
/** The JSON kind lists at most this many jobs. */
export const JSON_MAX_JOBS = 100;
/** Each value from DLI (a sample name, a cause) is cut to this many characters. */
const VALUE_MAX_CHARS = 200;
/** Waits before the 2nd, 3rd, 4th and 5th attempt: the later ones outlast a minute's rate limit. */
export const RETRY_BACKOFF_MS = [5_000, 30_000, 60_000, 120_000] as const;
/** Robots take 20 messages a minute. */
export const RATE_LIMIT = { messages: 20, perMs: 60_000 } as const;
const POST_TIMEOUT_MS = 10_000;

export type Clock = {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

// ---------------------------------------------------------------------------------------------
// Text from DLI, made inert

/** Text on one line: control characters and line breaks as single spaces, cut to VALUE_MAX_CHARS. */
function inline(text: string): string {
  const flat = text.replace(/[\p{Cc}\u2028\u2029\s]+/gu, " ");
  return flat.length > VALUE_MAX_CHARS ? `${flat.slice(0, VALUE_MAX_CHARS - 1)}…` : flat;
}

/** A whole value (a title, a job's field) as one trimmed line. */
function plainValue(text: string): string {
  return inline(text.trim()).trim();
}

/**
 * Text shown inside a robot's markdown: the characters that make links, HTML (`<font>`,
 * `<at>`), emphasis or code become look-alikes, and `://` is broken, so a sample name can
 * never become a link, a mention or markup.
 */
export function markdownText(text: string): string {
  return inline(text)
    .replace(/\[/g, "［")
    .replace(/\]/g, "］")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .replace(/\*/g, "∗")
    .replace(/`/g, "ˋ")
    .replace(/\\/g, "⧵")
    .replace(/:\/\//g, ":∕∕")
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}․`);
}

/** A link target the server built (PUBLIC_URL + encoded ids); parentheses and spaces encoded. */
function markdownHref(href: string): string {
  return href.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/\s/g, "%20");
}

function markdownLine(line: Line): string {
  return line
    .map((segment) => {
      const text = markdownText(segment.text);
      if (segment.href) return `[${text}](${markdownHref(segment.href)})`;
      return segment.strong ? `**${text}**` : text;
    })
    .join("");
}

function plainLine(line: Line): string {
  return line
    .filter((segment) => !segment.linkOnly)
    .map((segment) => inline(segment.text))
    .join("")
    .replace(/[\s·]+$/, "");
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * `head` and as many whole lines as fit in `limit` bytes; the lines left out are counted in a
 * closing `footer(n)`, which always fits (it is reserved for before each line is added).
 */
export function fitLines(
  head: string,
  lines: readonly string[],
  separator: string,
  footer: (left: number) => string,
  limit: number,
): string {
  let out = head;
  for (let i = 0; i < lines.length; i++) {
    const candidate = `${out}${separator}${lines[i]}`;
    const left = lines.length - i - 1;
    const reserve = left > 0 ? bytes(`${separator}${footer(left)}`) : 0;
    if (bytes(candidate) + reserve > limit) return `${out}${separator}${footer(lines.length - i)}`;
    out = candidate;
  }
  return out;
}

function markdownBody(notice: Notice, heading: string, separator: string): string {
  const footer = (left: number) =>
    `… ${left} more ${left === 1 ? "line" : "lines"}: [open the dashboard](${markdownHref(notice.url)})`;
  return fitLines(heading, notice.lines.map(markdownLine), separator, footer, CONTENT_LIMIT_BYTES);
}

/** The message as plain text (the JSON kind's `text`), within the same budget. */
export function plainText(notice: Notice): string {
  return fitLines(
    plainValue(notice.title),
    notice.lines.map(plainLine),
    "\n",
    (left) => `… ${left} more: ${notice.url}`,
    CONTENT_LIMIT_BYTES,
  );
}

// ---------------------------------------------------------------------------------------------
// Signing

/** DingTalk "加签": Base64(HMAC-SHA256(key = secret, message = `${timestampMs}\n${secret}`)). */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

/** Feishu: Base64(HMAC-SHA256(key = `${timestampSeconds}\n${secret}`, message = "")). */
export function feishuSignature(secret: string, timestampSeconds: number): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}

// ---------------------------------------------------------------------------------------------
// Each kind's request

export type WebhookRequest = {
  /** Holds the robot's key (and DingTalk's signature): a secret, never logged. */
  url: URL;
  body: Record<string, unknown>;
};

const FEISHU_TEMPLATES: Record<Notice["tone"], string> = {
  bad: "red",
  warning: "orange",
  info: "blue",
};

/** The POST that announces `notice` to `settings.kind`, signed at `nowMs` when there is a secret. */
export function webhookRequest(
  settings: Pick<NotifySettings, "kind" | "webhookUrl" | "secret">,
  notice: Notice,
  nowMs: number,
): WebhookRequest {
  const url = new URL(settings.webhookUrl);
  const title = markdownText(notice.title);
  switch (settings.kind) {
    case "wecom": {
      // <font color="warning"> is WeCom's orange-red; the title is already inert text.
      const heading =
        notice.tone === "info" ? `### ${title}` : `### <font color="warning">${title}</font>`;
      return {
        url,
        body: { msgtype: "markdown", markdown: { content: markdownBody(notice, heading, "\n") } },
      };
    }
    case "dingtalk": {
      if (settings.secret) {
        url.searchParams.set("timestamp", String(nowMs));
        url.searchParams.set("sign", dingtalkSignature(settings.secret, nowMs));
      }
      // DingTalk's markdown joins single line breaks: paragraphs keep the lines apart.
      return {
        url,
        body: {
          msgtype: "markdown",
          markdown: {
            title: plainValue(notice.title),
            text: markdownBody(notice, `### ${title}`, "\n\n"),
          },
        },
      };
    }
    case "feishu": {
      const body: Record<string, unknown> = {
        msg_type: "interactive",
        card: {
          config: { wide_screen_mode: true },
          header: {
            template: FEISHU_TEMPLATES[notice.tone],
            title: { tag: "plain_text", content: plainValue(notice.title) },
          },
          elements: [
            {
              tag: "div",
              text: { tag: "lark_md", content: markdownBody(notice, "", "\n").trimStart() },
            },
          ],
        },
      };
      if (settings.secret) {
        const seconds = Math.floor(nowMs / 1000);
        body.timestamp = String(seconds);
        body.sign = feishuSignature(settings.secret, seconds);
      }
      return { url, body };
    }
    case "json":
      return {
        url,
        body: {
          event: notice.event,
          project: notice.project.id,
          text: plainText(notice),
          url: notice.url,
          jobs: notice.jobs.slice(0, JSON_MAX_JOBS).map((job) => ({
            job_id: plainValue(job.job_id),
            status: plainValue(job.status),
            samples: job.samples.map(plainValue),
            cause: job.cause === null ? null : plainValue(job.cause),
          })),
        },
      };
  }
}

/**
 * Whether the robot took the message: a 2xx, and for the robots their own code in the body
 * (`errcode` 0 for WeCom and DingTalk, `code` 0 for Feishu), which fails a 200 too. The
 * reason names a status or code, never the answer's text (it can echo the URL's key).
 */
export function deliveryOutcome(
  kind: NotifyKind,
  status: number,
  text: string,
): { ok: true } | { ok: false; reason: string } {
  if (status < 200 || status > 299) return { ok: false, reason: `HTTP ${status}` };
  if (kind === "json") return { ok: true };
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  if (!body) return { ok: false, reason: "an answer that is not JSON" };
  const field = kind === "feishu" ? "code" : "errcode";
  // Feishu's older answers carry StatusCode instead of code.
  const code = kind === "feishu" && body.code === undefined ? body.StatusCode : body[field];
  if (code === 0) return { ok: true };
  const shown =
    typeof code === "number" || typeof code === "string" ? String(code).slice(0, 20) : "missing";
  return { ok: false, reason: `${field} ${shown}` };
}

// ---------------------------------------------------------------------------------------------
// Delivery

export type Deliver = (notice: Notice, signal?: AbortSignal) => Promise<boolean>;

export type SenderOptions = {
  settings: Pick<NotifySettings, "kind" | "webhookUrl" | "secret">;
  clock: Clock;
  log: (line: string) => void;
  fetch?: typeof fetch;
};

/**
 * Posts notices one at a time: at most 20 a minute, each tried up to five times (network
 * error, non-2xx, or the robot's own error code), waiting 5 s, 30 s, 1 min and 2 min between.
 * Resolves true when delivered, false when given up (logged); never throws.
 */
export function createSender({
  settings,
  clock,
  log,
  fetch = globalThis.fetch,
}: SenderOptions): Deliver {
  const sentAt: number[] = [];
  const kind = settings.kind;

  async function waitForRate(signal?: AbortSignal) {
    for (;;) {
      const now = clock.now();
      while (sentAt.length > 0 && now - (sentAt[0] as number) >= RATE_LIMIT.perMs) sentAt.shift();
      if (sentAt.length < RATE_LIMIT.messages || signal?.aborted) return;
      await clock.sleep((sentAt[0] as number) + RATE_LIMIT.perMs - now, signal);
    }
  }

  async function attempt(
    notice: Notice,
    signal?: AbortSignal,
  ): Promise<{ ok: true } | { ok: false; reason: string }> {
    // Signed per attempt: a retry carries a fresh timestamp.
    const request = webhookRequest(settings, notice, clock.now());
    sentAt.push(clock.now());
    try {
      const answer = await fetch(request.url, {
        method: "POST",
        headers: { "Content-Type": "application/json; charset=utf-8" },
        body: JSON.stringify(request.body),
        // A redirect would carry the message (and a signed URL) elsewhere.
        redirect: "error",
        // A stopping server does not wait for a slow robot.
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(POST_TIMEOUT_MS)])
          : AbortSignal.timeout(POST_TIMEOUT_MS),
      });
      return deliveryOutcome(kind, answer.status, await answer.text());
    } catch (error) {
      return { ok: false, reason: `no answer (${errorCode(error)})` };
    }
  }

  async function deliverOne(notice: Notice, signal?: AbortSignal): Promise<boolean> {
    const attempts = RETRY_BACKOFF_MS.length + 1;
    for (let n = 1; n <= attempts; n++) {
      await waitForRate(signal);
      if (signal?.aborted) return false;
      const outcome = await attempt(notice, signal);
      if (outcome.ok) {
        log(`notify: ${kind}: posted the ${notice.event} message (${notice.jobs.length} jobs)`);
        return true;
      }
      if (n === attempts) {
        log(
          `notify: ${kind}: gave up on the ${notice.event} message after ${attempts} attempts (${outcome.reason})`,
        );
        return false;
      }
      const wait = RETRY_BACKOFF_MS[n - 1] as number;
      log(
        `notify: ${kind}: the ${notice.event} message was not taken (attempt ${n} of ${attempts}: ${outcome.reason}); retrying in ${wait / 1000} s`,
      );
      await clock.sleep(wait, signal);
    }
    return false;
  }

  // One message at a time, in order: the rate limit counts what was really sent.
  let queue: Promise<unknown> = Promise.resolve();
  return (notice, signal) => {
    const run = queue.then(() => deliverOne(notice, signal));
    queue = run.catch(() => undefined);
    return run;
  };
}
