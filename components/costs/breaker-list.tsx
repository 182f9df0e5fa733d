import type { BreakerRule } from "@/lib/cost/breakers";
import { describeBreaker } from "@/lib/cost/breakers-text";
import { Badge } from "@/components/ui/badge";
import { DeleteBreakerButton } from "./delete-breaker-button";

const OUTCOME = { ALERT: "alerts", HOLD: "holds", STOP: "denies" } as const;

export function BreakerList({
  slug,
  breakers,
  manage,
  counts,
}: {
  slug: string;
  breakers: BreakerRule[];
  manage: boolean;
  /** The window's count now, when shown for one agent. */
  counts?: Map<string, { count: number; tripped: boolean }>;
}) {
  if (breakers.length === 0) return <p className="text-sm text-slate-500">No circuit breakers.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {breakers.map((b) => {
        const now = counts?.get(b.id);
        return (
          <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 first:pt-0 last:pb-0">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{b.name}</p>
              <p className="text-xs text-slate-500">
                {b.agentExternalId ? `agent ${b.agentExternalId}` : "each agent"}: {describeBreaker(b)}; past it{" "}
                {OUTCOME[b.outcome]}
                {b.suspendAgent ? " and suspends the agent" : ""}
              </p>
            </div>
            <div className="flex items-center gap-2">
              {now ? (
                <Badge tone={now.tripped ? "red" : now.count >= b.limit * 0.8 ? "amber" : "slate"}>
                  {now.count} / {b.limit} in the window{now.tripped ? " · tripped" : ""}
                </Badge>
              ) : null}
              {manage ? <DeleteBreakerButton slug={slug} breakerId={b.id} name={b.name} /> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
