// Reading one approval: as agents see it (the read API, the long-poll) and as the inbox shows it
// (with the agent's facts and its recent history for this action).
import "server-only";
import { database, db } from "../db";
import { NotFound } from "../errors";
import { approvalView, readApproval, votesOf, type ApprovalView } from "./approval-rows";
import { expireDueApprovals } from "./expire-approvals";

const validId = (id: string) => /^[\w-]{1,64}$/.test(id);

/** The approval as agents see it; a lapsed pending request is expired first. Another workspace's is a 404. */
export async function getApprovalView({
  workspaceId,
  approvalId,
}: {
  workspaceId: string;
  approvalId: string;
}): Promise<ApprovalView> {
  if (!validId(approvalId)) throw new NotFound("Approval request not found.");
  let row = await readApproval(database(), { workspaceId, approvalId });
  if (!row) throw new NotFound("Approval request not found.");
  if (row.status === "PENDING" && new Date(row.expiresAt) <= new Date()) {
    await expireDueApprovals({ workspaceId, approvalId });
    row = (await readApproval(database(), { workspaceId, approvalId })) ?? row;
  }
  const votes = (await votesOf(database(), [row.id])).get(row.id) ?? [];
  return approvalView(row, votes);
}

/** Everything the request page shows. */
export async function getApprovalDetail({ workspaceId, approvalId }: { workspaceId: string; approvalId: string }) {
  const view = await getApprovalView({ workspaceId, approvalId });
  const row = await db().approvalRequest.findFirstOrThrow({
    where: { id: approvalId, workspaceId },
    select: {
      agentId: true,
      agent: {
        select: {
          id: true,
          externalId: true,
          name: true,
          trustScore: true,
          autonomyLevel: true,
          riskTier: true,
          status: true,
          ownerId: true,
          owner: { select: { email: true } },
        },
      },
      votes: { select: { userId: true } },
      decidedById: true,
    },
  });
  const since = new Date(Date.now() - 30 * 86_400_000);
  const history = row.agentId
    ? await db().approvalRequest.groupBy({
        by: ["status"],
        where: {
          workspaceId,
          agentId: row.agentId,
          action: view.action,
          createdAt: { gte: since },
          id: { not: approvalId },
        },
        _count: { _all: true },
      })
    : [];
  const policy = view.policy
    ? await db().policyVersion.findFirst({
        where: { policyId: view.policy.id, workspaceId, version: view.policy.version ?? 0 },
        select: { id: true, version: true, policy: { select: { name: true } } },
      })
    : null;
  return {
    view,
    agent: row.agent,
    voters: row.votes.map((v) => v.userId),
    policyName: policy?.policy.name ?? null,
    history: Object.fromEntries(history.map((h) => [h.status, h._count._all])) as Partial<Record<string, number>>,
  };
}
