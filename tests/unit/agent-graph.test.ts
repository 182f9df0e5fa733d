import { describe, expect, it } from "vitest";
import {
  aggregateGraph,
  deriveAgentGraph,
  nodeSpanFilter,
  percentile,
  withoutTools,
  type AgentGraph,
  type GraphSpan,
} from "@/lib/graphs/agent-graph";

let clock = 0;
function span(spanId: string, parentSpanId: string | null, over: Partial<GraphSpan> = {}): GraphSpan {
  clock += 1;
  return {
    spanId,
    parentSpanId,
    startTime: new Date(1_700_000_000_000 + clock).toISOString(),
    name: spanId,
    kind: "CHAIN",
    agentExternalId: null,
    handoffTo: null,
    status: "OK",
    durationMs: 100,
    costUsd: null,
    ...over,
  };
}
const agentSpan = (id: string, parent: string | null, agent: string, over: Partial<GraphSpan> = {}) =>
  span(id, parent, { kind: "AGENT", agentExternalId: agent, name: `invoke_agent ${agent}`, ...over });
const llm = (id: string, parent: string, agent: string, cost: number) =>
  span(id, parent, { kind: "LLM", agentExternalId: agent, costUsd: String(cost), durationMs: 50 });
const tool = (id: string, parent: string, agent: string, name: string, over: Partial<GraphSpan> = {}) =>
  span(id, parent, { kind: "TOOL", agentExternalId: agent, name, ...over });

const edgesOf = (g: AgentGraph) => g.edges.map((e) => `${e.kind} ${e.source}->${e.target} x${e.count}`).sort();
const nodeOf = (g: AgentGraph, id: string) => g.nodes.find((n) => n.id === id)!;

describe("agent graph derivation", () => {
  it("draws a delegation from the calling agent to the called one, with the callee's work as its cost", () => {
    const g = deriveAgentGraph([
      agentSpan("a", null, "planner"),
      llm("a1", "a", "planner", 0.01),
      agentSpan("b", "a", "buyer", { durationMs: 400 }),
      llm("b1", "b", "buyer", 0.02),
      llm("b2", "b", "buyer", 0.03),
    ]);
    expect(edgesOf(g)).toEqual(["delegation agent:planner->agent:buyer x1"]);
    const edge = g.edges[0]!;
    expect(edge.costUsd).toBeCloseTo(0.05);
    expect(edge.latencyMs).toBe(400);
    expect(nodeOf(g, "agent:planner")).toMatchObject({ entry: true, calls: 1, spans: 2 });
    expect(nodeOf(g, "agent:planner").costUsd).toBeCloseTo(0.01);
    expect(nodeOf(g, "agent:buyer")).toMatchObject({ entry: false, calls: 1, spans: 3 });
    expect(nodeOf(g, "agent:buyer").costUsd).toBeCloseTo(0.05);
  });

  it("draws a handoff from a transfer span, once, whether the next agent runs beside it or under it", () => {
    const sibling = deriveAgentGraph([
      span("root", null),
      agentSpan("a", "root", "triage"),
      tool("t", "a", "triage", "transfer_to_refunds", { handoffTo: "refunds" }),
      agentSpan("b", "root", "refunds"),
      llm("b1", "b", "refunds", 0.01),
    ]);
    expect(edgesOf(sibling)).toEqual(["handoff agent:triage->agent:refunds x1"]);
    expect(nodeOf(sibling, "agent:triage").entry).toBe(true);
    expect(nodeOf(sibling, "agent:refunds").entry).toBe(false);
    // No tool node for the transfer itself.
    expect(sibling.nodes.some((n) => n.type === "tool")).toBe(false);

    const nested = deriveAgentGraph([
      agentSpan("a", null, "triage"),
      tool("t", "a", "triage", "transfer_to_refunds", { handoffTo: "refunds" }),
      agentSpan("b", "t", "refunds"),
    ]);
    expect(edgesOf(nested)).toEqual(["handoff agent:triage->agent:refunds x1"]);

    // The next agent running under the handing-off agent is the handoff taking effect too,
    // and its time and cost are the handoff's.
    const underCaller = deriveAgentGraph([
      agentSpan("a", null, "triage"),
      span("h", "a", { kind: "HANDOFF", agentExternalId: "triage", handoffTo: "refunds", durationMs: 1 }),
      agentSpan("b", "a", "refunds", { durationMs: 900 }),
      llm("b1", "b", "refunds", 0.25),
    ]);
    expect(edgesOf(underCaller)).toEqual(["handoff agent:triage->agent:refunds x1"]);
    expect(underCaller.edges[0]).toMatchObject({ latencyMs: 901 });
    expect(underCaller.edges[0]!.costUsd).toBeCloseTo(0.25);
  });

  it("names an agent called through a tool as agent-as-tool, besides the tool call", () => {
    const g = deriveAgentGraph([
      agentSpan("a", null, "lead"),
      tool("t", "a", "lead", "ask_researcher"),
      agentSpan("r", "t", "researcher"),
      llm("r1", "r", "researcher", 0.5),
    ]);
    expect(edgesOf(g)).toEqual([
      "agent_as_tool agent:lead->agent:researcher x1",
      "tool agent:lead->tool:ask_researcher x1",
    ]);
    // The tool call costs what the agent behind it cost.
    expect(g.edges.find((e) => e.kind === "tool")!.costUsd).toBeCloseTo(0.5);
    expect(nodeOf(g, "tool:ask_researcher")).toMatchObject({ type: "tool", calls: 1 });
  });

  it("counts parallel sub-agents per callee, with errors, summed latency and p95", () => {
    const spans = [agentSpan("lead", null, "lead")];
    for (let i = 0; i < 20; i++) {
      spans.push(
        agentSpan(`w${i}`, "lead", "worker", { durationMs: (i + 1) * 10, status: i % 5 === 0 ? "ERROR" : "OK" }),
      );
    }
    spans.push(agentSpan("c1", "lead", "critic"), agentSpan("c2", "lead", "critic"));
    const g = deriveAgentGraph(spans);
    expect(edgesOf(g)).toEqual(["delegation agent:lead->agent:critic x2", "delegation agent:lead->agent:worker x20"]);
    const workers = g.edges.find((e) => e.target === "agent:worker")!;
    expect(workers.errors).toBe(4);
    expect(workers.latencyMs).toBe(2100);
    expect(workers.p95Ms).toBe(190);
    expect(nodeOf(g, "agent:worker")).toMatchObject({ calls: 20, errors: 4 });
  });

  it("treats an agent whose parent never arrived as an entry point, without inventing a caller", () => {
    const g = deriveAgentGraph([
      agentSpan("b", "missing00000000", "buyer"),
      tool("t", "b", "buyer", "create_po"),
      agentSpan("a", null, "planner"),
    ]);
    expect(edgesOf(g)).toEqual(["tool agent:buyer->tool:create_po x1"]);
    expect(nodeOf(g, "agent:buyer").entry).toBe(true);
    expect(nodeOf(g, "agent:planner").entry).toBe(true);
  });

  it("survives parent cycles and self-parents", () => {
    const g = deriveAgentGraph([
      agentSpan("x", "y", "alpha"),
      agentSpan("y", "x", "beta"),
      agentSpan("z", "z", "gamma"),
      tool("t", "y", "beta", "lookup"),
    ]);
    // The cycle is cut at one place: exactly one of the two agents calls the other.
    const agentEdges = g.edges.filter((e) => e.kind === "delegation");
    expect(agentEdges).toHaveLength(1);
    expect(nodeOf(g, "agent:gamma").entry).toBe(true);
    expect(edgesOf(g)).toContain("tool agent:beta->tool:lookup x1");
  });

  it("keeps traces apart when span ids repeat across them, and samples the traces behind each edge", () => {
    const g = deriveAgentGraph([
      { ...agentSpan("a", null, "planner"), traceId: "t1" },
      { ...agentSpan("b", "a", "buyer"), traceId: "t1" },
      { ...agentSpan("a", null, "buyer"), traceId: "t2" },
      { ...agentSpan("b", "a", "planner"), traceId: "t2" },
    ]);
    expect(edgesOf(g)).toEqual([
      "delegation agent:buyer->agent:planner x1",
      "delegation agent:planner->agent:buyer x1",
    ]);
    expect(g.edges.find((e) => e.source === "agent:planner")!.traceIds).toEqual(["t1"]);
  });

  it("does not draw an edge for an agent's own nested spans", () => {
    const g = deriveAgentGraph([
      agentSpan("a", null, "solo"),
      agentSpan("a2", "a", "solo"),
      llm("l", "a2", "solo", 0.1),
    ]);
    expect(g.edges).toEqual([]);
    expect(nodeOf(g, "agent:solo")).toMatchObject({ calls: 1, spans: 3 });
  });

  it("drops tool nodes on request but keeps agents-as-tools", () => {
    const g = withoutTools(
      deriveAgentGraph([
        agentSpan("a", null, "lead"),
        tool("t", "a", "lead", "ask"),
        agentSpan("r", "t", "researcher"),
      ]),
    );
    expect(g.nodes.map((n) => n.id).sort()).toEqual(["agent:lead", "agent:researcher"]);
    expect(edgesOf(g)).toEqual(["agent_as_tool agent:lead->agent:researcher x1"]);
  });
});

describe("graph aggregation", () => {
  it("leaves a small graph alone", () => {
    const g = deriveAgentGraph([agentSpan("a", null, "one"), agentSpan("b", "a", "two")]);
    expect(aggregateGraph(g, 10)).toEqual({ graph: g, note: null });
  });

  it("folds tools into one node per calling agent first", () => {
    const spans = [agentSpan("a", null, "lead"), agentSpan("b", "a", "helper")];
    for (let i = 0; i < 30; i++)
      spans.push(tool(`t${i}`, "a", "lead", `tool_${i}`, { status: i < 3 ? "ERROR" : "OK" }));
    spans.push(tool("h1", "b", "helper", "tool_1"), tool("h2", "b", "helper", "search"));
    const { graph, note } = aggregateGraph(deriveAgentGraph(spans), 10);
    expect(graph.nodes.map((n) => `${n.type} ${n.label}`).sort()).toEqual([
      "agent helper",
      "agent lead",
      "group 2 tools",
      "group 30 tools",
    ]);
    const leadTools = graph.edges.find((e) => e.target === "tools:agent:lead")!;
    expect(leadTools).toMatchObject({ kind: "tool", count: 30, errors: 3 });
    expect(note).toMatch(/31 tools folded/);
  });

  it("folds the least busy agents into one node when tools alone are not enough, merging their edges", () => {
    const spans = [agentSpan("root", null, "boss")];
    for (let i = 0; i < 500; i++) {
      spans.push(agentSpan(`a${i}`, "root", `agent_${i}`));
      // Busier agents get more spans.
      for (let k = 0; k < (i < 5 ? 10 : 1); k++) spans.push(llm(`l${i}_${k}`, `a${i}`, `agent_${i}`, 0.001));
    }
    const full = deriveAgentGraph(spans);
    expect(full.nodes).toHaveLength(501);
    const { graph, note } = aggregateGraph(full, 50);
    expect(graph.nodes.length).toBeLessThanOrEqual(50);
    const others = graph.nodes.find((n) => n.id === "others")!;
    expect(others.members!.length).toBe(501 - 49);
    // The busiest agents and the coordinator survive, and every call is still counted once.
    for (let i = 0; i < 5; i++) expect(graph.nodes.some((n) => n.label === `agent_${i}`)).toBe(true);
    expect(graph.nodes.some((n) => n.label === "boss")).toBe(true);
    expect(graph.edges.reduce((sum, e) => sum + e.count, 0)).toBe(500);
    expect(graph.edges.find((e) => e.target === "others")!.count).toBe(500 - 48);
    expect(note).toMatch(/452 least busy agents folded/);
  });
});

describe("percentile", () => {
  it("uses the nearest rank", () => {
    expect(percentile([], 95)).toBeNull();
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 95)).toBe(10);
  });
});

describe("node span filter", () => {
  const spans = [
    agentSpan("a", null, "lead"),
    tool("t1", "a", "lead", "search"),
    agentSpan("b", "a", "helper"),
    tool("t2", "b", "helper", "search"),
    tool("t3", "b", "helper", "write"),
  ];
  const picked = (node: Parameters<typeof nodeSpanFilter>[0]) =>
    spans.filter(nodeSpanFilter(node)).map((s) => s.spanId);
  it("picks an agent's spans, a tool's calls, a tool group's calls and a folded group's agents", () => {
    const g = deriveAgentGraph(spans);
    expect(picked(nodeOf(g, "agent:helper"))).toEqual(["b", "t2", "t3"]);
    expect(picked(nodeOf(g, "tool:search"))).toEqual(["t1", "t2"]);
    const folded = aggregateGraph(g, 2).graph;
    expect(picked(nodeOf(folded, "tools:agent:helper"))).toEqual(["t2", "t3"]);
    expect(picked({ ...nodeOf(g, "agent:lead"), id: "others", type: "group", members: ["lead"] })).toEqual(["a", "t1"]);
  });
});

describe("agent names", () => {
  const names = new Map([
    ["agt-lead", "lead"],
    ["agt-helper", "helper"],
  ]);
  const spans = [
    agentSpan("a", null, "agt-lead"),
    agentSpan("b", "a", "agt-helper"),
    tool("t", "b", "agt-helper", "search"),
    span("h", "a", { kind: "HANDOFF", agentExternalId: "agt-lead", handoffTo: "agt-closer" }),
  ];

  it("labels agent nodes by name and keys them (ids, edges, filters) by external id", () => {
    const g = deriveAgentGraph(spans, names);
    expect(nodeOf(g, "agent:agt-lead")).toMatchObject({ label: "lead", externalId: "agt-lead" });
    expect(nodeOf(g, "agent:agt-helper")).toMatchObject({ label: "helper", externalId: "agt-helper" });
    // A handoff target nobody named keeps its id as its label.
    expect(nodeOf(g, "agent:agt-closer")).toMatchObject({ label: "agt-closer", externalId: "agt-closer" });
    expect(nodeOf(g, "tool:search").externalId).toBeUndefined();
    expect(edgesOf(g)).toEqual(edgesOf(deriveAgentGraph(spans)));
    expect(spans.filter(nodeSpanFilter(nodeOf(g, "agent:agt-helper"))).map((s) => s.spanId)).toEqual(["b", "t"]);
  });

  it("shows a folded group's agents by name and filters by their ids", () => {
    const many = [agentSpan("root", null, "boss")];
    for (let i = 0; i < 20; i++) many.push(agentSpan(`a${i}`, "root", `agt-${i}`));
    const named = new Map(Array.from({ length: 20 }, (_, i) => [`agt-${i}`, `worker ${i}`]));
    const { graph } = aggregateGraph(deriveAgentGraph(many, named), 5);
    const others = nodeOf(graph, "others");
    expect(others.members!.every((m) => m.startsWith("worker "))).toBe(true);
    expect(others.agents!.every((a) => a.startsWith("agt-"))).toBe(true);
    const picked = many.filter(nodeSpanFilter(others)).map((s) => s.spanId);
    expect(picked).toHaveLength(others.agents!.length);
  });
});

describe("tool names", () => {
  it("names a tool node after the tool, not the GenAI span name", () => {
    const g = deriveAgentGraph([agentSpan("a", null, "lead"), tool("t", "a", "lead", "execute_tool web_search")]);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(["agent:lead", "tool:web_search"]);
    const node = nodeOf(g, "tool:web_search");
    expect([tool("x", "a", "lead", "execute_tool web_search")].filter(nodeSpanFilter(node))).toHaveLength(1);
  });
});
