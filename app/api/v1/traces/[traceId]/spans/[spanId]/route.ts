import { apiRoute, json } from "@/lib/http/api-route";
import { getSpan } from "@/lib/traces/queries";
import { readsSpanBodies, withoutBodies } from "@/lib/traces/span-bodies";
import { spanBodyAccess } from "@/lib/workspaces";

// One span, whole — but its bodies only for those the workspace lets read them.
export const GET = apiRoute<{ traceId: string; spanId: string }>(
  { scope: "read", permission: "traces:read" },
  async (_request, { principal, params }) => {
    const [span, access] = await Promise.all([
      getSpan({ workspaceId: principal.workspaceId, traceId: params.traceId, spanId: params.spanId }),
      spanBodyAccess(principal.workspaceId),
    ]);
    return json(readsSpanBodies(access, principal) ? span : withoutBodies(span));
  },
);
