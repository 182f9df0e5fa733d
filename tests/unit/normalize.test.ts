import { describe, expect, it } from "vitest";
import {
  anyValue,
  normalizeExportRequest,
  normalizeId,
  toBigInt,
  MAX_ATTRIBUTE_CHARS,
} from "../../lib/ingest/normalize";
import { attributeAgents, nanosToIso, prepareSpans } from "../../lib/ingest/prepare";

const hexTrace = "5b8efff798038103d269b633813fc60c";
const hexSpan = "eee19b7ec3c1b174";

describe("ids", () => {
  it("accepts hex, base64 and bytes; stores lowercase hex", () => {
    expect(normalizeId(hexTrace.toUpperCase(), 16)).toBe(hexTrace);
    expect(normalizeId(Buffer.from(hexTrace, "hex").toString("base64"), 16)).toBe(hexTrace);
    expect(normalizeId(new Uint8Array(Buffer.from(hexSpan, "hex")), 8)).toBe(hexSpan);
  });
  it("refuses wrong lengths, garbage and all-zero ids", () => {
    expect(normalizeId("abc", 16)).toBeNull();
    expect(normalizeId("0".repeat(32), 16)).toBeNull();
    expect(normalizeId(42, 8)).toBeNull();
    expect(normalizeId(hexSpan, 16)).toBeNull();
  });
});

describe("values", () => {
  it("reads int64 as numbers or strings", () => {
    expect(toBigInt("1700000000000000000")).toBe(1700000000000000000n);
    expect(toBigInt(12)).toBe(12n);
    expect(toBigInt({ low: 1, high: 1 })).toBe(4294967297n);
    expect(toBigInt("12abc")).toBeNull();
  });
  it("flattens every AnyValue shape", () => {
    expect(anyValue({ intValue: "9007199254740993" })).toBe("9007199254740993");
    expect(anyValue({ intValue: "42" })).toBe(42);
    expect(
      anyValue({ arrayValue: { values: [{ stringValue: "a" }, { boolValue: true }, { doubleValue: 1.5 }] } }),
    ).toEqual(["a", true, 1.5]);
    expect(anyValue({ kvlistValue: { values: [{ key: "k", value: { stringValue: "v" } }] } })).toEqual({ k: "v" });
    expect(anyValue({ bytesValue: new Uint8Array([1, 2, 3]) })).toBe("AQID");
    expect(anyValue({})).toBeNull();
  });
  it("truncates huge string values with a marker", () => {
    const huge = anyValue({ stringValue: "x".repeat(MAX_ATTRIBUTE_CHARS + 10) }) as string;
    expect(huge.length).toBeLessThan(MAX_ATTRIBUTE_CHARS + 100);
    expect(huge).toMatch(/…\[truncated 10 characters\]$/);
  });
  it("keeps microseconds in timestamps", () => {
    expect(nanosToIso(1700000000123456789n)).toBe("2023-11-14T22:13:20.123456Z");
  });
});

describe("the envelope", () => {
  it("keeps valid spans and rejects bad ones with a reason", () => {
    const { spans, rejected } = normalizeExportRequest({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
          scopeSpans: [
            {
              scope: { name: "scope" },
              spans: [
                {
                  traceId: hexTrace,
                  spanId: hexSpan,
                  name: "ok",
                  startTimeUnixNano: "1700000000000000000",
                  endTimeUnixNano: 1700000000500000000,
                },
                { traceId: "nope", spanId: hexSpan, name: "bad id", startTimeUnixNano: "1" },
                { traceId: hexTrace, spanId: "eee19b7ec3c1b175", name: "no start" },
                { traceId: hexTrace, spanId: "eee19b7ec3c1b176", name: 5, startTimeUnixNano: "1" },
                "not a span",
              ],
            },
          ],
        },
      ],
    });
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      traceId: hexTrace,
      spanId: hexSpan,
      name: "ok",
      resource: { "service.name": "svc" },
      scope: "scope",
    });
    expect(rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(rejected[0]!.reason).toMatch(/traceId/);
  });
  it("tolerates an empty or odd envelope", () => {
    expect(normalizeExportRequest(null)).toEqual({ spans: [], rejected: [] });
    expect(normalizeExportRequest({ resourceSpans: "x" })).toEqual({ spans: [], rejected: [] });
  });
});

describe("agent attribution", () => {
  const base = {
    traceId: hexTrace,
    startNs: 1n,
    endNs: 2n,
    status: "UNSET" as const,
    statusMessage: null,
    resource: {},
    scope: null,
    events: [],
  };
  it("gives a span the agent of its nearest agent ancestor, through a deep chain", () => {
    const rows = prepareSpans([
      {
        ...base,
        spanId: "a".repeat(16),
        parentSpanId: null,
        name: "invoke_agent planner",
        attributes: { "gen_ai.operation.name": "invoke_agent" },
      },
      { ...base, spanId: "b".repeat(16), parentSpanId: "a".repeat(16), name: "step", attributes: {} },
      {
        ...base,
        spanId: "c".repeat(16),
        parentSpanId: "b".repeat(16),
        name: "chat",
        attributes: { "gen_ai.operation.name": "chat" },
      },
    ]);
    expect(attributeAgents(rows)).toEqual([]);
    expect(rows.map((r) => [r.agentExternalId, r.agentInherited])).toEqual([
      ["planner", false],
      ["planner", true],
      ["planner", true],
    ]);
  });
  it("reports parents it cannot see, resolves them from stored agents, and survives cycles", () => {
    const rows = prepareSpans([
      { ...base, spanId: "d".repeat(16), parentSpanId: "f".repeat(16), name: "tool", attributes: {} },
      { ...base, spanId: "1".repeat(16), parentSpanId: "2".repeat(16), name: "x", attributes: {} },
      { ...base, spanId: "2".repeat(16), parentSpanId: "1".repeat(16), name: "y", attributes: {} },
    ]);
    expect(attributeAgents(rows)).toEqual(["f".repeat(16)]);
    attributeAgents(rows, new Map([["f".repeat(16), "researcher"]]));
    expect(rows[0]).toMatchObject({ agentExternalId: "researcher", agentInherited: true });
    expect(rows[1]!.agentExternalId).toBeNull();
  });
});

describe("protobuf", () => {
  it("keeps nanosecond timestamps exact through decode (beyond 2^53)", async () => {
    const { encodeTraceRequest, decodeTraceRequest } = await import("../../lib/ingest/otlp-proto");
    const body = encodeTraceRequest({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.from(hexTrace, "hex"),
                  spanId: Buffer.from(hexSpan, "hex"),
                  name: "x",
                  startTimeUnixNano: "1700000000123456789",
                  endTimeUnixNano: "1700000000123456799",
                  attributes: [{ key: "n", value: { intValue: "9007199254740993" } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const { spans } = normalizeExportRequest(decodeTraceRequest(body));
    expect(spans[0]).toMatchObject({
      traceId: hexTrace,
      spanId: hexSpan,
      startNs: 1700000000123456789n,
      endNs: 1700000000123456799n,
      attributes: { n: "9007199254740993" },
    });
  });
});
