// How a page asks for access: signed out → sign-in; not a member → 404; no permission → 403.
import "server-only";
import { cache } from "react";
import { forbidden, notFound, redirect } from "next/navigation";
import { getSessionUser } from "../auth/session";
import { resolveWorkspaceAccess, type WorkspaceAccess } from "../auth/access";
import type { Permission } from "../auth/permissions";
import { Forbidden, NotFound } from "../errors";

// One session lookup per request, shared by the layout and the page.
export const currentUser = cache(getSessionUser);

export async function requireUser() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function requirePageAccess(slug: string, permission: Permission): Promise<WorkspaceAccess> {
  const user = await requireUser();
  try {
    return await resolveWorkspaceAccess({ user, slug, permission });
  } catch (error) {
    if (error instanceof NotFound) notFound();
    if (error instanceof Forbidden) forbidden();
    throw error;
  }
}
