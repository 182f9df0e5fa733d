import { apiRoute, json } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/read-json";
import { Forbidden } from "@/lib/errors";
import { decideApproval } from "@/lib/approvals/decide-approval";

// A signed-in approver's answer as JSON (the inbox's server action calls the same function).
// People only: an API key cannot approve what its agents asked for.
export const POST = apiRoute<{ approvalId: string }>(
  { scope: null, permission: "approvals:decide" },
  async (request, { principal, params }) => {
    const input = await readJson(request, { limit: 16 * 1024 });
    if (!principal.role || principal.actor.id === null) throw new Forbidden();
    const result = await decideApproval({
      workspaceId: principal.workspaceId,
      approvalId: params.approvalId,
      decider: {
        userId: principal.actor.id,
        email: principal.actor.label,
        role: principal.role,
        actor: principal.actor,
      },
      input: input as never,
    });
    // The token is the agent's, never the approver's.
    return json({
      status: result.status,
      approvals: result.approvals,
      quorum: result.quorum,
      approval: { ...result.view, token: null },
    });
  },
);
