import type { Metadata } from "next";
import Link from "next/link";
import { findOrNotFound, requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { budgetAgents, getBudget } from "@/lib/cost/budgets";
import { readBudgetStates } from "@/lib/cost/budget-monitor";
import { listAlerts } from "@/lib/cost/alerts";
import { bucketsOf, localDate } from "@/lib/cost/ranges";
import { usageCube } from "@/lib/cost/usage-cube";
import { budgetChart } from "@/lib/cost/budget-chart";
import { exactUsd } from "@/lib/cost/money-format";
import { formatInZone } from "@/lib/cost/zone-format";
import { NotFound } from "@/lib/errors";
import { ACTIONS } from "@/lib/policy/schema";
import Decimal from "decimal.js";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { BudgetForm } from "@/components/costs/budget-form";
import { BudgetChart } from "@/components/costs/budget-chart";
import { BudgetMeter, resetLine } from "@/components/costs/budget-list";
import { AlertList } from "@/components/costs/alert-list";
import { DeleteBudgetButton } from "@/components/costs/delete-budget-button";
import { formatCost } from "@/components/traces/format";

export const metadata: Metadata = { title: "Budget" };

export default async function BudgetPage({ params }: { params: Promise<{ workspace: string; budgetId: string }> }) {
  const { workspace: slug, budgetId } = await params;
  const access = await requirePageAccess(slug, "costs:read");
  const workspaceId = access.workspace.id;
  const budget = await findOrNotFound(getBudget({ workspaceId, budgetId }));
  const state = await findOrNotFound(
    readBudgetStates({ workspaceId }).then((all) => {
      const s = all.find((b) => b.id === budget.id);
      if (!s) throw new NotFound("Budget not found.");
      return s;
    }),
  );
  const now = state.readAt;
  const buckets = bucketsOf({
    from: state.window.readFrom,
    to: state.window.readTo,
    zone: state.timeZone,
    bucket: "day",
    preset: null,
    firstDay: localDate(state.window.start, state.timeZone),
    lastDay: localDate(state.window.end - 1, state.timeZone),
  });
  const [cells, alerts, agents] = await Promise.all([
    usageCube({
      workspaceIds: [workspaceId],
      buckets,
      ...(state.agentExternalId ? { agent: state.agentExternalId } : {}),
      ...(state.model ? { model: state.model } : {}),
    }),
    listAlerts({ workspaceId, budgetId: budget.id }),
    can(access.role, "budgets:manage") ? budgetAgents(workspaceId) : Promise.resolve([]),
  ]);
  const daily = buckets.map((_, i) =>
    cells
      .filter((c) => c.bucket === i)
      .reduce((s, c) => s.plus(c.cost), new Decimal(0))
      .toFixed(9),
  );
  const points = budgetChart({ buckets, daily, forecast: state.forecast, spent: state.spent, now });
  const manage = can(access.role, "budgets:manage");
  const f = state.forecast;

  return (
    <div className="max-w-5xl space-y-4">
      <Link href={`/${slug}/costs`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Costs
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{budget.name}</h1>
          <p className="text-sm text-slate-500">
            {state.agentExternalId ? `Agent ${state.agentExternalId}` : "Every agent"}
            {state.model ? ` · model ${state.model}` : ""} · limit {exactUsd(state.limit)} ·{" "}
            {state.action === "ALERT" ? "alerts only" : state.action === "HOLD" ? "holds at 100 %" : "stops at 100 %"}
            {state.suspendAgent ? " and suspends the agent" : ""}
          </p>
        </div>
        <p className="text-sm font-medium text-slate-700">{resetLine(state)}</p>
      </div>
      <Card title="This period">
        <dl className="mb-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-500">Spent</dt>
            <dd className="text-xl font-semibold tabular-nums" title={exactUsd(state.spent)}>
              {formatCost(state.spent)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Remaining</dt>
            <dd className="text-xl font-semibold tabular-nums">{formatCost(state.remaining)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Used</dt>
            <dd className="text-xl font-semibold tabular-nums">{state.percent.toFixed(1)} %</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Forecast at period end</dt>
            <dd className={`text-xl font-semibold tabular-nums ${f?.over ? "text-amber-700" : ""}`}>
              {f ? formatCost(f.projected) : "—"}
            </dd>
            <dd className="text-[11px] text-slate-500">
              {f
                ? f.crossesAt
                  ? `crosses the limit around ${formatInZone(f.crossesAt, state.timeZone)}`
                  : f.over
                    ? "over the limit already"
                    : "stays under the limit"
                : state.period === "ROLLING"
                  ? "a rolling window has no end to forecast"
                  : "too early in the period to forecast"}
            </dd>
          </div>
        </dl>
        <BudgetMeter budget={state} />
        <div className="mt-4">
          <BudgetChart points={points} limit={Number(state.limit)} />
        </div>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Alerts">
          <AlertList slug={slug} alerts={alerts} canAcknowledge={manage} />
        </Card>
        <Card title="Closed periods">
          {budget.periods.length === 0 ? (
            <p className="text-sm text-slate-500">None yet: a period is kept here when it ends.</p>
          ) : (
            <Table label="Closed periods">
              <thead>
                <tr>
                  <Th>Period</Th>
                  <Th className="text-right">Spent</Th>
                  <Th className="text-right">Limit</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {budget.periods.map((p) => (
                  <tr key={p.periodStart.toISOString()}>
                    <Td className="text-xs">
                      {localDate(p.periodStart.getTime(), state.timeZone)} –{" "}
                      {localDate(p.periodEnd.getTime() - 1, state.timeZone)}
                    </Td>
                    <Td className="text-right tabular-nums">{formatCost(p.spentUsd.toString())}</Td>
                    <Td className="text-right tabular-nums">{formatCost(p.limitUsd.toString())}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
      {manage ? (
        <Card title="Edit budget" actions={<DeleteBudgetButton slug={slug} budgetId={budget.id} name={budget.name} />}>
          <BudgetForm
            slug={slug}
            budgetId={budget.id}
            agents={agents}
            actions={ACTIONS}
            zones={Intl.supportedValuesOf("timeZone")}
            initial={{
              name: budget.name,
              agentId: budget.agentId ?? "",
              model: budget.model ?? "",
              period: budget.period,
              rollingDays: String(budget.rollingDays ?? 30),
              timeZone: budget.timeZone,
              limitUsd: budget.limitUsd.toString(),
              thresholds: budget.thresholds.join(", "),
              action: budget.action,
              suspendAgent: budget.suspendAgent,
              spendActions: budget.spendActions,
            }}
          />
        </Card>
      ) : null}
    </div>
  );
}
