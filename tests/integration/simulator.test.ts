import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { POST } from "../../app/api/public/otel/v1/traces/route";
import { db } from "../../lib/db";
import { runSimulation } from "../../lib/simulator/run-simulation";
import { buildScenario, seededRandom, SCENARIOS } from "../../lib/simulator/scenarios";
import { createKey, createWorkspace } from "../factories";
import { serveRoutes } from "../setup/route-server";

let server: Awaited<ReturnType<typeof serveRoutes>>;
beforeAll(async () => {
  server = await serveRoutes({ "/api/public/otel/v1/traces": POST });
});
afterAll(() => server.close());

describe("simulator", () => {
  it("builds the same run from the same seed", () => {
    for (const s of SCENARIOS) {
      expect(buildScenario(s, seededRandom(9), 0)).toEqual(buildScenario(s, seededRandom(9), 0));
    }
  });

  it("sends every scenario through the SDK's protobuf exporter, arriving as multi-agent traces", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    const exporter = new OTLPTraceExporter({
      url: `${server.url}/api/public/otel/v1/traces`,
      headers: { Authorization: `Bearer ${secret}` },
    });
    await runSimulation({ exporter, scenarios: SCENARIOS, traces: 30, rate: 0, daysBack: 30, seed: 5 });

    expect(await db().trace.count({ where: { workspaceId: ws.id } })).toBe(30);
    const agents = (await db().agent.findMany({ where: { workspaceId: ws.id }, orderBy: { externalId: "asc" } })).map(
      (a) => a.externalId,
    );
    expect(agents).toEqual([
      "procurement-planner",
      "purchaser",
      "refund-agent",
      "research-planner",
      "researcher",
      "summarizer",
      "triage-agent",
      "vendor-checker",
    ]);
    const kinds = await db().span.groupBy({ by: ["kind"], where: { workspaceId: ws.id }, _count: true });
    const kindNames = kinds.map((k) => k.kind).sort();
    expect(kindNames).toEqual(expect.arrayContaining(["AGENT", "LLM", "TOOL", "RETRIEVER", "HANDOFF"]));
    // Every model the simulator uses has a price; nothing is left unpriced.
    expect(await db().span.count({ where: { workspaceId: ws.id, costSource: "unknown_model" } })).toBe(0);
    const handoff = await db().span.findFirst({ where: { workspaceId: ws.id, kind: "HANDOFF" } });
    expect(handoff?.handoffTo).toBe("refund-agent");
    // 30 days back, spread out.
    const oldest = await db().trace.findFirst({ where: { workspaceId: ws.id }, orderBy: { startTime: "asc" } });
    expect(Date.now() - oldest!.startTime.getTime()).toBeGreaterThan(5 * 86_400_000);
  });
});
