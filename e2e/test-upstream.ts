// A small fake DLI for the proxy-mode browser tests. It listens on 127.0.0.1:0, records
// every request it receives, and answers from a script the test sets: by default, pages of
// jobs computed from a fixture list exactly as the contract says (job_type, limit 1..100,
// offset, start/end in ms, newest first, job_count = all matches).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type JobType = "DNA_SOMATIC" | "DNA_GERMLINE";

export interface UpstreamJob {
  job_id: string;
  owner: string;
  status: string;
  progress: string;
  start_time: number;
  duration: number;
  message: string | null;
  request: string;
}

/** A fixture job: the wire job plus the type the upstream filters on. */
export interface FixtureJob {
  jobType: JobType;
  /** What the upstream sends for this job. Usually an UpstreamJob; anything for malformed ones. */
  wire: unknown;
  startTime: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. /v2.0/p1/gene/jobs */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  at: number;
  /** The body as text, for a submit (POST …/gene/jobs); read before the answer is sent. */
  body?: string;
}

export type Reply =
  | { kind: "jobs" }
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "raw"; status: number; body: string; contentType: string }
  | { kind: "destroy" }
  /** Wait until `until` settles, then answer `reply` (for observing loading states). */
  | { kind: "held"; until: Promise<void>; reply: Reply };

export type Script = (request: RecordedRequest, index: number) => Reply;

/** How the upstream answers `DELETE …/gene/jobs/{job_id}`; the index counts cancel requests. */
export type CancelScript = (jobId: string, request: RecordedRequest, index: number) => Reply;

/** How the upstream answers a submit, `POST …/gene/jobs`; the index counts submits. */
export type SubmitScript = (body: string, request: RecordedRequest, index: number) => Reply;

export const replies = {
  jobs: (): Reply => ({ kind: "jobs" }),
  tokenExpired: (): Reply => ({
    kind: "json",
    status: 401,
    body: {
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information: token expired",
    },
  }),
  forbidden: (): Reply => ({
    kind: "json",
    status: 403,
    body: { error_code: "APIGW.0302", error_msg: "The IAM user is forbidden in the project" },
  }),
  dliError: (status: number, code: string, msg: string): Reply => ({
    kind: "json",
    status,
    body: { error_code: code, error_msg: msg },
  }),
  throttled: (retryAfterSeconds: number): Reply => ({
    kind: "json",
    status: 429,
    body: { error_code: "APIGW.0308", error_msg: "The throttling threshold has been reached" },
    headers: { "Retry-After": String(retryAfterSeconds) },
  }),
  html: (): Reply => ({
    kind: "raw",
    status: 200,
    contentType: "text/html; charset=utf-8",
    body: "<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>",
  }),
  /** Hold the answer until `until` settles (a `gate()`), then send `reply`. */
  held: (until: Promise<void>, reply: Reply = { kind: "jobs" }): Reply => ({
    kind: "held",
    until,
    reply,
  }),
  /** Accept the connection, then drop it without answering. */
  destroy: (): Reply => ({ kind: "destroy" }),
  /** DLI accepting a cancel: 200 with an empty object. */
  cancelled: (): Reply => ({ kind: "json", status: 200, body: {} }),
  /** DLI refusing a cancel (or anything): 400 DLI.0001 with `msg`. */
  refused: (msg: string): Reply => ({
    kind: "json",
    status: 400,
    body: { error_code: "DLI.0001", error_msg: msg },
  }),
} as const;

/** A gate for held replies: requests wait on `promise` until the test calls `open()`. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Answers `first` for the first `times` list requests, then the job pages. */
export function thenJobs(first: Reply, times = 1): Script {
  return (_request, index) => (index < times ? first : replies.jobs());
}

export interface TestUpstream {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: URL;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Requests for the job list (GET …/gene/jobs), in order. */
  listRequests(): RecordedRequest[];
  setJobs(jobs: FixtureJob[]): void;
  /** Script the answers; the index counts list requests since the script was set. */
  script(script: Script): void;
  /** Forget recorded requests (the script's index restarts too). */
  clearRequests(): void;
  /** Cancel requests (DELETE …/gene/jobs/{job_id}), in order. */
  cancelRequests(): RecordedRequest[];
  /** Submits (POST …/gene/jobs) with their bodies, in order. */
  submitRequests(): RecordedRequest[];
  /**
   * Script the answers to POST …/gene/jobs. By default a body whose job_type is known is
   * accepted (201 `{job_id}`) and listed at once as a LAUNCHING job with that body as its
   * request; anything else gets DLI's 400. Without a script, back to that default.
   */
  scriptSubmit(script?: SubmitScript): void;
  /**
   * Script the answers to DELETE …/gene/jobs/{job_id}. By default a LAUNCHING or RUNNING fixture
   * job is accepted (200 `{}`) and becomes CANCELLED; any other job gets DLI's refusal.
   */
  scriptCancel(script: CancelScript): void;
  /** Changes one fixture job's wire fields (e.g. its progress), as DLI would between requests. */
  updateJob(jobId: string, patch: Partial<UpstreamJob>): void;
  /** The current wire form of a fixture job (throws when there is none). */
  job(jobId: string): UpstreamJob;
  /** Moves a job one step on (progress `n/m` becomes `n+1/m`, at most m); returns the new progress. */
  advance(jobId: string): string;
  /**
   * Plays IAM on POST /v3/auth/tokens: 201 with `token` in X-Subject-Token (the default,
   * "MIIe2e-iam-issued-token"), or the given refusal status without one.
   */
  setIam(answer: { token: string } | { refuse: number }): void;
  /** Logins received on POST /v3/auth/tokens, in order. */
  iamRequests(): RecordedRequest[];
  close(): Promise<void>;
}

const IAM_PATH = "/v3/auth/tokens";
export const DEFAULT_IAM_TOKEN = "MIIe2e-iam-issued-token";

const LIST_PATH = /^\/v2\.0\/([^/]+)\/gene\/jobs\/?$/;
const JOB_PATH = /^\/v2\.0\/([^/]+)\/gene\/jobs\/([^/]+)\/?$/;

export function isListRequest(request: RecordedRequest): boolean {
  return request.method === "GET" && LIST_PATH.test(request.path);
}

export function isCancelRequest(request: RecordedRequest): boolean {
  return request.method === "DELETE" && JOB_PATH.test(request.path);
}

export function isSubmitRequest(request: RecordedRequest): boolean {
  return request.method === "POST" && LIST_PATH.test(request.path);
}

function wireId(job: FixtureJob): string | undefined {
  const id = (job.wire as { job_id?: unknown } | null)?.job_id;
  return typeof id === "string" ? id : undefined;
}

type JsonReply = Extract<Reply, { kind: "json" }>;

function dliError(status: number, msg: string): JsonReply {
  return { kind: "json", status, body: { error_code: "DLI.0001", error_msg: msg } };
}

function intParam(
  query: Record<string, string>,
  name: string,
  fallback: number,
): number | undefined {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** The contract's list semantics, over the fixture jobs. */
export function listPage(jobs: readonly FixtureJob[], query: Record<string, string>): JsonReply {
  const limit = intParam(query, "limit", 10);
  const offset = intParam(query, "offset", 0);
  const start = intParam(query, "start", Number.NEGATIVE_INFINITY);
  const end = intParam(query, "end", Number.POSITIVE_INFINITY);
  const jobType = query.job_type;
  if (limit === undefined || limit < 1 || limit > 100) {
    return dliError(400, "Parameter check failed: limit must be between 1 and 100");
  }
  if (offset === undefined || offset < 0) return dliError(400, "Parameter check failed: offset");
  if (start === undefined || end === undefined) {
    return dliError(400, "Parameter check failed: start/end");
  }
  if (jobType !== undefined && jobType !== "DNA_SOMATIC" && jobType !== "DNA_GERMLINE") {
    return dliError(400, "Parameter check failed: job_type");
  }
  const matches = jobs
    .filter((job) => jobType === undefined || job.jobType === jobType)
    .filter((job) => job.startTime >= start && job.startTime <= end)
    .sort((a, b) => b.startTime - a.startTime);
  return {
    kind: "json",
    status: 200,
    body: {
      job_count: matches.length,
      jobs: matches.slice(offset, offset + limit).map((job) => job.wire),
    },
  };
}

export async function startTestUpstream(initialJobs: FixtureJob[] = []): Promise<TestUpstream> {
  let jobs = initialJobs;
  let script: Script = () => replies.jobs();
  let listIndex = 0;
  let cancelIndex = 0;
  const requests: RecordedRequest[] = [];

  function findJob(jobId: string): FixtureJob | undefined {
    return jobs.find((job) => wireId(job) === jobId);
  }
  function updateJob(jobId: string, patch: Partial<UpstreamJob>): void {
    const job = findJob(jobId);
    if (!job) throw new Error(`test upstream: no fixture job ${jobId}`);
    job.wire = { ...(job.wire as UpstreamJob), ...patch };
  }
  const defaultCancel: CancelScript = (jobId) => {
    const job = findJob(jobId)?.wire as UpstreamJob | undefined;
    if (!job) {
      return {
        kind: "json",
        status: 404,
        body: { error_code: "DLI.0002", error_msg: "Job not found" },
      };
    }
    if (job.status !== "LAUNCHING" && job.status !== "RUNNING") {
      return replies.refused(`Job ${jobId} cannot be cancelled: its status is ${job.status}`);
    }
    updateJob(jobId, { status: "CANCELLED", message: "Cancelled by user" });
    return replies.cancelled();
  };
  let cancelScript: CancelScript = defaultCancel;
  const defaultSubmit: SubmitScript = (body) => {
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return replies.refused("Parameter check failed: the body is not JSON");
    }
    const jobType = (request as { job_type?: unknown } | null)?.job_type;
    if (jobType !== "DNA_SOMATIC" && jobType !== "DNA_GERMLINE") {
      return replies.refused("Parameter check failed: job_type");
    }
    const jobId = randomUUID();
    const now = Date.now();
    const wire: UpstreamJob = {
      job_id: jobId,
      owner: "submitted.by.test",
      status: "LAUNCHING",
      progress: jobType === "DNA_SOMATIC" ? "0/7" : "0/3",
      start_time: now,
      duration: 0,
      message: null,
      request: body,
    };
    jobs = [...jobs, { jobType, wire, startTime: now }];
    return { kind: "json", status: 201, body: { job_id: jobId } };
  };
  let submitScript: SubmitScript = defaultSubmit;
  let submitIndex = 0;
  let iamAnswer: { token: string } | { refuse: number } = { token: DEFAULT_IAM_TOKEN };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const parsed = new URL(req.url ?? "/", "http://upstream.test");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: req.headers,
      at: Date.now(),
    };
    requests.push(recorded);
    if (isSubmitRequest(recorded)) {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        recorded.body = body;
        void answer(submitScript(body, recorded, submitIndex++));
      });
      return;
    }
    // Drain any body so keep-alive connections stay usable.
    req.resume();

    let reply: Reply;
    const cancelMatch = recorded.method === "DELETE" ? JOB_PATH.exec(recorded.path) : null;
    if (recorded.method === "POST" && recorded.path === IAM_PATH) {
      const expires = new Date(Date.now() + 24 * 3_600_000).toISOString();
      reply =
        "token" in iamAnswer
          ? {
              kind: "json",
              status: 201,
              headers: { "X-Subject-Token": iamAnswer.token },
              body: { token: { expires_at: expires } },
            }
          : { kind: "json", status: iamAnswer.refuse, body: { error: { code: iamAnswer.refuse } } };
    } else if (isListRequest(recorded)) {
      reply = script(recorded, listIndex);
      listIndex += 1;
    } else if (cancelMatch) {
      reply = cancelScript(decodeURIComponent(cancelMatch[2] as string), recorded, cancelIndex);
      cancelIndex += 1;
    } else {
      reply = {
        kind: "json",
        status: 404,
        body: { error_code: "DLI.0023", error_msg: "Resource not found" },
      };
    }
    void answer(reply);

    async function answer(first: Reply): Promise<void> {
      let reply = first;
      while (reply.kind === "held") {
        await reply.until;
        reply = reply.reply;
      }
      send(reply.kind === "jobs" ? listPage(jobs, recorded.query) : reply);
    }

    function send(reply: Exclude<Reply, { kind: "held" } | { kind: "jobs" }>): void {
      if (res.destroyed) return;
      switch (reply.kind) {
        case "destroy":
          req.socket.destroy();
          return;
        case "raw":
          res.writeHead(reply.status, { "content-type": reply.contentType });
          res.end(reply.body);
          return;
        case "json":
          res.writeHead(reply.status, {
            "content-type": "application/json;charset=UTF-8",
            ...reply.headers,
          });
          res.end(JSON.stringify(reply.body));
          return;
      }
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: new URL(`http://127.0.0.1:${port}`),
    requests,
    listRequests: () => requests.filter(isListRequest),
    setJobs: (next) => {
      jobs = next;
    },
    script: (next) => {
      script = next;
      listIndex = 0;
    },
    clearRequests: () => {
      requests.length = 0;
      listIndex = 0;
      cancelIndex = 0;
      submitIndex = 0;
    },
    cancelRequests: () => requests.filter(isCancelRequest),
    submitRequests: () => requests.filter(isSubmitRequest),
    scriptSubmit: (next) => {
      submitScript = next ?? defaultSubmit;
      submitIndex = 0;
    },
    setIam: (answer) => {
      iamAnswer = answer;
    },
    iamRequests: () => requests.filter((r) => r.method === "POST" && r.path === IAM_PATH),
    scriptCancel: (next) => {
      cancelScript = next;
      cancelIndex = 0;
    },
    updateJob,
    advance: (jobId) => {
      const job = findJob(jobId);
      if (!job) throw new Error(`test upstream: no fixture job ${jobId}`);
      const wire = job.wire as UpstreamJob;
      const [done, steps] = wire.progress.split("/").map(Number) as [number, number];
      const progress = `${Math.min(done + 1, steps)}/${steps}`;
      updateJob(jobId, { progress, duration: wire.duration + 60 });
      return progress;
    },
    job: (jobId) => {
      const job = findJob(jobId);
      if (!job) throw new Error(`test upstream: no fixture job ${jobId}`);
      return job.wire as UpstreamJob;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------
// Fixture jobs

const STATUSES = ["FINISHED", "RUNNING", "FAILED", "CANCELLED", "LAUNCHING", "CANCELING"];

function somaticRequest(n: number): string {
  return JSON.stringify({
    job_type: "DNA_SOMATIC",
    inputs: [
      { sample_type: "tumor", sample_inputs: [`s3a://gene-bucket/tumor-${n}_R1.fastq.gz`] },
      { sample_type: "normal", sample_inputs: [`s3a://gene-bucket/normal-${n}_R1.fastq.gz`] },
    ],
    tumor_sample_name: `TUMOR-${n}`,
    normal_sample_name: `NORMAL-${n}`,
    file_type: "fastq",
    ref: n % 2 === 0 ? "hg38" : "hg19",
    output: `s3a://gene-bucket/out/${n}/`,
    access_encoded_key: "QUtJQUVYQU1QTEU=",
    secret_encoded_key: "c2VjcmV0LWV4YW1wbGU=",
  });
}

function germlineRequest(n: number): string {
  return JSON.stringify({
    job_type: "DNA_GERMLINE",
    input: [`s3a://gene-bucket/germ-${n}_R1.fastq.gz`, `s3a://gene-bucket/germ-${n}_R2.fastq.gz`],
    output: `s3a://gene-bucket/germ-out/${n}/`,
    file_type: "fastq",
    ref: "hg38",
    engine: "gatk",
  });
}

/** A deterministic UUID-shaped id that encodes the type and index, e.g. for asserting rows. */
export function fixtureJobId(jobType: JobType, n: number): string {
  const prefix = jobType === "DNA_SOMATIC" ? "5a" : "6e";
  return `${prefix}000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

export interface MakeJobsOptions {
  jobType: JobType;
  count: number;
  /** Start time of job 0 (the newest); later jobs are older. */
  newest: number;
  /** Spacing between consecutive jobs, ms. */
  stepMs: number;
  owner?: string;
  /** Status of job n (default: cycles through FINISHED, RUNNING, FAILED, CANCELLED, LAUNCHING, CANCELING). */
  status?: (n: number) => string;
  /** Duration of job n in seconds (default 600 + 37 n). */
  duration?: (n: number) => number;
  /** Owner of job n (default `owner`, else user0..user2). */
  ownerOf?: (n: number) => string;
}

export function makeJobs(options: MakeJobsOptions): FixtureJob[] {
  const { jobType, count, newest, stepMs } = options;
  const steps = jobType === "DNA_SOMATIC" ? 7 : 3;
  return Array.from({ length: count }, (_, n): FixtureJob => {
    const status = options.status?.(n) ?? STATUSES[n % STATUSES.length] ?? "FINISHED";
    const done = status === "FINISHED" ? steps : (n % steps) + 1;
    const startTime = newest - n * stepMs;
    const wire: UpstreamJob = {
      job_id: fixtureJobId(jobType, n),
      owner: options.ownerOf?.(n) ?? options.owner ?? `user${n % 3}`,
      status,
      progress: `${Math.min(done, steps)}/${steps}`,
      start_time: startTime,
      duration: options.duration?.(n) ?? 600 + n * 37,
      message: status === "FAILED" ? `Step ${done} failed: executor lost` : null,
      request: jobType === "DNA_SOMATIC" ? somaticRequest(n) : germlineRequest(n),
    };
    return { jobType, wire, startTime };
  });
}

/**
 * Statuses for a range read whole (filters, counts, export): by n % 10, 0-5 FINISHED, 6-8 FAILED,
 * 9 CANCELLED, so 250 jobs are 150/75/25. No job is active, so nothing polls.
 */
export function settledStatusOf(n: number): string {
  const r = n % 10;
  return r <= 5 ? "FINISHED" : r <= 8 ? "FAILED" : "CANCELLED";
}

/** Distinct durations in an order unrelated to start time (97 is prime to 250), for sorting. */
export function spreadDurationOf(n: number): number {
  return 600 + ((n * 97) % 250) * 10;
}

/** A job whose fields have the wrong types (progress a number, start_time a string). */
export function malformedJob(startTime: number): FixtureJob {
  return {
    jobType: "DNA_SOMATIC",
    startTime,
    wire: {
      job_id: "bad00000-0000-4000-8000-000000000000",
      owner: 42,
      status: "FINISHED",
      progress: 7,
      start_time: "yesterday",
      duration: "long",
      message: null,
      request: "{not json",
    },
  };
}

export function randomToken(): string {
  return `MIIT-test-token-${randomUUID()}`;
}

export interface CustomJobOptions {
  jobType: JobType;
  jobId: string;
  startTime: number;
  /** The `request` string exactly as DLI sends it (may be invalid JSON), or a value to stringify. */
  request: string | Record<string, unknown>;
  status?: string;
  progress?: string;
  owner?: string;
  duration?: number;
  message?: string | null;
}

/** One hand-written fixture job, e.g. with fake secrets or a request that is not JSON. */
export function customJob(options: CustomJobOptions): FixtureJob {
  const wire: UpstreamJob = {
    job_id: options.jobId,
    owner: options.owner ?? "fixture.owner",
    status: options.status ?? "FINISHED",
    progress: options.progress ?? (options.jobType === "DNA_SOMATIC" ? "7/7" : "3/3"),
    start_time: options.startTime,
    duration: options.duration ?? 600,
    message: options.message ?? null,
    request:
      typeof options.request === "string" ? options.request : JSON.stringify(options.request),
  };
  return { jobType: options.jobType, wire, startTime: options.startTime };
}
