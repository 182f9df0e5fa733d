"use client";

import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { agentNamesOf, fromSpanTable, type SpanTable } from "@/lib/traces/compact";
import { spanTableUrl, traceKeys } from "./query-keys";
import clsx from "clsx";
import { deriveAgentGraph, nodeSpanFilter, type GraphNode } from "@/lib/graphs/agent-graph";
import { GraphToolbar, useDrawableGraph } from "@/components/graphs/graph-toolbar";
import { AgentGraphView } from "@/components/graphs/agent-graph-view";
import { Waterfall, type WaterfallFocus } from "./waterfall";
import type { ClientSpan } from "./types";

/** Above this many nodes the per-trace graph folds tools, then the least busy agents. */
export const TRACE_GRAPH_MAX_NODES = 600;

type Tab = "waterfall" | "graph";

/** The trace's two views: the waterfall, and the agent graph above a waterfall it filters. */
export function TraceView({
  slug,
  traceId,
  spanCount,
  initialView,
}: {
  slug: string;
  traceId: string;
  spanCount: number;
  initialView: Tab;
}) {
  const [tab, setTab] = useState<Tab>(initialView);
  const loaded = useQuery({
    queryKey: traceKeys.spans(slug, traceId),
    queryFn: async ({ signal }): Promise<{ spans: ClientSpan[]; agentNames: Map<string, string> }> => {
      const response = await fetch(spanTableUrl(slug, traceId), { signal });
      if (!response.ok) throw new Error(`The spans could not be loaded (${response.status}).`);
      const table = (await response.json()) as SpanTable;
      return { spans: fromSpanTable(table), agentNames: agentNamesOf(table) };
    },
    staleTime: Infinity,
  });
  const [focusNode, setFocusNode] = useState<GraphNode | null>(null);
  const focus: WaterfallFocus | null = useMemo(
    () =>
      focusNode
        ? {
            label: `${focusNode.type === "agent" ? "Agent" : focusNode.type === "tool" ? "Tool" : "Group"} ${focusNode.label}`,
            pick: nodeSpanFilter(focusNode),
          }
        : null,
    [focusNode],
  );
  const choose = (next: Tab) => {
    setTab(next);
    const url = new URL(window.location.href);
    if (next === "graph") url.searchParams.set("view", "graph");
    else url.searchParams.delete("view");
    window.history.replaceState(null, "", url);
  };
  return (
    <div>
      <div role="tablist" aria-label="Trace views" className="mb-3 flex gap-1 border-b border-slate-200">
        {(
          [
            ["waterfall", "Waterfall"],
            ["graph", "Agent graph"],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            onClick={() => choose(id)}
            className={clsx(
              "-mb-px border-b-2 px-3 py-1.5 text-sm font-medium",
              tab === id ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
            )}
          >
            {label}
          </button>
        ))}
      </div>
      {!loaded.data ? (
        <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-500">
          {loaded.isError ? loaded.error.message : `Loading ${spanCount.toLocaleString("en-US")} spans…`}
        </p>
      ) : (
        <>
          {tab === "graph" ? (
            <TraceGraph
              spans={loaded.data.spans}
              agentNames={loaded.data.agentNames}
              selected={focusNode}
              onSelect={setFocusNode}
            />
          ) : null}
          <div className={tab === "graph" ? "mt-4" : undefined}>
            <Waterfall
              slug={slug}
              traceId={traceId}
              spans={loaded.data.spans}
              agentNames={loaded.data.agentNames}
              focus={focus}
              onClearFocus={() => setFocusNode(null)}
              height={tab === "graph" ? "45vh" : "65vh"}
            />
          </div>
        </>
      )}
    </div>
  );
}

function TraceGraph({
  spans,
  agentNames,
  selected,
  onSelect,
}: {
  spans: ClientSpan[];
  agentNames: ReadonlyMap<string, string>;
  selected: GraphNode | null;
  onSelect: (node: GraphNode | null) => void;
}) {
  const derived = useMemo(() => deriveAgentGraph(spans, agentNames), [spans, agentNames]);
  const { graph, note, showTools, setShowTools } = useDrawableGraph(derived, {
    maxNodes: TRACE_GRAPH_MAX_NODES,
    tools: true,
  });
  const agents = graph.nodes.filter((n) => n.type === "agent").length;
  return (
    <section aria-label="Agent graph">
      <GraphToolbar
        summary={`${agents} agent${agents === 1 ? "" : "s"} · ${graph.edges.length} edge${graph.edges.length === 1 ? "" : "s"} · click a node to filter the waterfall`}
        showTools={showTools}
        onShowTools={setShowTools}
        note={note}
      />
      <AgentGraphView graph={graph} selectedNode={selected?.id ?? null} onSelectNode={onSelect} />
    </section>
  );
}
