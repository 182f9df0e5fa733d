import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { requireUser } from "@/lib/http/page-access";
import { listWorkspacesForUser } from "@/lib/workspaces";
import { can } from "@/lib/auth/permissions";
import { costExplorer } from "@/lib/cost/cost-explorer";
import { readCostParams, ZONE_COOKIE } from "@/lib/cost/view-params";
import { exactUsd } from "@/lib/cost/money-format";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { FormError } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { BrandLink } from "@/components/shell/brand-link";
import { CostControls } from "@/components/costs/cost-controls";
import { SpendChart } from "@/components/costs/spend-chart";
import { CostSummary, UnpricedNotice, WhereItWent } from "@/components/costs/cost-panels";
import { TimeZoneSync } from "@/components/costs/time-zone-sync";
import { formatCost } from "@/components/traces/format";

export const metadata: Metadata = { title: "Costs across workspaces" };

const change = (c: number | null) =>
  c === null ? "—" : `${c > 0 ? "+" : ""}${(c * 100).toFixed(Math.abs(c) < 0.1 ? 1 : 0)} %`;

export default async function AllCostsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const memberships = (await listWorkspacesForUser({ userId: user.id })).filter((m) => can(m.role, "costs:read"));
  const workspaces = memberships.map((m) => m.workspace);
  const raw = await searchParams;
  const cookieZone = (await cookies()).get(ZONE_COOKIE)?.value ?? null;
  const { range, by, errors } = readCostParams({ params: raw, cookieZone, defaultBy: "workspace" });
  const view = await costExplorer({ workspaces, range, by, compare: true });
  const slugs = new Map(workspaces.map((w) => [w.id, w.slug]));
  const home = workspaces[0] ? `/${workspaces[0].slug}` : "/";

  return (
    <>
      <header className="bg-slate-900">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between px-4 sm:px-6">
          <BrandLink href={home} />
          <Link href={home} className="text-sm text-slate-300 hover:text-white">
            ← Back to the dashboard
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-7xl space-y-4 px-4 py-6 sm:px-6">
        <TimeZoneSync current={cookieZone} />
        <PageHeader
          title="Costs across workspaces"
          description={`Spend in the ${workspaces.length} workspace${workspaces.length === 1 ? "" : "s"} you can read costs in, against the period before.`}
        />
        <CostControls
          base="/costs"
          range={range}
          by={by}
          stackOptions={["workspace", "agent", "model", "provider"]}
          zoneFromUrl={typeof raw.tz === "string" ? raw.tz : null}
        />
        {errors.map((e) => (
          <FormError key={e} message={e} />
        ))}
        <CostSummary view={view} />
        <UnpricedNotice view={view} />
        <Card title="Spend over time" description={`Stacked by ${by}; hover a bar for the exact amounts.`}>
          {view.totals.spans === 0 ? (
            <p className="text-sm text-slate-500">No usage in this range in any of your workspaces.</p>
          ) : (
            <SpendChart series={view.series} />
          )}
        </Card>
        <Card title="Cost by workspace" description="This range against the range just before it, as long.">
          <Table label="Cost by workspace">
            <thead>
              <tr>
                <Th>Workspace</Th>
                <Th className="text-right">Spend</Th>
                <Th className="text-right">Previous period</Th>
                <Th className="text-right">Change</Th>
                <Th>Top agent</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.workspaces.map((w) => (
                <tr key={w.workspaceId}>
                  <Td>
                    <Link
                      href={`/${slugs.get(w.workspaceId)}/costs`}
                      className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    >
                      {w.name}
                    </Link>
                  </Td>
                  <Td className="text-right tabular-nums" title={exactUsd(w.cost)}>
                    {formatCost(w.cost)}
                  </Td>
                  <Td className="text-right text-slate-500 tabular-nums">{formatCost(w.previous)}</Td>
                  <Td
                    className={`text-right tabular-nums ${w.change !== null && w.change > 0 ? "text-red-700" : w.change !== null && w.change < 0 ? "text-emerald-700" : "text-slate-500"}`}
                  >
                    {change(w.change)}
                  </Td>
                  <Td>
                    {w.topAgent ? (
                      <span>
                        {w.topAgent.label} <span className="text-xs text-slate-500">{formatCost(w.topAgent.cost)}</span>
                      </span>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <WhereItWent view={view} slugOf={(id) => slugs.get(id) ?? ""} />
      </main>
    </>
  );
}
