"use server";

import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { userActor } from "@/lib/audit";
import { assertCanCreateWorkspace, createWorkspace } from "@/lib/workspaces";
import { actionError, type ActionResult } from "@/lib/http/server-action";
import { Invalid, Unauthorized } from "@/lib/errors";

const input = z.object({ name: z.string(), slug: z.string().optional() });

// Not workspace-scoped, so not workspaceAction: the permission is "ADMIN somewhere".
export async function createWorkspaceAction(raw: unknown): Promise<ActionResult<{ slug: string }>> {
  try {
    const user = await getSessionUser();
    if (!user) throw new Unauthorized("Your session has ended; sign in again.");
    const parsed = input.safeParse(raw);
    if (!parsed.success) throw new Invalid("The input is invalid.");
    await assertCanCreateWorkspace({ userId: user.id });
    const workspace = await createWorkspace({
      name: parsed.data.name,
      slug: parsed.data.slug || undefined,
      actor: userActor(user),
      adminUserId: user.id,
    });
    return { ok: true, data: { slug: workspace.slug } };
  } catch (error) {
    return actionError(error);
  }
}
