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

// A page of jobs repeats the same few dozen field names; the verdicts are kept (up to a bound,
// as the names come from the API).
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 2_000;

/**
 * Secret-looking field names, at any depth and in any case: DLI's `access_encoded_key` and
 * `secret_encoded_key`, anything with secret/password/token in it, `access_key`, `sk`, `ak`.
 */
export function isSecretKey(name: string): boolean {
  let verdict = verdicts.get(name);
  if (verdict === undefined) {
    verdict = judgeKey(name);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(name, verdict);
  }
  return verdict;
}

function judgeKey(name: string): boolean {
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
    // No prototype: `masked[key] = …` with a key such as `__proto__` then keeps it as data,
    // where an ordinary object would take it as its prototype (and show its fields as its own).
    const masked: Record<string, unknown> = Object.create(null);
    for (const [key, item] of Object.entries(value)) {
      masked[key] = isSecretKey(key) && item != null ? MASK : maskSecrets(item);
    }
    return masked;
  }
  return value;
}

const MASKED_STRING = JSON.stringify(MASK);

/** End (exclusive) of the JSON string starting at `start`, or the end of a truncated text. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** End (exclusive) of the value starting at `start`: a string, a whole {…}/[…] block, or a scalar. */
function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first === "{" || first === "[") {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const char = text[i];
      if (char === '"') i = stringEnd(text, i) - 1;
      else if (char === "{" || char === "[") depth++;
      else if ((char === "}" || char === "]") && --depth === 0) return i + 1;
    }
    return text.length;
  }
  const scalar = /^[^,}\]\s]*/.exec(text.slice(start));
  return start + (scalar?.[0].length ?? 0);
}

function decodeString(quoted: string): string {
  try {
    return JSON.parse(quoted.endsWith('"') && quoted.length > 1 ? quoted : `${quoted}"`) as string;
  } catch {
    return quoted.slice(1);
  }
}

/**
 * For request text that is not valid JSON: the same masking as {@link maskSecrets}, done by
 * scanning the text (strings are read whole, so the scan never starts inside one). Secret-named
 * fields lose their value (a scalar or a whole block; null stays null), `key=value` arguments
 * and the value after a `--secret-flag` are masked, and a text cut off inside a secret's value
 * is masked to its end.
 */
export function maskSecretsInText(text: string): string {
  let out = "";
  let previousString: string | undefined;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      out += text[i];
      i++;
      continue;
    }
    const end = stringEnd(text, i);
    const quoted = text.slice(i, end);
    const value = decodeString(quoted);
    const colon = /^\s*:\s*/.exec(text.slice(end));
    if (colon) {
      const valueStart = end + colon[0].length;
      out += quoted + colon[0];
      i = valueStart;
      if (isSecretKey(value) && valueStart < text.length && !text.startsWith("null", valueStart)) {
        out += MASKED_STRING;
        i = valueEnd(text, valueStart);
      }
      previousString = undefined;
      continue;
    }
    const masked =
      previousString !== undefined && isSecretFlag(previousString) ? MASK : maskString(value);
    out += masked === value ? quoted : JSON.stringify(masked);
    previousString = value;
    i = end;
  }
  return out;
}
