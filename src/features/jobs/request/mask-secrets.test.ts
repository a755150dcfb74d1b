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

describe("maskSecretsInText at depth", () => {
  it("masks the first key of a nested object and of objects in arrays", () => {
    const text =
      '{"job_type":"DNA_SOMATIC","nested":{"Password":"FAKE-1"},"list":[{"token":"FAKE-2"}],"conf":{"sk":{"deep":"FAKE-3"}},"ok":"kept",';
    const masked = maskSecretsInText(text);
    expect(masked).not.toContain("FAKE");
    expect(masked).toContain('"ok":"kept"');
    expect(masked).toContain(`"Password":"${MASK}"`);
    expect(masked).toContain(`"sk":"${MASK}"`);
  });

  it("masks argument lists inside invalid JSON", () => {
    const masked = maskSecretsInText(
      '{"conf":["--conf","fs.s3a.secret.key=FAKE-4","--token","FAKE-5","-PL","illumina"',
    );
    expect(masked).not.toContain("FAKE");
    expect(masked).toContain('"illumina"');
  });

  it("masks a value cut off inside a nested secret", () => {
    expect(maskSecretsInText('{"a":{"b":[{"secret_key":"FAKE-6')).not.toContain("FAKE");
    expect(maskSecretsInText('{"a":{"access_key":{"x":"FAKE-7"')).not.toContain("FAKE");
  });

  it("leaves text without secrets exactly as it was", () => {
    const text =
      '{"input":["s3a://b/k.bam"],"ref":"hg38","n":1.5,"flag":true,"x":null,"s":"a\\"b",';
    expect(maskSecretsInText(text)).toBe(text);
  });
});
