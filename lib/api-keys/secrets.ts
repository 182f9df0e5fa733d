import { createHash, randomBytes } from "node:crypto";

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function newKeyPair(): { publicKey: string; secret: string } {
  return {
    publicKey: `pk-arb-${randomBytes(12).toString("hex")}`,
    secret: `sk-arb-${randomBytes(32).toString("base64url")}`,
  };
}

/**
 * Reads the credentials of a machine request: `Bearer <secret>` or HTTP Basic
 * `publicKey:secretKey` (what OpenTelemetry exporters configured for Langfuse send).
 */
export function parseAuthorization(header: string | null): { publicKey: string | null; secret: string } | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return null;
  if (scheme.toLowerCase() === "bearer") return { publicKey: null, secret: value };
  if (scheme.toLowerCase() === "basic") {
    let decoded: string;
    try {
      decoded = Buffer.from(value, "base64").toString("utf8");
    } catch {
      return null;
    }
    const colon = decoded.indexOf(":");
    if (colon <= 0 || colon === decoded.length - 1) return null;
    return { publicKey: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  return null;
}
