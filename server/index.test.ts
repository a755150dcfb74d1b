import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ENTRY = fileURLToPath(new URL("./index.ts", import.meta.url));

/** Runs `tsx server/index.ts` with a clean DLI environment plus `env`. */
function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      DIST_DIR: "/nonexistent",
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe("server/index.ts", () => {
  it("starts in demo mode, prints its URL, serves the API and stops cleanly on SIGTERM", async () => {
    const p = run({});
    await expect.poll(p.out, { timeout: 15_000 }).toMatch(/\(demo data\)\n/);
    const url = /Gene Jobs Dashboard on (http:\/\/127\.0\.0\.1:\d+) \(demo data\)/.exec(
      p.out(),
    )?.[1];
    expect(url).toBeDefined();
    const config = await (await fetch(`${url}/api/config`)).json();
    expect(config.mode).toBe("demo");
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
  }, 20_000);

  it("names the auth kind but never prints the credential", async () => {
    const p = run({ DLI_ENDPOINT: "https://dli.example.com", DLI_AUTH_TOKEN: "TOKEN-NOT-PRINTED" });
    await expect.poll(p.out, { timeout: 15_000 }).toMatch(/\n/);
    expect(p.out()).toMatch(/\(proxy to https:\/\/dli\.example\.com, token auth, read-only\)/);
    p.child.kill("SIGINT");
    expect(await p.exited).toBe(0);
    expect(p.out() + p.err()).not.toContain("TOKEN-NOT-PRINTED");
  }, 20_000);

  it("says when cancel is allowed in proxy mode", async () => {
    const p = run({ DLI_ENDPOINT: "https://dli.example.com", DLI_ALLOW_CANCEL: "1" });
    await expect.poll(p.out, { timeout: 15_000 }).toMatch(/\n/);
    expect(p.out()).toMatch(
      /\(proxy to https:\/\/dli\.example\.com, no credentials, cancel allowed\)/,
    );
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
  }, 20_000);

  it("exits 1 on a bad DLI_ALLOW_CANCEL", async () => {
    const p = run({ DLI_ALLOW_CANCEL: "yes" });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain("DLI_ALLOW_CANCEL must be 1 or true");
  }, 20_000);

  it("exits 1 naming a bad DLI_PROJECTS entry", async () => {
    const p = run({ DLI_PROJECTS: "cn-north-4/0a1b2c3d=Oncology,cn_east_3/7c8d9e0f" });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain(
      'Configuration error: DLI_PROJECTS entry 2 "cn_east_3/7c8d9e0f": "cn_east_3" is not a region name',
    );
  }, 20_000);

  it("proxies DLI_PROJECTS to each region's endpoint, named on the startup line", async () => {
    const p = run({
      DLI_PROJECTS: "cn-north-4/0a1b2c3d=Oncology,cn-east-3/7c8d9e0f",
      DLI_ENDPOINT_CN_EAST_3: "https://dli-east.example.com",
      DLI_AUTH_TOKEN: "TOKEN-NOT-PRINTED",
    });
    await expect.poll(p.out, { timeout: 15_000 }).toMatch(/\n/);
    expect(p.out()).toContain(
      "(proxy to cn-north-4 at https://dli.cn-north-4.myhuaweicloud.com, cn-east-3 at https://dli-east.example.com, token auth, read-only)",
    );
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    expect(p.out() + p.err()).not.toContain("TOKEN-NOT-PRINTED");
  }, 20_000);

  it("exits 1 naming a bad notification setting, never the webhook URL", async () => {
    const p = run({
      NOTIFY_WEBHOOK_URL: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY-NOT-PRINTED",
      NOTIFY_KIND: "slack",
      PUBLIC_URL: "https://genes.lab.example",
    });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain(
      'Configuration error: NOTIFY_KIND must be wecom, dingtalk, feishu or json, got "slack"',
    );
    expect(p.out() + p.err()).not.toContain("KEY-NOT-PRINTED");
  }, 20_000);

  it("starts the watcher when configured, naming only its kind", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "notify-index-"));
    const p = run({
      NOTIFY_WEBHOOK_URL: "http://127.0.0.1:9/hook?key=KEY-NOT-PRINTED",
      NOTIFY_KIND: "wecom",
      NOTIFY_EVERY: "600",
      NOTIFY_STATE_FILE: join(stateDir, "state.json"),
      PUBLIC_URL: "https://genes.lab.example",
    });
    await expect.poll(p.out, { timeout: 15_000 }).toMatch(/Notifications: .*\n/);
    expect(p.out()).toContain("Notifications: wecom, 4 projects every 600 s\n");
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    expect(p.out() + p.err()).not.toMatch(/KEY-NOT-PRINTED|127\.0\.0\.1:9/);
  }, 20_000);

  it("exits 1 with the message on a configuration error", async () => {
    const p = run({ DLI_ENDPOINT: "ftp://dli.example.com" });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain("DLI_ENDPOINT must be an http(s) URL");
  }, 20_000);
});
