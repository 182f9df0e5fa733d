// The cost views' controls, as links and a plain GET form (they work before any script runs):
// range presets, custom dates, the stacking, and the time zone the figures are in.
import Link from "next/link";
import clsx from "clsx";
import { PRESET_LABELS, RANGE_PRESETS, wholeHourZone, type CostRange } from "@/lib/cost/ranges";
import type { StackBy } from "@/lib/cost/cost-view";
import { costHref } from "@/lib/cost/view-params";

const pill = (active: boolean) =>
  clsx(
    "rounded-md px-2.5 py-1 text-xs font-medium ring-1 ring-inset",
    active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-200 hover:bg-slate-50",
  );

const STACK_LABELS: Record<StackBy, string> = {
  agent: "Agents",
  model: "Models",
  provider: "Providers",
  workspace: "Workspaces",
};

export function CostControls({
  base,
  range,
  by,
  stackOptions,
  zoneFromUrl,
}: {
  base: string;
  range: CostRange;
  by: StackBy;
  stackOptions: StackBy[];
  zoneFromUrl: string | null;
}) {
  const current: Record<string, string | null> = {
    range: range.preset,
    from: range.preset ? null : range.firstDay,
    to: range.preset ? null : range.lastDay,
    by,
    tz: zoneFromUrl,
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Range">
        {RANGE_PRESETS.map((p) => (
          <Link
            key={p}
            href={costHref(base, current, { range: p, from: null, to: null })}
            className={pill(range.preset === p)}
            aria-current={range.preset === p ? "true" : undefined}
          >
            {PRESET_LABELS[p]}
          </Link>
        ))}
        <form action={base} method="get" className="flex items-center gap-1 text-xs">
          <input type="hidden" name="by" value={by} />
          {zoneFromUrl ? <input type="hidden" name="tz" value={zoneFromUrl} /> : null}
          <label className="sr-only" htmlFor="cost-from">
            From
          </label>
          <input
            id="cost-from"
            type="date"
            name="from"
            defaultValue={range.firstDay}
            className="rounded-md border border-slate-200 px-1.5 py-0.5"
          />
          <span className="text-slate-400">–</span>
          <label className="sr-only" htmlFor="cost-to">
            To
          </label>
          <input
            id="cost-to"
            type="date"
            name="to"
            defaultValue={range.lastDay}
            className="rounded-md border border-slate-200 px-1.5 py-0.5"
          />
          <button type="submit" className={pill(range.preset === null)}>
            Apply
          </button>
        </form>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-500">
        <div className="flex items-center gap-1.5" role="group" aria-label="Stack by">
          <span>Stack by</span>
          {stackOptions.map((s) => (
            <Link
              key={s}
              href={costHref(base, current, { by: s })}
              className={pill(by === s)}
              aria-current={by === s ? "true" : undefined}
            >
              {STACK_LABELS[s]}
            </Link>
          ))}
        </div>
        <span>
          {range.firstDay} – {range.lastDay}, by {range.bucket} · times in{" "}
          <strong className="font-medium text-slate-700">{range.zone}</strong>
          {wholeHourZone(range.zone, range.from) ? null : " (counted by whole UTC hours at the day's edges)"}
        </span>
      </div>
    </div>
  );
}
