// How Arbiter signs what it sends, and how a receiver checks it:
//   X-Arbiter-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// A receiver recomputes the HMAC over the timestamp, a dot and the exact body bytes with the
// workspace's signing secret, compares in constant time, and refuses timestamps older than a few
// minutes (replays).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-arbiter-signature";

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signPayload({ secret, body, timestamp }: { secret: string; body: string; timestamp: number }): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** The receiver's side of the recipe (used by tests and the README example). */
export function verifySignature({
  secret,
  body,
  header,
  toleranceSeconds = 300,
  now = Date.now(),
}: {
  secret: string;
  body: string;
  header: string | null;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload({ secret, body, timestamp: t }).split("v1=")[1]!, "hex");
  const given = Buffer.from(parts.v1, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
