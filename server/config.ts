import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { IamUser } from "./iam-token.ts";
import { PROJECT_ID } from "./request-rules.ts";

export type ServerAuth =
  | { kind: "token"; token: string }
  | { kind: "aksk"; ak: string; sk: string }
  | { kind: "iam"; iam: IamUser }
  | { kind: "none" };

/** One entry of DLI_PROJECTS: a project, the region it lives in, and what the page calls it. */
export type ConfiguredProject = {
  id: string;
  region: string;
  /** The region's DLI: `https://dli.{region}.myhuaweicloud.com` or `DLI_ENDPOINT_<REGION>`. */
  endpoint: URL;
  /** The display name after `=`, when given. */
  name?: string;
};

export type ServerConfig = {
  host: string;
  port: number;
  distDir: string;
  mode: "demo" | "proxy";
  /** DLI for every project (DLI_ENDPOINT); absent with DLI_PROJECTS, whose projects carry their own. */
  endpoint?: URL;
  auth: ServerAuth;
  /** The projects served in proxy mode (DLI_PROJECT_IDS, or DLI_PROJECTS' ids); empty: any. */
  projectIds: string[];
  /** DLI_PROJECTS: each project with its region's endpoint. `projectIds` lists the same ids. */
  projects?: ConfiguredProject[];
  /**
   * Whether the server passes `DELETE /v2.0/{project_id}/gene/jobs/{job_id}` on (DLI_ALLOW_CANCEL).
   * Absent: off in proxy mode (one credential serves every viewer), on in demo mode.
   * `loadConfig` always sets it; read it through `cancelAllowed(config)`.
   */
  allowCancel?: boolean;
  /**
   * Whether "Run again" submits jobs (`POST /api/projects/{id}/jobs/{job_id}/relaunch`, which
   * posts to DLI's `POST /v2.0/{project_id}/gene/jobs`; DLI_ALLOW_SUBMIT). Absent: off in proxy
   * mode, on in demo mode, as cancel. Read it through `submitAllowed(config)`.
   */
  allowSubmit?: boolean;
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

/** The settings name of a region's override: `DLI_ENDPOINT_` + `CN_NORTH_4` for cn-north-4. */
export function regionSetting(prefix: string, region: string): string {
  return `${prefix}_${region.toUpperCase().replace(/-/g, "_")}`;
}

/**
 * An IAM user to log in as, when HUAWEICLOUD_IAM_DOMAIN, _USER and _PASSWORD are given, with
 * HUAWEICLOUD_IAM_ENDPOINT too unless DLI_PROJECTS names regions: each region then has its own
 * IAM (`HUAWEICLOUD_IAM_ENDPOINT_<REGION>`, else HUAWEICLOUD_IAM_ENDPOINT for all, else
 * `https://iam.{region}.myhuaweicloud.com`), as a project's token comes from its region.
 */
function parseIamUser(env: NodeJS.ProcessEnv, regions: readonly string[]): IamUser | undefined {
  const values = IAM_SETTINGS.map((name) => nonEmpty(env[name]));
  const endpointOptional = regions.length > 0;
  const required = IAM_SETTINGS.filter(
    (name) => !(endpointOptional && name === "HUAWEICLOUD_IAM_ENDPOINT"),
  );
  const missing = required.filter((name) => !nonEmpty(env[name]));
  if (values.every((v) => v === undefined)) return undefined;
  const [rawEndpoint, domain, user, password] = values;
  if (missing.length > 0 || !domain || !user || !password) {
    throw new Error(`${required.join(", ")} must be set together; missing: ${missing.join(", ")}`);
  }
  const parseIam = (raw: string, name: string) =>
    parseEndpoint(raw, name, "https://iam.cn-north-4.myhuaweicloud.com", "/v3/auth/tokens");
  const common = rawEndpoint ? parseIam(rawEndpoint, "HUAWEICLOUD_IAM_ENDPOINT") : undefined;
  const regionEndpoints: Record<string, URL> = {};
  for (const region of regions) {
    const name = regionSetting("HUAWEICLOUD_IAM_ENDPOINT", region);
    const override = nonEmpty(env[name]);
    regionEndpoints[region] = override
      ? parseIam(override, name)
      : (common ?? new URL(`https://iam.${region}.myhuaweicloud.com`));
  }
  const endpoint = common ?? regionEndpoints[regions[0] as string];
  if (!endpoint) throw new Error("HUAWEICLOUD_IAM_ENDPOINT is missing");
  const iam: IamUser = { endpoint, domain, user, password };
  if (regions.length > 0) iam.regionEndpoints = regionEndpoints;
  return iam;
}

/** What DLI_PROJECTS looks like, for error messages. */
const PROJECTS_FORM =
  "DLI_PROJECTS is a comma-separated list of region/projectId, each with an optional =display name, e.g. cn-north-4/0a1b2c3d…=Oncology,cn-east-3/7c8d9e0f…=Cohort";
/** Huawei Cloud region names: `cn-north-4`, `ap-southeast-1`, `la-south-2`, `cn-southwest-2`. */
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,3}$/;
const MAX_NAME_LENGTH = 100;

/**
 * DLI_PROJECTS: every entry is checked, and a bad one is refused with its position and text
 * (entries hold ids, regions and names, never a secret), so a typo fails at start.
 */
function parseProjects(raw: string, env: NodeJS.ProcessEnv): ConfiguredProject[] {
  const projects: ConfiguredProject[] = [];
  const positions = new Map<string, number>();
  const endpoints = new Map<string, URL>();
  raw.split(",").forEach((text, index) => {
    const entry = text.trim();
    const where = `DLI_PROJECTS entry ${index + 1}`;
    if (entry === "") throw new Error(`${where} is empty; ${PROJECTS_FORM}`);
    const named = `${where} "${entry}"`;
    const eq = entry.indexOf("=");
    const target = (eq === -1 ? entry : entry.slice(0, eq)).trim();
    const name = eq === -1 ? undefined : entry.slice(eq + 1).trim();
    const slash = target.indexOf("/");
    if (slash === -1) {
      throw new Error(`${named} names no region: write region/projectId; ${PROJECTS_FORM}`);
    }
    const region = target.slice(0, slash).trim();
    const id = target.slice(slash + 1).trim();
    if (!REGION.test(region)) {
      throw new Error(
        `${named}: "${region}" is not a region name (lower case, such as cn-north-4 or ap-southeast-1)`,
      );
    }
    if (!PROJECT_ID.test(id)) {
      throw new Error(`${named}: "${id}" is not a project id (1-64 letters, digits or -)`);
    }
    if (name !== undefined) {
      if (name === "") {
        throw new Error(`${named}: the display name after "=" is empty (leave out "=" for none)`);
      }
      if (name.length > MAX_NAME_LENGTH || /\p{Cc}/u.test(name)) {
        throw new Error(
          `${named}: the display name must be at most ${MAX_NAME_LENGTH} characters, without control characters`,
        );
      }
    }
    const first = positions.get(id);
    if (first !== undefined) {
      throw new Error(`${named} lists project ${id} again (it is entry ${first} already)`);
    }
    positions.set(id, index + 1);
    let endpoint = endpoints.get(region);
    if (!endpoint) {
      const setting = regionSetting("DLI_ENDPOINT", region);
      const override = nonEmpty(env[setting]);
      endpoint = override
        ? parseEndpoint(override, setting, `https://dli.${region}.myhuaweicloud.com`)
        : new URL(`https://dli.${region}.myhuaweicloud.com`);
      endpoints.set(region, endpoint);
    }
    projects.push(name === undefined ? { id, region, endpoint } : { id, region, endpoint, name });
  });
  return projects;
}

/** A `DLI_ENDPOINT_<REGION>` for no listed region is most likely a typo: said at start. */
function warnUnusedRegionEndpoints(env: NodeJS.ProcessEnv, regions: readonly string[]): void {
  const used = new Set(
    regions.flatMap((r) => [
      regionSetting("DLI_ENDPOINT", r),
      regionSetting("HUAWEICLOUD_IAM_ENDPOINT", r),
    ]),
  );
  for (const name of Object.keys(env)) {
    if (/^(DLI_ENDPOINT|HUAWEICLOUD_IAM_ENDPOINT)_/.test(name) && !used.has(name)) {
      console.warn(
        `warning: ${name} is set but no DLI_PROJECTS entry is in that region; it is not used`,
      );
    }
  }
}

function parseDemoNow(raw: string): () => number {
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) {
    throw new Error(`DEMO_NOW must be an ISO instant such as 2026-11-28T10:00:00Z, got "${raw}"`);
  }
  return () => ms;
}

/** A write switch: `1`/`true` on; unset, empty, `0`/`false` off; anything else refused by name. */
function parseSwitch(name: string, what: string, raw: string | undefined): boolean {
  const v = raw?.trim().toLowerCase() ?? "";
  if (v === "" || v === "0" || v === "false") return false;
  if (v === "1" || v === "true") return true;
  throw new Error(
    `${name} must be 1 or true (${what}) or 0, false or empty (read-only), got "${raw}"`,
  );
}

function parseAuth(env: NodeJS.ProcessEnv, regions: readonly string[]): ServerAuth {
  const token = nonEmpty(env.DLI_AUTH_TOKEN);
  if (token) return { kind: "token", token };
  const ak = nonEmpty(env.HUAWEICLOUD_SDK_AK);
  const sk = nonEmpty(env.HUAWEICLOUD_SDK_SK);
  if (ak && sk) return { kind: "aksk", ak, sk };
  if (ak || sk) {
    throw new Error("HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK must be set together");
  }
  const iam = parseIamUser(env, regions);
  if (iam) return { kind: "iam", iam };
  return { kind: "none" };
}

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const rawProjects = nonEmpty(env.DLI_PROJECTS);
  const rawEndpoint = nonEmpty(env.DLI_ENDPOINT);
  if (rawProjects && (rawEndpoint || nonEmpty(env.DLI_PROJECT_IDS))) {
    throw new Error(
      "DLI_PROJECTS replaces DLI_ENDPOINT and DLI_PROJECT_IDS: set DLI_PROJECTS alone (DLI_ENDPOINT_<REGION> overrides a region's endpoint), or DLI_ENDPOINT with DLI_PROJECT_IDS",
    );
  }
  const projects = rawProjects ? parseProjects(rawProjects, env) : undefined;
  const regions = [...new Set(projects?.map((p) => p.region))];
  warnUnusedRegionEndpoints(env, regions);
  const endpoint = rawEndpoint ? parseEndpoint(rawEndpoint) : undefined;
  const proxy = Boolean(endpoint || projects);
  const auth = parseAuth(env, regions);
  const demoNowRaw = nonEmpty(env.DEMO_NOW);
  // Parsed in both modes so a typo fails at start; demo mode always allows cancel and submit.
  const allowCancel = parseSwitch(
    "DLI_ALLOW_CANCEL",
    "allow cancelling jobs",
    env.DLI_ALLOW_CANCEL,
  );
  const allowSubmit = parseSwitch(
    "DLI_ALLOW_SUBMIT",
    "allow running jobs again",
    env.DLI_ALLOW_SUBMIT,
  );
  const config: ServerConfig = {
    host: nonEmpty(env.HOST) ?? "127.0.0.1",
    port: parsePort(env.PORT),
    distDir: resolve(nonEmpty(env.DIST_DIR) ?? resolve(REPO_ROOT, "dist")),
    mode: proxy ? "proxy" : "demo",
    auth,
    projectIds: projects
      ? projects.map((p) => p.id)
      : (env.DLI_PROJECT_IDS ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== ""),
    allowCancel: proxy ? allowCancel : true,
    allowSubmit: proxy ? allowSubmit : true,
  };
  if (endpoint) config.endpoint = endpoint;
  if (projects) config.projects = projects;
  if (demoNowRaw) config.demoNow = parseDemoNow(demoNowRaw);
  if (proxy && auth.kind === "none" && !warnedNoCredentials) {
    warnedNoCredentials = true;
    console.warn(
      `warning: ${projects ? "DLI_PROJECTS" : "DLI_ENDPOINT"} is set but none of DLI_AUTH_TOKEN, HUAWEICLOUD_SDK_AK/SK or HUAWEICLOUD_IAM_* is; requests will be sent unauthenticated`,
    );
  }
  return config;
}

/**
 * Where a project's requests go in proxy mode: its DLI_PROJECTS region's endpoint, else
 * DLI_ENDPOINT; undefined for a project this server does not serve.
 */
export function upstreamOf(
  config: ServerConfig,
  projectId: string,
): { endpoint: URL; region?: string } | undefined {
  if (config.projects) {
    const project = config.projects.find((p) => p.id === projectId);
    return project ? { endpoint: project.endpoint, region: project.region } : undefined;
  }
  if (config.projectIds.length > 0 && !config.projectIds.includes(projectId)) return undefined;
  return config.endpoint ? { endpoint: config.endpoint } : undefined;
}

/** Whether cancel is passed on: `allowCancel` if set, else on in demo mode and off in proxy mode. */
export function cancelAllowed(config: ServerConfig): boolean {
  return config.allowCancel ?? config.mode === "demo";
}

/**
 * Whether "Run again" submits jobs: `allowSubmit` if set, else on in demo mode and off in proxy
 * mode (one credential serves every viewer, as for cancel).
 */
export function submitAllowed(config: ServerConfig): boolean {
  return config.allowSubmit ?? config.mode === "demo";
}

/** How the startup line describes the mode, never the secret. */
export function describeMode(config: ServerConfig): string {
  if (config.mode === "demo" || (!config.endpoint && !config.projects)) return "demo data";
  const upstream = config.projects
    ? [...new Map(config.projects.map((p) => [p.region, p.endpoint.origin]))]
        .map(([region, origin]) => `${region} at ${origin}`)
        .join(", ")
    : (config.endpoint?.origin ?? "");
  const iamHosts = (iam: IamUser) =>
    [
      ...new Set(Object.values(iam.regionEndpoints ?? { all: iam.endpoint }).map((u) => u.host)),
    ].join(", ");
  const auth =
    config.auth.kind === "token"
      ? "token auth"
      : config.auth.kind === "aksk"
        ? "AK/SK signing"
        : config.auth.kind === "iam"
          ? `IAM user tokens from ${iamHosts(config.auth.iam)}`
          : "no credentials";
  const writes = [
    cancelAllowed(config) ? "cancel allowed" : undefined,
    submitAllowed(config) ? "submit allowed" : undefined,
  ].filter((w) => w !== undefined);
  return `proxy to ${upstream}, ${auth}, ${writes.length > 0 ? writes.join(", ") : "read-only"}`;
}
