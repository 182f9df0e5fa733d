import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { ingestOtlp } from "../../lib/ingest/ingest-otlp";
import { priceSpan } from "../../lib/ingest/price";
import { createWorkspace } from "../factories";
import { exportRequest, sdkShapes, type SdkShape } from "../sdk-shapes";

const sum = <T>(items: T[], of: (item: T) => number) => items.reduce((n, item) => n + of(item), 0);

/** What ingest stored for one shape's trace, in numbers. */
async function stored(workspaceId: string, shape: SdkShape) {
  const trace = await db().trace.findUniqueOrThrow({
    where: { workspaceId_traceId: { workspaceId, traceId: shape.traceId } },
  });
  const spans = await db().span.findMany({
    where: { workspaceId, traceId: shape.traceId },
    orderBy: { spanId: "asc" },
  });
  const usage = await db().usageDaily.findMany({ where: { workspaceId } });
  const agents = await db().agent.findMany({ where: { workspaceId }, orderBy: { externalId: "asc" } });
  return { trace, spans, usage, agents };
}

async function expectCountedOnce(workspaceId: string, shape: SdkShape) {
  const { trace, spans, usage, agents } = await stored(workspaceId, shape);
  const input = sum(shape.modelCalls, (c) => c.inputTokens);
  const output = sum(shape.modelCalls, (c) => c.outputTokens);
  const cost = sum(shape.modelCalls, (c) => priceSpan(c).costUsd!);
  expect(cost).toBeGreaterThan(0);

  // The trace roll-up and the daily usage add up the model calls, nothing else.
  expect(trace).toMatchObject({
    spanCount: shape.spans.length,
    inputTokens: BigInt(input),
    outputTokens: BigInt(output),
    totalTokens: BigInt(input + output),
  });
  expect(Number(trace.costUsd)).toBeCloseTo(cost, 8);
  expect(sum(usage, (u) => Number(u.inputTokens))).toBe(input);
  expect(sum(usage, (u) => Number(u.outputTokens))).toBe(output);
  expect(sum(usage, (u) => Number(u.costUsd))).toBeCloseTo(cost, 8);
  expect(sum(usage, (u) => u.spanCount)).toBe(shape.spans.length);

  // Per agent too: each model call's usage lands on the agent it belongs to.
  for (const agent of new Set(shape.modelCalls.map((c) => c.agent))) {
    const calls = shape.modelCalls.filter((c) => c.agent === agent);
    const rows = usage.filter((u) => u.agentExternalId === (agent ?? ""));
    expect(sum(rows, (u) => Number(u.inputTokens))).toBe(sum(calls, (c) => c.inputTokens));
    expect(sum(rows, (u) => Number(u.costUsd))).toBeCloseTo(
      sum(calls, (c) => priceSpan(c).costUsd!),
      8,
    );
  }

  // Only model calls carry counts; a parent keeps what it repeated among its attributes.
  const callIds = shape.modelCalls.map((c) => c.spanId).sort();
  expect(spans.filter((s) => s.inputTokens !== null).map((s) => s.spanId)).toEqual(callIds);
  expect(spans.filter((s) => s.costUsd !== null).map((s) => s.spanId)).toEqual(callIds);
  for (const call of shape.modelCalls) {
    const span = spans.find((s) => s.spanId === call.spanId)!;
    expect(span).toMatchObject({ model: call.model, agentExternalId: call.agent, costSource: "computed" });
  }
  for (const { spanId, key, value } of shape.repeated) {
    expect((spans.find((s) => s.spanId === spanId)!.attributes as Record<string, unknown>)[key]).toBe(value);
  }
  expect([...trace.models].sort()).toEqual(expect.arrayContaining(shape.models));

  // Agents registered are exactly the ones the trace names.
  expect(agents.map((a) => a.externalId)).toEqual(shape.agents);
  expect([...trace.agentNames].sort()).toEqual(shape.agents);
}

describe.each(sdkShapes().map((shape) => [shape.name, shape] as const))("%s", (_name, shape) => {
  it("counts usage once, at the model calls, and registers the named agents only", async () => {
    const ws = await createWorkspace();
    const result = await ingestOtlp({ workspaceId: ws.id, request: exportRequest(shape.spans) });
    expect(result).toMatchObject({ accepted: shape.spans.length, rejected: [] });
    await expectCountedOnce(ws.id, shape);
  });

  it("counts the same when spans arrive as SDKs export them, each when it ends (children first)", async () => {
    const ws = await createWorkspace();
    const byEnd = [...shape.spans].sort((a, b) => Number(BigInt(a.endTimeUnixNano) - BigInt(b.endTimeUnixNano)));
    for (const span of byEnd) await ingestOtlp({ workspaceId: ws.id, request: exportRequest([span]) });
    await expectCountedOnce(ws.id, shape);
  });
});
