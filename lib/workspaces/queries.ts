import "server-only";
import { db } from "../db";

export function listWorkspacesForUser({ userId }: { userId: string }) {
  return db().membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
    orderBy: { workspace: { name: "asc" } },
  });
}

/** The user's membership in the workspace with that slug, or null (also when the slug is unknown). */
export function findMembership({ userId, slug }: { userId: string; slug: string }) {
  return db().membership.findFirst({
    where: { userId, workspace: { slug } },
    select: { id: true, role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
}
