// Reading and settling approval rows inside a driver-level transaction: the shared steps of
// deciding, expiring and escalating, so each writes its state, audit events and webhooks the same way.
import "server-only";
import type { Sql } from "../db/connect";
import { appendAuditEventsSql, systemActor, type AuditInput } from "../audit";
import { enqueueSql, type OutboxInput } from "../outbox/enqueue";
import { approvalToken } from "./approval-token";
import type { ApprovedRequest } from "./args-hash";

export interface ApprovalRow {
  id: string;
  workspaceId: string;
  slug: string;
  decisionId: string | null;
  agentId: string | null;
  agentExternalId: string | null;
  agentOwnerId: string | null;
  action: string;
  params: Record<string, unknown> & { kind: string; id: string; attributes?: Record<string, unknown> };
  context: Record<string, unknown>;
  risk: string;
  reason: string;
  policyId: string | null;
  policyVersion: number | null;
  routedTo: string | null;
  quorum: number;
  status: "PENDING" | "APPROVED" | "REJECTED" | "EXPIRED" | "CANCELLED";
  expiresAt: Date;
  escalateAt: Date | null;
  escalatedAt: Date | null;
  argsHash: string;
  approvedRequest: ApprovedRequest | null;
  approvedArgsHash: string | null;
  decidedById: string | null;
  decidedByEmail: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  comment: string | null;
  webhookUrl: string | null;
  tokenExpiresAt: Date | null;
  tokenUsedAt: Date | null;
  tokenDecisionId: string | null;
  traceId: string | null;
  spanId: string | null;
  createdAt: Date;
}

export interface VoteRow {
  userId: string;
  email: string;
  vote: "APPROVE" | "REJECT";
  reason: string | null;
  comment: string | null;
  argsHash: string;
  createdAt: Date;
}

export const APPROVAL_SELECT = `SELECT a."id", a."workspaceId", w."slug", a."decisionId", a."agentId", ag."externalId" AS "agentExternalId",
    ag."ownerId" AS "agentOwnerId", a."action", a."params", a."context", a."risk"::text AS "risk", a."reason", a."policyId",
    a."policyVersion", a."routedTo", a."quorum", a."status"::text AS "status", a."expiresAt", a."escalateAt", a."escalatedAt",
    a."argsHash", a."approvedRequest", a."approvedArgsHash", a."decidedById", u."email" AS "decidedByEmail", a."decidedAt",
    a."decisionReason", a."comment", a."webhookUrl", a."tokenExpiresAt", a."tokenUsedAt", a."tokenDecisionId",
    a."traceId", a."spanId", a."createdAt"
  FROM "ApprovalRequest" a
  JOIN "Workspace" w ON w."id" = a."workspaceId"
  LEFT JOIN "Agent" ag ON ag."id" = a."agentId"
  LEFT JOIN "User" u ON u."id" = a."decidedById"`;

/** One approval of the workspace as it is now (no lock); null when not there. */
export async function readApproval(sql: Sql, { workspaceId, approvalId }: { workspaceId: string; approvalId: string }) {
  const [row] = await sql.query<ApprovalRow>(`${APPROVAL_SELECT} WHERE a."id" = $1 AND a."workspaceId" = $2`, [
    approvalId,
    workspaceId,
  ]);
  return row ?? null;
}

/** One approval of the workspace, row-locked until the transaction ends; null when not there. */
export async function lockApproval(sql: Sql, { workspaceId, approvalId }: { workspaceId: string; approvalId: string }) {
  const [row] = await sql.query<ApprovalRow>(
    `${APPROVAL_SELECT} WHERE a."id" = $1 AND a."workspaceId" = $2 FOR UPDATE OF a`,
    [approvalId, workspaceId],
  );
  return row ?? null;
}

export async function votesOf(sql: Sql, approvalIds: string[]): Promise<Map<string, VoteRow[]>> {
  const rows = await sql.query<VoteRow & { approvalId: string }>(
    `SELECT v."approvalId", v."userId", u."email", v."vote"::text AS "vote", v."reason", v."comment", v."argsHash", v."createdAt"
       FROM "ApprovalVote" v JOIN "User" u ON u."id" = v."userId"
      WHERE v."approvalId" = ANY($1::text[]) ORDER BY v."createdAt", v."id"`,
    [approvalIds],
  );
  const byApproval = new Map<string, VoteRow[]>();
  for (const r of rows) byApproval.set(r.approvalId, [...(byApproval.get(r.approvalId) ?? []), r]);
  return byApproval;
}

/** The request as it stands for approval: as edited by an approver, or as asked. */
export function currentRequest(row: ApprovalRow): ApprovedRequest {
  return (row.approvedRequest ?? { resource: row.params, context: row.context }) as ApprovedRequest;
}

/** What agents (the read API, webhooks) see of an approval. The token only while it can be used. */
export function approvalView(row: ApprovalRow, votes: VoteRow[], now = new Date()) {
  const usable =
    row.status === "APPROVED" &&
    row.tokenUsedAt === null &&
    row.tokenExpiresAt !== null &&
    new Date(row.tokenExpiresAt) > now &&
    row.approvedArgsHash !== null;
  const binding = currentRequest(row);
  return {
    id: row.id,
    status: row.status,
    agent: row.agentExternalId,
    action: row.action,
    requested: { resource: row.params, context: row.context },
    approved: row.status === "APPROVED" ? binding : null,
    /** The request as it now stands for approval (edited by an approver, or as asked) and its hash. */
    current: binding,
    currentArgsHash: row.approvedArgsHash ?? row.argsHash,
    edited: row.approvedArgsHash !== null && row.approvedArgsHash !== row.argsHash,
    policy: row.policyId ? { id: row.policyId, version: row.policyVersion } : null,
    reason: row.reason,
    routedTo: row.routedTo,
    quorum: row.quorum,
    approvals: votes.filter((v) => v.vote === "APPROVE" && v.argsHash === (row.approvedArgsHash ?? row.argsHash))
      .length,
    deciders: votes.map((v) => ({
      email: v.email,
      vote: v.vote,
      at: new Date(v.createdAt).toISOString(),
      reason: v.reason,
      comment: v.comment,
    })),
    decidedBy: row.decidedByEmail,
    decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
    decisionReason: row.decisionReason,
    comment: row.comment,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
    escalatedAt: row.escalatedAt ? new Date(row.escalatedAt).toISOString() : null,
    decisionId: row.decisionId,
    traceId: row.traceId,
    spanId: row.spanId,
    token: usable
      ? approvalToken({ approvalId: row.id, argsHash: row.approvedArgsHash!, expiresAt: new Date(row.tokenExpiresAt!) })
      : null,
    tokenExpiresAt: usable ? new Date(row.tokenExpiresAt!).toISOString() : null,
    tokenUsedAt: row.tokenUsedAt ? new Date(row.tokenUsedAt).toISOString() : null,
  };
}

export type ApprovalView = ReturnType<typeof approvalView>;

const WEBHOOK_GRACE_MS = 60 * 60_000;

/** The webhook for a settled approval, when the agent asked for one. */
export function webhookFor(row: ApprovalRow, view: ApprovalView, type: string): OutboxInput[] {
  if (!row.webhookUrl) return [];
  const now = Date.now();
  return [
    {
      workspaceId: row.workspaceId,
      eventId: `${row.id}:${type}`,
      type,
      source: `/workspaces/${row.slug}/approvals/${row.id}`,
      url: row.webhookUrl,
      data: view,
      // Until the request's deadline, and an hour past it for an outcome decided at the wire.
      deadline: new Date(Math.max(new Date(row.expiresAt).getTime(), now) + WEBHOOK_GRACE_MS),
    },
  ];
}

/**
 * Expires pending rows (already locked by the caller) whose deadline has passed: EXPIRED is a
 * denial. Audit events per workspace chain (in a stable order) and webhooks, in the caller's transaction.
 */
export async function expireRows(sql: Sql, rows: ApprovalRow[]): Promise<ApprovalRow[]> {
  if (rows.length === 0) return [];
  const updated = await sql.query<{ id: string; decidedAt: Date }>(
    `UPDATE "ApprovalRequest" SET "status" = 'EXPIRED', "decidedAt" = LEAST("expiresAt", now()), "updatedAt" = now()
      WHERE "id" = ANY($1::text[]) AND "status" = 'PENDING' RETURNING "id", "decidedAt"`,
    [rows.map((r) => r.id)],
  );
  const at = new Map(updated.map((u) => [u.id, u.decidedAt]));
  const expired = rows
    .filter((r) => at.has(r.id))
    .map((r) => ({ ...r, status: "EXPIRED" as const, decidedAt: at.get(r.id)! }));
  const votes = await votesOf(
    sql,
    expired.map((r) => r.id),
  );
  await enqueueSql(
    sql,
    expired.flatMap((r) => webhookFor(r, approvalView(r, votes.get(r.id) ?? []), "arbiter.approval.expired")),
  );
  // The audit append last: it holds the chain's lock until commit.
  await auditByChain(
    sql,
    expired.map((r) => ({
      workspaceId: r.workspaceId,
      actor: systemActor,
      action: "approval.expired",
      target: { type: "approval", id: r.id },
      before: { status: "PENDING" },
      after: { status: "EXPIRED" },
      metadata: {
        agent: r.agentExternalId,
        deadline: new Date(r.expiresAt).toISOString(),
        argsHash: r.argsHash,
        policy: r.policyId ? `${r.policyId}@${r.policyVersion}` : null,
      },
    })),
  );
  return expired;
}

/** Audit events of several workspaces: one append per chain, chains in sorted order (no deadlocks). */
export async function auditByChain(sql: Sql, events: AuditInput[]) {
  const chains = new Map<string, AuditInput[]>();
  for (const e of events) chains.set(e.workspaceId ?? "", [...(chains.get(e.workspaceId ?? "") ?? []), e]);
  for (const key of [...chains.keys()].sort()) await appendAuditEventsSql(sql, chains.get(key)!);
}
