// The Arbiter Cedar schema: what policies may say about agents, resources, actions and the
// request context. Requests are validated against it; so are policies before they publish.

export const AUTONOMY_LEVELS = ["READ_ONLY", "SUGGEST", "EXECUTE_WITH_APPROVAL", "CONDITIONAL_AUTO", "FULL"] as const;
export const RISK_TIERS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;

/**
 * The actions agents ask about. Each applies to an Agent acting on a Resource; the resource's
 * `kind` says what it is ("tool", "vendor", "order", "table", …).
 */
export const ACTIONS = [
  "call_tool",
  "read",
  "write",
  "delete",
  "refund",
  "purchase",
  "pay",
  "send_message",
  "deploy",
  "delegate",
] as const;
export type Action = (typeof ACTIONS)[number];

export const NAMESPACE = "Arbiter";

export const ARBITER_SCHEMA = `namespace ${NAMESPACE} {
  // The workspace an agent belongs to: principal in Arbiter::Workspace::"finance".
  entity Workspace;

  entity Agent in [Workspace] = {
    name: String,
    // The owner's email, or "" when nobody owns the agent.
    owner: String,
    workspace: String,
    status: String,
    // 0..100, adjusted by governance outcomes.
    trustScore: Long,
    // READ_ONLY | SUGGEST | EXECUTE_WITH_APPROVAL | CONDITIONAL_AUTO | FULL, and its rank 0..4.
    autonomy: String,
    autonomyRank: Long,
    // LOW | MEDIUM | HIGH | CRITICAL, and its rank 0..3.
    riskTier: String,
    riskRank: Long,
    publicFacing: Bool,
    spendingLimit?: decimal,
  };

  // What the action touches. Free attributes of the request are the resource's tags:
  // resource.hasTag("region") && resource.getTag("region") == "eu".
  entity Resource in [Workspace] = {
    kind: String,
    riskTier: String,
    riskRank: Long,
    // public | internal | confidential | restricted
    dataClass: String,
    // production | staging | development | "" (unknown)
    environment: String,
    destructive: Bool,
    blacklisted: Bool,
  } tags String;

  type Request = {
    amount?: decimal,
    currency?: String,
    // 0.0 .. 1.0: how sure the agent is.
    confidence?: decimal,
    reason?: String,
    // The budget covering this agent that is most used (lib/cost): what it spent and allows in
    // its current period, in USD. context.budget.percent >= 80 holds big spends near the line.
    budget?: {
      name: String,
      percent: Long,
      spentUsd: decimal,
      limitUsd: decimal,
      remainingUsd: decimal,
      exceeded: Bool,
    },
  };

${ACTIONS.map((a) => `  action "${a}" appliesTo { principal: [Agent], resource: [Resource], context: Request };`).join("\n")}
}
`;
