// The policies the decision and impact benchmarks publish beside the starter pack (100 in all).
import { db } from "../lib/db";
import { systemActor } from "../lib/audit";
import { createPolicyTx } from "../lib/policy/publish-policy";

/** 95 policies beyond the starter pack: per-tool production guards, kind rules and holds. */
export function extraPolicies() {
  return Array.from({ length: 95 }, (_, i) => {
    const approvals = i % 5 === 4;
    return {
      name: `bench-${String(i).padStart(2, "0")}`,
      set: approvals ? ("APPROVALS" as const) : ("GUARDRAILS" as const),
      source: approvals
        ? `@message("tool_${i} in production is reviewed") @timeout("30m")
permit (principal, action == Arbiter::Action::"call_tool", resource)
when { resource.kind == "tool_${i}" && resource.environment == "production" };`
        : `@message("No tool_${i} for low-trust agents")
forbid (principal, action == Arbiter::Action::"call_tool", resource)
when { resource.kind == "tool_${i}" && principal.trustScore < ${20 + (i % 30)} }
unless { resource.hasTag("override") && resource.getTag("override") == "granted-${i}" };`,
    };
  });
}

/** Publishes them (version 1 each) in the workspace, in one transaction. */
export async function publishExtraPolicies(workspaceId: string) {
  await db().$transaction(
    async (tx) => {
      for (const p of extraPolicies()) {
        await createPolicyTx(tx, {
          workspaceId,
          ...p,
          description: null,
          message: "bench",
          actor: systemActor,
          authorId: null,
        });
      }
    },
    { timeout: 120_000 },
  );
}
