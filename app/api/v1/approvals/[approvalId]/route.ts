import { z } from "zod";
import { apiRoute, json } from "@/lib/http/api-route";
import { Invalid } from "@/lib/errors";
import { MAX_WAIT_SECONDS, waitForApproval } from "@/lib/approvals/wait-approval";
import { cancelApproval } from "@/lib/approvals/cancel-approval";
import { getApprovalView } from "@/lib/approvals/get-approval";
import { issuesMessage } from "@/lib/http/read-json";
import { readBody } from "@/lib/ingest/read-body";
import { storableText } from "@/lib/policy/request";

const waitSchema = z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS);

// An agent reads its held request: status, deciders, reason or comment, the approved (possibly
// edited) request and its one-use token. ?wait=N long-polls up to N seconds (at most 60).
export const GET = apiRoute<{ approvalId: string }>(
  { scope: "decide", permission: "approvals:read" },
  async (request, { principal, params }) => {
    const raw = new URL(request.url).searchParams.get("wait");
    const wait = raw === null ? { success: true as const, data: 0 } : waitSchema.safeParse(raw);
    if (!wait.success) throw new Invalid(`wait must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}.`);
    const view = await waitForApproval({
      workspaceId: principal.workspaceId,
      approvalId: params.approvalId,
      waitSeconds: wait.data,
      signal: request.signal,
    });
    // The token is the agent's: a person reading the request through the API does not get it.
    const shown = principal.kind === "session" ? { ...view, token: null } : view;
    return json(shown, { headers: { "cache-control": "no-store" } });
  },
);

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
