import type { Metadata } from "next";
import Link from "next/link";
import { preload } from "react-dom";
import { spanTableUrl } from "@/components/traces/query-keys";
import { findOrNotFound, requirePageAccess } from "@/lib/http/page-access";
import { getTraceSummary } from "@/lib/traces/queries";
import { Badge } from "@/components/ui/badge";
import { AgentLabel } from "@/components/agents/agent-label";
import { TraceView } from "@/components/traces/trace-view";
import { formatCost, formatDuration, formatTokens } from "@/components/traces/format";

export const metadata: Metadata = { title: "Trace" };

export default async function TracePage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; traceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug, traceId } = await params;
  const { view } = await searchParams;
  const access = await requirePageAccess(slug, "traces:read");
  const trace = await findOrNotFound(getTraceSummary({ workspaceId: access.workspace.id, traceId }));
  // The browser starts loading the spans with the HTML, not after the scripts have run.
  preload(spanTableUrl(slug, trace.traceId), { as: "fetch", crossOrigin: "anonymous" });
  const facts: [string, string][] = [
    ["Duration", formatDuration(trace.durationMs)],
    ["Spans", trace.spanCount.toLocaleString("en-US")],
    ["Errors", String(trace.errorCount)],
    ["Tokens", formatTokens(trace.totalTokens)],
    ["Cost", formatCost(trace.costUsd.toString())],
  ];
  return (
    <div className="max-w-[1600px]">
      <Link href={`/${slug}/traces`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Traces
      </Link>
      <div className="mt-2 mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {trace.name ?? "(root not received)"}
          </h1>
          <p className="font-mono text-xs text-slate-400">{trace.traceId}</p>
          <div className="mt-2 flex flex-wrap gap-1">
            {trace.agents.map((a) => (
              <Badge key={a.externalId} tone="violet">
                <AgentLabel agent={a} />
              </Badge>
            ))}
            {trace.models.map((m) => (
              <Badge key={m}>{m}</Badge>
            ))}
          </div>
        </div>
        <dl className="flex gap-6">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <TraceView
        slug={slug}
        traceId={trace.traceId}
        spanCount={trace.spanCount}
        initialView={view === "graph" ? "graph" : "waterfall"}
      />
    </div>
  );
}
