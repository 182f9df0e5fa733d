"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { WorkspaceAccess } from "@/lib/auth/access";
import { workspaceAction, type ActionConfig } from "@/lib/http/server-action";
import {
  acknowledgeAlertDef,
  createBreakerDef,
  createBudgetDef,
  deleteBreakerDef,
  deleteBudgetDef,
  repriceDef,
  updateBudgetDef,
} from "./action-defs";

/** The definition as a server action that refreshes the costs pages after a change. */
function costsAction<S extends z.ZodType, R>(
  d: { config: ActionConfig<S>; handler: (input: z.infer<S>, access: WorkspaceAccess) => Promise<R> },
  refresh = true,
) {
  return workspaceAction(d.config, async (input, access) => {
    const result = await d.handler(input, access);
    if (refresh) revalidatePath(`/${access.workspace.slug}/costs`, "layout");
    return result;
  });
}

export const createBudgetAction = costsAction(createBudgetDef);
export const updateBudgetAction = costsAction(updateBudgetDef);
export const deleteBudgetAction = costsAction(deleteBudgetDef);
export const acknowledgeAlertAction = costsAction(acknowledgeAlertDef);
export const createBreakerAction = costsAction(createBreakerDef);
export const deleteBreakerAction = costsAction(deleteBreakerDef);
export const repriceAction = costsAction(repriceDef);
