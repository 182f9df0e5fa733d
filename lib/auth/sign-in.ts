import "server-only";
import { db } from "../db";
import { appendAuditEvent, systemActor, userActor } from "../audit";
import { verifyPassword } from "./password";

export const ACCOUNT_FAILURE_LIMIT = 5;
export const ACCOUNT_LOCK_MINUTES = 15;
export const IP_FAILURE_LIMIT = 20;
export const IP_WINDOW_MINUTES = 15;

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "locked" | "rate_limited"; message: string };

// Compared against when the email is unknown, so both paths cost one bcrypt check.
const DUMMY_HASH = "$2b$12$EbL/3mI89AUoJdJIuz7Yxe804YbNHkG0r5VmIgHs88GYsYvVpPVMK";

export async function signInWithPassword({
  email,
  password,
  ip,
}: {
  email: string;
  password: string;
  ip: string;
}): Promise<SignInResult> {
  const normalizedEmail = email.trim().toLowerCase();
  const now = new Date();

  const ipBlocked = await ipFailures(ip, now);
  if (ipBlocked >= IP_FAILURE_LIMIT) {
    await recordFailure({ email: normalizedEmail, ip, reason: "rate_limited", userId: null, lock: false });
    return {
      ok: false,
      reason: "rate_limited",
      message: `Too many sign-in attempts from your network. Try again in ${IP_WINDOW_MINUTES} minutes.`,
    };
  }

  const user = await db().user.findUnique({
    where: { email: normalizedEmail },
    omit: { passwordHash: false },
  });
  if (user?.lockedUntil && user.lockedUntil > now) {
    await recordFailure({ email: normalizedEmail, ip, reason: "locked", userId: user.id, lock: false });
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    return {
      ok: false,
      reason: "locked",
      message: `This account is locked after too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }

  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !valid) {
    const lock = !!user && user.failedSignIns + 1 >= ACCOUNT_FAILURE_LIMIT;
    await recordFailure({ email: normalizedEmail, ip, reason: "invalid", userId: user?.id ?? null, lock });
    if (lock) {
      return {
        ok: false,
        reason: "locked",
        message: `This account is locked after too many failed sign-ins. Try again in ${ACCOUNT_LOCK_MINUTES} minutes.`,
      };
    }
    return { ok: false, reason: "invalid", message: "Invalid email or password." };
  }

  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedSignIns: 0, lockedUntil: null, lastSignInAt: now },
    });
    await appendAuditEvent(tx, {
      workspaceId: null,
      actor: userActor(user),
      action: "auth.sign_in",
      target: { type: "user", id: user.id },
      metadata: { method: "password", ip },
    });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

async function ipFailures(ip: string, now: Date): Promise<number> {
  const row = await db().signInThrottle.findUnique({ where: { key: `ip:${ip}` } });
  if (!row || now.getTime() - row.windowStart.getTime() > IP_WINDOW_MINUTES * 60_000) return 0;
  return row.failures;
}

async function recordFailure({
  email,
  ip,
  reason,
  userId,
  lock,
}: {
  email: string;
  ip: string;
  reason: string;
  userId: string | null;
  lock: boolean;
}) {
  const now = new Date();
  const windowFloor = new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000);
  await db().$transaction(async (tx) => {
    // One statement, so concurrent failures from one address all count.
    await tx.$executeRaw`
      INSERT INTO "SignInThrottle" ("key", "failures", "windowStart") VALUES (${`ip:${ip}`}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStart" < ${windowFloor} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < ${windowFloor} THEN ${now} ELSE "SignInThrottle"."windowStart" END`;
    if (userId && reason === "invalid") {
      await tx.user.update({
        where: { id: userId },
        data: lock
          ? { failedSignIns: 0, lockedUntil: new Date(now.getTime() + ACCOUNT_LOCK_MINUTES * 60_000) }
          : { failedSignIns: { increment: 1 } },
      });
    }
    await appendAuditEvent(tx, {
      workspaceId: null,
      actor: systemActor,
      action: "auth.sign_in_failed",
      target: userId ? { type: "user", id: userId } : undefined,
      metadata: { email, ip, reason },
    });
    if (lock && userId) {
      await appendAuditEvent(tx, {
        workspaceId: null,
        actor: systemActor,
        action: "auth.account_locked",
        target: { type: "user", id: userId },
        metadata: { minutes: ACCOUNT_LOCK_MINUTES },
      });
    }
  });
}
