// Pure: what budgets at their limit do to a decision. A spend-bearing request (an action the
// budget names, or one a @spend policy permitted) under a HOLD budget at 100 % is held for a
// person; under a STOP budget it is denied; the reasons name the budget. Nothing else changes.
import Decimal from "decimal.js";
import { DEFAULT_APPROVAL_ROUTE, DEFAULT_APPROVAL_TIMEOUT_MINUTES, type Evaluation } from "../policy/evaluate";
import type { BudgetFacts } from "../policy/request";
import type { BudgetState } from "./budget-monitor";

export const BUDGET_REASON_PREFIX = "budget:";

/** The budget a policy sees as context.budget: the most used of those covering the agent. */
export function budgetFacts(budgets: BudgetState[]): BudgetFacts | null {
  const top = [...budgets].sort((a, b) => b.percent - a.percent || (a.id < b.id ? -1 : 1))[0];
  return top
    ? { name: top.name, percent: top.percent, spentUsd: top.spent, limitUsd: top.limit, remainingUsd: top.remaining }
    : null;
}

const usd = (v: string) => `$${new Decimal(v).toFixed(2)}`;

function reason(b: BudgetState, effect: string) {
  return {
    policyId: `${BUDGET_REASON_PREFIX}${b.id}`,
    version: 0,
    message: `Budget "${b.name}" is at ${Math.floor(b.percent)} % (${usd(b.spent)} of ${usd(b.limit)}, resets ${new Date(
      b.window.end,
    ).toISOString()}): ${effect}.`,
  };
}

export function enforceBudgets(
  result: Evaluation,
  { action, budgets }: { action: string; budgets: BudgetState[] },
): { result: Evaluation; budget: BudgetState | null } {
  if (result.outcome === "DENY") return { result, budget: null };
  const at = budgets.filter(
    (b) =>
      b.action !== "ALERT" &&
      new Decimal(b.spent).gte(b.limit) &&
      (b.spendActions.includes(action) || result.spend === true),
  );
  const stop = at.find((b) => b.action === "STOP");
  if (stop) {
    return {
      result: {
        ...result,
        outcome: "DENY",
        reasons: [reason(stop, "spend-bearing actions are stopped")],
        approval: null,
      },
      budget: stop,
    };
  }
  const hold = at.find((b) => b.action === "HOLD");
  if (!hold) return { result, budget: null };
  const why = reason(hold, "spend-bearing actions wait for approval");
  if (result.outcome === "REQUIRE_APPROVAL") {
    return { result: { ...result, reasons: [why, ...result.reasons] }, budget: hold };
  }
  return {
    result: {
      ...result,
      outcome: "REQUIRE_APPROVAL",
      reasons: [why],
      approval: {
        policyId: why.policyId,
        version: 0,
        route: DEFAULT_APPROVAL_ROUTE,
        timeoutMinutes: DEFAULT_APPROVAL_TIMEOUT_MINUTES,
        escalateMinutes: null,
        quorum: 1,
      },
    },
    budget: hold,
  };
}
