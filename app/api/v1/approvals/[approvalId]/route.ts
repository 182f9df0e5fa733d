import { z } from "zod";
import { apiRoute, json } from "@/lib/http/api-route";
import { Invalid } from "@/lib/errors";
import { MAX_WAIT_SECONDS, waitForApproval } from "@/lib/approvals/wait-approval";

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
    return json(view, { headers: { "cache-control": "no-store" } });
  },
);
