import { errorCode } from "./http-util.ts";

/** An IAM user the server logs in as, to get project-scoped tokens for DLI (HUAWEICLOUD_IAM_*). */
export type IamUser = {
  /** IAM for projects without a region (DLI_ENDPOINT), and for any region not in `regionEndpoints`. */
  endpoint: URL;
  /** IAM per region (DLI_PROJECTS): a project's token comes from its region's IAM. */
  regionEndpoints?: Readonly<Record<string, URL>>;
  /** The account (domain) name the IAM user belongs to. */
  domain: string;
  user: string;
  password: string;
};

/** IAM refused the user's password (or the user is locked, or lacks the project). */
export class IamRefusedError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "IamRefusedError";
    this.status = status;
  }
}

/** No token came back: IAM down, slow, or answering something else than a token. */
export class IamUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IamUnreachableError";
  }
}

export type IamTokenSource = {
  /**
   * A token scoped to the project (in `region`, from that region's IAM, when DLI_PROJECTS names
   * one): the cached one while it has an hour left, else a new one. Cached per project and region.
   */
  tokenFor(projectId: string, region?: string): Promise<string>;
  /** DLI answered 401 to this token: the next request logs in again (at most once a minute). */
  refused(projectId: string, token: string, region?: string): void;
};

export type IamTokenOptions = {
  now?: () => number;
  timeoutMs?: number;
};

/** Tokens last 24 h; one is renewed when less than this is left, so none expires in use. */
export const RENEW_BEFORE_MS = 60 * 60_000;
/** IAM locks a user after a few wrong passwords in a row: after a refusal, wait this long. */
export const PAUSE_AFTER_REFUSAL_MS = 5 * 60_000;
/** A token DLI refused is dropped only if older than this, so a DLI that refuses every token
 * (a user without DLI rights) does not turn each page load into an IAM login. */
export const MIN_TOKEN_AGE_TO_DROP_MS = 60_000;

type Cached = { token: string; expiresAt: number; obtainedAt: number };

const ALL = Symbol("every project");

export function createIamTokenSource(
  iam: IamUser,
  { now = Date.now, timeoutMs = 10_000 }: IamTokenOptions = {},
): IamTokenSource {
  const tokens = new Map<string, Cached>();
  const logins = new Map<string, Promise<string>>();
  // A refusal before the password has ever worked is most likely the password: every login
  // waits. Once it has worked, a refusal is about that project's scope: only it waits (a viewer
  // opening a project the user may not see must not stop the others).
  let passwordWorked = false;
  // Keyed by scope: the project, and its region when it has one.
  const pauses = new Map<string | typeof ALL, { until: number; refusal: IamRefusedError }>();
  const endpointOf = (region: string | undefined) =>
    (region !== undefined ? iam.regionEndpoints?.[region] : undefined) ?? iam.endpoint;

  async function login(projectId: string, scope: string, region?: string): Promise<Cached> {
    const endpoint = endpointOf(region);
    const host = endpoint.host;
    const body = JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: {
            user: { domain: { name: iam.domain }, name: iam.user, password: iam.password },
          },
        },
        scope: { project: { id: projectId } },
      },
    });
    let answer: Response;
    try {
      answer = await fetch(new URL("/v3/auth/tokens", endpoint), {
        method: "POST",
        headers: { "Content-Type": "application/json;charset=utf8" },
        body,
        // A redirect would carry the password elsewhere.
        redirect: "error",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new IamUnreachableError(
        `Could not get a token from IAM at ${host}: ${errorCode(error)}`,
      );
    }
    const text = await answer.text().catch(() => "");
    if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
      const refusal = new IamRefusedError(
        answer.status,
        `IAM at ${host} refused the dashboard server's user (HTTP ${answer.status}). ` +
          "Check HUAWEICLOUD_IAM_DOMAIN, HUAWEICLOUD_IAM_USER and HUAWEICLOUD_IAM_PASSWORD, and " +
          "that the user may use this project; IAM locks a user after repeated wrong passwords, " +
          `so the server asks again only after ${PAUSE_AFTER_REFUSAL_MS / 60_000} minutes.`,
      );
      for (const [key, pause] of pauses) if (pause.until <= now()) pauses.delete(key);
      pauses.set(passwordWorked ? scope : ALL, {
        until: now() + PAUSE_AFTER_REFUSAL_MS,
        refusal,
      });
      throw refusal;
    }
    const token = answer.headers.get("x-subject-token");
    if (answer.status !== 201 && answer.status !== 200) {
      throw new IamUnreachableError(`IAM at ${host} answered HTTP ${answer.status}`);
    }
    if (!token) throw new IamUnreachableError(`IAM at ${host} answered without X-Subject-Token`);
    const obtainedAt = now();
    // Without an expiry in the answer, the token is renewed after an hour.
    const expiresAt = expiryOf(text) ?? obtainedAt + 2 * RENEW_BEFORE_MS;
    return { token, expiresAt, obtainedAt };
  }

  const activePause = (scope: string) =>
    [pauses.get(ALL), pauses.get(scope)].find((p) => p && now() < p.until);

  /** A login, unless a pause forbids it (checked again when a queued login's turn comes). */
  function attempt(projectId: string, scope: string, region?: string): Promise<Cached> {
    const pause = activePause(scope);
    return pause ? Promise.reject(pause.refusal) : login(projectId, scope, region);
  }

  // Until the password has worked once, logins go one at a time, whatever the project: a wrong
  // password tried for five projects at once would be five failures towards IAM's lock-out.
  let untilPasswordKnown: Promise<unknown> = Promise.resolve();

  return {
    async tokenFor(projectId, region) {
      const scope = scopeKey(projectId, region);
      const cached = tokens.get(scope);
      if (cached && now() < cached.expiresAt - RENEW_BEFORE_MS) return cached.token;
      // Within the last hour, or expired: renew. A still-valid token outlives a failed renewal.
      const usable = cached && now() < cached.expiresAt ? cached.token : undefined;
      const pause = activePause(scope);
      if (pause) {
        if (usable) return usable;
        throw pause.refusal;
      }
      let pending = logins.get(scope);
      if (!pending) {
        let run: Promise<Cached>;
        if (passwordWorked) {
          run = attempt(projectId, scope, region);
        } else {
          run = untilPasswordKnown.then(() => attempt(projectId, scope, region));
          untilPasswordKnown = run.catch(() => undefined);
        }
        pending = run
          .then((fresh) => {
            passwordWorked = true;
            tokens.set(scope, fresh);
            return fresh.token;
          })
          .finally(() => logins.delete(scope));
        logins.set(scope, pending);
      }
      if (!usable) return pending;
      return pending.catch(() => usable);
    },
    refused(projectId, token, region) {
      const scope = scopeKey(projectId, region);
      const cached = tokens.get(scope);
      if (cached?.token === token && now() - cached.obtainedAt >= MIN_TOKEN_AGE_TO_DROP_MS) {
        tokens.delete(scope);
      }
    },
  };
}

/** A token's scope: the project, in its region when it has one (`cn-north-4/0a1b…`). */
function scopeKey(projectId: string, region: string | undefined): string {
  return region === undefined ? projectId : `${region}/${projectId}`;
}

/** `token.expires_at` of IAM's answer, in ms; undefined if the body does not say. */
function expiryOf(text: string): number | undefined {
  try {
    const expires = (JSON.parse(text) as { token?: { expires_at?: unknown } }).token?.expires_at;
    const ms = typeof expires === "string" ? Date.parse(expires) : Number.NaN;
    return Number.isNaN(ms) ? undefined : ms;
  } catch {
    return undefined;
  }
}
