// How a page asks for access: signed out → sign-in (and back); not a member → 404; no permission → 403.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { getSessionUser } from "../auth/session";
import { resolveWorkspaceAccess, type WorkspaceAccess } from "../auth/access";
import { can, type Permission } from "../auth/permissions";
import { Forbidden, Invalid, NotFound } from "../errors";
import { REQUEST_PATH_HEADER, signInUrl } from "./safe-callback";

// One session and membership lookup per request, shared by the layouts and the page.
export const currentUser = cache(getSessionUser);

export async function requireUser() {
  const user = await currentUser();
  if (!user) redirect(signInUrl((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}

const memberAccess = cache(async (slug: string) =>
  resolveWorkspaceAccess({ user: await requireUser(), slug, permission: "workspace:read" }),
);

export async function requirePageAccess(slug: string, permission: Permission): Promise<WorkspaceAccess> {
  try {
    const access = await memberAccess(slug);
    if (!can(access.role, permission)) throw new Forbidden();
    return access;
  } catch (error) {
    if (error instanceof NotFound) notFound();
    if (error instanceof Forbidden) forbidden();
    throw error;
  }
}

/**
 * A resource a page shows: another workspace's, a missing or a malformed id is simply not here
 * (404), whichever of NotFound or Invalid the lookup threw.
 */
export async function findOrNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFound || error instanceof Invalid) notFound();
    throw error;
  }
}
