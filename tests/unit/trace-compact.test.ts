import { describe, expect, it } from "vitest";
import { SPAN_FIELDS, fromSpanTable, toSpanTable, type CompactSpan } from "@/lib/traces/compact";

const span: CompactSpan = {
  spanId: "00000000000000aa",
  parentSpanId: null,
  name: "invoke_agent planner",
  kind: "AGENT",
  agentExternalId: "planner",
  handoffTo: null,
  model: null,
  startTime: 1_763_800_000_123.456,
  endTime: 1_763_800_001_000,
  durationMs: 876.544,
  status: "OK",
  statusMessage: null,
  inputTokens: "12",
  outputTokens: null,
  costUsd: "0.000120000",
};

describe("compact span table", () => {
  it("round-trips spans through rows", () => {
    const table = toSpanTable([span, { ...span, spanId: "00000000000000bb", parentSpanId: "00000000000000aa" }]);
    expect(table.rows[0]).toHaveLength(SPAN_FIELDS.length);
    expect(fromSpanTable(JSON.parse(JSON.stringify(table)))).toEqual([
      span,
      { ...span, spanId: "00000000000000bb", parentSpanId: "00000000000000aa" },
    ]);
  });
  it("reads by field name, so reordered or missing columns still decode", () => {
    const fields = [...SPAN_FIELDS].reverse().filter((f) => f !== "model");
    const rows = [fields.map((f) => span[f])];
    expect(fromSpanTable({ fields, rows })).toEqual([{ ...span, model: null }]);
  });
});
