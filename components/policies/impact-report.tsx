import Link from "next/link";
import { OutcomeBadge } from "@/components/decisions/outcome-badge";
import { AgentLabel } from "@/components/agents/agent-label";

export type ImpactReport = Awaited<ReturnType<typeof import("@/lib/policy/impact").analyseImpact>>;

/** What a change would have done to the recorded decisions: how many change, and examples of each flip. */
export function ImpactReportView({ report, slug }: { report: ImpactReport; slug: string }) {
  return (
    <section aria-label="Impact analysis" className="space-y-2 text-sm">
      <p className="text-slate-700">
        Replayed {report.replayed.toLocaleString()} decisions of the last {report.days} day
        {report.days === 1 ? "" : "s"}
        {report.truncated ? " (the newest only)" : ""} ({report.distinct.toLocaleString()} distinct requests, in{" "}
        {report.elapsedMs} ms):{" "}
        <strong className={report.changed ? "text-amber-800" : "text-emerald-700"}>
          {report.changed === 0 ? "no outcome would change." : `${report.changed.toLocaleString()} would change.`}
        </strong>
        {report.skipped ? ` ${report.skipped} could not be replayed (their agent is gone).` : ""}
      </p>
      {report.flips.map((flip) => (
        <div key={`${flip.from}-${flip.to}`} className="rounded-md border border-amber-200 bg-amber-50/50 p-2">
          <p className="flex flex-wrap items-center gap-1.5 font-medium text-slate-800">
            {flip.count.toLocaleString()} × <OutcomeBadge outcome={flip.from} /> → <OutcomeBadge outcome={flip.to} />
          </p>
          <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
            {flip.examples.map((e) => (
              <li key={e.decisionId}>
                <Link className="text-brand-700 hover:underline" href={`/${slug}/decisions/${e.decisionId}`}>
                  <AgentLabel agent={{ externalId: e.agent, name: e.agentName }} /> · {e.action} · {e.resource}
                </Link>{" "}
                — {e.reasons[0]?.message ?? "no reason"}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
