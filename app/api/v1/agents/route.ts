import { apiRoute, json } from "@/lib/http/api-route";
import { listAgents } from "@/lib/agents/list-agents";

export const GET = apiRoute({ scope: "read", permission: "agents:read" }, async (_request, { principal }) =>
  json({ data: await listAgents({ workspaceId: principal.workspaceId }) }),
);
