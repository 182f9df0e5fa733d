"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/http/server-action";
import { updateAgentControls } from "@/lib/agents/update-agent-controls";
import { AUTONOMY_LEVELS } from "@/lib/policy/schema";

export const updateAgentControlsAction = workspaceAction(
  {
    input: z.object({
      workspace: z.string(),
      agentId: z.string().min(1).max(64),
      status: z.enum(["ACTIVE", "SUSPENDED"]).optional(),
      autonomyLevel: z.enum(AUTONOMY_LEVELS).optional(),
      reason: z.string().max(500),
    }),
    permission: "agents:manage",
  },
  async ({ agentId, status, autonomyLevel, reason }, access) => {
    const agent = await updateAgentControls({
      workspaceId: access.workspace.id,
      agentId,
      input: { reason, ...(status ? { status } : {}), ...(autonomyLevel ? { autonomyLevel } : {}) },
      actor: access.actor,
    });
    revalidatePath(`/${access.workspace.slug}/agents/${agentId}`);
    return { status: agent.status, autonomyLevel: agent.autonomyLevel };
  },
);
