import "server-only";
import { db } from "../db";
import { appendAuditEvent, systemActor } from "../audit";
import { generatePassword, hashPassword } from "../auth/password";

export const DEFAULT_ADMIN_EMAIL = "admin@arbiter.local";

/**
 * On a database with no users, creates the first admin. Returns the password when Arbiter
 * generated it (to print once), null when it came from the environment or nothing was done.
 */
export async function ensureFirstAdmin({ email, password }: { email?: string; password?: string }) {
  if ((await db().user.count()) > 0) return null;
  const adminEmail = (email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  const adminPassword = password ?? generatePassword();
  const passwordHash = await hashPassword(adminPassword);
  const user = await db().$transaction(async (tx) => {
    const created = await tx.user.create({ data: { email: adminEmail, name: "Administrator", passwordHash } });
    await appendAuditEvent(tx, {
      workspaceId: null,
      actor: systemActor,
      action: "user.created",
      target: { type: "user", id: created.id },
      after: { email: adminEmail, firstAdmin: true },
    });
    return created;
  });
  return { user, generatedPassword: password ? null : adminPassword };
}
