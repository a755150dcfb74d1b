import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { failureCause } from "../../src/contract/failure-cause.ts";
import { dashboardLinks, failedNotice, type Notice } from "./messages.ts";
import type { NotifyKind } from "./settings.ts";
import { FakeClock, fakeReceiver } from "./test-doubles.ts";
import {
  CONTENT_LIMIT_BYTES,
  createSender,
  deliveryOutcome,
  dingtalkSignature,
  feishuSignature,
  fitLines,
  markdownText,
  RETRY_BACKOFF_MS,
  webhookRequest,
} from "./webhooks.ts";

const NOW = Date.UTC(2026, 10, 28, 0, 0, 0); // 1795824000000
const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const JOB = "c0619372-983d-4861-9133-69a518fca074";
const DING_SECRET = "SECd1a2b3c4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
const FEISHU_SECRET = "feishu-secret-0123";
const links = dashboardLinks(new URL("https://genes.lab.example"));

function notice(overrides: Partial<Notice> = {}): Notice {
  return {
    event: "failed",
    project: { id: PROJECT, name: "Oncology" },
    title: "Gene jobs · Oncology: 1 job failed",
    tone: "bad",
    url: `https://genes.lab.example/projects/${PROJECT}/jobs?job=${JOB}`,
    lines: [
      [
        { text: "- " },
        { text: "c0619372", href: `https://genes.lab.example/projects/${PROJECT}/jobs?job=${JOB}` },
        { text: " somatic · HCC1143_tumor / HCC1143_normal · Java heap space" },
      ],
    ],
    jobs: [
      {
        job_id: JOB,
        status: "FAILED",
        samples: ["HCC1143_tumor", "HCC1143_normal"],
        cause: "Java heap space",
      },
    ],
    ...overrides,
  };
}

const receivers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(kind: NotifyKind) {
  const r = await fakeReceiver(kind);
  receivers.push(r);
  return r;
}

function sender(kind: NotifyKind, url: URL, secret?: string, clock = new FakeClock(NOW)) {
  const log: string[] = [];
  const deliver = createSender({
    settings: { kind, webhookUrl: url, ...(secret ? { secret } : {}) },
    clock,
    log: (line) => log.push(line),
  });
  return { deliver, log, clock };
}

describe("signing, as notify-webhooks.md gives it (fixed clock and secret)", () => {
  it("DingTalk: Base64(HMAC-SHA256 keyed with the secret over `timestamp\\nsecret`)", () => {
    expect(dingtalkSignature(DING_SECRET, NOW)).toBe(
      "ww4lmSroeJeFx40IFRdvbh/E3jQICo1R2MG2iIKrgdQ=",
    );
  });

  it("Feishu: Base64(HMAC-SHA256 keyed with `timestamp\\nsecret` over nothing), seconds", () => {
    expect(feishuSignature(FEISHU_SECRET, NOW / 1000)).toBe(
      "wXvS7xAsiQS/focXp9r7BCqix6eg4D97sEVHKnYS/nM=",
    );
  });
});

describe("each robot's message, as its receiver gets it", () => {
  it("WeCom: markdown with the title as a heading, links to the dashboard, no signing", async () => {
    const r = await receiver("wecom");
    const { deliver } = sender("wecom", r.url);
    expect(await deliver(notice())).toBe(true);
    expect(r.received).toHaveLength(1);
    const [got] = r.received;
    expect(got?.method).toBe("POST");
    expect(got?.url).toBe("/cgi-bin/webhook/send?key=WECOM-KEY-secret");
    expect(got?.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(got?.body).toEqual({
      msgtype: "markdown",
      markdown: {
        content: [
          '### <font color="warning">Gene jobs · Oncology: 1 job failed</font>',
          `- [c0619372](https://genes.lab.example/projects/${PROJECT}/jobs?job=${JOB}) somatic · HCC1143_tumor / HCC1143_normal · Java heap space`,
        ].join("\n"),
      },
    });
  });

  it("DingTalk: markdown with a preview title, signed in the URL with timestamp and sign", async () => {
    const r = await receiver("dingtalk");
    const { deliver } = sender("dingtalk", r.url, DING_SECRET);
    expect(await deliver(notice())).toBe(true);
    const got = r.received[0];
    const query = new URL(got?.url ?? "", "http://x").searchParams;
    expect(query.get("access_token")).toBe("DING-TOKEN-secret");
    expect(query.get("timestamp")).toBe(String(NOW));
    // URL-encoded on the wire: '/' and '=' of the Base64 are escaped.
    expect(got?.url).toContain("&sign=ww4lmSroeJeFx40IFRdvbh%2FE3jQICo1R2MG2iIKrgdQ%3D");
    // The receiver's own check, as DingTalk makes it.
    const expected = createHmac("sha256", DING_SECRET)
      .update(`${query.get("timestamp")}\n${DING_SECRET}`)
      .digest("base64");
    expect(query.get("sign")).toBe(expected);
    expect(got?.body).toEqual({
      msgtype: "markdown",
      markdown: {
        title: "Gene jobs · Oncology: 1 job failed",
        text: [
          "### Gene jobs · Oncology: 1 job failed",
          `- [c0619372](https://genes.lab.example/projects/${PROJECT}/jobs?job=${JOB}) somatic · HCC1143_tumor / HCC1143_normal · Java heap space`,
        ].join("\n\n"),
      },
    });
  });

  it("DingTalk without a secret: the URL as given", async () => {
    const r = await receiver("dingtalk");
    expect(await sender("dingtalk", r.url).deliver(notice())).toBe(true);
    expect(r.received[0]?.url).toBe("/robot/send?access_token=DING-TOKEN-secret");
  });

  it("Feishu: a card with a coloured header and lark_md body, signed in the body", async () => {
    const r = await receiver("feishu");
    const { deliver } = sender("feishu", r.url, FEISHU_SECRET);
    expect(await deliver(notice())).toBe(true);
    const got = r.received[0];
    expect(got?.url).toBe("/open-apis/bot/v2/hook/FEISHU-HOOK-secret");
    expect(got?.body).toEqual({
      msg_type: "interactive",
      card: {
        config: { wide_screen_mode: true },
        header: {
          template: "red",
          title: { tag: "plain_text", content: "Gene jobs · Oncology: 1 job failed" },
        },
        elements: [
          {
            tag: "div",
            text: {
              tag: "lark_md",
              content: `- [c0619372](https://genes.lab.example/projects/${PROJECT}/jobs?job=${JOB}) somatic · HCC1143_tumor / HCC1143_normal · Java heap space`,
            },
          },
        ],
      },
      timestamp: "1795824000",
      sign: "wXvS7xAsiQS/focXp9r7BCqix6eg4D97sEVHKnYS/nM=",
    });
    // The receiver's own check, as Feishu makes it.
    const expected = createHmac("sha256", `${got?.body.timestamp}\n${FEISHU_SECRET}`)
      .update("")
      .digest("base64");
    expect(got?.body.sign).toBe(expected);
  });

  it("JSON: event, project, text, url and jobs, nothing else", async () => {
    const r = await receiver("json");
    expect(await sender("json", r.url).deliver(notice())).toBe(true);
    expect(r.received[0]?.body).toEqual({
      event: "failed",
      project: PROJECT,
      text: "Gene jobs · Oncology: 1 job failed\n- c0619372 somatic · HCC1143_tumor / HCC1143_normal · Java heap space",
      url: `https://genes.lab.example/projects/${PROJECT}/jobs?job=${JOB}`,
      jobs: [
        {
          job_id: JOB,
          status: "FAILED",
          samples: ["HCC1143_tumor", "HCC1143_normal"],
          cause: "Java heap space",
        },
      ],
    });
  });
});

describe("text from DLI in a message", () => {
  it("can never become a link, markup or a mention", () => {
    const hostile =
      "x](https://evil.example) <font color=red>@all</font> **b** `c` \\ www.evil.example";
    const text = markdownText(hostile);
    expect(text).not.toMatch(/[[\]<>*`\\]/);
    expect(text).not.toContain("://");
    expect(text).not.toContain("www.");
    expect(markdownText("line\nbreak\u0000and\u2028more")).toBe("line break and more");
    expect(markdownText("y".repeat(500))).toHaveLength(200);
  });

  it("keeps a hostile sample name inert in every kind's body", () => {
    const evil = '[click](https://evil.example)<at user_id="all"></at>';
    const n = notice({
      lines: [[{ text: "- " }, { text: evil }]],
      jobs: [{ job_id: JOB, status: "FAILED", samples: [evil], cause: null }],
    });
    for (const kind of ["wecom", "dingtalk", "feishu"] as const) {
      const body = JSON.stringify(
        webhookRequest({ kind, webhookUrl: new URL("https://robot.example/x") }, n, NOW).body,
      );
      expect(body).not.toContain("https://evil");
      expect(body).not.toContain("<at");
      expect(body).not.toContain("[click]");
    }
  });
});

describe("long messages", () => {
  it("are cut to the robot's limit at a whole line, saying how many lines were left out", () => {
    const many = failedNotice(
      { id: PROJECT, name: "Oncology" },
      Array.from({ length: 300 }, (_, i) => ({
        jobId: `c0619372-983d-4861-9133-${String(i).padStart(12, "0")}`,
        jobType: "DNA_SOMATIC",
        status: "FAILED",
        startTime: NOW - i * 60_000,
        durationSeconds: 60,
        progress: { done: 2, total: 7 },
        message: "java.lang.OutOfMemoryError: Java heap space",
        samples: [`肿瘤样本-${i}_tumor`, `正常样本-${i}_normal`],
      })),
      links,
    );
    for (const kind of ["wecom", "dingtalk", "feishu"] as const) {
      const body = webhookRequest(
        { kind, webhookUrl: new URL("https://robot.example/x") },
        many,
        NOW,
      ).body as Record<string, Record<string, unknown>>;
      const content = String(
        kind === "wecom"
          ? body.markdown?.content
          : kind === "dingtalk"
            ? body.markdown?.text
            : (body.card?.elements as { text: { content: string } }[] | undefined)?.[0]?.text
                .content,
      );
      expect(Buffer.byteLength(content, "utf8")).toBeLessThanOrEqual(CONTENT_LIMIT_BYTES);
      expect(content).toMatch(
        /… \d+ more lines: \[open the dashboard\]\(https:\/\/genes\.lab\.example\/projects\/\w+\/overview\)$/,
      );
      // Whole lines only: every job line that is there ends in its samples.
      for (const line of content.split(/\n+/).filter((l) => l.startsWith("- "))) {
        expect(line).toMatch(/_normal$/);
      }
    }
    const json = webhookRequest(
      { kind: "json", webhookUrl: new URL("https://r.example") },
      many,
      NOW,
    ).body as { text: string; jobs: unknown[] };
    expect(Buffer.byteLength(json.text, "utf8")).toBeLessThanOrEqual(CONTENT_LIMIT_BYTES);
    expect(json.text).toMatch(
      /… \d+ more: https:\/\/genes\.lab\.example\/projects\/\w+\/overview$/,
    );
    expect(json.jobs).toHaveLength(100);
  });

  it("fitLines keeps everything that fits, and the footer always fits", () => {
    const footer = (n: number) => `+${n}`;
    expect(fitLines("H", ["aa", "bb"], "\n", footer, 100)).toBe("H\naa\nbb");
    expect(fitLines("H", ["aa", "bb", "cc"], "\n", footer, 8)).toBe("H\naa\n+2");
    expect(fitLines("H", ["aaaaaaaaaa"], "\n", footer, 5)).toBe("H\n+1");
  });
});

describe("delivery", () => {
  it.each([
    ["wecom", 200, '{"errcode":0,"errmsg":"ok"}', true],
    ["wecom", 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', false],
    ["dingtalk", 200, '{"errcode":310000,"errmsg":"keywords not in content"}', false],
    [
      "feishu",
      200,
      '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
      false,
    ],
    ["feishu", 200, '{"StatusCode":0,"StatusMessage":"success"}', true],
    ["wecom", 200, "<html>gateway</html>", false],
    ["json", 204, "", true],
    ["json", 500, "", false],
  ] as const)("%s answering %i %s is delivered: %s", (kind, status, body, ok) => {
    expect(deliveryOutcome(kind, status, body).ok).toBe(ok);
  });

  it("names a robot's error by its code only, never its text", () => {
    expect(
      deliveryOutcome("wecom", 200, '{"errcode":93000,"errmsg":"key=WECOM-KEY-secret"}'),
    ).toEqual({
      ok: false,
      reason: "errcode 93000",
    });
  });

  it("retries a 500 with backoff until it is taken, logging only the kind", async () => {
    const r = await receiver("wecom");
    r.answers.push({ status: 500, body: "" }, { status: 200, body: '{"errcode":45009}' });
    const { deliver, log, clock } = sender("wecom", r.url);
    const delivered = deliver(notice());
    await clock.settled();
    expect(r.received).toHaveLength(1);
    // Nothing before the backoff's end…
    await clock.advance(RETRY_BACKOFF_MS[0] - 1);
    expect(r.received).toHaveLength(1);
    await clock.advance(1);
    await clock.settled();
    expect(r.received).toHaveLength(2);
    await clock.advance(RETRY_BACKOFF_MS[1], delivered);
    expect(await delivered).toBe(true);
    expect(r.received).toHaveLength(3);
    expect(log).toEqual([
      "notify: wecom: the failed message was not taken (attempt 1 of 5: HTTP 500); retrying in 5 s",
      "notify: wecom: the failed message was not taken (attempt 2 of 5: errcode 45009); retrying in 30 s",
      "notify: wecom: posted the failed message (1 jobs)",
    ]);
    expect(log.join("\n")).not.toMatch(/secret|127\.0\.0\.1|key=/i);
  });

  it("gives up after five attempts, and re-signs each one with its own timestamp", async () => {
    const r = await receiver("dingtalk");
    for (let i = 0; i < 5; i++) r.answers.push({ status: 502, body: "" });
    const { deliver, log, clock } = sender("dingtalk", r.url, DING_SECRET);
    const delivered = deliver(notice());
    await clock.advance(
      RETRY_BACKOFF_MS.reduce((a, b) => a + b, 0),
      delivered,
    );
    expect(await delivered).toBe(false);
    expect(r.received).toHaveLength(5);
    const stamps = r.received.map((got) =>
      new URL(got.url, "http://x").searchParams.get("timestamp"),
    );
    expect(new Set(stamps).size).toBe(5);
    expect(log.at(-1)).toBe(
      "notify: dingtalk: gave up on the failed message after 5 attempts (HTTP 502)",
    );
    expect(log.join("\n")).not.toContain(DING_SECRET);
  });

  it("names a receiver that does not answer by its error code", async () => {
    const r = await receiver("json");
    await r.close();
    const { deliver, log, clock } = sender("json", r.url);
    const delivered = deliver(notice());
    await clock.advance(
      RETRY_BACKOFF_MS.reduce((a, b) => a + b, 0),
      delivered,
    );
    expect(await delivered).toBe(false);
    expect(log[0]).toBe(
      "notify: json: the failed message was not taken (attempt 1 of 5: no answer (ECONNREFUSED)); retrying in 5 s",
    );
    expect(log.join("\n")).not.toMatch(/JSON-TOKEN|127\.0\.0\.1/);
  });

  it("sends at most 20 messages a minute to one robot", async () => {
    const r = await receiver("json");
    const { deliver, clock } = sender("json", r.url);
    const all = Promise.all(Array.from({ length: 25 }, () => deliver(notice())));
    await clock.settled();
    expect(r.received).toHaveLength(20);
    await clock.advance(59_999);
    expect(r.received).toHaveLength(20);
    await clock.advance(1, all);
    expect(await all).toEqual(Array(25).fill(true));
    expect(r.received).toHaveLength(25);
  });
});

describe("links into the dashboard", () => {
  it("open the job (with its type), the list filtered to a cause, or the overview", () => {
    const at = dashboardLinks(new URL("https://lab.example/genes"));
    expect(at.job(PROJECT, { jobId: JOB, jobType: "DNA_SOMATIC" })).toBe(
      `https://lab.example/genes/projects/${PROJECT}/jobs?job=${JOB}`,
    );
    expect(at.job(PROJECT, { jobId: JOB, jobType: "DNA_GERMLINE" })).toBe(
      `https://lab.example/genes/projects/${PROJECT}/jobs?type=DNA_GERMLINE&job=${JOB}`,
    );
    expect(at.cause(PROJECT, "outofmemoryerror-java-heap-space-0abc123", undefined)).toBe(
      `https://lab.example/genes/projects/${PROJECT}/jobs?range=7d&cause=outofmemoryerror-java-heap-space-0abc123`,
    );
    expect(at.overview(PROJECT)).toBe(`https://lab.example/genes/projects/${PROJECT}/overview`);
  });

  it("head a shared cause with a link to its jobs in the robots' markdown", () => {
    const oom = "java.lang.OutOfMemoryError: Java heap space";
    const failed = [1, 2].map((i) => ({
      jobId: `c0619372-983d-4861-9133-00000000000${i}`,
      jobType: "DNA_GERMLINE",
      status: "FAILED",
      startTime: NOW,
      durationSeconds: 60,
      progress: null,
      message: oom,
      samples: [`NA1287${i}`],
    }));
    const n = failedNotice({ id: PROJECT }, failed, links);
    const body = webhookRequest({ kind: "wecom", webhookUrl: new URL("https://r.example") }, n, NOW)
      .body as { markdown: { content: string } };
    const cause = failureCause(oom);
    expect(body.markdown.content.split("\n").slice(0, 2)).toEqual([
      `### <font color="warning">Gene jobs · ${PROJECT}: 2 jobs failed</font>`,
      `**${cause.title}** · 2 jobs · [see them](https://genes.lab.example/projects/${PROJECT}/jobs?type=DNA_GERMLINE&range=7d&cause=${cause.key})`,
    ]);
  });
});
