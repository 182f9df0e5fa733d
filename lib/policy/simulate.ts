import "server-only";
import { evaluateRequest } from "./decide";

/** What the published policies would answer to a request, without storing or auditing it. */
export async function simulateDecision({ workspaceId, body }: { workspaceId: string; body: unknown }) {
  const { policies, result } = await evaluateRequest({ workspaceId, body });
  return {
    outcome: result.outcome,
    reasons: result.reasons,
    errors: result.errors,
    approval: result.approval,
    shadow: result.shadow,
    policies: policies.versions.length,
  };
}
