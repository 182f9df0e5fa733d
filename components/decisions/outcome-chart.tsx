"use client";

// Decisions per day by outcome (points from lib/decisions/outcome-days.ts).
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { OutcomeDay } from "@/lib/decisions/outcome-days";

const SERIES = [
  { key: "ALLOW", label: "Allowed", color: "#16a34a" },
  { key: "REQUIRE_APPROVAL", label: "Held", color: "#ca8a04" },
  { key: "DENY", label: "Denied", color: "#dc2626" },
] as const;

export function OutcomeChart({ days }: { days: OutcomeDay[] }) {
  return (
    <figure aria-label="Decisions per day by outcome">
      <div style={{ height: 160 }} data-testid="outcome-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={days.map((d) => ({ ...d, label: d.day.slice(5) }))}
            margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
          >
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} />
            <YAxis
              tick={{ fontSize: 11, fill: "#64748b" }}
              tickLine={false}
              axisLine={false}
              width={32}
              allowDecimals={false}
            />
            <Tooltip contentStyle={{ fontSize: 12 }} cursor={{ fill: "#f1f5f9" }} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="o" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        {SERIES.map((s) => (
          <span key={s.key} className="flex items-center gap-1.5">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
            {s.label} {days.reduce((n, d) => n + d[s.key], 0).toLocaleString("en-US")}
          </span>
        ))}
        <span className="text-slate-400">UTC days</span>
      </figcaption>
    </figure>
  );
}
