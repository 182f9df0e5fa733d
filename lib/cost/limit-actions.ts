// What a crossed limit does beyond the decision, inside the transaction that records it: post the
// workspace's notification (signed, through the outbox) and suspend the agent (audited). Budgets'
// alerts and circuit breakers' trips share them.
import "server-only";
import type { Sql } from "../db/connect";
import { appendAuditEventSql, systemActor } from "../audit";
import { enqueueSql } from "../outbox/enqueue";

/** Queues the CloudEvent for the workspace's notification URL; whether there is one to send to. */
export async function notifyWorkspace(
  sql: Sql,
  {
    workspaceId,
    eventId,
    type,
    path,
    data,
  }: { workspaceId: string; eventId: string; type: string; path: string; data: unknown },
): Promise<boolean> {
  const [ws] = await sql.query<{ slug: string; notificationUrl: string | null; signing: boolean }>(
    `SELECT "slug", "notificationUrl", "webhookSecret" IS NOT NULL AS signing FROM "Workspace" WHERE "id" = $1`,
    [workspaceId],
  );
  if (!ws?.notificationUrl || !ws.signing) return false;
  await enqueueSql(sql, [
    {
      workspaceId,
      eventId,
      type,
      source: `/workspaces/${ws.slug}${path}`,
      url: ws.notificationUrl,
      data,
      deadline: new Date(Date.now() + 24 * 3_600_000),
    },
  ]);
  return true;
}

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
