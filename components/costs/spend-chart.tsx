"use client";

// Spend over time, stacked. The geometry's numbers come from lib/cost/cost-view.ts (spendSeries);
// this only draws them, and shows the exact amounts on hover.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SpendSeries } from "@/lib/cost/cost-view";
import { exactUsd, shortUsd } from "@/lib/cost/money-format";

interface Row {
  label: string;
  exact: Record<string, string>;
  total: string;
  [key: string]: number | string | Record<string, string>;
}

function ChartTooltip({
  active,
  payload,
  keys,
}: {
  active?: boolean;
  payload?: { payload: Row }[];
  keys: SpendSeries["keys"];
}) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const shown = keys.filter((k) => Number(row.exact[k.key] ?? 0) > 0).reverse();
  return (
    <div className="rounded-md border border-slate-200 bg-white p-2 text-xs shadow-md">
      <p className="mb-1 font-medium text-slate-900">
        {row.label} · {exactUsd(row.total)}
      </p>
      <ul className="space-y-0.5">
        {shown.map((k) => (
          <li key={k.key} className="flex items-center justify-between gap-4">
            <span className="flex items-center gap-1.5 text-slate-600">
              <span className="inline-block h-2 w-2 rounded-sm" style={{ background: k.color }} />
              {k.label}
            </span>
            <span className="font-mono text-slate-900 tabular-nums">{exactUsd(row.exact[k.key]!)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SpendChart({ series, height = 280 }: { series: SpendSeries; height?: number }) {
  const data: Row[] = series.points.map((p) => ({ label: p.label, exact: p.exact, total: p.total, ...p.values }));
  return (
    <figure aria-label="Spend over time">
      <div style={{ height }} data-testid="spend-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} minTickGap={24} />
            <YAxis
              tick={{ fontSize: 11, fill: "#64748b" }}
              tickLine={false}
              axisLine={false}
              width={56}
              tickFormatter={(v: number) => shortUsd(v)}
            />
            <Tooltip content={<ChartTooltip keys={series.keys} />} cursor={{ fill: "#f1f5f9" }} />
            {series.keys.map((k) => (
              <Bar
                key={k.key}
                dataKey={k.key}
                name={k.label}
                stackId="spend"
                fill={k.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {series.keys.map((k) => (
          <span key={k.key} className="flex items-center gap-1.5">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: k.color }} />
            {k.label} <span className="text-slate-400 tabular-nums">{shortUsd(Number(k.total))}</span>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
