import "server-only";
import { db } from "../db";
import { appendAuditEvent, type Actor } from "../audit";
import { Invalid } from "../errors";
import { refuseTarget } from "../outbox/target-guard";

/**
 * Where the workspace's own notifications go (budget alerts, tripped breakers): checked like every
 * webhook target (http(s), no private address unless allowed), audited with before and after.
 */
export async function setNotificationUrl({
  workspaceId,
  url,
  actor,
}: {
  workspaceId: string;
  url: string | null;
  actor: Actor;
}) {
  const next = url?.trim() || null;
  if (next) {
    if (next.length > 2000) throw new Invalid("The URL is too long (2,000 characters at most).");
    const refused = refuseTarget(next);
    if (refused) throw new Invalid(refused);
  }
  await db().$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      select: { notificationUrl: true },
    });
    if (before.notificationUrl === next) return;
    await tx.workspace.update({ where: { id: workspaceId }, data: { notificationUrl: next } });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "workspace.notification_url_changed",
      target: { type: "workspace", id: workspaceId },
      before: { notificationUrl: before.notificationUrl },
      after: { notificationUrl: next },
    });
  });
}

export async function notificationUrl(workspaceId: string): Promise<string | null> {
  const row = await db().workspace.findUnique({ where: { id: workspaceId }, select: { notificationUrl: true } });
  return row?.notificationUrl ?? null;
}
