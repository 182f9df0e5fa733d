import "server-only";
import { db } from "../db";
import { NotFound } from "../errors";

/** One policy for its editor: the draft, the published version and every version's source. */
export async function getPolicy({ workspaceId, policyId }: { workspaceId: string; policyId: string }) {
  const policy = await db().policy.findFirst({
    where: { id: policyId, workspaceId },
    select: {
      id: true,
      name: true,
      description: true,
      set: true,
      mode: true,
      activeVersionId: true,
      draftSource: true,
      draftUpdatedAt: true,
      draftAuthor: { select: { email: true } },
      updatedAt: true,
      versions: {
        orderBy: { version: "desc" },
        select: {
          id: true,
          version: true,
          source: true,
          message: true,
          status: true,
          createdAt: true,
          author: { select: { email: true } },
        },
      },
    },
  });
  if (!policy) throw new NotFound("No such policy in this workspace.");
  return policy;
}

export type PolicyDetail = Awaited<ReturnType<typeof getPolicy>>;
