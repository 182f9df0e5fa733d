import "server-only";
import { db } from "../db";
import { appendAuditEvent, userActor } from "../audit";

/**
 * Signs in a person vouched for by the OIDC provider: the user with this subject, else the
 * user with this email (linked now), else a new user with no workspace until an admin adds them.
 */
export async function signInWithOidc({ subject, email, name }: { subject: string; email: string; name: string }) {
  const normalizedEmail = email.trim().toLowerCase();
  return db().$transaction(async (tx) => {
    const existing =
      (await tx.user.findUnique({ where: { oidcSubject: subject } })) ??
      (await tx.user.findUnique({ where: { email: normalizedEmail } }));
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { oidcSubject: subject, lastSignInAt: new Date() } })
      : await tx.user.create({
          data: {
            email: normalizedEmail,
            name: name || normalizedEmail,
            oidcSubject: subject,
            lastSignInAt: new Date(),
          },
        });
    await appendAuditEvent(tx, {
      workspaceId: null,
      actor: userActor(user),
      action: "auth.sign_in",
      target: { type: "user", id: user.id },
      metadata: { method: "oidc", created: !existing },
    });
    return user;
  });
}
