// Pure: the agent graph as ELK's input (sizes, layered options) and ELK's answer as positions.
// The layout itself runs in a Web Worker (components/graphs/layout.worker.ts).
import type { ElkNode } from "elkjs/lib/elk-api";
import type { AgentGraph, NodeType } from "./agent-graph";

export const NODE_SIZE: Record<NodeType, { width: number; height: number }> = {
  agent: { width: 220, height: 64 },
  group: { width: 180, height: 52 },
  tool: { width: 180, height: 38 },
};

export type Direction = "RIGHT" | "DOWN";

export function elkInput(graph: AgentGraph, direction: Direction = "RIGHT"): ElkNode {
  const ids = new Set(graph.nodes.map((n) => n.id));
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": direction,
      "elk.layered.spacing.nodeNodeBetweenLayers": direction === "RIGHT" ? "130" : "90",
      "elk.spacing.nodeNode": "36",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.cycleBreaking.strategy": "GREEDY",
      "elk.separateConnectedComponents": "true",
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...NODE_SIZE[n.type] })),
    // An edge to a node that is not drawn would make ELK throw; such edges are not laid out.
    edges: graph.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

export type Positions = Record<string, { x: number; y: number }>;

export function positionsOf(laidOut: ElkNode): Positions {
  const positions: Positions = {};
  for (const child of laidOut.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}
