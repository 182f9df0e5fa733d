import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { costExplorer } from "@/lib/cost/cost-explorer";
import { readBudgetStates } from "@/lib/cost/budget-monitor";
import { listAlerts } from "@/lib/cost/alerts";
import { readCostParams, ZONE_COOKIE } from "@/lib/cost/view-params";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { FormError } from "@/components/ui/field";
import { CostControls } from "@/components/costs/cost-controls";
import { SpendChart } from "@/components/costs/spend-chart";
import { CostSummary, TokenKinds, UnpricedNotice, WhereItWent } from "@/components/costs/cost-panels";
import { BudgetList } from "@/components/costs/budget-list";
import { AlertList } from "@/components/costs/alert-list";
import { TimeZoneSync } from "@/components/costs/time-zone-sync";
import { BreakerList } from "@/components/costs/breaker-list";
import { BreakerForm } from "@/components/costs/breaker-form";
import { readBreakers } from "@/lib/cost/breakers";
import { budgetAgents } from "@/lib/cost/budgets";
import { ACTIONS } from "@/lib/policy/schema";
import { PRICE_DATA_VERSION } from "@/lib/ingest/price";
import { RepricePanel } from "@/components/costs/reprice-panel";

export const metadata: Metadata = { title: "Costs" };

export default async function CostsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "costs:read");
  const raw = await searchParams;
  const cookieZone = (await cookies()).get(ZONE_COOKIE)?.value ?? null;
  const { range, by, errors } = readCostParams({ params: raw, cookieZone });
  const workspace = { id: access.workspace.id, name: access.workspace.name, slug };
  const manage = can(access.role, "budgets:manage");
  const [view, budgets, alerts, breakers, agents] = await Promise.all([
    costExplorer({ workspaces: [workspace], range, by }),
    readBudgetStates({ workspaceId: workspace.id }),
    listAlerts({ workspaceId: workspace.id, limit: 20 }),
    readBreakers(workspace.id),
    manage ? budgetAgents(workspace.id) : Promise.resolve([]),
  ]);
  const base = `/${slug}/costs`;
  const exportHref = `/api/v1/costs/ledger?${new URLSearchParams({
    workspace: slug,
    from: range.firstDay,
    to: range.lastDay,
    tz: range.zone,
  })}`;
  const openAlerts = alerts.filter((a) => a.status === "OPEN").length;

  return (
    <div className="max-w-7xl space-y-4">
      <TimeZoneSync current={cookieZone} />
      <PageHeader
        title="Costs"
        description="What this workspace's agents and models spend, from priced token usage, and the budgets that govern it."
        actions={
          <div className="flex items-center gap-2">
            <Link href="/costs" className="text-sm text-slate-600 hover:text-brand-700 hover:underline">
              All workspaces
            </Link>
            <a
              href={exportHref}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50"
            >
              Export CSV
            </a>
          </div>
        }
      />
      <CostControls
        base={base}
        range={range}
        by={by}
        stackOptions={["agent", "model", "provider"]}
        zoneFromUrl={typeof raw.tz === "string" ? raw.tz : null}
      />
      {errors.map((e) => (
        <FormError key={e} message={e} />
      ))}
      <CostSummary view={view} />
      <UnpricedNotice view={view} />
      <Card title="Spend over time" description={`Stacked by ${by}; hover a bar for the exact amounts.`}>
        {view.totals.spans === 0 ? (
          <p className="text-sm text-slate-500">
            No usage in this range. Spend appears as agents send traces with model calls (see Traces).
          </p>
        ) : (
          <SpendChart series={view.series} />
        )}
      </Card>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)]">
        <Card
          title="Budgets"
          description="This period's spend against each limit."
          actions={
            manage ? (
              <Link
                href={`${base}/budgets/new`}
                className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-brand-700"
              >
                New budget
              </Link>
            ) : null
          }
        >
          <BudgetList slug={slug} budgets={budgets} />
          {!manage ? <p className="mt-3 text-xs text-slate-500">Only admins create and change budgets.</p> : null}
        </Card>
        <Card title="Alerts" description={openAlerts ? `${openAlerts} open` : "Raised once per threshold per period."}>
          <AlertList slug={slug} alerts={alerts} canAcknowledge={manage} />
        </Card>
      </div>
      <Card
        title="Circuit breakers"
        description="How often an agent may do something in a window; past it, the next decision is held or denied. Each agent's count is on its page."
      >
        <BreakerList slug={slug} breakers={breakers} manage={manage} />
        {manage ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <BreakerForm slug={slug} agents={agents} actions={ACTIONS} />
          </div>
        ) : null}
      </Card>
      <WhereItWent view={view} slugOf={() => slug} />
      <TokenKinds view={view} />
      {manage ? (
        <Card title="Re-pricing" description="Prices change and models get added: recompute this range's costs.">
          <RepricePanel
            slug={slug}
            from={range.firstDay}
            to={range.lastDay}
            zone={range.zone}
            priceVersion={PRICE_DATA_VERSION}
          />
        </Card>
      ) : null}
    </div>
  );
}
