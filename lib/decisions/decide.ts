// The decision endpoint's verb: evaluate a request, settle an approval token it presents, store
// the decision (with the approval request it opens and its audit event) and answer. Idempotent
// per key: a retry gets the stored decision back.
import "server-only";
import { randomUUID } from "node:crypto";
import { database } from "../db";
import type { Actor } from "../audit";
import { Conflict, Invalid } from "../errors";
import type { Outcome, Reason } from "../policy/evaluate";
import type { DecisionRequest } from "../policy/request";
import { argsHash, requestHash } from "../approvals/args-hash";
import { redeemApprovalToken, releaseApprovalToken } from "../approvals/redeem-approval-token";
import { announceApproval } from "../approvals/announce";
import { refuseTarget } from "../outbox/target-guard";
import { storeDecision, type DecisionRecord, type StoreResult } from "./decision-writer";
import { evaluateRequest, parseTraceparent } from "./evaluate-request";
import { countBreakers, enforceBreakers, recordTrips } from "../cost/breakers";

export interface DecisionAnswer {
  decisionId: string;
  decision: Outcome;
  reasons: Reason[];
  approval?: { id: string; expiresAt: string; status: string };
}

/** The answer a stored decision gave, for a retry with its idempotency key. */
async function storedAnswer(workspaceId: string, key: string, hash: string): Promise<DecisionAnswer | null> {
  const [row] = await database().query<{
    id: string;
    outcome: Outcome;
    reasons: Reason[];
    requestHash: string | null;
    approvalId: string | null;
    expiresAt: Date | null;
    status: string | null;
  }>(
    `SELECT d."id", d."outcome"::text AS "outcome", d."reasons", d."requestHash", a."id" AS "approvalId", a."expiresAt",
            a."status"::text AS "status"
       FROM "Decision" d LEFT JOIN "ApprovalRequest" a ON a."decisionId" = d."id"
      WHERE d."workspaceId" = $1 AND d."idempotencyKey" = $2`,
    [workspaceId, key],
  );
  if (!row) return null;
  if (row.requestHash !== hash)
    throw new Conflict("This idempotencyKey was already used for a different request; use a new key.");
  return {
    decisionId: row.id,
    decision: row.outcome,
    reasons: row.reasons,
    ...(row.approvalId && row.expiresAt
      ? { approval: { id: row.approvalId, expiresAt: new Date(row.expiresAt).toISOString(), status: row.status! } }
      : {}),
  };
}

export interface DecideInput {
  workspaceId: string;
  actor: Actor;
  apiKeyId: string | null;
  body: unknown;
  /** The body as the route's schema already checked it. */
  parsed?: DecisionRequest;
  traceparent: string | null;
  /** When the decision is taken; only the demo seed sets it (history over past days). */
  at?: Date;
}

/**
 * One decision: evaluate, then store the decision, any approval request it opens, and its audit
 * events in one transaction (grouped with the workspace's concurrent decisions; see
 * decision-writer.ts) before answering. Concurrent retries of one idempotency key all store
 * nothing but the first (ON CONFLICT) and answer with what it stored.
 */
export async function decide(
  { workspaceId, actor, apiKeyId, body, parsed, traceparent, at }: DecideInput,
  /** Where the decision is written; warming rehearses with one that keeps nothing. */
  store: (record: DecisionRecord) => Promise<StoreResult> = storeDecision,
): Promise<DecisionAnswer> {
  const started = performance.now();
  const evaluated = await evaluateRequest({ workspaceId, body, parsed });
  const { request, agent, policies, budget } = evaluated;
  const hash = request.idempotencyKey ? requestHash(request) : null;
  if (request.idempotencyKey) {
    const previous = await storedAnswer(workspaceId, request.idempotencyKey, hash!);
    if (previous) return previous;
  }
  // Circuit breakers count the agent's stored decisions (one query, only when a breaker applies).
  const counts =
    agent.status === "ACTIVE"
      ? await countBreakers({ workspaceId, agent: agent.externalId, request, now: (at ?? new Date()).getTime() })
      : [];
  const { result, tripped } = enforceBreakers(evaluated.result, counts);
  if (request.callbackUrl) {
    const refused = refuseTarget(request.callbackUrl);
    if (refused) throw new Invalid(refused);
    if (!agent.webhooksReady)
      throw new Invalid(
        "This workspace has no webhook signing secret yet: an admin creates one in Settings → Webhooks before agents send callbackUrl.",
      );
  }
  const link = request.traceId
    ? { traceId: request.traceId.toLowerCase(), spanId: request.spanId?.toLowerCase() ?? null }
    : parseTraceparent(traceparent);
  const decisionId = randomUUID();
  const createdAt = at ?? new Date();

  // A presented token settles a hold (or confirms an allow) only when the guardrails allow: a
  // suspended agent or a new deny wins over any approval, and the token stays unused.
  let outcome = result.outcome;
  let reasons = result.reasons;
  let viaApprovalId: string | null = null;
  if (request.approvalToken && outcome !== "DENY") {
    const used = await redeemApprovalToken({
      workspaceId,
      token: request.approvalToken,
      request,
      agent,
      policies,
      decisionId,
      actor,
    });
    outcome = used.ok ? "ALLOW" : "DENY";
    reasons = [used.reason];
    viaApprovalId = used.ok ? used.approvalId : null;
  }
  const latencyMs = performance.now() - started;

  const terms = outcome === "REQUIRE_APPROVAL" ? result.approval : null;
  const approval = terms
    ? {
        id: randomUUID(),
        agentId: agent.id,
        action: request.action,
        params: request.resource,
        context: request.context,
        risk: request.resource.riskTier,
        reason: reasons.map((r) => r.message).join(" "),
        routedTo: terms.route,
        policyId: terms.policyId,
        policyVersion: terms.version,
        quorum: terms.quorum,
        expiresAt: new Date(createdAt.getTime() + terms.timeoutMinutes * 60_000),
        escalateAt:
          terms.escalateMinutes !== null ? new Date(createdAt.getTime() + terms.escalateMinutes * 60_000) : null,
        argsHash: argsHash(request),
        webhookUrl: request.callbackUrl ?? null,
        traceId: link?.traceId ?? null,
        spanId: link?.spanId ?? null,
      }
    : null;
  const release = () =>
    viaApprovalId
      ? releaseApprovalToken({ workspaceId, approvalId: viaApprovalId, decisionId, actor }).catch((error) =>
          console.error("[arbiter] an approval token could not be released", error),
        )
      : undefined;
  const stored = await store({
    decision: {
      id: decisionId,
      workspaceId,
      agentId: agent.id,
      agentExternalId: agent.externalId,
      action: request.action,
      resource: request.resource,
      context: { ...request.context, ...(result.shadow ? { _shadow: result.shadow } : {}) },
      outcome,
      reasons,
      policyVersions: policies.versions,
      errors: result.errors,
      latencyMs,
      traceId: link?.traceId ?? null,
      spanId: link?.spanId ?? null,
      apiKeyId,
      idempotencyKey: request.idempotencyKey ?? null,
      requestHash: hash,
      viaApprovalId,
      createdAt,
    },
    approval,
    audit: [
      {
        workspaceId,
        actor,
        action: "decision.made",
        target: { type: "decision", id: decisionId },
        after: {
          agent: agent.externalId,
          action: request.action,
          resource: `${request.resource.kind}:${request.resource.id}`,
          outcome,
          policies: reasons.map((r) => `${r.policyId}@${r.version}`),
          ...(approval ? { approvalId: approval.id, argsHash: approval.argsHash } : {}),
          ...(viaApprovalId ? { viaApprovalId } : {}),
          // A budget at its limit that held or stopped this decision: the enforcement, audited.
          ...(tripped.length
            ? {
                breakers: tripped.map((t) => ({
                  id: t.rule.id,
                  name: t.rule.name,
                  count: t.count,
                  effect: t.rule.outcome,
                })),
              }
            : {}),
          ...(budget && outcome !== "ALLOW"
            ? {
                budget: {
                  id: budget.id,
                  name: budget.name,
                  effect: budget.action,
                  spentUsd: budget.spent,
                  limitUsd: budget.limit,
                },
              }
            : {}),
        },
      },
      ...(approval
        ? [
            {
              workspaceId,
              actor,
              action: "approval.created",
              target: { type: "approval", id: approval.id },
              after: { status: "PENDING", routedTo: approval.routedTo, quorum: approval.quorum },
              metadata: {
                agent: agent.externalId,
                decisionId,
                argsHash: approval.argsHash,
                policy: `${approval.policyId}@${approval.policyVersion}`,
                expiresAt: approval.expiresAt.toISOString(),
              },
            },
          ]
        : []),
    ],
  }).catch(async (error) => {
    await release();
    throw error;
  });
  if (stored === "duplicate") {
    await release();
    // Another instance stored this key first: its answer is the answer.
    const previous = await storedAnswer(workspaceId, request.idempotencyKey!, hash!);
    if (previous) return previous;
  }
  if (approval) await announceApproval({ workspaceId, approvalId: approval.id, status: "PENDING", change: "opened" });
  if (tripped.length)
    await recordTrips({ workspaceId, agent: agent.externalId, agentId: agent.id, tripped }).catch((error) =>
      console.error("[arbiter] a tripped breaker could not be recorded", error),
    );
  return {
    decisionId,
    decision: outcome,
    reasons,
    ...(approval
      ? { approval: { id: approval.id, expiresAt: approval.expiresAt.toISOString(), status: "PENDING" } }
      : {}),
  };
}
