import { describe, expect, it } from "vitest";
import { classify } from "../../lib/ingest/classify";
import { normalizeExportRequest } from "../../lib/ingest/normalize";
import { attributeAgents, prepareSpans } from "../../lib/ingest/prepare";
import { priceSpan } from "../../lib/ingest/price";
import { exportRequest, sdkShapes, type ModelCall } from "../sdk-shapes";

const expectedCost = (calls: ModelCall[]) => calls.reduce((sum, call) => sum + priceSpan(call).costUsd!, 0);

function prepare(request: unknown) {
  const rows = prepareSpans(normalizeExportRequest(request).spans);
  expect(attributeAgents(rows)).toEqual([]);
  return rows;
}

describe.each(sdkShapes().map((shape) => [shape.name, shape] as const))("%s", (_name, shape) => {
  const rows = prepare(exportRequest(shape.spans));
  const byId = new Map(rows.map((r) => [r.spanId, r]));
  const callIds = shape.modelCalls.map((c) => c.spanId).sort();

  it("counts tokens and cost on the model calls only", () => {
    const counted = (field: "inputTokens" | "outputTokens" | "costUsd") =>
      rows
        .filter((r) => r[field] !== null)
        .map((r) => r.spanId)
        .sort();
    expect(counted("inputTokens")).toEqual(callIds);
    expect(counted("costUsd")).toEqual(callIds);
    const sum = (field: "inputTokens" | "outputTokens") => rows.reduce((n, r) => n + (r[field] ?? 0), 0);
    expect(sum("inputTokens")).toBe(shape.modelCalls.reduce((n, c) => n + c.inputTokens, 0));
    expect(sum("outputTokens")).toBe(shape.modelCalls.reduce((n, c) => n + c.outputTokens, 0));
    const cost = rows.reduce((n, r) => n + (r.costUsd ?? 0), 0);
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeCloseTo(expectedCost(shape.modelCalls), 12);
  });

  it("stores each model call under its readable model name and its agent", () => {
    for (const call of shape.modelCalls) {
      const row = byId.get(call.spanId)!;
      expect(row).toMatchObject({ model: call.model, costSource: "computed", agentExternalId: call.agent });
      expect(row.kind === "LLM" || row.kind === "EMBEDDING").toBe(true);
    }
  });

  it("names exactly the agents the trace names", () => {
    const own = rows.filter((r) => r.agentExternalId !== null && !r.agentInherited).map((r) => r.agentExternalId);
    expect([...new Set(own)].sort()).toEqual(shape.agents);
  });

  it("keeps a parent's repeated usage among its attributes", () => {
    for (const { spanId, key, value } of shape.repeated) {
      expect(byId.get(spanId)!.attributes[key]).toBe(value);
      expect(byId.get(spanId)).toMatchObject({ inputTokens: null, outputTokens: null, costUsd: null });
    }
  });
});

describe("the counting rule", () => {
  const span = { name: "span" };

  it("drops usage from agents, chains, tools and unknown spans, keeping their model", () => {
    const usage = { "gen_ai.usage.input_tokens": 100, "gen_ai.usage.output_tokens": 10 };
    for (const operation of ["invoke_agent", "invoke_workflow", "execute_tool"]) {
      const c = classify({ "gen_ai.operation.name": operation, "gen_ai.request.model": "gpt-4o", ...usage }, span);
      expect(c.inputTokens).toBeUndefined();
      expect(c.outputTokens).toBeUndefined();
      expect(c.model).toBe("gpt-4o");
    }
    expect(classify(usage, span)).toEqual({ kind: "OTHER" });
    expect(classify({ "gen_ai.operation.name": "chat", ...usage }, span)).toMatchObject({
      kind: "LLM",
      inputTokens: 100,
      outputTokens: 10,
    });
  });

  it("keeps a cost given explicitly on a tool, not one reported on an agent or a chain", () => {
    expect(classify({ "arbiter.span.kind": "tool", "arbiter.cost.usd": 0.02 }, span).reportedCostUsd).toBe(0.02);
    expect(classify({ "arbiter.span.kind": "agent", "arbiter.cost.usd": 0.5 }, span).reportedCostUsd).toBeUndefined();
    expect(
      classify({ "openinference.span.kind": "CHAIN", "llm.cost.total": 0.01 }, span).reportedCostUsd,
    ).toBeUndefined();
    expect(classify({ "openinference.span.kind": "LLM", "llm.cost.total": 0.01 }, span).reportedCostUsd).toBe(0.01);
  });
});

describe("agent names", () => {
  it("reads gen_ai.agent.name, agent.name, agent_name and the OpenAI Agents graph node", () => {
    expect(classify({ "gen_ai.agent.name": "a" }, { name: "x" }).agentId).toBe("a");
    expect(classify({ "openinference.span.kind": "AGENT", "agent.name": "b" }, { name: "x" }).agentId).toBe("b");
    expect(classify({ agent_name: "c", "logfire.msg": "c run" }, { name: "agent run" })).toMatchObject({
      kind: "AGENT",
      agentId: "c",
    });
    expect(classify({ "openinference.span.kind": "AGENT", "graph.node.id": "d" }, { name: "d" }).agentId).toBe("d");
    expect(classify({ "openinference.span.kind": "CHAIN", "graph.node.id": "node" }, { name: "x" }).agentId).toBe(
      undefined,
    );
  });

  it("reads the agent from GenAI and Google ADK span names, on agent spans only", () => {
    expect(classify({}, { name: "agent_run [hello_agent]" })).toMatchObject({ kind: "AGENT", agentId: "hello_agent" });
    expect(classify({ "gen_ai.operation.name": "invoke_agent" }, { name: "invoke_agent researcher" }).agentId).toBe(
      "researcher",
    );
    expect(
      classify({ "gen_ai.operation.name": "execute_tool" }, { name: "invoke_agent helper" }).agentId,
    ).toBeUndefined();
  });

  it("gives an agent span without a name of its own no agent", () => {
    const unnamed = classify({ "openinference.span.kind": "AGENT" }, { name: "agent.react.update-13" });
    expect(unnamed.kind).toBe("AGENT");
    expect(unnamed.agentId).toBeUndefined();
    expect(classify({ "gen_ai.operation.name": "invoke_agent" }, { name: "invoke_agent" }).agentId).toBeUndefined();
  });
});

describe("resource-path models", () => {
  it("stores and prices a Vertex AI, Gemini API or Bedrock resource name by its last segment", () => {
    const vertex = classify(
      {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash",
        "gen_ai.usage.input_tokens": 1000,
        "gen_ai.usage.output_tokens": 100,
      },
      { name: "chat" },
    );
    expect(vertex).toMatchObject({ model: "gemini-2.5-flash", provider: "google" });
    const bare = priceSpan({ model: "gemini-2.5-flash", provider: "google", inputTokens: 1000, outputTokens: 100 });
    expect(bare.costUsd).toBeGreaterThan(0);
    expect(priceSpan(vertex)).toEqual(bare);
    expect(classify({ "gen_ai.request.model": "models/gemini-2.5-flash" }, { name: "x" }).model).toBe(
      "gemini-2.5-flash",
    );
    expect(
      classify(
        {
          "gen_ai.request.model":
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0",
        },
        { name: "x" },
      ),
    ).toMatchObject({ model: "us.anthropic.claude-3-5-sonnet-20241022-v2:0", provider: "aws" });
    expect(classify({ "gen_ai.request.model": "openai/gpt-4o" }, { name: "x" }).model).toBe("openai/gpt-4o");
  });
});
