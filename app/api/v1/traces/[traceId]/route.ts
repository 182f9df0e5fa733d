import { apiRoute, json } from "@/lib/http/api-route";
import { getTrace } from "@/lib/traces/queries";

export const GET = apiRoute<{ traceId: string }>(
  { scope: "read", permission: "traces:read" },
  async (_request, { principal, params }) =>
    json(await getTrace({ workspaceId: principal.workspaceId, traceId: params.traceId })),
);
