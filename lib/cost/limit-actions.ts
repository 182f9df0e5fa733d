// What a crossed limit does beyond the decision, inside the transaction that records it: suspend
// the agent (audited). Budgets' alerts and circuit breakers' trips share it, and post the
// workspace's notification (lib/outbox/notify-workspace.ts).
import "server-only";
import type { Sql } from "../db/connect";
import { appendAuditEventSql, systemActor } from "../audit";

/** Suspends an active agent for a crossed limit, audited; whether it was suspended now. */
export async function suspendForLimit(
  sql: Sql,
  {
    workspaceId,
    agentId,
    agent,
    reason,
    metadata,
  }: { workspaceId: string; agentId: string; agent: string | null; reason: string; metadata: Record<string, unknown> },
): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    `UPDATE "Agent" SET "status" = 'SUSPENDED', "statusReason" = $3, "updatedAt" = now()
      WHERE "id" = $1 AND "workspaceId" = $2 AND "status" = 'ACTIVE' RETURNING "id"`,
    [agentId, workspaceId, reason],
  );
  if (rows.length === 0) return false;
  await appendAuditEventSql(sql, {
    workspaceId,
    actor: systemActor,
    action: "agent.suspended",
    target: { type: "agent", id: agentId },
    before: { status: "ACTIVE" },
    after: { status: "SUSPENDED" },
    metadata: { reason, agent, ...metadata },
  });
  return true;
}
