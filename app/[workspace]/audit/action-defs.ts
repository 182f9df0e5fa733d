// The audit area's server actions as plain definitions (tests run exactly what actions.ts exposes).
import { z } from "zod";
import { actionDef } from "@/lib/http/server-action";
import { Forbidden } from "@/lib/errors";
import { startVerifyRun } from "@/lib/audit/verify-runs";
import { chainFor } from "@/lib/audit/audit-page";

export const verifyChainDef = actionDef(
  z.object({ workspace: z.string(), chain: z.enum(["workspace", "global"]) }),
  "audit:read",
  async ({ chain: which }, access) => {
    const chain = chainFor(access, which);
    if (!chain) throw new Forbidden("Only admins read the sign-in chain.");
    const run = await startVerifyRun(chain);
    return { startedAt: run.startedAt.toISOString() };
  },
);
