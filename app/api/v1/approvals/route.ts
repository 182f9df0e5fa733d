import { apiRoute, json } from "@/lib/http/api-route";
import { Invalid } from "@/lib/errors";
import { issuesMessage } from "@/lib/http/read-json";
import { inboxQuery, listApprovals } from "@/lib/approvals/list-approvals";

// The inbox list (?view=mine|pending|decided|expired, agent, policy, risk, age). A key sees the
// workspace's requests ("mine" needs a person: keys get "pending" by default).
export const GET = apiRoute({ scope: "read", permission: "approvals:read" }, async (request, { principal }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  delete params.workspace;
  const query = inboxQuery.safeParse({ view: principal.role ? "mine" : "pending", ...params });
  if (!query.success) throw new Invalid(issuesMessage(query.error.issues));
  if (query.data.view === "mine" && !principal.role) throw new Invalid('view "mine" is for a signed-in member.');
  const data = await listApprovals({
    workspaceId: principal.workspaceId,
    member: { userId: principal.actor.id ?? "", role: principal.role ?? "VIEWER" },
    query: query.data,
  });
  return json({ data });
});
