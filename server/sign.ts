import { createHash, createHmac } from "node:crypto";

// Huawei Cloud API gateway "SDK-HMAC-SHA256" signing, reproduced from the
// behaviour of @huaweicloud/huaweicloud-sdk-core's AKSKSigner so that the
// server does not need that SDK (45 packages, global log4js setup) at run time.

const ALGORITHM = "SDK-HMAC-SHA256";
const DATE_HEADER = "X-Sdk-Date";

export type SignInput = {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
  ak: string;
  sk: string;
  date?: Date;
};

/** RFC 3986 percent-encoding: encodeURIComponent also leaves !'()* alone. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `20261128T020304Z`: ISO basic format, UTC, no milliseconds. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

function canonicalUri(url: URL): string {
  // url.pathname is already percent-encoded; decode each segment first so an
  // encoded character is not encoded twice.
  const segments = url.pathname.split("/").map((s) => rfc3986(safeDecode(s)));
  const path = segments.join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function canonicalQuery(url: URL): string {
  // Sort by encoded key, then by encoded value for repeated keys.
  const pairs = [...url.searchParams].map(([k, v]) => [rfc3986(k), rfc3986(v)] as const);
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Returns the headers to add to the request (`X-Sdk-Date`, `Authorization`).
 * The caller must send every header in `input.headers` unchanged, and `Host`
 * must equal `url.host` (fetch does this), since all of them are signed.
 * A date given as an `X-Sdk-Date` header wins over `input.date`.
 */
export function signRequest(input: SignInput): Record<string, string> {
  const given = Object.entries(input.headers).find(([k]) => k.toLowerCase() === "x-sdk-date");
  const date = given ? given[1] : sdkDate(input.date ?? new Date());

  const signed = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers)) {
    signed.set(name.toLowerCase(), value.trim());
  }
  signed.set("x-sdk-date", date);
  if (!signed.has("host")) signed.set("host", input.url.host);
  const names = [...signed.keys()].sort();

  const canonical = [
    input.method.toUpperCase(),
    canonicalUri(input.url),
    canonicalQuery(input.url),
    names.map((n) => `${n}:${signed.get(n)}\n`).join(""),
    names.join(";"),
    sha256Hex(input.body),
  ].join("\n");

  const stringToSign = `${ALGORITHM}\n${date}\n${sha256Hex(canonical)}`;
  const signature = createHmac("sha256", input.sk).update(stringToSign, "utf8").digest("hex");
  return {
    [DATE_HEADER]: date,
    Authorization: `${ALGORITHM} Access=${input.ak}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
  };
}
