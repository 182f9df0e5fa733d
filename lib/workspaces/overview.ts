import "server-only";
import { database, db } from "../db";

/** The workspace's headline facts, all counted from the database. */
export async function workspaceOverview({ workspaceId }: { workspaceId: string }) {
  const now = Date.now();
  const since = new Date(now - 30 * 86_400_000);
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
    now,
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

/** Decisions per UTC day and outcome over the last `days` days, oldest first (the overview's chart). */
export async function decisionsByDay({
  workspaceId,
  days = 7,
  now = Date.now(),
}: {
  workspaceId: string;
  days?: number;
  now?: number;
}) {
  const start = new Date(now - (days - 1) * 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  return database().query<{ day: string; outcome: "ALLOW" | "DENY" | "REQUIRE_APPROVAL"; count: number }>(
    `SELECT to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, "outcome"::text AS outcome, count(*)::int AS count
       FROM "Decision" WHERE "workspaceId" = $1 AND "createdAt" >= $2
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [workspaceId, start],
  );
}

/** Agents that need a look: suspended ones, and those denied most in the last day. */
export async function agentsNeedingAttention({ workspaceId, now = Date.now() }: { workspaceId: string; now?: number }) {
  const [suspended, denied] = await Promise.all([
    db().agent.findMany({
      where: { workspaceId, status: "SUSPENDED" },
      select: { id: true, name: true, externalId: true, statusReason: true, updatedAt: true },
      orderBy: { updatedAt: "desc" },
      take: 5,
    }),
    database().query<{ id: string; name: string; externalId: string; denials: number }>(
      `SELECT a."id", a."name", a."externalId", count(*)::int AS denials
         FROM "Decision" d JOIN "Agent" a ON a."id" = d."agentId"
        WHERE d."workspaceId" = $1 AND d."createdAt" >= $2 AND d."outcome" = 'DENY' AND a."status" = 'ACTIVE'
        GROUP BY a."id", a."name", a."externalId" HAVING count(*) >= 3
        ORDER BY count(*) DESC, a."name" LIMIT 5`,
      [workspaceId, new Date(now - 86_400_000)],
    ),
  ]);
  return { suspended, denied };
}
