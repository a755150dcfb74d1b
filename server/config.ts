import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { IamUser } from "./iam-token.ts";

export type ServerAuth =
  | { kind: "token"; token: string }
  | { kind: "aksk"; ak: string; sk: string }
  | { kind: "iam"; iam: IamUser }
  | { kind: "none" };

export type ServerConfig = {
  host: string;
  port: number;
  distDir: string;
  mode: "demo" | "proxy";
  endpoint?: URL;
  auth: ServerAuth;
  projectIds: string[];
  /**
   * Whether the server passes `DELETE /v2.0/{project_id}/gene/jobs/{job_id}` on (DLI_ALLOW_CANCEL).
   * Absent: off in proxy mode (one credential serves every viewer), on in demo mode.
   * `loadConfig` always sets it; read it through `cancelAllowed(config)`.
   */
  allowCancel?: boolean;
  /** Freezes the emulator clock (DEMO_NOW) so screenshots are reproducible. */
  demoNow?: () => number;
};

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

let warnedNoCredentials = false;

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${raw}"`);
  }
  return port;
}

function parseEndpoint(
  raw: string,
  name = "DLI_ENDPOINT",
  example = "https://dli.cn-north-4.myhuaweicloud.com",
  paths = "/v2.0/...",
): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} is not a valid URL: "${raw}" (expected e.g. ${example})`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`${name} must be an http(s) URL, got protocol "${url.protocol}"`);
  }
  if (url.username || url.password) {
    throw new Error(`${name} must not contain credentials`);
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new Error(
      `${name} must be an origin only (scheme://host[:port]), got "${raw}"; the server adds ${paths} itself`,
    );
  }
  return new URL(url.origin);
}

const IAM_SETTINGS = [
  "HUAWEICLOUD_IAM_ENDPOINT",
  "HUAWEICLOUD_IAM_DOMAIN",
  "HUAWEICLOUD_IAM_USER",
  "HUAWEICLOUD_IAM_PASSWORD",
] as const;

/** An IAM user to log in as, when all four HUAWEICLOUD_IAM_* settings are given. */
function parseIamUser(env: NodeJS.ProcessEnv): IamUser | undefined {
  const values = IAM_SETTINGS.map((name) => nonEmpty(env[name]));
  const missing = IAM_SETTINGS.filter((_, i) => !values[i]);
  if (missing.length === IAM_SETTINGS.length) return undefined;
  const [endpoint, domain, user, password] = values;
  if (!endpoint || !domain || !user || !password) {
    throw new Error(
      `${IAM_SETTINGS.join(", ")} must be set together; missing: ${missing.join(", ")}`,
    );
  }
  return {
    endpoint: parseEndpoint(
      endpoint,
      "HUAWEICLOUD_IAM_ENDPOINT",
      "https://iam.cn-north-4.myhuaweicloud.com",
      "/v3/auth/tokens",
    ),
    domain,
    user,
    password,
  };
}

function parseDemoNow(raw: string): () => number {
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) {
    throw new Error(`DEMO_NOW must be an ISO instant such as 2026-11-28T10:00:00Z, got "${raw}"`);
  }
  return () => ms;
}

function parseAllowCancel(raw: string | undefined): boolean {
  const v = raw?.trim().toLowerCase() ?? "";
  if (v === "" || v === "0" || v === "false") return false;
  if (v === "1" || v === "true") return true;
  throw new Error(
    `DLI_ALLOW_CANCEL must be 1 or true (allow cancelling jobs) or 0, false or empty (read-only), got "${raw}"`,
  );
}

function parseAuth(env: NodeJS.ProcessEnv): ServerAuth {
  const token = nonEmpty(env.DLI_AUTH_TOKEN);
  if (token) return { kind: "token", token };
  const ak = nonEmpty(env.HUAWEICLOUD_SDK_AK);
  const sk = nonEmpty(env.HUAWEICLOUD_SDK_SK);
  if (ak && sk) return { kind: "aksk", ak, sk };
  if (ak || sk) {
    throw new Error("HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK must be set together");
  }
  const iam = parseIamUser(env);
  if (iam) return { kind: "iam", iam };
  return { kind: "none" };
}

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const rawEndpoint = nonEmpty(env.DLI_ENDPOINT);
  const endpoint = rawEndpoint ? parseEndpoint(rawEndpoint) : undefined;
  const auth = parseAuth(env);
  const demoNowRaw = nonEmpty(env.DEMO_NOW);
  // Parsed in both modes so a typo fails at start; demo mode always allows cancel.
  const allowCancel = parseAllowCancel(env.DLI_ALLOW_CANCEL);
  const config: ServerConfig = {
    host: nonEmpty(env.HOST) ?? "127.0.0.1",
    port: parsePort(env.PORT),
    distDir: resolve(nonEmpty(env.DIST_DIR) ?? resolve(REPO_ROOT, "dist")),
    mode: endpoint ? "proxy" : "demo",
    auth,
    projectIds: (env.DLI_PROJECT_IDS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
    allowCancel: endpoint ? allowCancel : true,
  };
  if (endpoint) config.endpoint = endpoint;
  if (demoNowRaw) config.demoNow = parseDemoNow(demoNowRaw);
  if (endpoint && auth.kind === "none" && !warnedNoCredentials) {
    warnedNoCredentials = true;
    console.warn(
      "warning: DLI_ENDPOINT is set but none of DLI_AUTH_TOKEN, HUAWEICLOUD_SDK_AK/SK or HUAWEICLOUD_IAM_* is; requests will be sent unauthenticated",
    );
  }
  return config;
}

/** Whether cancel is passed on: `allowCancel` if set, else on in demo mode and off in proxy mode. */
export function cancelAllowed(config: ServerConfig): boolean {
  return config.allowCancel ?? config.mode === "demo";
}

/** How the startup line describes the mode, never the secret. */
export function describeMode(config: ServerConfig): string {
  if (config.mode === "demo" || !config.endpoint) return "demo data";
  const auth =
    config.auth.kind === "token"
      ? "token auth"
      : config.auth.kind === "aksk"
        ? "AK/SK signing"
        : config.auth.kind === "iam"
          ? `IAM user tokens from ${config.auth.iam.endpoint.host}`
          : "no credentials";
  const cancel = cancelAllowed(config) ? "cancel allowed" : "read-only";
  return `proxy to ${config.endpoint.origin}, ${auth}, ${cancel}`;
}
