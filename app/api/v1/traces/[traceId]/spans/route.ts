import { apiRoute } from "@/lib/http/api-route";
import { getTraceSpanTableJson } from "@/lib/traces/queries";

/** All of a trace's spans without bodies, as { traceId, fields, rows }: compact for large traces. */
export const GET = apiRoute<{ traceId: string }>(
  { scope: "read", permission: "traces:read" },
  async (_request, { principal, params }) =>
    new Response(await getTraceSpanTableJson({ workspaceId: principal.workspaceId, traceId: params.traceId }), {
      headers: { "content-type": "application/json" },
    }),
);
