// An agent withdraws a request it no longer needs (its task ended, the user gave up): a pending
// request becomes CANCELLED, audited, announced; a settled one is left as it is (409).
import "server-only";
import { database } from "../db";
import type { Actor } from "../audit";
import { Conflict, NotFound } from "../errors";
import { announceApproval } from "./announce";
import { auditByChain, lockApproval } from "./approval-rows";

export async function cancelApproval({
  workspaceId,
  approvalId,
  actor,
  reason,
}: {
  workspaceId: string;
  approvalId: string;
  actor: Actor;
  reason: string | null;
}) {
  if (!/^[\w-]{1,64}$/.test(approvalId)) throw new NotFound("Approval request not found.");
  await database().sqlTransaction(async (sql) => {
    const row = await lockApproval(sql, { workspaceId, approvalId });
    if (!row) throw new NotFound("Approval request not found.");
    if (row.status !== "PENDING" || new Date(row.expiresAt) <= new Date())
      throw new Conflict(`This request is ${row.status.toLowerCase()}; only a pending request can be cancelled.`);
    await sql.query(
      `UPDATE "ApprovalRequest" SET "status" = 'CANCELLED', "decidedAt" = now(), "decisionReason" = $2, "updatedAt" = now()
        WHERE "id" = $1`,
      [approvalId, reason],
    );
    await auditByChain(sql, [
      {
        workspaceId,
        actor,
        action: "approval.cancelled",
        target: { type: "approval", id: approvalId },
        before: { status: "PENDING" },
        after: { status: "CANCELLED" },
        metadata: { agent: row.agentExternalId, reason, argsHash: row.argsHash },
      },
    ]);
  });
  await announceApproval({ workspaceId, approvalId, status: "CANCELLED", change: "cancelled" });
}
