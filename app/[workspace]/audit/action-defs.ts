// The audit area's server actions as plain definitions (tests run exactly what actions.ts exposes).
import { z } from "zod";
import { actionDef } from "@/lib/http/server-action";
import { Forbidden } from "@/lib/errors";
import { startVerifyRun } from "@/lib/audit/verify-runs";

export const verifyChainDef = actionDef(
  z.object({ workspace: z.string(), chain: z.enum(["workspace", "global"]) }),
  "audit:read",
  async ({ chain }, access) => {
    // The global chain (sign-ins, users) is the installation's: its admins only.
    if (chain === "global" && access.role !== "ADMIN") throw new Forbidden("Only admins read the sign-in chain.");
    const run = await startVerifyRun(chain === "global" ? "global" : access.workspace.id);
    return { startedAt: run.startedAt.toISOString() };
  },
);
