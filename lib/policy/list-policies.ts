import "server-only";
import { db } from "../db";

/** Both sets' policies with their published version, newest change first within each set. */
export function listPolicies({ workspaceId }: { workspaceId: string }) {
  return db().policy.findMany({
    where: { workspaceId },
    orderBy: [{ set: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      description: true,
      set: true,
      mode: true,
      updatedAt: true,
      draftUpdatedAt: true,
      activeVersion: {
        select: {
          version: true,
          source: true,
          message: true,
          createdAt: true,
          author: { select: { email: true } },
        },
      },
      _count: { select: { versions: true } },
    },
  });
}
