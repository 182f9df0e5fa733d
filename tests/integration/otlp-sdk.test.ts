import { beforeAll, describe, expect, it } from "vitest";
import { context, trace, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { GET as getTraceRoute } from "../../app/api/v1/traces/[traceId]/route";
import { db } from "../../lib/db";
import { createKey, createWorkspace } from "../factories";
import { dataPlaneUrl } from "../setup/data-plane";

// The exporters talk to the data plane over HTTP, as to the production server.
const server = { url: "" };
beforeAll(async () => {
  server.url = await dataPlaneUrl();
});

/** A support-refund run: triage agent → refund agent (invoke_agent) → LLM call + refund tool. */
function emitRefundRun(tracer: Tracer) {
  const root = tracer.startSpan("invoke_agent triage-agent", {
    attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "triage-agent" },
  });
  const rootCtx = trace.setSpan(context.active(), root);
  const refund = tracer.startSpan(
    "invoke_agent refund-agent",
    { attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "refund-agent" } },
    rootCtx,
  );
  const refundCtx = trace.setSpan(rootCtx, refund);
  const llm = tracer.startSpan(
    "chat gpt-4o",
    {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.input_tokens": 1000,
        "gen_ai.usage.output_tokens": 200,
        "gen_ai.input.messages": JSON.stringify([
          { role: "user", parts: [{ type: "text", content: "Refund order 42" }] },
        ]),
      },
    },
    refundCtx,
  );
  llm.end();
  const tool = tracer.startSpan(
    "execute_tool issue_refund",
    { attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "issue_refund" } },
    refundCtx,
  );
  tool.setStatus({ code: SpanStatusCode.ERROR, message: "payment gateway timeout" });
  tool.end();
  refund.end();
  root.end();
  return root.spanContext().traceId;
}

describe.each([
  ["protobuf", ProtoExporter],
  ["JSON", JsonExporter],
])("OpenTelemetry JS SDK → OTLP/HTTP %s", (_encoding, Exporter) => {
  it("arrives complete: spans, parents, kinds, agents, model, tokens and cost", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest", "read"] });
    const exporter = new Exporter({
      url: `${server.url}/api/public/otel/v1/traces`,
      headers: { Authorization: `Bearer ${secret}` },
    });
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": "support-bot" }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const traceId = emitRefundRun(provider.getTracer("test"));
    await provider.forceFlush();
    await provider.shutdown();

    const spans = await db().span.findMany({ where: { workspaceId: ws.id, traceId }, orderBy: { startTime: "asc" } });
    expect(spans).toHaveLength(4);
    const byName = Object.fromEntries(spans.map((s) => [s.name, s]));
    const root = byName["invoke_agent triage-agent"]!;
    const refund = byName["invoke_agent refund-agent"]!;
    const llm = byName["chat gpt-4o"]!;
    const tool = byName["execute_tool issue_refund"]!;
    expect(root).toMatchObject({ kind: "AGENT", agentExternalId: "triage-agent", parentSpanId: null });
    expect(refund).toMatchObject({ kind: "AGENT", agentExternalId: "refund-agent", parentSpanId: root.spanId });
    expect(llm).toMatchObject({
      kind: "LLM",
      parentSpanId: refund.spanId,
      agentExternalId: "refund-agent",
      agentInherited: true,
      model: "gpt-4o",
      provider: "openai",
      inputTokens: 1000n,
      outputTokens: 200n,
      costSource: "computed",
    });
    expect(Number(llm.costUsd)).toBeCloseTo(1000 * 2.5e-6 + 200 * 10e-6, 9);
    expect(llm.input).toEqual([{ role: "user", parts: [{ type: "text", content: "Refund order 42" }] }]);
    expect(tool).toMatchObject({ kind: "TOOL", status: "ERROR", statusMessage: "payment gateway timeout" });
    expect(llm.resource).toMatchObject({ "service.name": "support-bot" });

    const rolled = await db().trace.findUniqueOrThrow({
      where: { workspaceId_traceId: { workspaceId: ws.id, traceId } },
    });
    expect(rolled).toMatchObject({
      name: "invoke_agent triage-agent",
      spanCount: 4,
      errorCount: 1,
      status: "ERROR",
      inputTokens: 1000n,
      outputTokens: 200n,
      agentNames: ["refund-agent", "triage-agent"],
      models: ["gpt-4o"],
    });
    // The same, as the read API serves it.
    const viaApi = await getTraceRoute(
      new Request(`http://arbiter.test/api/v1/traces/${traceId}`, { headers: { authorization: `Bearer ${secret}` } }),
      { params: Promise.resolve({ traceId }) },
    );
    expect(viaApi.status).toBe(200);
    const served = (await viaApi.json()) as {
      spanCount: number;
      spans: {
        name: string;
        kind: string;
        parentSpanId: string | null;
        agentExternalId: string;
        model: string | null;
        inputTokens: string | null;
        costUsd: string | null;
      }[];
    };
    expect(served.spanCount).toBe(4);
    const triple = (list: { name: string; kind: string; agentExternalId: string | null }[]) =>
      list.map((x) => [x.name, x.kind, x.agentExternalId]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(triple(served.spans)).toEqual(triple(spans));
    const servedLlm = served.spans.find((s) => s.kind === "LLM")!;
    expect(servedLlm).toMatchObject({ model: "gpt-4o", inputTokens: "1000", parentSpanId: refund.spanId });
    expect(Number(servedLlm.costUsd)).toBeCloseTo(0.0045, 9);

    const agents = await db().agent.findMany({ where: { workspaceId: ws.id }, orderBy: { externalId: "asc" } });
    expect(agents.map((a) => a.externalId)).toEqual(["refund-agent", "triage-agent"]);
  });
});
