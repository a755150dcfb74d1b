import { describe, expect, it } from "vitest";
import { rfc3986, sdkDate, signRequest } from "./sign.ts";
import vectors from "./signing-vectors.json" with { type: "json" };

describe("signRequest", () => {
  for (const v of vectors.vectors) {
    it(`reproduces the SDK signature for ${v.method} ${v.url}`, () => {
      const out = signRequest({
        method: v.method,
        url: new URL(v.url),
        headers: v.headers,
        body: v.body,
        ak: vectors.ak,
        sk: vectors.sk,
      });
      expect(out).toEqual(v.expected);
    });
  }

  it("uses the given date when no X-Sdk-Date header is passed", () => {
    const v = vectors.vectors[0];
    if (!v) throw new Error("no vector");
    const out = signRequest({
      method: v.method,
      url: new URL(v.url),
      headers: { "Content-Type": "application/json" },
      body: "",
      ak: vectors.ak,
      sk: vectors.sk,
      date: new Date(Date.UTC(2026, 10, 28, 2, 3, 4, 567)),
    });
    expect(out).toEqual(v.expected);
  });

  it("does not depend on query parameter order", () => {
    const base = {
      method: "GET",
      headers: { "X-Sdk-Date": "20261128T020304Z" },
      body: "",
      ak: "AK",
      sk: "SK",
    };
    const a = signRequest({ ...base, url: new URL("https://h.example/p?b=2&a=1&c=3") });
    const b = signRequest({ ...base, url: new URL("https://h.example/p?c=3&a=1&b=2") });
    expect(a.Authorization).toBe(b.Authorization);
  });

  it("treats a space in the query as %20, whether written + or %20", () => {
    const base = {
      method: "GET",
      headers: { "X-Sdk-Date": "20261128T020304Z" },
      body: "",
      ak: "AK",
      sk: "SK",
    };
    const plus = signRequest({ ...base, url: new URL("https://h.example/p?q=a+b") });
    const pct = signRequest({ ...base, url: new URL("https://h.example/p?q=a%20b") });
    const other = signRequest({ ...base, url: new URL("https://h.example/p?q=a_b") });
    expect(plus.Authorization).toBe(pct.Authorization);
    expect(plus.Authorization).not.toBe(other.Authorization);
  });

  it("signs the body and the method", () => {
    const base = {
      url: new URL("https://h.example/p"),
      headers: { "X-Sdk-Date": "20261128T020304Z" },
      ak: "AK",
      sk: "SK",
    };
    const a = signRequest({ ...base, method: "POST", body: "{}" });
    const b = signRequest({ ...base, method: "POST", body: "" });
    const c = signRequest({ ...base, method: "GET", body: "{}" });
    expect(new Set([a.Authorization, b.Authorization, c.Authorization]).size).toBe(3);
    expect(a.Authorization).toMatch(/^SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, /);
  });
});

describe("encoding helpers", () => {
  it("percent-encodes per RFC 3986", () => {
    expect(rfc3986("a b")).toBe("a%20b");
    expect(rfc3986("A-Z_a.z~0")).toBe("A-Z_a.z~0");
    expect(rfc3986("!'()*/+=")).toBe("%21%27%28%29%2A%2F%2B%3D");
    expect(rfc3986("中")).toBe("%E4%B8%AD");
  });

  it("formats X-Sdk-Date in UTC basic format", () => {
    expect(sdkDate(new Date("2026-01-02T03:04:05.678Z"))).toBe("20260102T030405Z");
  });
});
