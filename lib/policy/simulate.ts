import "server-only";
import { candidateSources, withCompiled } from "./candidate";
import {
  evaluateFor,
  evaluateRequest,
  loadAgents,
  parseDecisionRequest,
  unknownAgent,
} from "../decisions/evaluate-request";
import type { Evaluation } from "./evaluate";

function answer(result: Evaluation, policies: number, against: "published" | "draft") {
  return {
    outcome: result.outcome,
    reasons: result.reasons,
    errors: result.errors,
    approval: result.approval,
    shadow: result.shadow,
    policies,
    against,
  };
}

/**
 * What the policies would answer to a request, without storing or auditing it: the published
 * set, or — given a policy's draft — the set publishing that draft would put in force.
 */
export async function simulateDecision({
  workspaceId,
  body,
  draft,
}: {
  workspaceId: string;
  body: unknown;
  draft?: { policyId: string; source: string };
}) {
  if (!draft) {
    const { policies, result } = await evaluateRequest({ workspaceId, body });
    return answer(result, policies.versions.length, "published");
  }
  const request = parseDecisionRequest(body);
  const agent = (await loadAgents(workspaceId, [request.agent])).get(request.agent);
  if (!agent) throw unknownAgent(request.agent);
  const sources = await candidateSources(workspaceId, draft);
  return withCompiled(sources, (compiled) => answer(evaluateFor(compiled, request, agent), sources.length, "draft"));
}
