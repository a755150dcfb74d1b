import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "./webhooks.ts";

// Test doubles for the watcher: a clock that moves only when a test says so, and a local HTTP
// server standing for a group robot.

type Sleeper = { at: number; resolve: () => void };

/**
 * A clock the test moves. `advance(ms)` wakes each sleeper in time order, and before each step
 * waits (in real time, briefly) until the code under test has gone back to sleep, so that the
 * network work a wake-up starts is over before time moves on.
 */
export class FakeClock implements Clock {
  private sleepers: Sleeper[] = [];
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        resolve();
      };
      const sleeper: Sleeper = {
        at: this.current + ms,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Moves time while nothing runs on this clock (between two processes' lives). */
  jump(ms: number): void {
    this.current += ms;
  }

  /**
   * Resolves once something sleeps on this clock (the code under test has finished its step),
   * or `finished()` holds (it has nothing left to wait for).
   */
  async settled(finished: () => boolean = () => false, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sleepers.length === 0 && !finished()) {
      if (Date.now() > deadline) throw new Error("nothing went to sleep on the fake clock");
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Moves time forward by `ms`, waking sleepers in order as their time comes. `done`: the work
   * under test, which may end without sleeping again.
   */
  async advance(ms: number, done?: Promise<unknown>): Promise<void> {
    const target = this.current + ms;
    let finished = false;
    done?.then(
      () => {
        finished = true;
      },
      () => {
        finished = true;
      },
    );
    for (;;) {
      await this.settled(() => finished);
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers[0];
      if (!next || next.at > target) break;
      this.sleepers.shift();
      this.current = Math.max(this.current, next.at);
      next.resolve();
    }
    this.current = target;
  }
}

export type Received = {
  method: string;
  /** Path and query as sent (DingTalk's signature travels in the query). */
  url: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
};

/**
 * A robot's webhook on loopback: records every POST and answers with `answers` in turn (then
 * `fallback`): by default 200 with the robot's success body for `kind`.
 */
export async function fakeReceiver(kind: "wecom" | "dingtalk" | "feishu" | "json") {
  const ok: Record<typeof kind, string> = {
    wecom: '{"errcode":0,"errmsg":"ok"}',
    dingtalk: '{"errcode":0,"errmsg":"ok"}',
    feishu: '{"code":0,"data":{},"msg":"success"}',
    json: "",
  };
  const received: Received[] = [];
  const answers: { status: number; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"),
      });
      const answer = answers.shift() ?? { status: 200, body: ok[kind] };
      res.writeHead(answer.status, { "Content-Type": "application/json" });
      res.end(answer.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    /** The next answers, in order, before the default success. */
    answers,
    url: new URL(
      {
        wecom: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=WECOM-KEY-secret`,
        dingtalk: `http://127.0.0.1:${port}/robot/send?access_token=DING-TOKEN-secret`,
        feishu: `http://127.0.0.1:${port}/open-apis/bot/v2/hook/FEISHU-HOOK-secret`,
        json: `http://127.0.0.1:${port}/hooks/gene-jobs?token=JSON-TOKEN-secret`,
      }[kind],
    ),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
