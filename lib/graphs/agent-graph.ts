// Pure: the agent graph of one trace or of many, from the structure recorded at ingest —
// agent attribution, span nesting and handoff attributes — never from time overlap.
//
// Rules, applied to each span S with parent P (both in the same trace):
// - delegation:    S names agent B, P's attributed agent is A ≠ B           → A → B
// - agent as tool: the same, where P is a TOOL span (an agent called as a tool) → A → B
// - handoff:       S hands control to B (handoffTo) while attributed to A   → A → B
// - tool call:     S is a TOOL span attributed to A (not a handoff)         → A → tool
// An agent run that a handoff in the same trace announced (A hands off to B, then B runs,
// beside or under the handoff span) is the handoff taking effect: its time and cost go to
// the handoff edge, not to a second edge. Spans whose parent never arrived have no caller; a cycle is cut where the
// tree builder cuts it. Edge figures are the calling spans' and everything under them. Agents are
// keyed by external id (what spans record) and labelled by name when the caller knows it.
import { buildSpanTree } from "../traces/tree";

export interface GraphSpan {
  traceId?: string;
  spanId: string;
  parentSpanId: string | null;
  startTime: string | Date | number;
  name: string;
  kind: string;
  agentExternalId: string | null;
  handoffTo: string | null;
  status: string;
  durationMs: number | null;
  costUsd: string | number | null;
}

export type EdgeKind = "delegation" | "agent_as_tool" | "handoff" | "tool";
export type NodeType = "agent" | "tool" | "group";

export interface GraphNode {
  id: string;
  type: NodeType;
  /** What the node shows: an agent's name (its external id when unnamed), a tool's name. */
  label: string;
  /** An agent node's external id, which spans, filters and links use. */
  externalId?: string;
  /** Spans attributed to the agent (or, for a tool, calls to it). */
  spans: number;
  /** Times the agent was entered (boundary spans) or the tool was called. */
  calls: number;
  errors: number;
  /** The agent's own spans' cost; for a tool, what its calls cost with everything under them. */
  costUsd: number;
  p95Ms: number | null;
  /** An agent that starts work without a caller in the recorded structure. */
  entry: boolean;
  /** What a group node stands for (labels). */
  members?: string[];
  /** The external ids of the agents a group folds. */
  agents?: string[];
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  count: number;
  errors: number;
  latencyMs: number;
  p95Ms: number | null;
  costUsd: number;
  /** Up to SAMPLE_LIMIT traces behind the edge, in the order their spans came. */
  traceIds: string[];
}

export interface AgentGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const SAMPLE_LIMIT = 20;
export const toolNodeId = (name: string) => `tool:${name}`;
/** The tool a TOOL span calls: GenAI names such spans "execute_tool {name}". */
export const toolName = (spanName: string) => spanName.replace(/^execute_tool\s+/, "");
export const agentNodeId = (externalId: string) => `agent:${externalId}`;

interface NodeAcc extends Omit<GraphNode, "p95Ms"> {
  durations: number[];
}
interface EdgeAcc extends Omit<GraphEdge, "p95Ms" | "traceIds"> {
  durations: number[];
  traceIds: Set<string>;
}

/** Nearest-rank percentile; null for no values. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const money = (v: string | number | null) => {
  const n = typeof v === "number" ? v : v === null ? 0 : Number(v);
  return Number.isFinite(n) ? n : 0;
};

/** The graph of `spans`; `agentNames` maps external ids to the names the nodes show. */
export function deriveAgentGraph(spans: GraphSpan[], agentNames: ReadonlyMap<string, string> = new Map()): AgentGraph {
  const nodes = new Map<string, NodeAcc>();
  const edges = new Map<string, EdgeAcc>();
  const handoffTargets = new Set<string>();
  const uncalled = new Set<string>();

  const node = (id: string, type: NodeType, label: string) => {
    let n = nodes.get(id);
    if (!n) {
      n = { id, type, label, spans: 0, calls: 0, errors: 0, costUsd: 0, entry: false, durations: [] };
      nodes.set(id, n);
    }
    return n;
  };
  const agentNode = (externalId: string) => {
    const id = agentNodeId(externalId);
    const existing = nodes.get(id);
    if (existing) return existing;
    const n = node(id, "agent", agentNames.get(externalId) || externalId);
    n.externalId = externalId;
    return n;
  };
  const edge = (source: string, target: string, kind: EdgeKind, span: GraphSpan, cost: number, counted = true) => {
    const id = `${kind}:${source}->${target}`;
    let e = edges.get(id);
    if (!e) {
      e = {
        id,
        source,
        target,
        kind,
        count: 0,
        errors: 0,
        latencyMs: 0,
        costUsd: 0,
        durations: [],
        traceIds: new Set(),
      };
      edges.set(id, e);
    }
    if (counted) e.count++;
    if (span.status === "ERROR") e.errors++;
    if (span.durationMs !== null) {
      e.latencyMs += span.durationMs;
      e.durations.push(span.durationMs);
    }
    e.costUsd += cost;
    if (e.traceIds.size < SAMPLE_LIMIT) e.traceIds.add(span.traceId ?? "");
  };

  for (const trace of byTrace(spans)) {
    const tree = buildSpanTree(trace);
    const inclusive = inclusiveCost(tree);
    // Handoffs announced in this trace: the announced agent's run is the handoff taking effect.
    const announced = new Set<string>();
    for (const s of trace)
      if (s.handoffTo !== null && s.agentExternalId !== null) announced.add(`${s.agentExternalId}\u0000${s.handoffTo}`);
    trace.forEach((span, i) => {
      const agent = span.agentExternalId;
      const parentIndex = tree.parents[i]!;
      const parent = parentIndex === null ? null : trace[parentIndex]!;
      const caller = parent?.agentExternalId ?? null;
      if (agent !== null) {
        const n = agentNode(agent);
        n.spans++;
        if (span.status === "ERROR") n.errors++;
        n.costUsd += money(span.costUsd);
        if (agent !== caller) {
          n.calls++;
          if (span.durationMs !== null) n.durations.push(span.durationMs);
          if (caller === null) uncalled.add(n.id);
          else if (announced.has(`${caller}\u0000${agent}`)) {
            // The run's time and cost belong to the handoff edge; the handoff span was the count.
            edge(agentNodeId(caller), n.id, "handoff", span, inclusive[i]!, false);
          } else {
            edge(
              agentNodeId(caller),
              n.id,
              parent!.kind === "TOOL" ? "agent_as_tool" : "delegation",
              span,
              inclusive[i]!,
            );
          }
        }
      }
      if (span.handoffTo !== null && agent !== null && span.handoffTo !== agent) {
        const target = agentNode(span.handoffTo);
        handoffTargets.add(target.id);
        edge(agentNodeId(agent), target.id, "handoff", span, inclusive[i]!);
      } else if (span.kind === "TOOL" && agent !== null) {
        const name = toolName(span.name);
        const tool = node(toolNodeId(name), "tool", name);
        tool.spans++;
        tool.calls++;
        if (span.status === "ERROR") tool.errors++;
        tool.costUsd += inclusive[i]!;
        if (span.durationMs !== null) tool.durations.push(span.durationMs);
        edge(agentNodeId(agent), tool.id, "tool", span, inclusive[i]!);
      }
    });
  }
  for (const id of uncalled) if (!handoffTargets.has(id)) nodes.get(id)!.entry = true;

  return {
    nodes: [...nodes.values()].map(({ durations, ...n }) => ({ ...n, p95Ms: percentile(durations, 95) })),
    edges: [...edges.values()].map(({ durations, traceIds, ...e }) => ({
      ...e,
      p95Ms: percentile(durations, 95),
      traceIds: [...traceIds],
    })),
  };
}

function byTrace(spans: GraphSpan[]): GraphSpan[][] {
  const groups = new Map<string, GraphSpan[]>();
  for (const span of spans) {
    const key = span.traceId ?? "";
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(span);
  }
  return [...groups.values()];
}

/** Each span's cost with everything under it: children before parents, no recursion. */
function inclusiveCost(tree: ReturnType<typeof buildSpanTree<GraphSpan>>): Float64Array {
  const total = Float64Array.from(tree.spans, (s) => money(s.costUsd));
  const order: number[] = [];
  const stack = [...tree.roots];
  while (stack.length) {
    const i = stack.pop()!;
    order.push(i);
    for (const c of tree.children[i]!) stack.push(c);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    const p = tree.parents[i]!;
    if (p !== null) total[p]! += total[i]!;
  }
  return total;
}

/** The graph without tool nodes and tool-call edges (agents-as-tools stay). */
export function withoutTools(graph: AgentGraph): AgentGraph {
  return {
    nodes: graph.nodes.filter((n) => n.type !== "tool"),
    edges: graph.edges.filter((e) => e.kind !== "tool"),
  };
}

export interface Aggregated {
  graph: AgentGraph;
  /** What was folded, for the UI to say; null when the graph is drawn as it is. */
  note: string | null;
}

/**
 * Keeps a graph drawable: above maxNodes, each agent's tools fold into one node per agent;
 * if that is still too many, the least busy agents fold into one "other agents" node
 * (calls among folded agents disappear into it; calls into and out of it are kept).
 */
export function aggregateGraph(graph: AgentGraph, maxNodes: number): Aggregated {
  if (graph.nodes.length <= maxNodes) return { graph, note: null };
  const notes: string[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  // Step 1: tools per calling agent.
  const groups = new Map<string, GraphNode & { members: string[] }>();
  let edges = graph.edges.map((e) => {
    if (e.kind !== "tool") return e;
    const id = `tools:${e.source}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { ...emptyNode(id, "group", ""), members: [] }));
    g.calls += e.count;
    g.spans += e.count;
    g.errors += e.errors;
    g.costUsd += e.costUsd;
    g.members.push(byId.get(e.target)?.label ?? e.target);
    return { ...e, target: id };
  });
  for (const g of groups.values()) g.label = `${g.members.length} tool${g.members.length === 1 ? "" : "s"}`;
  let nodes: GraphNode[] = graph.nodes.filter((n) => n.type !== "tool");
  const toolCount = graph.nodes.length - nodes.length;
  nodes = [...nodes, ...groups.values()];
  edges = mergeEdges(edges);
  if (toolCount) notes.push(`${toolCount} tools folded into one node per calling agent`);
  // Step 2: the least busy agents.
  if (nodes.length > maxNodes) {
    // Busy means own spans plus calls made: a coordinator with few spans of its own stays.
    const outgoing = new Map<string, number>();
    for (const e of edges) outgoing.set(e.source, (outgoing.get(e.source) ?? 0) + e.count);
    const busy = (n: GraphNode) => n.spans + (outgoing.get(n.id) ?? 0);
    const agents = nodes
      .filter((n) => n.type === "agent")
      .sort((a, b) => busy(b) - busy(a) || a.id.localeCompare(b.id));
    const keepAgents = Math.max(1, maxNodes - 1 - groups.size);
    const folded = new Set(agents.slice(keepAgents).map((n) => n.id));
    // Tool groups of folded agents fold with them.
    for (const g of groups.keys()) if (folded.has(g.slice("tools:".length))) folded.add(g);
    const others = { ...emptyNode("others", "group", ""), members: [] as string[], agents: [] as string[] };
    for (const n of nodes) {
      if (!folded.has(n.id)) continue;
      if (n.type === "agent") {
        others.members.push(n.label);
        others.agents.push(n.externalId ?? n.label);
      }
      others.spans += n.spans;
      others.calls += n.calls;
      others.errors += n.errors;
      others.costUsd += n.costUsd;
    }
    others.label = `${others.members.length} other agents`;
    nodes = [...nodes.filter((n) => !folded.has(n.id)), others];
    edges = mergeEdges(
      edges
        .map((e) => ({
          ...e,
          source: folded.has(e.source) ? "others" : e.source,
          target: folded.has(e.target) ? "others" : e.target,
        }))
        .filter((e) => e.source !== e.target),
    );
    notes.push(`the ${others.members.length} least busy agents folded into one node`);
  }
  return {
    graph: { nodes, edges },
    note: `${graph.nodes.length} nodes is more than ${maxNodes}: ${notes.join("; ")}.`,
  };
}

function emptyNode(id: string, type: NodeType, label: string): GraphNode {
  return { id, type, label, spans: 0, calls: 0, errors: 0, costUsd: 0, p95Ms: null, entry: false };
}

/** Edges with the same kind, source and target become one; p95 becomes the largest p95 merged. */
function mergeEdges(edges: GraphEdge[]): GraphEdge[] {
  const merged = new Map<string, GraphEdge>();
  for (const e of edges) {
    const id = `${e.kind}:${e.source}->${e.target}`;
    const m = merged.get(id);
    if (!m) {
      merged.set(id, { ...e, id, traceIds: [...e.traceIds] });
      continue;
    }
    m.count += e.count;
    m.errors += e.errors;
    m.latencyMs += e.latencyMs;
    m.costUsd += e.costUsd;
    m.p95Ms = Math.max(m.p95Ms ?? 0, e.p95Ms ?? 0) || null;
    for (const t of e.traceIds) if (m.traceIds.length < SAMPLE_LIMIT && !m.traceIds.includes(t)) m.traceIds.push(t);
  }
  return [...merged.values()];
}

/** Which spans a node stands for: selecting the node filters the waterfall to them. */
export function nodeSpanFilter(
  node: GraphNode,
): (span: { kind: string; name: string; agentExternalId: string | null }) => boolean {
  if (node.type === "agent") {
    const agent = node.externalId ?? node.label;
    return (s) => s.agentExternalId === agent;
  }
  if (node.type === "tool") return (s) => s.kind === "TOOL" && toolName(s.name) === node.label;
  if (node.id.startsWith("tools:agent:")) {
    const agent = node.id.slice("tools:agent:".length);
    return (s) => s.kind === "TOOL" && s.agentExternalId === agent;
  }
  const members = new Set(node.agents ?? node.members ?? []);
  return (s) => s.agentExternalId !== null && members.has(s.agentExternalId);
}
