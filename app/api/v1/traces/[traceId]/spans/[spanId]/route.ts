import { apiRoute, json } from "@/lib/http/api-route";
import { getSpan } from "@/lib/traces/queries";

export const GET = apiRoute<{ traceId: string; spanId: string }>(
  { scope: "read", permission: "traces:read" },
  async (_request, { principal, params }) =>
    json(await getSpan({ workspaceId: principal.workspaceId, traceId: params.traceId, spanId: params.spanId })),
);
