// The policies a new workspace starts with: the classic cases, as Cedar. Amounts are USD.
import type { PolicySource } from "./evaluate";

export interface StarterPolicy extends Omit<PolicySource, "policyId" | "version" | "mode"> {
  description: string;
}

export const STARTER_PACK: StarterPolicy[] = [
  {
    name: "baseline",
    set: "GUARDRAILS",
    description: "Agents may act unless a guardrail forbids it; read-only agents may only read.",
    source: `@message("Agents may act unless a guardrail forbids it.")
permit (principal, action, resource);

@message("A read-only agent may only read.")
forbid (principal, action, resource)
when { principal.autonomy == "READ_ONLY" }
unless { action == Arbiter::Action::"read" };
`,
  },
  {
    name: "purchase-limits",
    set: "GUARDRAILS",
    description: "Purchase orders above the agent's spending limit, or to a blacklisted vendor, are denied.",
    source: `@message("Purchase orders above the agent's spending limit are denied.")
forbid (principal, action == Arbiter::Action::"purchase", resource)
when {
  principal has spendingLimit &&
  context has amount &&
  context.amount.greaterThan(principal.spendingLimit)
};

@message("Purchases from a blacklisted vendor are denied.")
forbid (principal, action == Arbiter::Action::"purchase", resource)
when { resource.blacklisted };
`,
  },
  {
    name: "no-destructive-tools-for-public-agents",
    set: "GUARDRAILS",
    description: "Destructive tools are never allowed for public-facing agents.",
    source: `@message("Public-facing agents never use destructive tools.")
forbid (principal, action, resource)
when { principal.publicFacing && resource.destructive };
`,
  },
  {
    name: "refund-review",
    set: "APPROVALS",
    description: "Refunds over $500, or at confidence below 0.8, are held for an approver.",
    source: `@message("Refunds over $500 are held for a human.")
@route("APPROVER")
@timeout("4h")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has amount && context.amount.greaterThan(decimal("500.0000")) };

@message("Refunds the agent is unsure about (confidence below 0.8) are held for a human.")
@route("APPROVER")
@timeout("4h")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has confidence && context.confidence.lessThan(decimal("0.8000")) };
`,
  },
  {
    name: "finance-production-writes",
    set: "APPROVALS",
    description: "Writes to production data in the finance workspace are held for an admin.",
    source: `@message("Writes to production data in the finance workspace are held for a human.")
@route("ADMIN")
@timeout("1h")
permit (
  principal in Arbiter::Workspace::"finance",
  action in [Arbiter::Action::"write", Arbiter::Action::"delete"],
  resource
)
when { resource.environment == "production" };
`,
  },
];
