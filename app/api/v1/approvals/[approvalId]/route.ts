import { z } from "zod";
import { apiRoute, json } from "@/lib/http/api-route";
import { approvalRoute } from "@/lib/http/machine-routes";
import { Invalid } from "@/lib/errors";
import { cancelApproval } from "@/lib/approvals/cancel-approval";
import { getApprovalView } from "@/lib/approvals/get-approval";
import { issuesMessage } from "@/lib/http/read-json";
import { readBody } from "@/lib/ingest/read-body";
import { storableText } from "@/lib/policy/request";

// An agent reads (or long-polls) its held request; with a key, the data-plane server answers in
// production. A signed-in person is answered here.
export const GET = approvalRoute.next;

const cancelSchema = z.object({ reason: storableText(500).trim().optional() }).strict();

// The agent withdraws its pending request (optional JSON body { reason }); 409 once settled.
export const DELETE = apiRoute<{ approvalId: string }>({ scope: "decide" }, async (request, { principal, params }) => {
  const text = (await readBody(request, { limit: 4096 })).toString("utf8");
  let body: unknown = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new Invalid("The body is not valid JSON.");
    }
  }
  const input = cancelSchema.safeParse(body);
  if (!input.success) throw new Invalid(issuesMessage(input.error.issues));
  await cancelApproval({
    workspaceId: principal.workspaceId,
    approvalId: params.approvalId,
    actor: principal.actor,
    reason: input.data.reason ?? null,
  });
  return json(await getApprovalView({ workspaceId: principal.workspaceId, approvalId: params.approvalId }));
});
