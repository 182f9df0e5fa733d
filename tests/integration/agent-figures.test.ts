import { describe, expect, it } from "vitest";
import { ingestNative } from "../../lib/ingest/ingest-native";
import { agentFigures, getAgentDetail } from "../../lib/agents/agent-figures";
import { db } from "../../lib/db";
import { NotFound } from "../../lib/errors";
import { createWorkspace } from "../factories";

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** Two runs: a planner calls a buyer (who uses a tool, once failing); a third run by the buyer alone. */
async function seed() {
  const ws = await createWorkspace();
  const now = Date.now();
  const items = [];
  let id = 1;
  for (const [run, failing] of [
    [1, false],
    [2, true],
  ] as const) {
    const traceId = hex(run, 32);
    const root = hex(id++, 16);
    const buyer = hex(id++, 16);
    items.push(
      { traceId, spanId: root, name: "invoke_agent planner", kind: "agent", agent: "planner" },
      { traceId, spanId: buyer, parentSpanId: root, name: "invoke_agent buyer", kind: "agent", agent: "buyer" },
      {
        traceId,
        spanId: hex(id++, 16),
        parentSpanId: buyer,
        name: "chat gpt-4o",
        kind: "llm",
        model: "gpt-4o",
        inputTokens: 1000,
        outputTokens: 100,
        costUsd: 0.5,
      },
      {
        traceId,
        spanId: hex(id++, 16),
        parentSpanId: buyer,
        name: "execute_tool create_po",
        kind: "tool",
        status: failing ? "error" : "ok",
      },
    );
  }
  items.push({ traceId: hex(3, 32), spanId: hex(id++, 16), name: "invoke_agent buyer", kind: "agent", agent: "buyer" });
  const result = await ingestNative({
    workspaceId: ws.id,
    items: items.map((body, i) => ({
      id: `s${i}`,
      type: "span",
      body: { startTime: now - 60_000 + i * 10, endTime: now - 60_000 + i * 10 + 5, ...body },
    })),
  });
  expect(result.errors).toEqual([]);
  return ws;
}

describe("agent figures", () => {
  it("counts each agent's traces, failed traces, spans and spend, for all agents or one", async () => {
    const ws = await seed();
    const all = await agentFigures({ workspaceId: ws.id });
    expect(all.get("buyer")).toMatchObject({ traces: 3, failedTraces: 1, spans: 7, costUsd: 1 });
    expect(all.get("planner")).toMatchObject({ traces: 2, failedTraces: 1, spans: 2, costUsd: 0 });
    const one = await agentFigures({ workspaceId: ws.id, agent: "buyer" });
    expect([...one.keys()]).toEqual(["buyer"]);
    expect(one.get("buyer")).toEqual(all.get("buyer"));
  });

  it("details one agent: spend per day, models, tools with errors, and refuses other workspaces", async () => {
    const ws = await seed();
    const buyer = await db().agent.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "buyer" } });
    const detail = await getAgentDetail({ workspaceId: ws.id, agentId: buyer.id });
    expect(detail.figures).toMatchObject({ traces: 3, failedTraces: 1 });
    expect(detail.models).toEqual([{ model: "gpt-4o", spans: 2, inputTokens: 2000, outputTokens: 200, costUsd: 1 }]);
    expect(detail.tools).toMatchObject([{ name: "create_po", calls: 2, errors: 1 }]);
    expect(detail.daily.reduce((sum, d) => sum + d.costUsd, 0)).toBeCloseTo(1);
    const other = await createWorkspace();
    await expect(getAgentDetail({ workspaceId: other.id, agentId: buyer.id })).rejects.toThrow(NotFound);
  });
});
