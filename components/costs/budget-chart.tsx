"use client";

// A budget's period: cumulative spend, the forecast to the period's end, and the limit. The
// points come from lib/cost/budget-chart.ts; this only draws them.
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { BudgetChartPoint } from "@/lib/cost/budget-chart";
import { exactUsd, shortUsd } from "@/lib/cost/money-format";

export function BudgetChart({ points, limit }: { points: BudgetChartPoint[]; limit: number }) {
  // The scale follows the limit and what was spent: a forecast far past the limit runs off the
  // top (its figure is beside the chart) rather than flattening the spend into the axis.
  const top = Math.max(limit * 1.5, ...points.map((p) => p.actual ?? 0)) * 1.1;
  // On a period's first day the spend is one point: an area needs two, so it gets a dot.
  const single = points.filter((p) => p.actual !== null).length <= 1;
  return (
    <figure aria-label="Budget period: spend, forecast and limit">
      <div style={{ height: 240 }} data-testid="budget-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} minTickGap={24} />
            <YAxis
              domain={[0, top]}
              allowDataOverflow
              tick={{ fontSize: 11, fill: "#64748b" }}
              tickLine={false}
              axisLine={false}
              width={56}
              tickFormatter={(v: number) => shortUsd(v)}
            />
            <Tooltip
              formatter={(value, name) => [typeof value === "number" ? exactUsd(value) : "—", name]}
              labelClassName="text-xs font-medium"
              contentStyle={{ fontSize: 12 }}
            />
            <ReferenceLine
              y={limit}
              stroke="#dc2626"
              strokeDasharray="4 3"
              label={{ value: `limit ${shortUsd(limit)}`, position: "insideTopLeft", fontSize: 11, fill: "#dc2626" }}
            />
            <Area
              type="monotone"
              dataKey="actual"
              name="Spent"
              stroke="#4f46e5"
              fill="#4f46e5"
              fillOpacity={0.15}
              dot={single ? { r: 4, fill: "#4f46e5" } : false}
              isAnimationActive={false}
              connectNulls={false}
            />
            <Line
              type="linear"
              dataKey="forecast"
              name="Forecast"
              stroke="#ca8a04"
              strokeDasharray="5 4"
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-2.5 w-2.5 rounded-sm bg-brand-600" /> spent so far
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-0.5 w-4 bg-yellow-600" /> forecast at the burn rate
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-0.5 w-4 bg-red-600" /> limit
        </span>
      </figcaption>
    </figure>
  );
}
