// Budget and breaker alerts as people see them: listed newest first, acknowledged by an admin
// (audited); resolving is the roll-over's (budget-alerts.ts).
import "server-only";
import { db } from "../db";
import { appendAuditEvent, type Actor } from "../audit";
import { Conflict, NotFound } from "../errors";

export async function listAlerts({
  workspaceId,
  budgetId,
  limit = 50,
}: {
  workspaceId: string;
  budgetId?: string;
  limit?: number;
}) {
  return db().alert.findMany({
    where: { workspaceId, ...(budgetId ? { budgetId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { budget: { select: { id: true, name: true } }, breaker: { select: { id: true, name: true } } },
  });
}

export async function acknowledgeAlert({
  workspaceId,
  alertId,
  actor,
  userId,
}: {
  workspaceId: string;
  alertId: string;
  actor: Actor;
  userId: string;
}) {
  await db().$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({ where: { id: alertId, workspaceId } });
    if (!alert) throw new NotFound("Alert not found.");
    if (alert.status !== "OPEN") throw new Conflict(`This alert is already ${alert.status.toLowerCase()}.`);
    await tx.alert.update({
      where: { id: alert.id },
      data: { status: "ACKNOWLEDGED", acknowledgedAt: new Date(), acknowledgedById: userId },
    });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "alert.acknowledged",
      target: { type: alert.budgetId ? "budget" : "breaker", id: alert.budgetId ?? alert.breakerId ?? alert.id },
      before: { status: alert.status },
      after: { status: "ACKNOWLEDGED" },
      metadata: { alertId: alert.id, kind: alert.kind },
    });
  });
}
