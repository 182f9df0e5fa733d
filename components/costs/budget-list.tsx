// Budgets with where they stand this period: spent of limit, thresholds, what happens at 100 %,
// when the period resets, and the forecast. Renders BudgetState as the monitor computes it.
import Link from "next/link";
import Decimal from "decimal.js";
import type { BudgetState } from "@/lib/cost/budget-monitor";
import { describePeriod } from "@/lib/cost/periods";
import { exactUsd } from "@/lib/cost/money-format";
import { formatInZone } from "@/lib/cost/zone-format";
import { Badge } from "@/components/ui/badge";
import { formatCost } from "@/components/traces/format";

const ACTION_BADGE = {
  ALERT: { tone: "slate", label: "alert only" },
  HOLD: { tone: "amber", label: "holds at 100 %" },
  STOP: { tone: "red", label: "stops at 100 %" },
} as const;

export function resetLine(b: BudgetState): string {
  return b.period === "ROLLING"
    ? `Rolling: the oldest day drops at ${formatInZone(b.window.end, b.timeZone)}`
    : `Resets at ${formatInZone(b.window.end, b.timeZone)}`;
}

export function BudgetMeter({ budget: b }: { budget: BudgetState }) {
  const width = Math.min(b.percent, 100);
  const tone = b.percent >= 100 ? "bg-red-500" : b.percent >= 80 ? "bg-amber-500" : "bg-brand-500";
  return (
    <div
      className="relative h-2.5 rounded-full bg-slate-100"
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(width)}
      aria-label={`${b.name}: ${b.percent.toFixed(1)} % of the limit`}
    >
      <div className={`h-2.5 rounded-full ${tone}`} style={{ width: `${width}%` }} />
      {b.thresholds
        .filter((t) => t < 100)
        .map((t) => (
          <span key={t} className="absolute top-0 h-2.5 w-px bg-slate-400" style={{ left: `${t}%` }} title={`${t} %`} />
        ))}
    </div>
  );
}

export function BudgetList({ slug, budgets }: { slug: string; budgets: BudgetState[] }) {
  if (budgets.length === 0) return <p className="text-sm text-slate-500">No budgets yet.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {budgets.map((b) => {
        const badge = ACTION_BADGE[b.action];
        const f = b.forecast;
        return (
          <li key={b.id} className="space-y-1.5 py-3 first:pt-0 last:pb-0">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <Link
                href={`/${slug}/costs/budgets/${b.id}`}
                className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
              >
                {b.name}
              </Link>
              <span className="text-sm tabular-nums" title={`${exactUsd(b.spent)} of ${exactUsd(b.limit)}`}>
                <strong className="font-semibold text-slate-900">{formatCost(b.spent)}</strong>
                <span className="text-slate-500"> of {formatCost(b.limit)} · </span>
                <span className={b.percent >= 100 ? "font-semibold text-red-700" : "text-slate-700"}>
                  {b.percent.toFixed(b.percent < 10 ? 1 : 0)} %
                </span>
              </span>
            </div>
            <BudgetMeter budget={b} />
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
              <Badge tone={badge.tone}>{badge.label}</Badge>
              <span>
                {b.agentExternalId ? `agent ${b.agentExternalId}` : "every agent"}
                {b.model ? ` · model ${b.model}` : ""} · {describePeriod(b)}
              </span>
              <span>{resetLine(b)}</span>
              {f ? (
                <span className={f.over ? "font-medium text-amber-800" : undefined}>
                  Forecast {formatCost(f.projected)} at period end
                  {f.crossesAt ? `, over the limit around ${formatInZone(f.crossesAt, b.timeZone)}` : ""}
                </span>
              ) : null}
              {new Decimal(b.spent).gte(b.limit) && b.action !== "ALERT" ? (
                <span className="font-medium text-red-700">
                  {b.action === "HOLD" ? "Spend-bearing decisions are held." : "Spend-bearing decisions are denied."}
                </span>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
