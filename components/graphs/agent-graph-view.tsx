"use client";

import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useRef, useState } from "react";
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import clsx from "clsx";
import type { ElkNode } from "elkjs/lib/elk-api";
import type { AgentGraph, EdgeKind, GraphEdge, GraphNode } from "@/lib/graphs/agent-graph";
import { elkInput, NODE_SIZE, positionsOf, type Direction, type Positions } from "@/lib/graphs/layout";
import { formatCost, formatDuration } from "@/components/traces/format";

type FlowNode = Node<{ node: GraphNode; selected: boolean; direction: Direction }>;

const EDGE_STYLE: Record<EdgeKind, { stroke: string; dash?: string; label: string }> = {
  delegation: { stroke: "#7c3aed", label: "delegates" },
  agent_as_tool: { stroke: "#0891b2", dash: "2 4", label: "calls as a tool" },
  handoff: { stroke: "#c026d3", dash: "8 5", label: "hands off" },
  tool: { stroke: "#94a3b8", label: "calls tool" },
};

function AgentNode({ data }: NodeProps<FlowNode>) {
  const { node, selected, direction } = data;
  const [inSide, outSide] = direction === "RIGHT" ? [Position.Left, Position.Right] : [Position.Top, Position.Bottom];
  const isTool = node.type === "tool";
  return (
    <div
      className={clsx(
        "h-full w-full rounded-md border bg-white px-2.5 py-1.5 text-left shadow-xs",
        isTool ? "border-amber-300" : node.type === "group" ? "border-dashed border-slate-400" : "border-violet-300",
        selected && "ring-2 ring-brand-500",
        node.errors > 0 && "border-red-400",
      )}
      title={
        node.members
          ? node.members.join(", ")
          : node.externalId && node.externalId !== node.label
            ? `${node.label} (id: ${node.externalId})`
            : node.label
      }
    >
      <Handle type="target" position={inSide} className="!size-1.5 !border-0 !bg-slate-400" />
      <div className="flex items-center gap-1.5">
        <span
          className={clsx(
            "shrink-0 text-[10px] font-semibold uppercase",
            isTool ? "text-amber-700" : node.type === "group" ? "text-slate-500" : "text-violet-700",
          )}
        >
          {isTool ? "tool" : node.type === "group" ? "group" : node.entry ? "entry" : "agent"}
        </span>
        <span className="truncate text-xs font-semibold text-slate-900">{node.label}</span>
      </div>
      {isTool ? (
        <p className="text-[10px] text-slate-500 tabular-nums">
          {node.calls}× {node.errors ? <span className="text-red-600">· {node.errors} err</span> : null}
        </p>
      ) : (
        <p className="mt-0.5 text-[10px] leading-tight text-slate-500 tabular-nums">
          {node.calls} run{node.calls === 1 ? "" : "s"} · {node.spans.toLocaleString("en-US")} spans ·{" "}
          {formatCost(node.costUsd)}
          {node.errors ? <span className="text-red-600"> · {node.errors} err</span> : null}
          {node.p95Ms !== null && node.type === "agent" ? <> · p95 {formatDuration(node.p95Ms)}</> : null}
        </p>
      )}
      <Handle type="source" position={outSide} className="!size-1.5 !border-0 !bg-slate-400" />
    </div>
  );
}

const nodeTypes = { arbiter: AgentNode };

export function edgeLabel(e: GraphEdge): string {
  const parts = [`${e.count}×`];
  if (e.errors) parts.push(`${e.errors} err`);
  parts.push(e.p95Ms !== null && e.count > 1 ? `p95 ${formatDuration(e.p95Ms)}` : formatDuration(e.latencyMs));
  if (e.costUsd > 0) parts.push(formatCost(e.costUsd));
  return parts.join(" · ");
}

/** ELK in a Web Worker; the latest request wins. */
function useLayout(graph: AgentGraph, direction: Direction): { positions: Positions | null; error: string | null } {
  const worker = useRef<Worker | null>(null);
  const latest = useRef<{ id: number; graph: AgentGraph | null }>({ id: 0, graph: null });
  const [state, setState] = useState<{ graph: AgentGraph | null; positions: Positions | null; error: string | null }>({
    graph: null,
    positions: null,
    error: null,
  });
  useEffect(() => {
    const w = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (event: MessageEvent<{ id: number; output?: ElkNode; error?: string }>) => {
      const { id, output, error } = event.data;
      if (id !== latest.current.id) return;
      setState({ graph: latest.current.graph, positions: output ? positionsOf(output) : null, error: error ?? null });
    };
    worker.current = w;
    return () => w.terminate();
  }, []);
  useEffect(() => {
    latest.current = { id: latest.current.id + 1, graph };
    // The worker is created by the effect above, which runs first.
    worker.current?.postMessage({ id: latest.current.id, input: elkInput(graph, direction) });
  }, [graph, direction]);
  return state.graph === graph ? state : { positions: null, error: null };
}

export function AgentGraphView({
  graph,
  selectedNode,
  onSelectNode,
  selectedEdge,
  onSelectEdge,
  height = 460,
  direction = "RIGHT",
}: {
  graph: AgentGraph;
  selectedNode: string | null;
  onSelectNode: (node: GraphNode | null) => void;
  selectedEdge?: string | null;
  onSelectEdge?: (edge: GraphEdge | null) => void;
  height?: number;
  direction?: Direction;
}) {
  const { positions, error } = useLayout(graph, direction);
  const nodes: FlowNode[] = useMemo(
    () =>
      positions
        ? graph.nodes.map((node) => ({
            id: node.id,
            type: "arbiter",
            position: positions[node.id] ?? { x: 0, y: 0 },
            data: { node, selected: node.id === selectedNode, direction },
            style: { width: NODE_SIZE[node.type].width, height: NODE_SIZE[node.type].height },
            ariaLabel: `${node.type} ${node.label}`,
          }))
        : [],
    [graph, positions, selectedNode, direction],
  );
  const edges: Edge[] = useMemo(
    () =>
      positions
        ? graph.edges.map((e) => {
            const style = EDGE_STYLE[e.kind];
            const stroke = e.errors ? "#dc2626" : style.stroke;
            const isSelected = e.id === selectedEdge;
            return {
              id: e.id,
              source: e.source,
              target: e.target,
              label: edgeLabel(e),
              labelStyle: { fontSize: 10, fill: "#334155" },
              labelBgStyle: { fill: isSelected ? "#dbe6fe" : "#ffffff" },
              ariaLabel: `${e.kind} ${e.source} to ${e.target}`,
              style: {
                stroke,
                strokeWidth: isSelected ? 3 : Math.min(1 + Math.log2(e.count), 4),
                ...(style.dash ? { strokeDasharray: style.dash } : {}),
              },
              markerEnd: { type: MarkerType.ArrowClosed, color: stroke },
            };
          })
        : [],
    [graph, positions, selectedEdge],
  );
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const edgeById = useMemo(() => new Map(graph.edges.map((e) => [e.id, e])), [graph]);

  return (
    <div className="relative rounded-lg border border-slate-200 bg-white" style={{ height }}>
      {graph.nodes.length === 0 ? (
        <p className="p-6 text-sm text-slate-500">No agents were recorded here.</p>
      ) : error ? (
        <p role="alert" className="p-6 text-sm text-red-700">
          The layout failed: {error}
        </p>
      ) : !positions ? (
        <p role="status" className="p-6 text-sm text-slate-500">
          Laying out {graph.nodes.length.toLocaleString("en-US")} nodes…
        </p>
      ) : (
        <ReactFlow
          aria-label="Agent graph"
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={{ maxZoom: 1 }}
          onlyRenderVisibleElements={graph.nodes.length > 100}
          minZoom={0.05}
          nodesDraggable={false}
          nodesConnectable={false}
          onNodeClick={(_, n) => onSelectNode(n.id === selectedNode ? null : (byId.get(n.id) ?? null))}
          onEdgeClick={(_, e) => onSelectEdge?.(e.id === selectedEdge ? null : (edgeById.get(e.id) ?? null))}
          onPaneClick={() => {
            onSelectNode(null);
            onSelectEdge?.(null);
          }}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={20} color="#e2e8f0" />
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
      <GraphLegend />
    </div>
  );
}

function GraphLegend() {
  return (
    <ul className="pointer-events-none absolute top-2 right-2 flex flex-wrap gap-x-3 gap-y-1 rounded bg-white/90 px-2 py-1 text-[10px] text-slate-600">
      {Object.entries(EDGE_STYLE).map(([kind, style]) => (
        <li key={kind} className="flex items-center gap-1">
          <svg width="22" height="6" aria-hidden>
            <line x1="0" y1="3" x2="22" y2="3" stroke={style.stroke} strokeWidth="2" strokeDasharray={style.dash} />
          </svg>
          {style.label}
        </li>
      ))}
      <li className="flex items-center gap-1">
        <svg width="22" height="6" aria-hidden>
          <line x1="0" y1="3" x2="22" y2="3" stroke="#dc2626" strokeWidth="2" />
        </svg>
        with errors
      </li>
    </ul>
  );
}
