import { describe, expect, it } from "vitest";
import { SPAN_FIELDS, agentNamesOf, fromSpanTable, toSpanTable, type CompactSpan } from "@/lib/traces/compact";

const base = 1_763_800_000_000;
const span: CompactSpan = {
  spanId: "00000000000000aa",
  parentSpanId: null,
  name: "invoke_agent planner",
  kind: "AGENT",
  agentExternalId: "planner",
  handoffTo: null,
  model: null,
  startTime: base + 123.5,
  endTime: base + 1000,
  durationMs: 876.5,
  status: "OK",
  statusMessage: null,
  inputTokens: 12,
  outputTokens: null,
  costUsd: 0.00012,
};

describe("compact span table", () => {
  it("round-trips spans through offsets and durations", () => {
    const child = {
      ...span,
      spanId: "00000000000000bb",
      parentSpanId: "00000000000000aa",
      endTime: null,
      durationMs: null,
    };
    const table = toSpanTable("t", base, [span, child]);
    expect(table.rows[0]).toHaveLength(SPAN_FIELDS.length);
    expect(table.rows[0]![SPAN_FIELDS.indexOf("startOffsetMs")]).toBe(123.5);
    expect(fromSpanTable(JSON.parse(JSON.stringify(table)))).toEqual([span, child]);
  });
  it("carries the trace's agents' names by external id beside the rows", () => {
    const table = JSON.parse(JSON.stringify(toSpanTable("t", base, [span], { planner: "Trip planner" })));
    expect(agentNamesOf(table)).toEqual(new Map([["planner", "Trip planner"]]));
    // A table without names (or with junk in their place) reads as no names.
    expect(agentNamesOf({ ...table, agents: undefined }).size).toBe(0);
    expect(agentNamesOf({ ...table, agents: { x: 1 } as unknown as Record<string, string> }).size).toBe(0);
  });
  it("reads by field name, so reordered or missing columns still decode", () => {
    const table = toSpanTable("t", base, [span]);
    const fields = [...SPAN_FIELDS].reverse().filter((f) => f !== "model");
    const rows = [fields.map((f) => table.rows[0]![SPAN_FIELDS.indexOf(f)])];
    expect(fromSpanTable({ ...table, fields, rows })).toEqual([{ ...span, model: null }]);
  });
});
