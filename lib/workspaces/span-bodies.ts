import "server-only";
import { db } from "../db";
import { appendAuditEvent, type Actor } from "../audit";
import type { SpanBodyAccess } from "../traces/span-bodies";

/** Who reads span bodies in a workspace; audited with before and after, in the same transaction. */
export async function setSpanBodyAccess({
  workspaceId,
  access,
  actor,
}: {
  workspaceId: string;
  access: SpanBodyAccess;
  actor: Actor;
}) {
  await db().$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { spanBodies: true } });
    if (before.spanBodies === access) return;
    await tx.workspace.update({ where: { id: workspaceId }, data: { spanBodies: access } });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "workspace.span_bodies_changed",
      target: { type: "workspace", id: workspaceId },
      before: { spanBodies: before.spanBodies },
      after: { spanBodies: access },
    });
  });
}

export async function spanBodyAccess(workspaceId: string): Promise<SpanBodyAccess> {
  const row = await db().workspace.findUnique({ where: { id: workspaceId }, select: { spanBodies: true } });
  return row?.spanBodies ?? "READERS";
}
