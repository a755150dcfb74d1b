import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadNotifySettings } from "./settings.ts";

const CWD = mkdtempSync(join(tmpdir(), "notify-settings-"));
const HOOK = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=WECOM-KEY-secret";
const base = {
  NOTIFY_WEBHOOK_URL: HOOK,
  NOTIFY_KIND: "wecom",
  PUBLIC_URL: "https://genes.lab.example/",
};

describe("loadNotifySettings", () => {
  it("is off when neither NOTIFY_WEBHOOK_URL nor NOTIFY_KIND is set", () => {
    expect(loadNotifySettings({}, CWD)).toBeUndefined();
    expect(loadNotifySettings({ PUBLIC_URL: "https://x.example" }, CWD)).toBeUndefined();
  });

  it("reads the defaults: every 300 s, no digest, the server's zone, ./.notify-state.json", () => {
    const s = loadNotifySettings(base, CWD);
    expect(s).toEqual({
      kind: "wecom",
      webhookUrl: new URL(HOOK),
      everyMs: 300_000,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      stateFile: join(CWD, ".notify-state.json"),
      publicUrl: new URL("https://genes.lab.example"),
    });
  });

  it("reads every setting", () => {
    const s = loadNotifySettings(
      {
        ...base,
        NOTIFY_KIND: "DingTalk",
        NOTIFY_SECRET: "SECabc",
        NOTIFY_EVERY: "60",
        NOTIFY_DIGEST_AT: "8:30",
        NOTIFY_TZ: "America/New_York",
        NOTIFY_STATE_FILE: "state/../notify.json",
        PUBLIC_URL: "https://lab.example/genes/",
      },
      CWD,
    );
    expect(s).toMatchObject({
      kind: "dingtalk",
      secret: "SECabc",
      everyMs: 60_000,
      digestAt: { hour: 8, minute: 30 },
      timeZone: "America/New_York",
      stateFile: join(CWD, "notify.json"),
    });
    expect(s?.publicUrl.href).toBe("https://lab.example/genes");
  });

  it.each([
    [{ NOTIFY_KIND: "slack" }, 'NOTIFY_KIND must be wecom, dingtalk, feishu or json, got "slack"'],
    [{ NOTIFY_KIND: "" }, "NOTIFY_KIND must be set with NOTIFY_WEBHOOK_URL"],
    [{ NOTIFY_WEBHOOK_URL: "" }, "NOTIFY_WEBHOOK_URL must be set with NOTIFY_KIND"],
    [
      { NOTIFY_WEBHOOK_URL: "qyapi.weixin.qq.com/send?key=K" },
      "NOTIFY_WEBHOOK_URL is not a valid URL",
    ],
    [
      { NOTIFY_WEBHOOK_URL: "ftp://robot.example/x" },
      'NOTIFY_WEBHOOK_URL must be an http(s) URL, got protocol "ftp:"',
    ],
    [
      { NOTIFY_WEBHOOK_URL: "https://u:p@robot.example/x" },
      "NOTIFY_WEBHOOK_URL must not contain a user or password",
    ],
    [
      { NOTIFY_EVERY: "5" },
      'NOTIFY_EVERY must be a whole number of seconds from 30 to 86400, got "5"',
    ],
    [{ NOTIFY_EVERY: "5m" }, "NOTIFY_EVERY must be a whole number of seconds"],
    [
      { NOTIFY_DIGEST_AT: "8.30" },
      'NOTIFY_DIGEST_AT must be a time of day as HH:MM (24-hour), e.g. 08:30, got "8.30"',
    ],
    [{ NOTIFY_DIGEST_AT: "24:00" }, "NOTIFY_DIGEST_AT must be a time of day"],
    [{ NOTIFY_DIGEST_AT: "08:60" }, "NOTIFY_DIGEST_AT must be a time of day"],
    [
      { NOTIFY_TZ: "Beijing" },
      'NOTIFY_TZ must be an IANA time zone such as Asia/Shanghai, got "Beijing"',
    ],
    [
      { NOTIFY_STATE_FILE: "/nonexistent/dir/state.json" },
      "NOTIFY_STATE_FILE must be in an existing directory",
    ],
    [{ PUBLIC_URL: "" }, "PUBLIC_URL must be set with NOTIFY_WEBHOOK_URL"],
    [{ PUBLIC_URL: "genes.lab.example" }, 'PUBLIC_URL is not a valid URL "genes.lab.example"'],
    [{ PUBLIC_URL: "https://genes.example/?a=1" }, "PUBLIC_URL must have no query or fragment"],
    [
      { NOTIFY_SECRET: "s" },
      "NOTIFY_SECRET is set but NOTIFY_KIND=wecom signs nothing (only dingtalk and feishu robots have a signing secret)",
    ],
  ])("refuses %j at start, naming the setting", (change, message) => {
    expect(() => loadNotifySettings({ ...base, ...change }, CWD)).toThrow(message);
  });

  it("never repeats the webhook URL or the secret in an error", () => {
    const secretUrl = "not a url but KEY-SHOULD-NOT-LEAK";
    let message = "";
    try {
      loadNotifySettings({ ...base, NOTIFY_WEBHOOK_URL: secretUrl }, CWD);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe("NOTIFY_WEBHOOK_URL is not a valid URL");
  });

  it("refuses watcher settings without NOTIFY_WEBHOOK_URL and NOTIFY_KIND (a typo would go unnoticed)", () => {
    expect(() => loadNotifySettings({ NOTIFY_EVERY: "60", NOTIFY_TZ: "UTC" }, CWD)).toThrow(
      "NOTIFY_EVERY, NOTIFY_TZ are set but NOTIFY_WEBHOOK_URL and NOTIFY_KIND are not: set both to turn notifications on",
    );
  });
});
