"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { AgentGraph, GraphEdge, GraphNode } from "@/lib/graphs/agent-graph";
import { AgentGraphView, edgeLabel } from "./agent-graph-view";
import { GraphToolbar, useDrawableGraph } from "./graph-toolbar";
import { formatCost, formatDuration } from "@/components/traces/format";

export const FLEET_GRAPH_MAX_NODES = 150;

const EDGE_WORDS = {
  delegation: "delegates to",
  agent_as_tool: "calls as a tool",
  handoff: "hands off to",
  tool: "calls tool",
} as const;

export function FleetGraphView({
  slug,
  graph: full,
  tracesInWindow,
  tracesRead,
  agentIds,
}: {
  slug: string;
  graph: AgentGraph;
  tracesInWindow: number;
  tracesRead: number;
  agentIds: Record<string, string>;
}) {
  const [node, setNode] = useState<GraphNode | null>(null);
  const [edge, setEdge] = useState<GraphEdge | null>(null);
  const { graph, note, showTools, setShowTools } = useDrawableGraph(full, {
    maxNodes: FLEET_GRAPH_MAX_NODES,
    tools: false,
  });
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const agentCount = graph.nodes.filter((n) => n.type === "agent").length;
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_340px]">
      <section aria-label="Fleet graph">
        <GraphToolbar
          summary={`${agentCount} agents · ${graph.edges.length} edges · ${tracesRead.toLocaleString("en-US")} traces${
            tracesRead < tracesInWindow
              ? ` (the most recent of ${tracesInWindow.toLocaleString("en-US")} in the window)`
              : ""
          }`}
          showTools={showTools}
          onShowTools={setShowTools}
          note={note}
        />
        <AgentGraphView
          graph={graph}
          height={620}
          direction="DOWN"
          selectedNode={node?.id ?? null}
          onSelectNode={(n) => {
            setNode(n);
            setEdge(null);
          }}
          selectedEdge={edge?.id ?? null}
          onSelectEdge={(e) => {
            setEdge(e);
            setNode(null);
          }}
        />
      </section>
      <aside aria-label="Selection" className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-xs">
        {edge ? (
          <EdgePanel slug={slug} edge={edge} nodes={byId} />
        ) : node ? (
          <NodePanel
            slug={slug}
            node={node}
            agentId={
              node.externalId && Object.hasOwn(agentIds, node.externalId) ? agentIds[node.externalId] : undefined
            }
          />
        ) : (
          <p className="text-slate-500">
            Select an agent for its figures, or an edge for the calls behind it and the traces they are in.
          </p>
        )}
      </aside>
    </div>
  );
}

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function EdgePanel({ slug, edge, nodes }: { slug: string; edge: GraphEdge; nodes: Map<string, GraphNode> }) {
  const from = nodes.get(edge.source);
  const source = from?.label ?? edge.source;
  const target = nodes.get(edge.target)?.label ?? edge.target;
  return (
    <div>
      <h2 className="font-semibold text-slate-900">
        {source} <span className="font-normal text-slate-500">{EDGE_WORDS[edge.kind]}</span> {target}
      </h2>
      <p className="mt-1 text-xs text-slate-500">{edgeLabel(edge)}</p>
      <Facts
        rows={[
          ["Calls", edge.count.toLocaleString("en-US")],
          ["Errors", `${edge.errors} (${edge.count ? ((edge.errors / edge.count) * 100).toFixed(1) : "0"}%)`],
          ["p95 latency", formatDuration(edge.p95Ms)],
          ["Total time", formatDuration(edge.latencyMs)],
          ["Cost", formatCost(edge.costUsd)],
        ]}
      />
      <h3 className="mt-4 mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Traces behind it{edge.traceIds.length >= 20 ? " (latest 20)" : ""}
      </h3>
      <ul className="space-y-0.5">
        {edge.traceIds.map((t) => (
          <li key={t}>
            <Link href={`/${slug}/traces/${t}?view=graph`} className="font-mono text-xs text-brand-700 hover:underline">
              {t}
            </Link>
          </li>
        ))}
      </ul>
      {from?.externalId ? (
        <Link
          href={`/${slug}/traces?agent=${encodeURIComponent(from.externalId)}`}
          className="mt-3 inline-block text-xs text-brand-700 hover:underline"
        >
          All traces of {source} →
        </Link>
      ) : null}
    </div>
  );
}

function NodePanel({ slug, node, agentId }: { slug: string; node: GraphNode; agentId: string | undefined }) {
  return (
    <div>
      <h2 className="font-semibold text-slate-900">{node.label}</h2>
      <p className="text-xs text-slate-500">
        {node.type === "agent" ? (node.entry ? "agent · starts runs" : "agent") : node.type}
        {node.externalId && node.externalId !== node.label ? (
          <>
            {" · "}
            <span className="font-mono">{node.externalId}</span>
          </>
        ) : null}
      </p>
      <Facts
        rows={[
          ["Runs", node.calls.toLocaleString("en-US")],
          ["Spans", node.spans.toLocaleString("en-US")],
          ["Errors", `${node.errors} (${node.spans ? ((node.errors / node.spans) * 100).toFixed(1) : "0"}% of spans)`],
          ["p95 run", formatDuration(node.p95Ms)],
          ["Own cost", formatCost(node.costUsd)],
        ]}
      />
      {node.members ? <p className="mt-3 text-xs text-slate-600">Stands for: {node.members.join(", ")}</p> : null}
      <div className="mt-3 flex flex-col gap-1 text-xs">
        {agentId ? (
          <Link href={`/${slug}/agents/${agentId}`} className="text-brand-700 hover:underline">
            Agent page →
          </Link>
        ) : null}
        {node.externalId ? (
          <Link
            href={`/${slug}/traces?agent=${encodeURIComponent(node.externalId)}`}
            className="text-brand-700 hover:underline"
          >
            Its traces →
          </Link>
        ) : null}
      </div>
    </div>
  );
}
