"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/http/server-action";
import { Invalid } from "@/lib/errors";
import { createBudget, deleteBudget, updateBudget } from "@/lib/cost/budgets";
import { acknowledgeAlert } from "@/lib/cost/alerts";
import { createBreaker, deleteBreaker } from "@/lib/cost/breakers";
import { repriceRange } from "@/lib/cost/reprice";
import { readCostParams } from "@/lib/cost/view-params";

const inWorkspace = z.object({ workspace: z.string() });
const id = z.string().min(1).max(64);
// The budget's own fields are checked by lib/cost/budgets.ts (budgetInputSchema).
const budgetFields = z.object({ budget: z.record(z.string(), z.unknown()) });

export const createBudgetAction = workspaceAction(
  { input: inWorkspace.extend(budgetFields.shape), permission: "budgets:manage" },
  async ({ budget }, access) => {
    const created = await createBudget({
      workspaceId: access.workspace.id,
      input: budget,
      actor: access.actor,
      createdById: access.user.id,
    });
    revalidatePath(`/${access.workspace.slug}/costs`);
    return { id: created.id };
  },
);

export const updateBudgetAction = workspaceAction(
  { input: inWorkspace.extend({ budgetId: id, ...budgetFields.shape }), permission: "budgets:manage" },
  async ({ budgetId, budget }, access) => {
    await updateBudget({ workspaceId: access.workspace.id, budgetId, input: budget, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/costs`);
    return null;
  },
);

export const deleteBudgetAction = workspaceAction(
  { input: inWorkspace.extend({ budgetId: id }), permission: "budgets:manage" },
  async ({ budgetId }, access) => {
    await deleteBudget({ workspaceId: access.workspace.id, budgetId, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/costs`);
    return null;
  },
);

export const acknowledgeAlertAction = workspaceAction(
  { input: inWorkspace.extend({ alertId: id }), permission: "budgets:manage" },
  async ({ alertId }, access) => {
    await acknowledgeAlert({ workspaceId: access.workspace.id, alertId, actor: access.actor, userId: access.user.id });
    revalidatePath(`/${access.workspace.slug}/costs`);
    return null;
  },
);

export const createBreakerAction = workspaceAction(
  { input: inWorkspace.extend({ breaker: z.record(z.string(), z.unknown()) }), permission: "budgets:manage" },
  async ({ breaker }, access) => {
    const created = await createBreaker({
      workspaceId: access.workspace.id,
      input: breaker,
      actor: access.actor,
      createdById: access.user.id,
    });
    revalidatePath(`/${access.workspace.slug}/costs`);
    return { id: created.id };
  },
);

export const deleteBreakerAction = workspaceAction(
  { input: inWorkspace.extend({ breakerId: id }), permission: "budgets:manage" },
  async ({ breakerId }, access) => {
    await deleteBreaker({ workspaceId: access.workspace.id, breakerId, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/costs`);
    return null;
  },
);

export const repriceAction = workspaceAction(
  {
    input: inWorkspace.extend({
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      tz: z.string().max(64),
      apply: z.boolean(),
    }),
    permission: "budgets:manage",
  },
  async ({ from, to, tz, apply }, access) => {
    const { range, errors } = readCostParams({ params: { from, to, tz } });
    if (errors.length) throw new Invalid(errors.join(" "));
    const report = await repriceRange({
      workspaceId: access.workspace.id,
      from: new Date(range.from),
      to: new Date(range.to),
      apply,
      actor: access.actor,
    });
    if (apply) revalidatePath(`/${access.workspace.slug}/costs`);
    return report;
  },
);
