// Pure: what budgets at their limit do to a decision. A spend-bearing request (an action the
// budget names, or one a @spend policy permitted) under a HOLD budget at 100 % is held for a
// person; under a STOP budget it is denied; the reasons name the budget. Nothing else changes.
import Decimal from "decimal.js";
import type { Evaluation } from "../policy/evaluate";
import { applyLimit } from "./limit-effect";
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
  const governing = at.find((b) => b.action === "STOP") ?? at.find((b) => b.action === "HOLD");
  if (!governing || governing.action === "ALERT") return { result, budget: null };
  const effect = governing.action;
  const why = reason(
    governing,
    effect === "STOP" ? "spend-bearing actions are stopped" : "spend-bearing actions wait for approval",
  );
  return { result: applyLimit(result, effect, why), budget: governing };
}
