import "server-only";
import { userActor, type Actor } from "../audit";
import { Forbidden, NotFound } from "../errors";
import { findMembership } from "../workspaces/queries";
import { can, type Permission, type Role } from "./permissions";
import type { SessionUser } from "./session";

export interface WorkspaceAccess {
  user: SessionUser;
  workspace: { id: string; slug: string; name: string };
  role: Role;
  actor: Actor;
}

/**
 * The user's access to the workspace named by the URL. A workspace the user is not a member
 * of does not exist as far as they can tell (404); a missing permission is a 403.
 */
export async function resolveWorkspaceAccess({
  user,
  slug,
  permission,
}: {
  user: SessionUser;
  slug: string;
  permission: Permission;
}): Promise<WorkspaceAccess> {
  const membership = await findMembership({ userId: user.id, slug });
  if (!membership) throw new NotFound("Workspace not found.");
  if (!can(membership.role, permission)) throw new Forbidden();
  return { user, workspace: membership.workspace, role: membership.role, actor: userActor(user) };
}
