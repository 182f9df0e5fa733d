import { apiRoute } from "@/lib/http/api-route";
import { db } from "@/lib/db";
import { Invalid } from "@/lib/errors";
import { ledgerCsv } from "@/lib/cost/ledger";
import { readCostParams } from "@/lib/cost/view-params";

export const GET = apiRoute({ scope: "read", permission: "costs:read" }, async (request, { principal }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { range, errors } = readCostParams({ params });
  if (errors.length) throw new Invalid(errors.join(" "));
  const workspace = await db().workspace.findUniqueOrThrow({
    where: { id: principal.workspaceId },
    select: { id: true, slug: true },
  });
  const csv = await ledgerCsv({ workspaces: [workspace], range });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="arbiter-costs-${workspace.slug}-${range.firstDay}-to-${range.lastDay}.csv"`,
    },
  });
});
