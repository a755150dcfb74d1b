import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import {
  ARGUMENT_FIELDS,
  applyEdits,
  EDITABLE_FIELDS,
  HOURS_FIELD,
  MAX_ARGUMENT_LENGTH,
  MAX_ARGUMENTS,
  MAX_EXPECT_HOURS,
  MAX_PATH_LENGTH,
  OPTION_FIELDS,
  OUTPUT_PATH,
  PATH_FIELDS,
  type RelaunchEdits,
} from "../src/contract/relaunch.ts";
import type { Emulator } from "./emulator/routes.ts";
import {
  type GeneJobsBackend,
  recordUpstreamMs,
  recordUpstreamStart,
  sendError,
  sendJson,
} from "./http-util.ts";
import { IamRefusedError, IamUnreachableError } from "./iam-token.ts";
import { declaresJson, type ProxyBackend, type UpstreamAnswer, UpstreamError } from "./proxy.ts";
import { parseListQuery } from "./request-rules.ts";

// "Run again" (issue 18 §4): POST /api/projects/{project_id}/jobs/{job_id}/relaunch with
// {"edits": {...}}. The browser sends the job id and the fields it changed, nothing else; the
// server reads the job's original request from DLI's list, applies the edits to editable fields
// (never a credential) and submits the result with POST /v2.0/{project_id}/gene/jobs. The
// credentials inside the request go from DLI back to DLI: they are in no answer, log line or
// message of this server.

/** The largest body accepted: edits are a few fields (200 arguments of 1,000 characters fit). */
export const MAX_RELAUNCH_BODY_BYTES = 64 * 1024;
/** List requests spent looking for the job, at most: 10 pages of 100. */
export const MAX_LIST_READS = 10;
/** With a start-time hint, jobs that started this close to it are read first. */
export const HINT_WINDOW_MS = 60_000;
/** Relaunches served at once; each may hold a page of DLI's answer (20 MB at most). */
export const MAX_RELAUNCHES_AT_ONCE = 4;
const PAGE_LIMIT = 100;
const JOB_TYPES = ["DNA_SOMATIC", "DNA_GERMLINE"] as const;

// ---- The body ---------------------------------------------------------------------------------

/** Arguments and paths go on a command line or into a Spark conf: one line each, no controls. */
const ONE_LINE = /^[^\p{Cc}]*$/u;

const argumentList = z
  .array(z.string().max(MAX_ARGUMENT_LENGTH).regex(ONE_LINE))
  .max(MAX_ARGUMENTS)
  .nullable()
  .optional();
const option = z.boolean().nullable().optional();
const outputPath = z.string().max(MAX_PATH_LENGTH).regex(OUTPUT_PATH).nullable().optional();
const hours = z.number().int().min(1).max(MAX_EXPECT_HOURS).nullable().optional();

const editsSchema = z.strictObject({
  ...Object.fromEntries(ARGUMENT_FIELDS.map((key) => [key, argumentList])),
  ...Object.fromEntries(OPTION_FIELDS.map((key) => [key, option])),
  ...Object.fromEntries(PATH_FIELDS.map((key) => [key, outputPath])),
  [HOURS_FIELD]: hours,
});

const bodySchema = z.strictObject({
  edits: editsSchema,
  /** The job's start_time (Unix ms), as a hint only: where to look first in DLI's list. */
  startTime: z.number().int().min(0).max(8_640_000_000_000_000).optional(),
});

export type RelaunchRequest = { edits: RelaunchEdits; startTime?: number };

const EXPECTED: Record<string, string> = {
  ...Object.fromEntries(
    ARGUMENT_FIELDS.map((key) => [
      key,
      `null or a list of at most ${MAX_ARGUMENTS} strings of at most ${MAX_ARGUMENT_LENGTH} characters, each one line`,
    ]),
  ),
  ...Object.fromEntries(OPTION_FIELDS.map((key) => [key, "true, false or null"])),
  ...Object.fromEntries(
    PATH_FIELDS.map((key) => [
      key,
      `null or an OBS path (s3a://… or obs://…) of at most ${MAX_PATH_LENGTH} characters without spaces`,
    ]),
  ),
  [HOURS_FIELD]: `null or a whole number of hours from 1 to ${MAX_EXPECT_HOURS}`,
};

/** Field names as DLI and the request decoder's masking spell credentials, in any case or style. */
export function isCredentialName(name: string): boolean {
  const key = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_");
  if (/secret|password|passwd|token|credential|private_key/.test(key)) return true;
  if (/(^|_)access_(encoded_)?key($|_)/.test(key)) return true;
  return key.split("_").some((part) => part === "ak" || part === "sk");
}

/** A key from the browser, quoted and cut short: named in a message, never trusted as text. */
const quoted = (key: string) => JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);

function unknownKeyMessage(key: string, inEdits: boolean): string {
  const where = inEdits ? `edits.${quoted(key)}` : quoted(key);
  if (isCredentialName(key)) {
    return `${where} is refused: credentials are taken from the job's original request and no edit may add or change them`;
  }
  return inEdits
    ? `${where} cannot be edited; the editable fields are ${EDITABLE_FIELDS.join(", ")}`
    : `${where} is not accepted: the body is {"edits": {…}} with an optional "startTime"`;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const [first, field] = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    // A credential among the keys is the one to name: that refusal matters most.
    const key = issue.keys.find(isCredentialName) ?? issue.keys[0] ?? "";
    return unknownKeyMessage(key, first === "edits");
  }
  if (first === "edits" && field !== undefined) {
    return `edits.${field} must be ${EXPECTED[field] ?? "a valid value"}`;
  }
  if (first === "edits") return "edits must be an object of the fields to change";
  if (first === "startTime") return "startTime must be the job's start time in Unix milliseconds";
  return 'The body must be a JSON object {"edits": {…}}';
}

/**
 * The relaunch body, or why it is refused: the first problem, naming its field and never
 * echoing a value. Only `edits` (and the `startTime` hint) are accepted, and in `edits` only the
 * editable fields with their types and bounds; a credential-like key is refused as such.
 */
export function parseRelaunchBody(
  text: string,
): { ok: true; value: RelaunchRequest } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The body must be JSON: {"edits": {…}}' };
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: issue ? issueMessage(issue) : "The body is not valid" };
  }
  const value: RelaunchRequest = { edits: parsed.data.edits as RelaunchEdits };
  if (parsed.data.startTime !== undefined) value.startTime = parsed.data.startTime;
  return { ok: true, value };
}

// ---- DLI, or the emulator ---------------------------------------------------------------------

/** What "Run again" needs of the backend: a page of the list, and the submit. */
export type RelaunchDoor = {
  readList(projectId: string, search: URLSearchParams): Promise<UpstreamAnswer>;
  submit(projectId: string, body: string): Promise<UpstreamAnswer>;
};

/**
 * Proxy mode: DLI through the proxy's door; demo mode: the emulator the browser sees. Undefined
 * for another backend (a benchmark's), which cannot submit.
 */
export function relaunchDoor(
  backend: GeneJobsBackend | ProxyBackend | Emulator,
): RelaunchDoor | undefined {
  if (!("submitJob" in backend)) return undefined;
  if ("readList" in backend) {
    return {
      readList: (projectId, search) => backend.readList(projectId, search),
      submit: (projectId, body) => backend.submitJob(projectId, body),
    };
  }
  return {
    async readList(projectId, search) {
      const parsed = parseListQuery(search);
      if (!parsed.ok) {
        return answer(400, { error_code: "DLI.0001", error_msg: parsed.message });
      }
      const result = backend.store.list(projectId, parsed.query);
      if (!result) {
        return answer(404, {
          error_code: "DLI.0002",
          error_msg: `Project ${projectId} does not exist in the demo data`,
        });
      }
      return answer(200, result);
    },
    async submit(projectId, body) {
      const submitted = backend.submitJob(projectId, body);
      return answer(submitted.status, submitted.body);
    },
  };
}

const answer = (status: number, body: unknown): UpstreamAnswer => ({
  status,
  body: JSON.stringify(body),
});

// ---- Finding the original request -------------------------------------------------------------

type Outcome = { status: number; body: Record<string, unknown> };

const failure = (status: number, code: string, message: string): Outcome => ({
  status,
  body: { error_code: code, error_msg: message },
});

/** Ends the relaunch with this answer (DLI's refusal, a list that is no list). */
class Stop extends Error {
  readonly outcome: Outcome;
  constructor(outcome: Outcome) {
    super(String(outcome.body.error_msg));
    this.outcome = outcome;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Every string under a credential-like key, at any depth: what no message may contain. */
export function credentialValues(value: unknown, found: string[] = [], depth = 0): string[] {
  if (depth > 20 || value === null || typeof value !== "object") return found;
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === "string" && inner !== "" && isCredentialName(key)) found.push(inner);
    else credentialValues(inner, found, depth + 1);
  }
  return found;
}

/** DLI's text with any credential of the request in it replaced, cut to a readable length. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("***");
  return out.length > 1_000 ? `${out.slice(0, 1_000)}…` : out;
}

const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** DLI's refusal as the browser gets it: its status and code, its message without secrets. */
function passBack(upstream: UpstreamAnswer, secrets: readonly string[]): Outcome {
  let body: unknown;
  try {
    body = JSON.parse(upstream.body);
  } catch {
    body = undefined;
  }
  const status = upstream.status >= 400 && upstream.status <= 599 ? upstream.status : 502;
  const code = isObject(body) ? body.error_code : undefined;
  const message = isObject(body) ? body.error_msg : undefined;
  if (typeof code !== "string" || !ERROR_CODE.test(code)) {
    return failure(
      status,
      "DASHBOARD.UPSTREAM_ERROR",
      `DLI answered HTTP ${upstream.status} without an error code`,
    );
  }
  return failure(
    status,
    code,
    typeof message === "string" && message !== ""
      ? scrub(message, secrets)
      : `DLI answered HTTP ${upstream.status}`,
  );
}

type Cursor = { type: string; start?: number; end?: number; offset: number; done: boolean };
type Found = { jobType: string; job: Record<string, unknown> };

/**
 * The job's entry in DLI's list. With a start-time hint, both types' jobs started within a
 * minute of it are read first; then, or without one, the newest pages of both types in turn.
 * At most MAX_LIST_READS requests in all: never whole histories.
 */
async function findJob(
  door: RelaunchDoor,
  projectId: string,
  jobId: string,
  hint: number | undefined,
): Promise<Found | undefined> {
  let reads = 0;
  const walk = async (cursors: Cursor[]): Promise<Found | undefined> => {
    while (reads < MAX_LIST_READS && cursors.some((c) => !c.done)) {
      for (const cursor of cursors) {
        if (cursor.done || reads >= MAX_LIST_READS) continue;
        const search = new URLSearchParams({
          job_type: cursor.type,
          limit: String(PAGE_LIMIT),
          offset: String(cursor.offset),
        });
        if (cursor.start !== undefined) search.set("start", String(cursor.start));
        if (cursor.end !== undefined) search.set("end", String(cursor.end));
        reads += 1;
        const upstream = await door.readList(projectId, search);
        if (upstream.status !== 200) throw new Stop(passBack(upstream, []));
        let page: unknown;
        try {
          page = JSON.parse(upstream.body);
        } catch {
          page = undefined;
        }
        if (!isObject(page) || !Array.isArray(page.jobs)) {
          throw new Stop(
            failure(
              502,
              "DASHBOARD.UPSTREAM_BAD_RESPONSE",
              "DLI's job list was not a list of jobs",
            ),
          );
        }
        const job = page.jobs.find((j): j is Record<string, unknown> => {
          return isObject(j) && j.job_id === jobId;
        });
        if (job) return { jobType: cursor.type, job };
        cursor.offset += PAGE_LIMIT;
        const count = typeof page.job_count === "number" ? page.job_count : 0;
        if (page.jobs.length < PAGE_LIMIT || cursor.offset >= count) cursor.done = true;
      }
    }
    return undefined;
  };
  const cursors = (window: { start?: number; end?: number }): Cursor[] =>
    JOB_TYPES.map((type) => ({ type, ...window, offset: 0, done: false }));
  if (hint !== undefined) {
    const near = await walk(
      cursors({ start: Math.max(0, hint - HINT_WINDOW_MS), end: hint + HINT_WINDOW_MS }),
    );
    if (near) return near;
  }
  return walk(cursors({}));
}

/** The job's original request as an object, or why it cannot be submitted again. */
function originalRequest(
  job: Record<string, unknown>,
): { ok: true; request: Record<string, unknown> } | { ok: false; outcome: Outcome } {
  const refuse = (code: string, message: string) => ({
    ok: false as const,
    outcome: failure(422, code, message),
  });
  const raw = job.request;
  if (raw === undefined || raw === null || raw === "") {
    return refuse("DASHBOARD.REQUEST_MISSING", "DLI's list holds no request for this job");
  }
  let decoded: unknown = raw;
  if (typeof raw === "string") {
    try {
      decoded = JSON.parse(raw);
    } catch {
      return refuse(
        "DASHBOARD.REQUEST_NOT_JSON",
        "The job's original request, as DLI lists it, is not valid JSON, so it cannot be submitted again",
      );
    }
  }
  if (!isObject(decoded)) {
    return refuse(
      "DASHBOARD.REQUEST_NOT_JSON",
      "The job's original request, as DLI lists it, is not a JSON object, so it cannot be submitted again",
    );
  }
  return { ok: true, request: decoded };
}

/** Why the server's own request to DLI (or IAM) got no answer. */
function unreachable(error: unknown, submitting: boolean): Outcome {
  const warning = submitting
    ? "; the job may have been submitted all the same: look for it in the list before trying again"
    : "";
  if (error instanceof UpstreamError) {
    return failure(error.status, error.code, `${error.message}${warning}`);
  }
  if (error instanceof IamRefusedError) {
    return failure(401, "DASHBOARD.IAM_REFUSED", error.message);
  }
  if (error instanceof IamUnreachableError) {
    return failure(502, "DASHBOARD.IAM_UNREACHABLE", error.message);
  }
  throw error;
}

/**
 * Finds the job, applies the edits and submits it: 201 `{job_id}` (only that), DLI's refusal
 * with its status and code, or the server's own error. `gone()` says whether the browser has
 * left: then nothing is submitted.
 */
export async function relaunch(
  door: RelaunchDoor,
  projectId: string,
  jobId: string,
  request: RelaunchRequest,
  gone: () => boolean = () => false,
): Promise<Outcome | undefined> {
  let found: Found | undefined;
  try {
    found = await findJob(door, projectId, jobId, request.startTime);
  } catch (error) {
    if (error instanceof Stop) return error.outcome;
    return unreachable(error, false);
  }
  if (!found) {
    return failure(
      404,
      "DASHBOARD.JOB_NOT_FOUND",
      `Job ${jobId} was not found in this project's job list at DLI (read newest first, at most ${MAX_LIST_READS} pages of ${PAGE_LIMIT}), so its request cannot be read`,
    );
  }
  const original = originalRequest(found.job);
  if (!original.ok) return original.outcome;
  const secrets = credentialValues(original.request);
  const next = applyEdits(original.request, request.edits);
  if (gone()) return undefined;
  let upstream: UpstreamAnswer;
  try {
    upstream = await door.submit(projectId, JSON.stringify(next));
  } catch (error) {
    return unreachable(error, true);
  }
  if (upstream.status < 200 || upstream.status > 299) return passBack(upstream, secrets);
  let body: unknown;
  try {
    body = JSON.parse(upstream.body);
  } catch {
    body = undefined;
  }
  const newId = isObject(body) ? body.job_id : undefined;
  if (typeof newId !== "string" || !/^[A-Za-z0-9_-]{1,128}$/.test(newId)) {
    return failure(
      502,
      "DASHBOARD.UPSTREAM_BAD_RESPONSE",
      `DLI accepted the request (HTTP ${upstream.status}) but named no job; look for it in the list before trying again`,
    );
  }
  return { status: 201, body: { job_id: newId } };
}

// ---- Over HTTP --------------------------------------------------------------------------------

/** The body as UTF-8 text; "too-large" past `limit` bytes (declared or counted). */
async function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<
  { ok: true; text: string } | { ok: false; reason: "too-large" | "not-utf8" | "aborted" }
> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too-large" };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > limit) return { ok: false, reason: "too-large" };
      chunks.push(buffer);
    }
  } catch {
    // The browser left in the middle of its body: nobody to answer.
    return { ok: false, reason: "aborted" };
  }
  try {
    return {
      ok: true,
      text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)),
    };
  } catch {
    return { ok: false, reason: "not-utf8" };
  }
}

let inFlight = 0;

/**
 * The route's handler, after the API's checks (guard, path, method, DLI_ALLOW_SUBMIT, ids,
 * project): reads and validates the body, then relaunches.
 */
export async function handleRelaunch(
  req: IncomingMessage,
  res: ServerResponse,
  door: RelaunchDoor,
  projectId: string,
  jobId: string,
): Promise<void> {
  if (!declaresJson(req.headers["content-type"])) {
    return sendError(
      res,
      415,
      "DASHBOARD.UNSUPPORTED_MEDIA_TYPE",
      'Send the body as application/json: {"edits": {…}}',
      { Connection: "close" },
    );
  }
  const read = await readBody(req, MAX_RELAUNCH_BODY_BYTES);
  if (!read.ok) {
    if (read.reason === "aborted") return;
    // Connection: close: the rest of a body too large is not read.
    return read.reason === "too-large"
      ? sendError(
          res,
          413,
          "DASHBOARD.BODY_TOO_LARGE",
          `The body is larger than ${MAX_RELAUNCH_BODY_BYTES / 1024} KB; send only the fields to change`,
          { Connection: "close" },
        )
      : sendError(res, 400, "DLI.0001", "The body must be UTF-8 JSON");
  }
  const parsed = parseRelaunchBody(read.text);
  if (!parsed.ok) return sendError(res, 400, "DLI.0001", parsed.message);
  if (inFlight >= MAX_RELAUNCHES_AT_ONCE) {
    return sendError(
      res,
      503,
      "DASHBOARD.BUSY",
      "The dashboard server is running other jobs again at the moment; try again in a moment",
      { "Retry-After": "2" },
    );
  }
  inFlight += 1;
  const started = performance.now();
  recordUpstreamStart(res, started);
  try {
    const outcome = await relaunch(door, projectId, jobId, parsed.value, () => res.destroyed);
    recordUpstreamMs(res, performance.now() - started);
    if (!outcome || res.destroyed) return;
    sendJson(res, outcome.status, outcome.body);
  } finally {
    inFlight -= 1;
  }
}
