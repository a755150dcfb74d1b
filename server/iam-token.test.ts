import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createIamTokenSource,
  IamRefusedError,
  IamUnreachableError,
  MIN_TOKEN_AGE_TO_DROP_MS,
  PAUSE_AFTER_REFUSAL_MS,
  RENEW_BEFORE_MS,
} from "./iam-token.ts";

const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const OTHER_PROJECT = "9f8e7d6c5b4a49382716a5b4c3d2e1f0";
const THIRD_PROJECT = "11112222333344445555666677778888";
const HOUR = 3_600_000;

type Login = { path: string; body: unknown };
const logins: Login[] = [];
let answer: (res: ServerResponse, n: number) => void;
let iam: Server;
let iamUrl: URL;

beforeAll(async () => {
  iam = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      logins.push({ path: req.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString()) });
      answer(res, logins.length);
    });
  });
  await new Promise<void>((done) => iam.listen(0, "127.0.0.1", done));
  iamUrl = new URL(`http://127.0.0.1:${(iam.address() as AddressInfo).port}`);
});
afterAll(async () => {
  const closed = new Promise<void>((done) => iam.close(() => done()));
  iam.closeAllConnections();
  await closed;
});

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

let clock = Date.UTC(2026, 10, 28, 8, 0, 0);
beforeEach(() => {
  logins.length = 0;
  clock = Date.UTC(2026, 10, 28, 8, 0, 0);
  answer = issue(24);
});

/** IAM's answer: 201, the token in X-Subject-Token, expiring `hours` after the test clock. */
function issue(hours: number) {
  return (res: ServerResponse, n: number) => {
    const expires = new Date(clock + hours * HOUR).toISOString().replace("Z", "000Z");
    res.writeHead(201, { "Content-Type": "application/json", "X-Subject-Token": `MIItoken-${n}` });
    res.end(JSON.stringify({ token: { expires_at: expires, methods: ["password"] } }));
  };
}

function source() {
  return createIamTokenSource(
    { endpoint: iamUrl, domain: "lab-account", user: "dashboard", password: "Pa55-secret" },
    { now: () => clock, timeoutMs: 2_000 },
  );
}

describe("IAM user tokens", () => {
  it("logs in with the password, scoped to the project, and takes X-Subject-Token", async () => {
    expect(await source().tokenFor(PROJECT)).toBe("MIItoken-1");
    expect(logins).toEqual([
      {
        path: "/v3/auth/tokens",
        body: {
          auth: {
            identity: {
              methods: ["password"],
              password: {
                user: {
                  domain: { name: "lab-account" },
                  name: "dashboard",
                  password: "Pa55-secret",
                },
              },
            },
            scope: { project: { id: PROJECT } },
          },
        },
      },
    ]);
  });

  it("keeps a token per project until an hour before it expires, then renews it", async () => {
    const tokens = source();
    const [a, b] = await Promise.all([tokens.tokenFor(PROJECT), tokens.tokenFor(PROJECT)]);
    expect([a, b]).toEqual(["MIItoken-1", "MIItoken-1"]);
    expect(await tokens.tokenFor(OTHER_PROJECT)).toBe("MIItoken-2");
    clock += 22 * HOUR;
    expect(await tokens.tokenFor(PROJECT)).toBe("MIItoken-1");
    expect(logins).toHaveLength(2);
    clock += HOUR + 1;
    expect(await tokens.tokenFor(PROJECT)).toBe("MIItoken-3");
    expect(logins).toHaveLength(3);
  });

  it("keeps a token per project and region, each from its region's IAM", async () => {
    const unreachable = new URL(`http://127.0.0.1:${await closedPort()}`);
    const tokens = createIamTokenSource(
      {
        endpoint: iamUrl,
        regionEndpoints: { "cn-north-4": iamUrl, "cn-east-3": unreachable },
        domain: "lab-account",
        user: "dashboard",
        password: "Pa55-secret",
      },
      { now: () => clock, timeoutMs: 2_000 },
    );
    expect(await tokens.tokenFor(PROJECT, "cn-north-4")).toBe("MIItoken-1");
    expect(await tokens.tokenFor(PROJECT, "cn-north-4")).toBe("MIItoken-1");
    // Another scope, another token: the same id without a region is not the cn-north-4 one.
    expect(await tokens.tokenFor(PROJECT)).toBe("MIItoken-2");
    await expect(tokens.tokenFor(OTHER_PROJECT, "cn-east-3")).rejects.toThrow(
      `Could not get a token from IAM at ${unreachable.host}: ECONNREFUSED`,
    );
    expect(logins).toHaveLength(2);
    // DLI refusing the cn-north-4 token drops that one only.
    clock += MIN_TOKEN_AGE_TO_DROP_MS;
    tokens.refused(PROJECT, "MIItoken-1", "cn-north-4");
    expect(await tokens.tokenFor(PROJECT)).toBe("MIItoken-2");
    expect(await tokens.tokenFor(PROJECT, "cn-north-4")).toBe("MIItoken-3");
  });

  it("keeps using a still-valid token when its renewal fails", async () => {
    const tokens = source();
    await tokens.tokenFor(PROJECT);
    clock += 24 * HOUR - RENEW_BEFORE_MS / 2;
    answer = (res) => {
      res.writeHead(503);
      res.end();
    };
    expect(await tokens.tokenFor(PROJECT)).toBe("MIItoken-1");
    clock += RENEW_BEFORE_MS;
    await expect(tokens.tokenFor(PROJECT)).rejects.toThrow(IamUnreachableError);
  });

  it("after a refused password (never yet accepted) waits five minutes before asking IAM again", async () => {
    answer = (res) => {
      res.writeHead(401, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({ error: { code: 401, message: "The username or password is wrong." } }),
      );
    };
    const tokens = source();
    const refused = await tokens.tokenFor(PROJECT).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IamRefusedError);
    expect((refused as IamRefusedError).status).toBe(401);
    expect(String(refused)).not.toContain("Pa55-secret");
    await expect(tokens.tokenFor(PROJECT)).rejects.toThrow(IamRefusedError);
    clock += PAUSE_AFTER_REFUSAL_MS - 1;
    await expect(tokens.tokenFor(OTHER_PROJECT)).rejects.toThrow(IamRefusedError);
    expect(logins).toHaveLength(1);

    clock += 1;
    answer = issue(24);
    expect(await tokens.tokenFor(PROJECT)).toBe("MIItoken-2");
  });

  it("tries a password not yet known to work once, even for several projects at the same time", async () => {
    answer = (res) => {
      res.writeHead(401);
      res.end();
    };
    const tokens = source();
    const results = await Promise.allSettled(
      [PROJECT, OTHER_PROJECT, THIRD_PROJECT].map((id) => tokens.tokenFor(id)),
    );
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const r of results) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(IamRefusedError);
    }
    expect(logins).toHaveLength(1);
  });

  it("once the password has worked, a refused project waits alone", async () => {
    const tokens = source();
    expect(await tokens.tokenFor(PROJECT)).toBe("MIItoken-1");
    answer = (res) => {
      res.writeHead(401);
      res.end();
    };
    await expect(tokens.tokenFor(OTHER_PROJECT)).rejects.toThrow(IamRefusedError);
    await expect(tokens.tokenFor(OTHER_PROJECT)).rejects.toThrow(IamRefusedError);
    expect(logins).toHaveLength(2);
    // Another project still logs in (here it is refused too, but it was asked).
    await expect(tokens.tokenFor(THIRD_PROJECT)).rejects.toThrow(IamRefusedError);
    expect(logins).toHaveLength(3);
    expect(await tokens.tokenFor(PROJECT)).toBe("MIItoken-1");
  });

  it("drops a token DLI refused, but not one just obtained", async () => {
    const tokens = source();
    const first = await tokens.tokenFor(PROJECT);
    tokens.refused(PROJECT, first);
    expect(await tokens.tokenFor(PROJECT)).toBe(first);
    clock += MIN_TOKEN_AGE_TO_DROP_MS;
    tokens.refused(PROJECT, "MIIsome-older-token");
    expect(await tokens.tokenFor(PROJECT)).toBe(first);
    tokens.refused(PROJECT, first);
    expect(await tokens.tokenFor(PROJECT)).toBe("MIItoken-2");
  });

  it("names an unreachable IAM by its error code, and an answer without a token", async () => {
    const port = await closedPort();
    const nobodyThere = createIamTokenSource(
      { endpoint: new URL(`http://127.0.0.1:${port}`), domain: "d", user: "u", password: "p" },
      { timeoutMs: 2_000 },
    );
    await expect(nobodyThere.tokenFor(PROJECT)).rejects.toThrow(
      `Could not get a token from IAM at 127.0.0.1:${port}: ECONNREFUSED`,
    );
    answer = (res) => {
      res.writeHead(201, { "Content-Type": "application/json" });
      res.end("{}");
    };
    await expect(source().tokenFor(PROJECT)).rejects.toThrow(/without X-Subject-Token/);
  });
});
