// The approval sweeps the scheduler runs on every instance: pending requests past their deadline
// become EXPIRED (a denial), and requests past their @escalate time are routed to ADMIN too. Each
// claims its rows with FOR UPDATE SKIP LOCKED, so instances never settle one row twice, and acts on
// whatever is due — a request whose deadline passed while every server was down expires on the
// first sweep after the restart.
import "server-only";
import { database } from "../db";
import { systemActor } from "../audit";
import { enqueueSql } from "../outbox/enqueue";
import { announceApproval } from "./announce";
import {
  APPROVAL_SELECT,
  approvalView,
  auditByChain,
  expireRows,
  votesOf,
  webhookFor,
  type ApprovalRow,
} from "./approval-rows";

const BATCH = 200;

/**
 * Expires every due pending request (in batches), or only `only` — a read must never show a
 * lapsed request as pending; the number expired.
 */
export async function expireDueApprovals(only?: { workspaceId: string; approvalId: string }): Promise<number> {
  const [filter, params] = only
    ? [`AND a."id" = $1 AND a."workspaceId" = $2`, [only.approvalId, only.workspaceId]]
    : ["", []];
  let total = 0;
  for (;;) {
    const expired = await database().sqlTransaction(async (sql) => {
      const due = await sql.query<ApprovalRow>(
        `${APPROVAL_SELECT} WHERE a."status" = 'PENDING' AND a."expiresAt" <= now() ${filter}
          ORDER BY a."expiresAt" LIMIT ${BATCH} FOR UPDATE OF a SKIP LOCKED`,
        params,
      );
      return expireRows(sql, due);
    });
    for (const r of expired)
      await announceApproval({ workspaceId: r.workspaceId, approvalId: r.id, status: "EXPIRED", change: "expired" });
    total += expired.length;
    if (expired.length < BATCH) return total;
  }
}

/** Escalates every due pending request to ADMIN (audited, announced, webhook); the number escalated. */
export async function escalateDueApprovals(): Promise<number> {
  const escalated = await database().sqlTransaction(async (sql) => {
    const due = await sql.query<ApprovalRow>(
      `${APPROVAL_SELECT} WHERE a."status" = 'PENDING' AND a."escalatedAt" IS NULL AND a."escalateAt" <= now()
         AND a."expiresAt" > now() ORDER BY a."escalateAt" LIMIT ${BATCH} FOR UPDATE OF a SKIP LOCKED`,
    );
    if (due.length === 0) return [];
    const updated = await sql.query<{ id: string; escalatedAt: Date }>(
      `UPDATE "ApprovalRequest" SET "escalatedAt" = now(), "updatedAt" = now() WHERE "id" = ANY($1::text[])
       RETURNING "id", "escalatedAt"`,
      [due.map((r) => r.id)],
    );
    const at = new Map(updated.map((u) => [u.id, u.escalatedAt]));
    const rows = due.map((r) => ({ ...r, escalatedAt: at.get(r.id) ?? new Date() }));
    const votes = await votesOf(
      sql,
      rows.map((r) => r.id),
    );
    await enqueueSql(
      sql,
      rows.flatMap((r) => webhookFor(r, approvalView(r, votes.get(r.id) ?? []), "arbiter.approval.escalated")),
    );
    // The audit append last: it holds the chain's lock until commit.
    await auditByChain(
      sql,
      rows.map((r) => ({
        workspaceId: r.workspaceId,
        actor: systemActor,
        action: "approval.escalated",
        target: { type: "approval", id: r.id },
        before: { routedTo: r.routedTo },
        after: { routedTo: r.routedTo, escalatedTo: "ADMIN" },
        metadata: {
          agent: r.agentExternalId,
          argsHash: r.argsHash,
          policy: r.policyId ? `${r.policyId}@${r.policyVersion}` : null,
        },
      })),
    );
    return rows;
  });
  for (const r of escalated)
    await announceApproval({ workspaceId: r.workspaceId, approvalId: r.id, status: "PENDING", change: "escalated" });
  return escalated.length;
}
