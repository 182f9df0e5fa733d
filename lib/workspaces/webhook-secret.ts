// The workspace's webhook signing secret: created or rotated by an admin and returned that once;
// afterwards only whether one is configured, and since when, ever leaves this module.
import "server-only";
import { db } from "../db";
import { announceRevision } from "../db/revisions";
import { appendAuditEvent, type Actor } from "../audit";
import { NotFound } from "../errors";
import { newSigningSecret } from "../outbox/sign";

export interface WebhookSecretStatus {
  configured: boolean;
  createdAt: Date | null;
}

/**
 * Creates the signing secret, or replaces it: the old one stops signing at once, so deliveries
 * still queued go out signed with the new one. The secret is in the result and nowhere else.
 */
export async function rotateWebhookSecret({
  workspaceId,
  actor,
}: {
  workspaceId: string;
  actor: Actor;
}): Promise<{ secret: string; createdAt: Date }> {
  const secret = newSigningSecret();
  const rotated = await db().$transaction(async (tx) => {
    // The row lock makes concurrent rotations take turns, so each audits what it replaced.
    const [current] = await tx.$queryRaw<{ configured: boolean }[]>`
      SELECT "webhookSecret" IS NOT NULL AS "configured" FROM "Workspace" WHERE "id" = ${workspaceId} FOR NO KEY UPDATE`;
    if (!current) throw new NotFound("Workspace not found.");
    // The column keeps milliseconds, as Date does: what is returned is what was stored.
    const createdAt = new Date();
    await tx.workspace.update({
      where: { id: workspaceId },
      data: { webhookSecret: secret, webhookSecretCreatedAt: createdAt },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: current.configured ? "webhook_secret.rotated" : "webhook_secret.created",
      target: { type: "workspace", id: workspaceId },
      metadata: { hint: secret.slice(-4) },
    });
    return { secret, createdAt };
  });
  // Decisions that take a callbackUrl check for the secret from memory.
  await announceRevision(workspaceId);
  return rotated;
}

export async function webhookSecretStatus({ workspaceId }: { workspaceId: string }): Promise<WebhookSecretStatus> {
  // Filtering on the secret reads it inside the database only; the select never carries it.
  const row = await db().workspace.findFirst({
    where: { id: workspaceId, webhookSecret: { not: null } },
    select: { webhookSecretCreatedAt: true },
  });
  return { configured: row !== null, createdAt: row?.webhookSecretCreatedAt ?? null };
}
