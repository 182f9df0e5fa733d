// An agent acting on an approval presents its one-use token with the decision request for the
// same call. It is good only for the agent, action and arguments that were approved, while the
// policy that held the action is at the version that held it, before its expiry, and once: the
// first use claims it atomically (row lock), audited with the decision that used it.
import "server-only";
import { database } from "../db";
import { appendAuditEventsSql, type Actor } from "../audit";
import type { LoadedPolicies } from "../policy/policy-cache";
import type { Reason } from "../policy/evaluate";
import type { DecisionRequest } from "../policy/request";
import type { AgentRow } from "../decisions/evaluate-request";
import { argsHash } from "./args-hash";
import { tokenApprovalId, tokenMatches } from "./approval-token";
import { announceApproval } from "./announce";
import { lockApproval } from "./approval-rows";

type Redeemed = { ok: true; approvalId: string; reason: Reason } | { ok: false; reason: Reason };

const refuse = (message: string): Redeemed => ({
  ok: false,
  reason: { policyId: "arbiter:approval-token", version: 0, message },
});

export async function redeemApprovalToken({
  workspaceId,
  token,
  request,
  agent,
  policies,
  decisionId,
  actor,
}: {
  workspaceId: string;
  token: string;
  request: DecisionRequest;
  agent: AgentRow;
  policies: LoadedPolicies;
  decisionId: string;
  actor: Actor;
}): Promise<Redeemed> {
  const approvalId = tokenApprovalId(token);
  if (!approvalId) return refuse("The approval token is not valid.");
  const redeemed = await database().sqlTransaction(async (sql): Promise<Redeemed> => {
    const row = await lockApproval(sql, { workspaceId, approvalId });
    if (!row || row.status !== "APPROVED" || !row.approvedArgsHash || !row.tokenExpiresAt)
      return refuse("The approval token is not valid.");
    const binding = { approvalId, argsHash: row.approvedArgsHash, expiresAt: new Date(row.tokenExpiresAt) };
    if (!tokenMatches(token, binding)) return refuse("The approval token is not valid.");
    if (row.tokenUsedAt)
      return refuse(`The approval token was already used (at ${new Date(row.tokenUsedAt).toISOString()}); ask again.`);
    if (new Date(row.tokenExpiresAt) <= new Date())
      return refuse(`The approval token expired at ${new Date(row.tokenExpiresAt).toISOString()}; ask again.`);
    if (row.agentId !== agent.id)
      return refuse(`The approval token was issued to agent "${row.agentExternalId}", not "${agent.externalId}".`);
    if (row.action !== request.action)
      return refuse(`The approval token is for action "${row.action}", not "${request.action}".`);
    if (argsHash(request) !== row.approvedArgsHash) {
      const approved = (row.approvedRequest?.context ?? {}) as { amount?: number };
      const amount =
        approved.amount !== undefined && approved.amount !== request.context.amount
          ? ` (approved amount ${approved.amount}, asked ${request.context.amount ?? "none"})`
          : "";
      return refuse(`The request differs from the one approved${amount}; the token binds to the approved arguments.`);
    }
    const inForce = policies.versions.find((v) => v.policyId === row.policyId);
    if (row.policyId && inForce?.version !== row.policyVersion)
      return refuse(
        `The policy that held this action changed since it was approved (v${row.policyVersion} → ${inForce ? `v${inForce.version}` : "unpublished"}); ask again.`,
      );
    await sql.query(
      `UPDATE "ApprovalRequest" SET "tokenUsedAt" = now(), "tokenDecisionId" = $2, "updatedAt" = now() WHERE "id" = $1`,
      [approvalId, decisionId],
    );
    await appendAuditEventsSql(sql, [
      {
        workspaceId,
        actor,
        action: "approval.token_used",
        target: { type: "approval", id: approvalId },
        after: { decisionId },
        metadata: {
          agent: agent.externalId,
          argsHash: row.approvedArgsHash,
          policy: row.policyId ? `${row.policyId}@${row.policyVersion}` : null,
        },
      },
    ]);
    return {
      ok: true,
      approvalId,
      reason: {
        policyId: "arbiter:approval",
        version: row.policyVersion ?? 0,
        message: `Approved by ${row.decidedByEmail ?? "an approver"} (approval ${approvalId}).`,
      },
    };
  });
  if (redeemed.ok) await announceApproval({ workspaceId, approvalId, status: "APPROVED", change: "token_used" });
  return redeemed;
}

/**
 * Gives a redeemed token back when the decision that used it was not stored (the write failed,
 * or a retry with the same idempotency key had stored its own answer first): the agent may use it
 * again. Audited.
 */
export async function releaseApprovalToken({
  workspaceId,
  approvalId,
  decisionId,
  actor,
}: {
  workspaceId: string;
  approvalId: string;
  decisionId: string;
  actor: Actor;
}) {
  await database().sqlTransaction(async (sql) => {
    const released = await sql.query(
      `UPDATE "ApprovalRequest" SET "tokenUsedAt" = NULL, "tokenDecisionId" = NULL, "updatedAt" = now()
        WHERE "id" = $1 AND "workspaceId" = $2 AND "tokenDecisionId" = $3 RETURNING "id"`,
      [approvalId, workspaceId, decisionId],
    );
    if (released.length === 0) return;
    await appendAuditEventsSql(sql, [
      {
        workspaceId,
        actor,
        action: "approval.token_released",
        target: { type: "approval", id: approvalId },
        metadata: { decisionId, why: "the decision that used it was not stored" },
      },
    ]);
  });
}
