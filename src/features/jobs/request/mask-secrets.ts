/** What a masked value shows: that something is set, never what. */
export const MASK = "••• (set)";

const SECRET_WORDS = ["secret", "password", "passwd", "token", "credential", "private_key"];
const SECRET_TOKENS = new Set(["sk", "ak"]);

/** `secretEncodedKey`, `fs.s3a.access.key`, `X-Auth-Token` → `secret_encoded_key`, `fs_s3a_access_key`, … */
function normaliseKey(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_");
}

/**
 * Secret-looking field names, at any depth and in any case: DLI's `access_encoded_key` and
 * `secret_encoded_key`, anything with secret/password/token in it, `access_key`, `sk`, `ak`.
 */
export function isSecretKey(name: string): boolean {
  const key = normaliseKey(name);
  if (SECRET_WORDS.some((word) => key.includes(word))) return true;
  if (/(^|_)access_(encoded_)?key($|_)/.test(key) || /(^|_)secret_key($|_)/.test(key)) return true;
  return key.split("_").some((token) => SECRET_TOKENS.has(token));
}

/** `spark.hadoop.fs.s3a.secret.key=abc` inside an argument list. */
const KEY_VALUE_ARG = /^(\s*-{0,2}[^=\s]+=)(.*)$/s;

function maskString(value: string): string {
  const match = KEY_VALUE_ARG.exec(value);
  if (match?.[1] && isSecretKey(match[1].replace(/^\s*-+|=$/g, ""))) return `${match[1]}${MASK}`;
  return value;
}

function isSecretFlag(value: unknown): boolean {
  return typeof value === "string" && /^-{1,2}[A-Za-z]/.test(value) && !value.includes("=")
    ? isSecretKey(value.replace(/^-+/, ""))
    : false;
}

/**
 * A copy of a decoded request with every secret replaced by {@link MASK}. `null` stays `null`
 * (it tells the reader no key was sent). Argument lists are covered too: `key=value` items and
 * the value after a `--secret-flag`.
 */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      index > 0 && isSecretFlag(value[index - 1]) && item != null ? MASK : maskSecrets(item),
    );
  }
  if (typeof value === "string") return maskString(value);
  if (value && typeof value === "object") {
    const masked: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      masked[key] = isSecretKey(key) && item != null ? MASK : maskSecrets(item);
    }
    return masked;
  }
  return value;
}

const JSON_STRING = String.raw`"(?:[^"\\]|\\.)*"`;
/** A key and its scalar value; an unterminated string at the end (truncated JSON) counts too. */
const KEY_AND_VALUE = new RegExp(
  String.raw`(${JSON_STRING})(\s*:\s*)(null\b|"(?:[^"\\]|\\.)*(?:"|$)|[^,}\]\s]+)`,
  "g",
);

/**
 * For request text that is not valid JSON: masks `"secret_key": value` pairs by pattern, so the
 * raw view of a truncated request is as safe as the structured one.
 */
export function maskSecretsInText(text: string): string {
  return text.replace(KEY_AND_VALUE, (whole, quotedKey: string, colon: string, raw: string) => {
    if (raw === "null") return whole;
    let key: string;
    try {
      key = JSON.parse(quotedKey) as string;
    } catch {
      key = quotedKey.slice(1, -1);
    }
    if (!isSecretKey(key)) return whole;
    return `${quotedKey}${colon}${JSON.stringify(MASK)}`;
  });
}
