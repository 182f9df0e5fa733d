import "server-only";
import { db } from "../db";

/** The workspace's headline facts, all counted from the database. */
export async function workspaceOverview({ workspaceId }: { workspaceId: string }) {
  const [agents, suspendedAgents, members, activeKeys, traces, auditEvents] = await Promise.all([
    db().agent.count({ where: { workspaceId } }),
    db().agent.count({ where: { workspaceId, status: "SUSPENDED" } }),
    db().membership.count({ where: { workspaceId } }),
    db().apiKey.count({ where: { workspaceId, revokedAt: null } }),
    db().trace.count({ where: { workspaceId } }),
    db().auditEvent.count({ where: { chain: workspaceId } }),
  ]);
  return { agents, suspendedAgents, members, activeKeys, traces, auditEvents };
}

export function recentAuditEvents({ workspaceId, take = 8 }: { workspaceId: string; take?: number }) {
  return db().auditEvent.findMany({
    where: { chain: workspaceId },
    orderBy: { seq: "desc" },
    take,
    select: { seq: true, occurredAt: true, actorType: true, actorLabel: true, action: true, targetType: true },
  });
}
