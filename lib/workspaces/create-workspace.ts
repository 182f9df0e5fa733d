import "server-only";
import { installStarterPack } from "../policy/install-starter-pack";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { appendAuditEvent, type Actor } from "../audit";
import { Conflict, Forbidden, Invalid } from "../errors";
import { canCreateWorkspace } from "../auth/permissions";
import { slugify, slugSchema, workspaceNameSchema } from "./slug";

/** May this user create workspaces? It is an organisation-level act: ADMIN somewhere. */
export async function assertCanCreateWorkspace({ userId }: { userId: string }) {
  const roles = await db().membership.findMany({ where: { userId }, select: { role: true } });
  if (!canCreateWorkspace(roles.map((r) => r.role)))
    throw new Forbidden("Only workspace admins can create workspaces.");
}

/** Creates a workspace; adminUserId, when given, becomes its first ADMIN. */
export async function createWorkspace({
  name,
  slug,
  actor,
  adminUserId,
}: {
  name: string;
  slug?: string;
  actor: Actor;
  adminUserId: string | null;
}) {
  const parsedName = workspaceNameSchema.safeParse(name);
  if (!parsedName.success) throw new Invalid(parsedName.error.issues[0]!.message);
  const parsedSlug = slugSchema.safeParse(slug || slugify(parsedName.data));
  if (!parsedSlug.success) throw new Invalid(parsedSlug.error.issues[0]!.message);

  try {
    return await db().$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { name: parsedName.data, slug: parsedSlug.data } });
      await appendAuditEvent(tx, {
        workspaceId: workspace.id,
        actor,
        action: "workspace.created",
        target: { type: "workspace", id: workspace.id },
        after: { name: workspace.name, slug: workspace.slug },
      });
      if (adminUserId) {
        const membership = await tx.membership.create({
          data: { workspaceId: workspace.id, userId: adminUserId, role: "ADMIN" },
        });
        await appendAuditEvent(tx, {
          workspaceId: workspace.id,
          actor,
          action: "member.added",
          target: { type: "membership", id: membership.id },
          after: { userId: adminUserId, role: "ADMIN" },
        });
      }
      await installStarterPack(tx, { workspaceId: workspace.id, actor });
      return workspace;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`The slug "${parsedSlug.data}" is taken.`);
    throw error;
  }
}
