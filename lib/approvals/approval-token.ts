// The one-use approval token an agent presents with its next decision request. It names its
// approval and carries an HMAC over the approval's binding (id, approved arguments, expiry) under
// the server's signing key, so it can be handed out again on every read of an approved request
// without being stored; what it may do (agent, action, arguments, policy version, expiry, once) is
// checked against the approval's row.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const PREFIX = "apt_";

let processKey: Buffer | undefined;

/** The key that signs tokens: ARBITER_SIGNING_SECRET, else NEXTAUTH_SECRET (shared by every instance). */
function signingKey(): Buffer {
  const configured = process.env.ARBITER_SIGNING_SECRET || process.env.NEXTAUTH_SECRET;
  if (configured) return Buffer.from(`arbiter-approval-token:${configured}`);
  // Only a process with neither (tests, scripts) gets here; its tokens live as long as it does.
  processKey ??= randomBytes(32);
  return processKey;
}

export interface TokenBinding {
  approvalId: string;
  argsHash: string;
  expiresAt: Date;
}

function mac(binding: TokenBinding): string {
  return createHmac("sha256", signingKey())
    .update(`${binding.approvalId}\n${binding.argsHash}\n${binding.expiresAt.toISOString()}`)
    .digest("base64url");
}

export function approvalToken(binding: TokenBinding): string {
  return `${PREFIX}${binding.approvalId}.${mac(binding)}`;
}

/** The approval a token names, or null when it is not shaped like one of ours. */
export function tokenApprovalId(token: string): string | null {
  const m = /^apt_([\w-]{1,64})\.[\w-]{43}$/.exec(token);
  return m ? m[1]! : null;
}

/** Whether the token was issued for this binding (constant-time). */
export function tokenMatches(token: string, binding: TokenBinding): boolean {
  const expected = Buffer.from(approvalToken(binding));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
