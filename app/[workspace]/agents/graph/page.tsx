import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAccess } from "@/lib/http/page-access";
import { fleetGraph } from "@/lib/graphs/fleet-graph";
import { listAgents } from "@/lib/agents/list-agents";
import { PageHeader } from "@/components/ui/page-header";
import { FleetGraphView } from "@/components/graphs/fleet-graph-view";

export const metadata: Metadata = { title: "Fleet graph" };

const WINDOWS = { "24h": 1, "7d": 7, "30d": 30 } as const;
type Window = keyof typeof WINDOWS;

export default async function FleetGraphPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "agents:read");
  const { window: asked } = await searchParams;
  const window: Window = typeof asked === "string" && asked in WINDOWS ? (asked as Window) : "7d";
  const to = new Date();
  const from = new Date(to.getTime() - WINDOWS[window] * 86_400_000);
  const [fleet, agents] = await Promise.all([
    fleetGraph({ workspaceId: access.workspace.id, from, to }),
    listAgents({ workspaceId: access.workspace.id }),
  ]);
  return (
    <div className="max-w-[1600px]">
      <Link href={`/${slug}/agents`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Agents
      </Link>
      <PageHeader
        title="Fleet graph"
        description="Who calls whom across all traces of the window: delegations, handoffs, agents used as tools and tool calls, with volumes, error rates, p95 latency and cost. Select an edge for the traces behind it."
        actions={
          <nav aria-label="Window" className="flex gap-1">
            {(Object.keys(WINDOWS) as Window[]).map((w) => (
              <Link
                key={w}
                href={`/${slug}/agents/graph?window=${w}`}
                aria-current={w === window ? "page" : undefined}
                className={
                  w === window
                    ? "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white"
                    : "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
                }
              >
                {w}
              </Link>
            ))}
          </nav>
        }
      />
      <FleetGraphView
        slug={slug}
        graph={fleet.graph}
        tracesInWindow={fleet.tracesInWindow}
        tracesRead={fleet.tracesRead}
        agentIds={Object.fromEntries(agents.map((a) => [a.externalId, a.id]))}
      />
    </div>
  );
}
