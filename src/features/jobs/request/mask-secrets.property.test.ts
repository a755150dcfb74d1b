import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRequest, prettyRequest } from "./decode-request";
import { maskSecrets, maskSecretsInText } from "./mask-secrets";

// Issue 6: the request decoder and masker never crash and never leave a secret visible, at any
// depth, in parsed JSON, in text that is not JSON, or in a request cut off anywhere.

const MARKER = "Zq7SECRETVALUEmarker9xK";

const SECRET_KEYS = [
  "access_encoded_key",
  "secret_encoded_key",
  "secretEncodedKey",
  "AccessEncodedKey",
  "SECRET_ENCODED_KEY",
  "password",
  "db_passwd",
  "X-Auth-Token",
  "fs.s3a.secret.key",
  "fs.s3a.access.key",
  "spark.hadoop.fs.s3a.secret.key",
  "sk",
  "AK",
  "privateKey",
  "credentials",
];

const plainKey = fc.oneof(
  fc.constantFrom("conf", "inputs", "sample_inputs", "output", "ref", "knownsites", "job_type"),
  fc.string({ maxLength: 8 }).filter((k) => !/secret|pass|token|cred|key|^(a|s)k$/i.test(k)),
);

/** A secret as it may appear: the value of a secret-named field, or inside an argument list. */
const secretValue = fc.oneof(
  fc.constant(MARKER),
  fc.constant(`${MARKER} with spaces`),
  fc.constant({ nested: MARKER }),
  fc.constant([MARKER, "x"]),
);

type Json = unknown;

const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

/** A JSON tree with secrets placed at random depths, each in one of the shapes masking covers. */
const tree: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom(...SECRET_KEYS), secretValue).map(([k, v]) => ({ [k]: v })),
    fc.constantFrom(...SECRET_KEYS).map((k) => [`--${k.replace(/[._]/g, "-")}`, MARKER]),
    fc.constantFrom(...SECRET_KEYS).map((k) => [`spark.hadoop.${k}=${MARKER}`, "-x"]),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(plainKey, tie("node"), { maxKeys: 4 }),
    fc
      .tuple(
        fc.dictionary(plainKey, tie("node"), { maxKeys: 3 }),
        fc.constantFrom(...SECRET_KEYS),
        secretValue,
      )
      .map(([o, k, v]) => ({ ...o, [k]: v })),
  ),
})).node;

const request = fc.dictionary(plainKey, tree, { maxKeys: 5 });

describe("maskSecrets / maskSecretsInText / decodeRequest (property)", () => {
  it("never throw on arbitrary input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.json()), (raw) => {
        maskSecrets(raw);
        if (typeof raw === "string") maskSecretsInText(raw);
        prettyRequest(decodeRequest(raw));
      }),
      { numRuns: 1500 },
    );
  });

  it("leave no secret in masked JSON, at any depth", () => {
    fc.assert(
      fc.property(request, (value) => {
        expect(JSON.stringify(maskSecrets(value))).not.toContain(MARKER);
        const decoded = decodeRequest(JSON.stringify(value));
        expect(decoded.kind).toBe("json");
        expect(prettyRequest(decoded)).not.toContain(MARKER);
        expect(JSON.stringify(decoded)).not.toContain(MARKER);
      }),
      { numRuns: 1500 },
    );
  });

  it("leave no secret in masked text, compact or indented", () => {
    fc.assert(
      fc.property(request, fc.boolean(), (value, indent) => {
        const text = indent ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        expect(maskSecretsInText(text)).not.toContain(MARKER);
      }),
      { numRuns: 1500 },
    );
  });

  it("leave no secret in a request cut off anywhere (the decoder's text view)", () => {
    fc.assert(
      fc.property(request, fc.double({ min: 0, max: 1, noNaN: true }), (value, cut) => {
        const text = JSON.stringify(value);
        const truncated = text.slice(0, Math.floor(text.length * cut));
        expect(maskSecretsInText(truncated)).not.toContain(MARKER);
        const decoded = decodeRequest(truncated);
        expect(prettyRequest(decoded)).not.toContain(MARKER);
        if (decoded.kind === "invalid") expect(decoded.text).not.toContain(MARKER);
      }),
      { numRuns: 3000 },
    );
  });

  it("leave no secret in the decoder's parse-error message", () => {
    fc.assert(
      fc.property(request, fc.double({ min: 0, max: 1, noNaN: true }), (value, cut) => {
        const text = JSON.stringify(value);
        const decoded = decodeRequest(text.slice(0, Math.floor(text.length * cut)));
        expect(JSON.stringify(decoded)).not.toContain(MARKER);
      }),
      { numRuns: 3000 },
    );
  });

  // Found by this test: V8's parse-error messages quote the input around the fault, which can be
  // the start of a secret (`{"sk": 'Zq7SECRETV`); decodeRequest now reports only the position.
  it("leave no piece of a secret in the parse-error message of malformed text", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SECRET_KEYS), plainKey, (key, other) => {
        // JavaScript-style single quotes around the secret: a plausible hand-written request.
        const raw = `{${JSON.stringify(other)}: 1, ${JSON.stringify(key)}: '${MARKER}'}`;
        const decoded = decodeRequest(raw);
        expect(decoded.kind).toBe("invalid");
        expect(JSON.stringify(decoded)).not.toContain(MARKER.slice(0, 6));
      }),
      { numRuns: 200 },
    );
  });
});
