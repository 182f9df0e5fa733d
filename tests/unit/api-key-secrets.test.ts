import { describe, expect, it } from "vitest";
import { hashSecret, newKeyPair, parseAuthorization } from "../../lib/api-keys/secrets";

describe("API key secrets", () => {
  it("makes distinct, prefixed pairs", () => {
    const a = newKeyPair();
    const b = newKeyPair();
    expect(a.publicKey).toMatch(/^pk-arb-[0-9a-f]{24}$/);
    expect(a.secret).toMatch(/^sk-arb-[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
  });

  it("hashes with SHA-256", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("reads Bearer and Basic credentials", () => {
    expect(parseAuthorization("Bearer sk-1")).toEqual({ publicKey: null, secret: "sk-1" });
    const basic = Buffer.from("pk-1:sk-1").toString("base64");
    expect(parseAuthorization(`Basic ${basic}`)).toEqual({ publicKey: "pk-1", secret: "sk-1" });
  });

  it("refuses malformed headers", () => {
    expect(parseAuthorization(null)).toBeNull();
    expect(parseAuthorization("Bearer")).toBeNull();
    expect(parseAuthorization("Token abc")).toBeNull();
    expect(parseAuthorization(`Basic ${Buffer.from("no-colon").toString("base64")}`)).toBeNull();
    expect(parseAuthorization(`Basic ${Buffer.from(":secret").toString("base64")}`)).toBeNull();
  });
});
