import "server-only";
import { db } from "../db";
import { appendAuditEvent, type Actor } from "../audit";
import { Invalid } from "../errors";
import { workspaceNameSchema } from "./slug";

export async function renameWorkspace({
  workspaceId,
  name,
  actor,
}: {
  workspaceId: string;
  name: string;
  actor: Actor;
}) {
  const parsed = workspaceNameSchema.safeParse(name);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]!.message);
  return db().$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } });
    const workspace = await tx.workspace.update({ where: { id: workspaceId }, data: { name: parsed.data } });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "workspace.renamed",
      target: { type: "workspace", id: workspaceId },
      before,
      after: { name: workspace.name },
    });
    return workspace;
  });
}
