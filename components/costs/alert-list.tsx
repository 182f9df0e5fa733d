import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Ago } from "@/components/ui/time";
import { AcknowledgeButton } from "./acknowledge-button";

export interface AlertRow {
  id: string;
  kind: string;
  severity: string;
  message: string;
  status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED";
  createdAt: Date;
  budget: { id: string; name: string } | null;
  breaker: { id: string; name: string } | null;
}

const STATUS_TONE = { OPEN: "red", ACKNOWLEDGED: "amber", RESOLVED: "green" } as const;

export function AlertList({
  slug,
  alerts,
  canAcknowledge,
}: {
  slug: string;
  alerts: AlertRow[];
  canAcknowledge: boolean;
}) {
  if (alerts.length === 0) return <p className="text-sm text-slate-500">No alerts.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {alerts.map((a) => (
        <li key={a.id} className="flex flex-wrap items-start justify-between gap-2 py-2.5 first:pt-0 last:pb-0">
          <div className="min-w-0 space-y-0.5">
            <p className="text-slate-800">{a.message}</p>
            <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
              <Badge tone={STATUS_TONE[a.status]}>{a.status.toLowerCase()}</Badge>
              <span>{a.kind.replace(".", " ")}</span>
              {a.budget ? (
                <Link href={`/${slug}/costs/budgets/${a.budget.id}`} className="hover:text-brand-700 hover:underline">
                  {a.budget.name}
                </Link>
              ) : null}
              <Ago value={a.createdAt} />
            </p>
          </div>
          {canAcknowledge && a.status === "OPEN" ? <AcknowledgeButton slug={slug} alertId={a.id} /> : null}
        </li>
      ))}
    </ul>
  );
}
