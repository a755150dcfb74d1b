import { describe, expect, it } from "vitest";
import { isSecretKey, MASK, maskSecrets, maskSecretsInText } from "./mask-secrets";

describe("isSecretKey", () => {
  it.each([
    "access_encoded_key",
    "secret_encoded_key",
    "SECRET_ENCODED_KEY",
    "secretEncodedKey",
    "password",
    "db_password",
    "X-Auth-Token",
    "token",
    "access_key",
    "accessKey",
    "secret_key",
    "sk",
    "AK",
    "obs.sk",
    "spark.hadoop.fs.s3a.secret.key",
    "fs.s3a.access.key",
  ])("%s is secret", (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    "tumor_sample_name",
    "knownsites",
    "ref",
    "task",
    "desk",
    "mask",
    "output",
    "key_sites",
    "bwaspark_conf",
  ])("%s is not", (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe("maskSecrets", () => {
  it("masks at any depth and keeps null as null", () => {
    const masked = maskSecrets({
      access_encoded_key: "AKIA-REAL",
      secret_encoded_key: null,
      conf: { nested: [{ Password: "hunter2" }], "spark.hadoop.fs.s3a.secret.key": "s3cr3t" },
      ref: "hg38",
    });
    expect(masked).toEqual({
      access_encoded_key: MASK,
      secret_encoded_key: null,
      conf: { nested: [{ Password: MASK }], "spark.hadoop.fs.s3a.secret.key": MASK },
      ref: "hg38",
    });
    expect(JSON.stringify(masked)).not.toMatch(/AKIA-REAL|hunter2|s3cr3t/);
  });

  it("masks secrets inside argument lists", () => {
    expect(
      maskSecrets([
        "--conf",
        "spark.hadoop.fs.s3a.secret.key=abc",
        "-PL",
        "illumina",
        "--token",
        "xyz",
      ]),
    ).toEqual([
      "--conf",
      `spark.hadoop.fs.s3a.secret.key=${MASK}`,
      "-PL",
      "illumina",
      "--token",
      MASK,
    ]);
  });

  it("masks a secret object whole and leaves other values alone", () => {
    expect(maskSecrets({ credentials: { a: 1 }, expect_time: 8, is_output_gvcf: true })).toEqual({
      credentials: MASK,
      expect_time: 8,
      is_output_gvcf: true,
    });
  });
});

describe("maskSecretsInText", () => {
  it("masks pairs in invalid JSON, including a value cut off at the end", () => {
    const text =
      '{"ref":"hg38","access_encoded_key":"AKIA-REAL","SecretKey":12345,"secret_encoded_key":null,"sk":"trunc';
    const masked = maskSecretsInText(text);
    expect(masked).not.toMatch(/AKIA-REAL|12345|trunc/);
    expect(masked).toContain('"secret_encoded_key":null');
    expect(masked).toContain('"ref":"hg38"');
    expect(masked).toContain(`"access_encoded_key":"${MASK}"`);
  });

  it("copes with escaped quotes in values", () => {
    const masked = maskSecretsInText('{"token":"a\\"b","x":1');
    expect(masked).toBe(`{"token":"${MASK}","x":1`);
  });
});
