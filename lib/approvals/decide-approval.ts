// An approver's answer to a held action. Enforced here, whatever the caller: the request must be
// routed to the approver's role (ADMIN may always decide), the agent's owner may not approve their
// own agent, nobody answers twice, one rejection rejects, a quorum needs that many distinct
// approvers of the request as it stands, an edited request must pass the guardrails again, and of
// two approvers at once exactly one settles it (the row is locked). Past its deadline a request is
// expired instead. The change, its audit events and its webhook commit together.
import "server-only";
import { z } from "zod";
import { database } from "../db";
import type { Actor } from "../audit";
import type { Role } from "../auth/permissions";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { enqueueSql } from "../outbox/enqueue";
import { evaluateRequest } from "../decisions/evaluate-request";
import { argsHash, type ApprovedRequest } from "./args-hash";
import { announceApproval } from "./announce";
import { roleMayDecide } from "./routing";
import { storableText } from "../policy/request";
import {
  approvalView,
  auditByChain,
  currentRequest,
  expireRows,
  lockApproval,
  readApproval,
  votesOf,
  webhookFor,
  type ApprovalRow,
  type ApprovalView,
} from "./approval-rows";

/** How long an approval's token may be used after the approval. */
export const TOKEN_TTL_MS = 15 * 60_000;

const attr = z.union([storableText(1000), z.number().finite(), z.boolean()]);

export const decideApprovalInput = z
  .object({
    decision: z.enum(["APPROVE", "REJECT"]),
    reason: storableText(500).trim().optional(),
    comment: storableText(2000).trim().optional(),
    /** Approve with changes: a new amount and/or resource attributes; the approval binds to them. */
    changes: z
      .object({
        amount: z.number().finite().min(-1e12).max(1e12).optional(),
        attributes: z.record(storableText(100, 1), attr).optional(),
      })
      .strict()
      .optional(),
    /** The request as the approver saw it (argsHash): a request edited since is refused, not approved blind. */
    expectedArgsHash: z.string().max(64).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "REJECT" && (v.reason ?? "").length < 3)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why you reject it (at least 3 characters)." });
    if (v.decision === "REJECT" && v.changes)
      ctx.addIssue({ code: "custom", path: ["changes"], message: "Only an approval can carry changes." });
  });

export type DecideApprovalInput = z.input<typeof decideApprovalInput>;

export interface Decider {
  userId: string;
  email: string;
  role: Role;
  actor: Actor;
}

export type DecideApprovalResult = {
  status: ApprovalView["status"];
  approvals: number;
  quorum: number;
  view: ApprovalView;
};

/** The edited request, and the guardrails' verdict on it (a deny still wins over an approver). */
async function checkChanges(row: ApprovalRow, changes: NonNullable<z.output<typeof decideApprovalInput>["changes"]>) {
  const base = currentRequest(row);
  const edited = {
    agent: row.agentExternalId,
    action: row.action,
    resource: { ...base.resource, attributes: { ...(base.resource.attributes ?? {}), ...(changes.attributes ?? {}) } },
    context: { ...base.context, ...(changes.amount !== undefined ? { amount: changes.amount } : {}) },
  };
  const { request, result } = await evaluateRequest({ workspaceId: row.workspaceId, body: edited });
  if (result.outcome === "DENY")
    throw new Invalid(`The guardrails deny the edited request: ${result.reasons.map((r) => r.message).join(" ")}`);
  return { resource: request.resource, context: request.context } satisfies ApprovedRequest;
}

function settledMessage(row: ApprovalRow) {
  const by = row.decidedByEmail ? ` by ${row.decidedByEmail}` : "";
  const at = row.decidedAt ? ` at ${new Date(row.decidedAt).toISOString().slice(0, 19).replace("T", " ")} UTC` : "";
  return `This request was already ${row.status.toLowerCase()}${by}${at}.`;
}

export async function decideApproval({
  workspaceId,
  approvalId,
  decider,
  input: raw,
  now,
}: {
  workspaceId: string;
  approvalId: string;
  decider: Decider;
  input: DecideApprovalInput;
  /** Decide as of this time (deadline checks); only the demo seed, replaying history, sets it. */
  now?: Date;
}): Promise<DecideApprovalResult> {
  const parsed = decideApprovalInput.safeParse(raw);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]!.message);
  const input = parsed.data;
  if (!/^[\w-]{1,64}$/.test(approvalId)) throw new NotFound("Approval request not found.");

  // The edit is evaluated before the transaction (Cedar takes milliseconds; the row lock should not).
  let edited: ApprovedRequest | null = null;
  if (input.changes && (input.changes.amount !== undefined || input.changes.attributes)) {
    const row = await readApproval(database(), { workspaceId, approvalId });
    if (!row) throw new NotFound("Approval request not found.");
    edited = await checkChanges(row, input.changes);
  }

  const at = now ?? new Date();
  const outcome = await database().sqlTransaction(async (sql) => {
    const row = await lockApproval(sql, { workspaceId, approvalId });
    if (!row) throw new NotFound("Approval request not found.");
    if (row.status === "PENDING" && new Date(row.expiresAt) <= at) {
      await expireRows(sql, [row]);
      return { expired: row } as const;
    }
    if (row.status !== "PENDING") {
      // A row locked after a concurrent decision shows that decision, but not its joined decider.
      if (row.decidedById && !row.decidedByEmail) {
        const [u] = await sql.query<{ email: string }>(`SELECT "email" FROM "User" WHERE "id" = $1`, [row.decidedById]);
        row.decidedByEmail = u?.email ?? null;
      }
      throw new Conflict(settledMessage(row));
    }
    if (!roleMayDecide(decider.role, row.routedTo))
      throw new Forbidden(
        `This request is routed to ${row.routedTo ?? "ADMIN"}; your role (${decider.role}) cannot decide it.`,
      );
    if (row.agentOwnerId === decider.userId && input.decision === "APPROVE")
      throw new Forbidden("Separation of duties: you own this agent, so someone else must approve its request.");
    const votes = (await votesOf(sql, [row.id])).get(row.id) ?? [];
    if (input.expectedArgsHash && input.expectedArgsHash !== (row.approvedArgsHash ?? row.argsHash))
      throw new Conflict("Another approver changed this request since you opened it; review it again.");
    const mine = votes.find((v) => v.userId === decider.userId);
    if (mine) throw new Conflict(`You already ${mine.vote === "APPROVE" ? "approved" : "rejected"} this request.`);

    const binding = edited ?? currentRequest(row);
    const hash = edited ? argsHash(edited) : (row.approvedArgsHash ?? row.argsHash);
    const inserted = await sql.query(
      `INSERT INTO "ApprovalVote" ("id", "approvalId", "workspaceId", "userId", "vote", "reason", "comment", "argsHash", "createdAt")
       VALUES (gen_random_uuid()::text, $1, $2, $3, $4::"ApprovalVoteKind", $5, $6, $7, $8::timestamptz)
       ON CONFLICT ("approvalId", "userId") DO NOTHING RETURNING "id"`,
      [
        row.id,
        workspaceId,
        decider.userId,
        input.decision,
        input.reason ?? null,
        input.comment ?? null,
        hash,
        at.toISOString(),
      ],
    );
    if (inserted.length === 0) throw new Conflict("You already answered this request.");
    const approvals =
      votes.filter((v) => v.vote === "APPROVE" && v.argsHash === hash).length + (input.decision === "APPROVE" ? 1 : 0);
    const meta = {
      agent: row.agentExternalId,
      argsHash: hash,
      policy: row.policyId ? `${row.policyId}@${row.policyVersion}` : null,
      reason: input.reason ?? null,
      comment: input.comment ?? null,
    };
    const audit = [];
    if (edited) {
      audit.push({
        workspaceId,
        actor: decider.actor,
        action: "approval.edited",
        target: { type: "approval", id: row.id },
        before: currentRequest(row),
        after: edited,
        metadata: meta,
      });
    }
    let status: ApprovalRow["status"] = "PENDING";
    if (input.decision === "REJECT") status = "REJECTED";
    else if (approvals >= row.quorum) status = "APPROVED";
    const final = status !== "PENDING";
    const tokenExpiresAt = status === "APPROVED" ? new Date(at.getTime() + TOKEN_TTL_MS) : null;
    const [updated] = await sql.query<{ decidedAt: Date | null }>(
      `UPDATE "ApprovalRequest" SET "status" = $2::"ApprovalStatus", "approvedRequest" = $3::jsonb, "approvedArgsHash" = $4,
          "decidedById" = CASE WHEN $5 THEN $6 ELSE "decidedById" END,
          "decidedAt" = CASE WHEN $5 THEN $10::timestamptz ELSE "decidedAt" END,
          "decisionReason" = CASE WHEN $5 THEN $7 ELSE "decisionReason" END,
          "comment" = CASE WHEN $5 THEN $8 ELSE "comment" END,
          "tokenExpiresAt" = $9::timestamptz, "updatedAt" = now()
        WHERE "id" = $1 RETURNING "decidedAt"`,
      [
        row.id,
        status,
        edited || status === "APPROVED"
          ? JSON.stringify(binding)
          : row.approvedRequest
            ? JSON.stringify(row.approvedRequest)
            : null,
        edited || status === "APPROVED" ? hash : row.approvedArgsHash,
        final,
        decider.userId,
        input.reason ?? null,
        input.comment ?? null,
        tokenExpiresAt?.toISOString() ?? null,
        at.toISOString(),
      ],
    );
    audit.push({
      workspaceId,
      actor: decider.actor,
      action:
        status === "REJECTED"
          ? "approval.rejected"
          : status === "APPROVED"
            ? "approval.approved"
            : "approval.vote_recorded",
      target: { type: "approval", id: row.id },
      before: { status: "PENDING" },
      after: { status, approvals, quorum: row.quorum },
      metadata: meta,
    });
    const settled: ApprovalRow = {
      ...row,
      status,
      approvedRequest: edited || status === "APPROVED" ? binding : row.approvedRequest,
      approvedArgsHash: edited || status === "APPROVED" ? hash : row.approvedArgsHash,
      decidedById: final ? decider.userId : row.decidedById,
      decidedByEmail: final ? decider.email : row.decidedByEmail,
      decidedAt: final ? (updated?.decidedAt ?? new Date()) : row.decidedAt,
      decisionReason: final ? (input.reason ?? null) : row.decisionReason,
      comment: final ? (input.comment ?? null) : row.comment,
      tokenExpiresAt,
    };
    const allVotes = [
      ...votes,
      {
        userId: decider.userId,
        email: decider.email,
        vote: input.decision,
        reason: input.reason ?? null,
        comment: input.comment ?? null,
        argsHash: hash,
        createdAt: at,
      },
    ];
    const view = approvalView(settled, allVotes);
    if (final) await enqueueSql(sql, webhookFor(settled, view, "arbiter.approval.decided"));
    // Last before commit: the audit append holds the workspace chain's lock until the transaction ends.
    await auditByChain(sql, audit);
    return { result: { status, approvals, quorum: row.quorum, view } } as const;
  });

  if ("expired" in outcome) {
    await announceApproval({ workspaceId, approvalId, status: "EXPIRED", change: "expired" });
    throw new Conflict("This request expired at its deadline before it was decided (an expired request is a denial).");
  }
  const { status } = outcome.result;
  await announceApproval({
    workspaceId,
    approvalId,
    status,
    change: status === "APPROVED" ? "approved" : status === "REJECTED" ? "rejected" : "voted",
  });
  return outcome.result;
}
