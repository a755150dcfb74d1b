import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failureCause } from "../../src/contract/failure-cause.ts";
import type { ListReader } from "./recent-jobs.ts";
import type { NotifyKind, NotifySettings } from "./settings.ts";
import { FakeClock, fakeReceiver, type Received } from "./test-doubles.ts";
import { latestDigestSlot, startWatcher, type Watcher } from "./watcher.ts";
import { RETRY_BACKOFF_MS } from "./webhooks.ts";

// The watcher end to end, with a fake clock: a fake DLI (an in-memory job list behind the
// ListReader the proxy and the emulator implement) and a fake robot on loopback.

const T0 = Date.UTC(2026, 10, 28, 0, 0, 0); // 08:00 in Shanghai
const MIN = 60_000;
const EVERY = 5 * MIN;
const ONCOLOGY = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const COHORT = "7c8d9e0f1a2b43c4d5e6f708192a3b4c";
const PROJECTS = [{ id: ONCOLOGY, name: "Oncology 肿瘤" }, { id: COHORT }];

const OOM =
  "java.lang.OutOfMemoryError: Java heap space\n\tat org.broadinstitute.hellbender.tools.spark.bwa.BwaSparkEngine.align(BwaSparkEngine.java:120)";
const OBS_DENIED =
  "com.obs.services.exception.ObsException: Error message:Request Error.OBS servcie Error Message. -- ResponseCode: 403, ResponseStatus: Forbidden, XML Error Message: <Error><Code>AccessDenied</Code></Error>";

const jobId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

type WireJob = Record<string, unknown> & { job_id: string; status: string; start_time: number };

/** A DLI job as the list answers it; its request carries credentials that must never be sent on. */
function wireJob(
  n: number,
  status: string,
  startMs: number,
  extra: { duration?: number; message?: string; tumor?: string; type?: string } = {},
): WireJob {
  const type = extra.type ?? "DNA_SOMATIC";
  const request =
    type === "DNA_SOMATIC"
      ? {
          job_type: type,
          tumor_sample_name: extra.tumor ?? `ONC-${n}_tumor`,
          normal_sample_name: `ONC-${n}_normal`,
          access_encoded_key: "AK-IN-REQUEST-secret",
          secret_encoded_key: "SK-IN-REQUEST-secret",
          output: "s3a://private-bucket/runs/out",
        }
      : { job_type: type, input: [`s3a://private-bucket/NA${n}_1.fq.gz`], ref: "hg38" };
  return {
    job_id: jobId(n),
    owner: "lab-user",
    status,
    progress: status === "FAILED" ? "2/7" : "0/7",
    start_time: startMs,
    duration: extra.duration ?? 600,
    message: extra.message ?? null,
    request: JSON.stringify(request),
    type,
  };
}

/** A DLI in memory: jobs per project, filtered, paged and counted as DLI does; requests recorded. */
function fakeDli() {
  const jobs = new Map<string, WireJob[]>();
  const requests: string[] = [];
  const failing = new Set<string>();
  const read: ListReader = async (projectId, search) => {
    requests.push(`${projectId} ${search}`);
    if (failing.has(projectId)) throw new Error("Could not reach DLI at dli.example: ECONNREFUSED");
    const type = search.get("job_type");
    const start = Number(search.get("start") ?? 0);
    const limit = Number(search.get("limit") ?? 10);
    const offset = Number(search.get("offset") ?? 0);
    const matching = (jobs.get(projectId) ?? [])
      .filter((job) => job.type === type && job.start_time >= start)
      .sort((a, b) => b.start_time - a.start_time);
    return { job_count: matching.length, jobs: matching.slice(offset, offset + limit) };
  };
  return {
    read,
    requests,
    failing,
    add(projectId: string, ...added: WireJob[]) {
      jobs.set(projectId, [...(jobs.get(projectId) ?? []), ...added]);
    },
    set(projectId: string, n: number, change: Partial<WireJob>) {
      const job = jobs.get(projectId)?.find((j) => j.job_id === jobId(n));
      if (job) Object.assign(job, change);
    },
  };
}

let dir: string;
let dli: ReturnType<typeof fakeDli>;
let clock: FakeClock;
let log: string[];
const cleanups: (() => Promise<void>)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "notify-watcher-"));
  dli = fakeDli();
  clock = new FakeClock(T0);
  log = [];
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function robot(kind: NotifyKind) {
  const r = await fakeReceiver(kind);
  cleanups.push(r.close);
  return r;
}

function settingsFor(
  kind: NotifyKind,
  url: URL,
  extra: Partial<NotifySettings> = {},
): NotifySettings {
  return {
    kind,
    webhookUrl: url,
    everyMs: EVERY,
    timeZone: "Asia/Shanghai",
    stateFile: join(dir, ".notify-state.json"),
    publicUrl: new URL("https://genes.lab.example"),
    ...extra,
  };
}

async function watch(settings: NotifySettings): Promise<Watcher> {
  const watcher = await startWatcher({
    settings,
    projects: PROJECTS,
    read: dli.read,
    clock,
    log: (line) => log.push(line),
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await watcher.stop();
  };
  cleanups.push(stop);
  await clock.settled();
  return { stop };
}

const bodies = (received: Received[]) => received.map((r) => r.body);

describe("the watcher (json kind: what it says, as data)", () => {
  it("takes the failures there at the first read as history, then announces new ones grouped by cause", async () => {
    dli.add(ONCOLOGY, wireJob(1, "FAILED", T0 - 3_600_000, { message: OOM }));
    const r = await robot("json");
    await watch(settingsFor("json", r.url));
    expect(r.received).toEqual([]);

    dli.add(
      ONCOLOGY,
      wireJob(2, "FAILED", T0 - 7_200_000, { message: OOM, tumor: "HCC1143_tumor" }),
      wireJob(3, "FAILED", T0 - 7_100_000, { message: OOM }),
      wireJob(4, "FAILED", T0 - 7_000_000, { message: OBS_DENIED }),
      wireJob(5, "FINISHED", T0 - 6_000_000),
    );
    await clock.advance(EVERY);
    expect(r.received).toHaveLength(1);
    const body = r.received[0]?.body as { text: string; jobs: { cause: string }[] };
    const oom = failureCause(OOM).title;
    const denied = failureCause(OBS_DENIED).title;
    expect(body).toMatchObject({
      event: "failed",
      project: ONCOLOGY,
      url: `https://genes.lab.example/projects/${ONCOLOGY}/overview`,
    });
    expect(body.jobs.map((job) => job)).toEqual([
      {
        job_id: jobId(4),
        status: "FAILED",
        samples: ["ONC-4_tumor", "ONC-4_normal"],
        cause: denied,
      },
      { job_id: jobId(3), status: "FAILED", samples: ["ONC-3_tumor", "ONC-3_normal"], cause: oom },
      {
        job_id: jobId(2),
        status: "FAILED",
        samples: ["HCC1143_tumor", "ONC-2_normal"],
        cause: oom,
      },
    ]);
    // Two share a cause: a heading with its count; the one-off carries its own cause.
    expect(body.text).toBe(
      [
        "Gene jobs · Oncology 肿瘤: 3 jobs failed",
        `${oom} · 2 jobs`,
        "- 00000000 somatic · ONC-3_tumor / ONC-3_normal",
        "- 00000000 somatic · HCC1143_tumor / ONC-2_normal",
        "Other causes",
        `- 00000000 somatic · ONC-4_tumor / ONC-4_normal · ${denied}`,
      ].join("\n"),
    );
    // Nothing of the request but sample names: no keys, no paths.
    expect(JSON.stringify(bodies(r.received))).not.toMatch(/secret|s3a:|private-bucket/);

    await clock.advance(3 * EVERY);
    expect(r.received).toHaveLength(1);
  });

  it("reads each project's recent window only: both types, 100 at a time, from three days back", async () => {
    const r = await robot("json");
    await watch(settingsFor("json", r.url));
    const start = T0 - 3 * 86_400_000;
    expect(dli.requests).toEqual([
      `${ONCOLOGY} job_type=DNA_SOMATIC&limit=100&offset=0&start=${start}`,
      `${ONCOLOGY} job_type=DNA_GERMLINE&limit=100&offset=0&start=${start}`,
      `${COHORT} job_type=DNA_SOMATIC&limit=100&offset=0&start=${start}`,
      `${COHORT} job_type=DNA_GERMLINE&limit=100&offset=0&start=${start}`,
    ]);
    // A full page brings a second one, never a third: the newest 200 of a type.
    dli.add(
      COHORT,
      ...Array.from({ length: 250 }, (_, i) => wireJob(100 + i, "FINISHED", T0 - i * MIN)),
    );
    dli.requests.length = 0;
    await clock.advance(EVERY);
    const later = T0 + EVERY - 3 * 86_400_000;
    expect(dli.requests.filter((q) => q.startsWith(COHORT))).toEqual([
      `${COHORT} job_type=DNA_SOMATIC&limit=100&offset=0&start=${later}`,
      `${COHORT} job_type=DNA_SOMATIC&limit=100&offset=100&start=${later}`,
      `${COHORT} job_type=DNA_GERMLINE&limit=100&offset=0&start=${later}`,
    ]);
  });

  it("announces a job flagged stuck once, with how long it has been launching", async () => {
    dli.add(COHORT, wireJob(7, "LAUNCHING", T0 - 10 * MIN, { type: "DNA_GERMLINE" }));
    const r = await robot("json");
    await watch(settingsFor("json", r.url));
    await clock.advance(EVERY);
    // 15 minutes launching is the limit (job-status.ts): not yet.
    expect(r.received).toEqual([]);
    await clock.advance(EVERY);
    expect(bodies(r.received)).toEqual([
      {
        event: "stuck",
        project: COHORT,
        text: `Gene jobs · ${COHORT}: 1 job stuck\n- 00000000 germline · NA7 · launching for 20 min`,
        url: `https://genes.lab.example/projects/${COHORT}/jobs?type=DNA_GERMLINE&job=${jobId(7)}`,
        jobs: [{ job_id: jobId(7), status: "LAUNCHING", samples: ["NA7"], cause: null }],
      },
    ]);
    await clock.advance(3 * EVERY);
    expect(r.received).toHaveLength(1);
    // Cancelled and then stuck cancelling: that is news again.
    dli.set(COHORT, 7, { status: "CANCELING", start_time: clock.now() - 20 * MIN, duration: 60 });
    await clock.advance(EVERY);
    expect(r.received).toHaveLength(2);
    expect(String(r.received[1]?.body.text)).toMatch(/cancelling for \d+ min$/);
  });

  it("sends nothing twice across a restart with the same state file", async () => {
    const r = await robot("json");
    const settings = settingsFor("json", r.url);
    const first = await watch(settings);
    dli.add(ONCOLOGY, wireJob(1, "FAILED", T0, { message: OOM }));
    dli.add(COHORT, wireJob(2, "LAUNCHING", T0 - 30 * MIN));
    await clock.advance(EVERY);
    expect(bodies(r.received).map((b) => b.event)).toEqual(["failed", "stuck"]);
    await first.stop();

    // The new process reads the same file: the failure and the stuck job are known.
    dli.add(ONCOLOGY, wireJob(3, "FAILED", T0 + EVERY, { message: OBS_DENIED }));
    await watch(settings);
    await clock.advance(2 * EVERY);
    expect(r.received).toHaveLength(3);
    expect(r.received[2]?.body).toMatchObject({
      event: "failed",
      jobs: [{ job_id: jobId(3) }],
    });
    const state = JSON.parse(readFileSync(settings.stateFile, "utf8"));
    expect(Object.keys(state.announced).sort()).toEqual([
      `failed:${ONCOLOGY}:${jobId(1)}`,
      `failed:${ONCOLOGY}:${jobId(3)}`,
      `stuck:${COHORT}:${jobId(2)}:launching`,
    ]);
  });

  it("retries a robot that answers 500, and remembers only what it took", async () => {
    const r = await robot("json");
    for (let i = 0; i < 5; i++) r.answers.push({ status: 500, body: "" });
    await watch(settingsFor("json", r.url));
    dli.add(ONCOLOGY, wireJob(1, "FAILED", T0, { message: OOM }));
    await clock.advance(EVERY);
    expect(r.received).toHaveLength(1);
    await clock.advance(RETRY_BACKOFF_MS.reduce((a, b) => a + b, 0));
    expect(r.received).toHaveLength(5);
    expect(log).toContain(
      "notify: json: gave up on the failed message after 5 attempts (HTTP 500)",
    );
    // Not taken, so not remembered: the next round tries again, and it is taken.
    await clock.advance(EVERY);
    expect(r.received).toHaveLength(6);
    expect(log.at(-1)).toBe("notify: json: posted the failed message (1 jobs)");
    await clock.advance(EVERY);
    expect(r.received).toHaveLength(6);
    expect(log.join("\n")).not.toMatch(/JSON-TOKEN|127\.0\.0\.1/);
  });

  it("logs a project it cannot read and goes on with the others", async () => {
    dli.failing.add(ONCOLOGY);
    const r = await robot("json");
    await watch(settingsFor("json", r.url));
    dli.add(COHORT, wireJob(1, "FAILED", T0, { message: OOM }));
    await clock.advance(EVERY);
    expect(bodies(r.received).map((b) => b.project)).toEqual([COHORT]);
    expect(log).toContain(
      `notify: could not read the jobs of project ${ONCOLOGY}: Could not reach DLI at dli.example: ECONNREFUSED`,
    );
    // Once it answers, its first read is its baseline.
    dli.failing.delete(ONCOLOGY);
    dli.add(ONCOLOGY, wireJob(2, "FAILED", T0, { message: OOM }));
    await clock.advance(EVERY);
    expect(r.received).toHaveLength(1);
  });
});

describe("the daily digest", () => {
  it("goes out at NOTIFY_DIGEST_AT in NOTIFY_TZ, once a day per project", async () => {
    // 08:30 in New York is 13:30 UTC in November; T0 is 19:00 the evening before there.
    dli.add(ONCOLOGY, wireJob(1, "FINISHED", T0 + 10 * 3_600_000));
    dli.add(ONCOLOGY, wireJob(2, "FAILED", T0 + 11 * 3_600_000, { message: OOM }));
    dli.add(ONCOLOGY, wireJob(3, "RUNNING", T0 + 13 * 3_600_000));
    dli.add(ONCOLOGY, wireJob(4, "LAUNCHING", T0 + 13.5 * 3_600_000 - 40 * MIN));
    const r = await robot("json");
    await watch(
      settingsFor("json", r.url, {
        digestAt: { hour: 8, minute: 30 },
        timeZone: "America/New_York",
        everyMs: 86_400_000,
      }),
    );
    await clock.advance(13.5 * 3_600_000 - 1);
    expect(r.received).toEqual([]);
    await clock.advance(1);
    expect(bodies(r.received).map((b) => [b.event, b.project])).toEqual([
      ["digest", ONCOLOGY],
      ["digest", COHORT],
    ]);
    expect(r.received[0]?.body.text).toBe(
      [
        "Gene jobs · Oncology 肿瘤: daily digest",
        "Last 24 hours: 1 finished, 1 failed, 0 cancelled",
        "Now: 1 running, 1 job needing attention",
        "Failure causes",
        `- 00000000 somatic · ONC-2_tumor / ONC-2_normal · ${failureCause(OOM).title}`,
        "Needing attention",
        "- 00000000 somatic · ONC-4_tumor / ONC-4_normal · launching for 40 min",
      ].join("\n"),
    );
    const digests = () => bodies(r.received).filter((b) => b.event === "digest");
    await clock.advance(24 * 3_600_000 - 1);
    expect(digests()).toHaveLength(2);
    await clock.advance(1);
    expect(digests()).toHaveLength(4);
  });

  it("is not sent twice when the server restarts within the hour after it", async () => {
    const r = await robot("json");
    const settings = settingsFor("json", r.url, { digestAt: { hour: 8, minute: 0 } });
    // T0 is 08:00 in Shanghai: due at once.
    const first = await watch(settings);
    expect(r.received).toHaveLength(2);
    await first.stop();
    clock.jump(10 * MIN);
    await watch(settings);
    await clock.advance(EVERY);
    expect(r.received).toHaveLength(2);
  });

  it("knows the latest digest time in a zone, across midnight and a clock change", () => {
    const at = { hour: 8, minute: 30 };
    expect(latestDigestSlot(T0 + 30 * MIN, at, "Asia/Shanghai")).toEqual({
      day: "2026-11-28",
      ageMs: 0,
    });
    expect(latestDigestSlot(T0, at, "Asia/Shanghai")).toEqual({
      day: "2026-11-27",
      ageMs: (24 * 60 - 30) * MIN,
    });
    // 2026-11-01 is the end of daylight time in New York: 08:30 EST is 13:30 UTC.
    expect(latestDigestSlot(Date.UTC(2026, 10, 1, 13, 30), at, "America/New_York")).toEqual({
      day: "2026-11-01",
      ageMs: 0,
    });
  });
});

describe("each robot gets a failure in its own format", () => {
  const DING_SECRET = "SECd1a2b3c4e5f60718293a4b5c6d7e8f9";
  const FEISHU_SECRET = "feishu-secret-0123";

  it.each([
    ["wecom", undefined],
    ["dingtalk", DING_SECRET],
    ["feishu", FEISHU_SECRET],
    ["json", undefined],
  ] as const)("%s", async (kind, secret) => {
    const r = await robot(kind);
    await watch(settingsFor(kind, r.url, secret ? { secret } : {}));
    dli.add(ONCOLOGY, wireJob(1, "FAILED", T0, { message: OOM }));
    await clock.advance(EVERY);
    expect(r.received).toHaveLength(1);
    const got = r.received[0] as Received;
    const link = `https://genes.lab.example/projects/${ONCOLOGY}/jobs?job=${jobId(1)}`;
    const body = got.body as Record<string, Record<string, unknown>>;
    switch (kind) {
      case "wecom":
        expect(body.msgtype).toBe("markdown");
        expect(body.markdown?.content).toContain(`[00000000](${link})`);
        break;
      case "dingtalk": {
        expect(body.markdown?.title).toBe("Gene jobs · Oncology 肿瘤: 1 job failed");
        const query = new URL(got.url, "http://x").searchParams;
        expect(query.get("timestamp")).toBe(String(T0 + EVERY));
        expect(query.get("sign")).toBe(
          createHmac("sha256", DING_SECRET)
            .update(`${T0 + EVERY}\n${DING_SECRET}`)
            .digest("base64"),
        );
        break;
      }
      case "feishu": {
        expect(body.msg_type).toBe("interactive");
        const seconds = String((T0 + EVERY) / 1000);
        expect(got.body.timestamp).toBe(seconds);
        expect(got.body.sign).toBe(
          createHmac("sha256", `${seconds}\n${FEISHU_SECRET}`).update("").digest("base64"),
        );
        break;
      }
      case "json":
        expect(got.body).toMatchObject({ event: "failed", url: link });
    }
    expect(JSON.stringify(got.body)).not.toMatch(/secret|s3a:/i);
  });
});
