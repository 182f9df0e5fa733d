// What budgets add to a decision, measured in process (the server stopped, its database reopened):
// the same request evaluated against the workspace's 100 policies without budgets, and with the
// budget step — the monitor's memory read, context.budget given to Cedar, the enforcement —
// alternating in blocks so both see the same machine. Three budgets cover the agent.
import { openDatabase, type DatabaseTarget } from "../lib/db/connect";
import { installDatabase } from "../lib/db";
import { systemActor } from "../lib/audit";
import { createBudget } from "../lib/cost/budgets";
import { budgetsFor, refreshBudgets } from "../lib/cost/budget-monitor";
import { budgetFacts, enforceBudgets } from "../lib/cost/enforce-budgets";
import { evaluateFor, evaluateRequest } from "../lib/decisions/evaluate-request";

export interface BudgetOverhead {
  budgets: number;
  decisions: number;
  withoutUs: number;
  withUs: number;
  addedUs: number;
}

export async function measureBudgetOverhead(target: DatabaseTarget, workspaceId: string): Promise<BudgetOverhead> {
  const handle = openDatabase(target);
  installDatabase(handle);
  try {
    for (const input of [
      { name: "Workspace monthly", period: "MONTHLY", timeZone: "UTC", limitUsd: "1000", action: "HOLD" },
      {
        name: "gpt-4o rolling",
        model: "gpt-4o",
        period: "ROLLING",
        rollingDays: 7,
        timeZone: "UTC",
        limitUsd: "100",
        action: "ALERT",
      },
      { name: "Weekly stop", period: "WEEKLY", timeZone: "Europe/Berlin", limitUsd: "500", action: "STOP" },
    ]) {
      await createBudget({ workspaceId, input, actor: systemActor, createdById: null });
    }
    await refreshBudgets();
    const body = {
      agent: "buyer",
      action: "purchase",
      resource: { kind: "vendor", id: "acme" },
      context: { amount: 120 },
    };
    const { request, agent, policies } = await evaluateRequest({ workspaceId, body });
    const without = () => evaluateFor(policies.compiled, request, agent, null);
    const withBudgets = async () => {
      const budgets = await budgetsFor(workspaceId, agent.externalId);
      const evaluated = evaluateFor(policies.compiled, request, agent, budgetFacts(budgets));
      return enforceBudgets(evaluated, { action: request.action, budgets });
    };
    const BLOCK = 500;
    const ROUNDS = 20;
    for (let i = 0; i < BLOCK; i++) {
      without();
      await withBudgets();
    }
    let a = 0;
    let b = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let t = performance.now();
      for (let i = 0; i < BLOCK; i++) without();
      a += performance.now() - t;
      t = performance.now();
      for (let i = 0; i < BLOCK; i++) await withBudgets();
      b += performance.now() - t;
    }
    const n = BLOCK * ROUNDS;
    const budgets = (await budgetsFor(workspaceId, agent.externalId)).length;
    return { budgets, decisions: n, withoutUs: (a / n) * 1000, withUs: (b / n) * 1000, addedUs: ((b - a) / n) * 1000 };
  } finally {
    await handle.close();
  }
}
