// A decision request as agents send it, and the Cedar request it becomes.
import { z } from "zod";
import type { Context, EntityJson, EntityUid } from "@cedar-policy/cedar-wasm/nodejs";
import { ACTIONS, AUTONOMY_LEVELS, NAMESPACE, RISK_TIERS } from "./schema";

/** Text the database can store: PostgreSQL refuses the NUL character in text and jsonb. */
export const storableText = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters");

const attr = z.union([storableText(1000), z.number().finite(), z.boolean()]);

export const decisionRequestSchema = z.object({
  agent: storableText(512, 1),
  action: z.enum(ACTIONS, { error: `action must be one of: ${ACTIONS.join(", ")}` }),
  resource: z.object({
    kind: storableText(100, 1),
    id: storableText(512, 1),
    riskTier: z.enum(RISK_TIERS).default("LOW"),
    dataClass: z.enum(["public", "internal", "confidential", "restricted"]).default("internal"),
    environment: z.enum(["production", "staging", "development", ""]).default(""),
    destructive: z.boolean().default(false),
    blacklisted: z.boolean().default(false),
    attributes: z.record(storableText(100, 1), attr).default({}),
  }),
  context: z
    .object({
      amount: z.number().finite().min(-1e12).max(1e12).optional(),
      currency: storableText(10, 1).optional(),
      confidence: z.number().min(0).max(1).optional(),
      reason: storableText(2000).optional(),
    })
    .strict()
    .default({}),
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/i)
    .optional(),
  spanId: z
    .string()
    .regex(/^[0-9a-f]{16}$/i)
    .optional(),
  /** A retry with the same key returns the same decision and approval instead of opening another. */
  idempotencyKey: storableText(200, 1).optional(),
  /** Where to POST the approval's outcome (signed), when the action is held. */
  callbackUrl: storableText(2000, 1).optional(),
  /** The one-use token of an approved request, presented to act on it. */
  approvalToken: storableText(300, 1).optional(),
});

export type DecisionRequest = z.output<typeof decisionRequestSchema>;

/** What Arbiter knows about the asking agent, as policies see it. */
export interface AgentFacts {
  externalId: string;
  name: string;
  owner: string;
  workspace: string;
  status: "ACTIVE" | "SUSPENDED";
  trustScore: number;
  autonomy: (typeof AUTONOMY_LEVELS)[number];
  riskTier: (typeof RISK_TIERS)[number];
  publicFacing: boolean;
  spendingLimitUsd: string | null;
}

/** Cedar's decimal has four fractional digits and a ±922 trillion range. */
export function cedarDecimal(n: number): { __extn: { fn: string; arg: string } } {
  const fixed = (Math.round(n * 10_000) / 10_000).toFixed(4);
  return { __extn: { fn: "decimal", arg: fixed } };
}

const uid = (type: string, id: string): EntityUid => ({ type: `${NAMESPACE}::${type}`, id });

export interface CedarRequest {
  principal: EntityUid;
  action: EntityUid;
  resource: EntityUid;
  context: Context;
  entities: EntityJson[];
}

/** What a policy sees of the budget covering the request (context.budget). */
export interface BudgetFacts {
  name: string;
  percent: number;
  spentUsd: string;
  limitUsd: string;
  remainingUsd: string;
}

export function toCedarRequest(request: DecisionRequest, agent: AgentFacts, budget?: BudgetFacts | null): CedarRequest {
  const workspace = uid("Workspace", agent.workspace);
  const principal = uid("Agent", agent.externalId);
  const resource = uid("Resource", `${request.resource.kind}:${request.resource.id}`);
  const r = request.resource;
  const context: Context = {};
  if (request.context.amount !== undefined) context.amount = cedarDecimal(request.context.amount);
  if (request.context.confidence !== undefined) context.confidence = cedarDecimal(request.context.confidence);
  if (request.context.currency !== undefined) context.currency = request.context.currency;
  if (request.context.reason !== undefined) context.reason = request.context.reason;
  if (budget) {
    context.budget = {
      name: budget.name,
      percent: Math.min(Math.floor(budget.percent), 1_000_000),
      spentUsd: cedarDecimal(Number(budget.spentUsd)),
      limitUsd: cedarDecimal(Number(budget.limitUsd)),
      remainingUsd: cedarDecimal(Number(budget.remainingUsd)),
      exceeded: budget.percent >= 100,
    };
  }
  return {
    principal,
    action: uid("Action", request.action),
    resource,
    context,
    entities: [
      { uid: workspace, attrs: {}, parents: [] },
      {
        uid: principal,
        attrs: {
          name: agent.name,
          owner: agent.owner,
          workspace: agent.workspace,
          status: agent.status,
          trustScore: agent.trustScore,
          autonomy: agent.autonomy,
          autonomyRank: AUTONOMY_LEVELS.indexOf(agent.autonomy),
          riskTier: agent.riskTier,
          riskRank: RISK_TIERS.indexOf(agent.riskTier),
          publicFacing: agent.publicFacing,
          ...(agent.spendingLimitUsd !== null ? { spendingLimit: cedarDecimal(Number(agent.spendingLimitUsd)) } : {}),
        },
        parents: [workspace],
      },
      {
        uid: resource,
        attrs: {
          kind: r.kind,
          riskTier: r.riskTier,
          riskRank: RISK_TIERS.indexOf(r.riskTier),
          dataClass: r.dataClass,
          environment: r.environment,
          destructive: r.destructive,
          blacklisted: r.blacklisted,
        },
        parents: [workspace],
        tags: Object.fromEntries(Object.entries(r.attributes).map(([k, v]) => [k, String(v)])),
      },
    ],
  };
}
