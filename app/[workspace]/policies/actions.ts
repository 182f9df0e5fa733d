"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/http/server-action";
import { simulateDecision } from "@/lib/policy/simulate";
import { Invalid } from "@/lib/errors";

export const simulateDecisionAction = workspaceAction(
  { input: z.object({ workspace: z.string(), request: z.string().max(20_000) }), permission: "policies:read" },
  async ({ request }, access) => {
    let body: unknown;
    try {
      body = JSON.parse(request);
    } catch {
      throw new Invalid("The request is not valid JSON.");
    }
    return simulateDecision({ workspaceId: access.workspace.id, body });
  },
);
