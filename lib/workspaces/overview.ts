import "server-only";
import { db } from "../db";

/** The workspace's headline facts, all counted from the database. */
export async function workspaceOverview({ workspaceId }: { workspaceId: string }) {
  const since = new Date(Date.now() - 30 * 86_400_000);
  const [agents, suspendedAgents, members, activeKeys, traces, auditEvents, usage] = await Promise.all([
    db().agent.count({ where: { workspaceId } }),
    db().agent.count({ where: { workspaceId, status: "SUSPENDED" } }),
    db().membership.count({ where: { workspaceId } }),
    db().apiKey.count({ where: { workspaceId, revokedAt: null } }),
    db().trace.count({ where: { workspaceId } }),
    db().auditEvent.count({ where: { chain: workspaceId } }),
    db().usageDaily.aggregate({
      where: { workspaceId, day: { gte: since } },
      _sum: { costUsd: true, inputTokens: true, outputTokens: true },
    }),
  ]);
  return {
    agents,
    suspendedAgents,
    members,
    activeKeys,
    traces,
    auditEvents,
    spend30d: usage._sum.costUsd?.toNumber() ?? 0,
    tokens30d: (usage._sum.inputTokens ?? 0n) + (usage._sum.outputTokens ?? 0n),
  };
}

export function recentAuditEvents({ workspaceId, take = 8 }: { workspaceId: string; take?: number }) {
  return db().auditEvent.findMany({
    where: { chain: workspaceId },
    orderBy: { seq: "desc" },
    take,
    select: {
      seq: true,
      occurredAt: true,
      actorType: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      metadata: true,
    },
  });
}
