import { apiRoute, json } from "@/lib/http/api-route";
import { Invalid } from "@/lib/errors";
import { listTraces, listTracesQuery } from "@/lib/traces/queries";

export const GET = apiRoute({ scope: "read", permission: "traces:read" }, async (request, { principal }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  delete params.workspace;
  const query = listTracesQuery.safeParse(params);
  if (!query.success) throw new Invalid(query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return json(await listTraces({ workspaceId: principal.workspaceId, query: query.data }));
});
