// The costs area's server actions as plain definitions (input schema, permission, handler), so
// tests run exactly what actions.ts exposes ("use server" files may export only the actions).
import { z } from "zod";
import { actionDef } from "@/lib/http/server-action";
import { Invalid } from "@/lib/errors";
import { createBudget, deleteBudget, updateBudget } from "@/lib/cost/budgets";
import { acknowledgeAlert } from "@/lib/cost/alerts";
import { createBreaker, deleteBreaker } from "@/lib/cost/breakers";
import { repriceRange } from "@/lib/cost/reprice";
import { readCostParams } from "@/lib/cost/view-params";

const id = z.string().min(1).max(64);
// The budget's and breaker's own fields are checked in lib/cost (budgetInputSchema, breakerInputSchema).
const fields = z.record(z.string(), z.unknown());
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const def = actionDef;

const inWorkspace = z.object({ workspace: z.string() });

export const createBudgetDef = def(
  inWorkspace.extend({ budget: fields }),
  "budgets:manage",
  async ({ budget }, access) => {
    const created = await createBudget({
      workspaceId: access.workspace.id,
      input: budget,
      actor: access.actor,
      createdById: access.user.id,
    });
    return { id: created.id };
  },
);

export const updateBudgetDef = def(
  inWorkspace.extend({ budgetId: id, budget: fields }),
  "budgets:manage",
  async ({ budgetId, budget }, access) => {
    await updateBudget({ workspaceId: access.workspace.id, budgetId, input: budget, actor: access.actor });
    return null;
  },
);

export const deleteBudgetDef = def(
  inWorkspace.extend({ budgetId: id }),
  "budgets:manage",
  async ({ budgetId }, access) => {
    await deleteBudget({ workspaceId: access.workspace.id, budgetId, actor: access.actor });
    return null;
  },
);

export const acknowledgeAlertDef = def(
  inWorkspace.extend({ alertId: id }),
  "budgets:manage",
  async ({ alertId }, access) => {
    await acknowledgeAlert({ workspaceId: access.workspace.id, alertId, actor: access.actor, userId: access.user.id });
    return null;
  },
);

export const createBreakerDef = def(
  inWorkspace.extend({ breaker: fields }),
  "budgets:manage",
  async ({ breaker }, access) => {
    const created = await createBreaker({
      workspaceId: access.workspace.id,
      input: breaker,
      actor: access.actor,
      createdById: access.user.id,
    });
    return { id: created.id };
  },
);

export const deleteBreakerDef = def(
  inWorkspace.extend({ breakerId: id }),
  "budgets:manage",
  async ({ breakerId }, access) => {
    await deleteBreaker({ workspaceId: access.workspace.id, breakerId, actor: access.actor });
    return null;
  },
);

export const repriceDef = def(
  inWorkspace.extend({ from: localDate, to: localDate, tz: z.string().max(64), apply: z.boolean() }),
  "budgets:manage",
  async ({ from, to, tz, apply }, access) => {
    const { range, errors } = readCostParams({ params: { from, to, tz } });
    if (errors.length) throw new Invalid(errors.join(" "));
    return repriceRange({
      workspaceId: access.workspace.id,
      from: new Date(range.from),
      to: new Date(range.to),
      apply,
      actor: access.actor,
    });
  },
);
