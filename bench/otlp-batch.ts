// Builds OTLP protobuf export requests for the benchmark: 100 spans of ~1 KB of attributes,
// as 10 agent runs of 10 spans (agent → LLM calls and tool calls), with fresh ids each time.
import { randomBytes } from "node:crypto";
import { encodeTraceRequest } from "../lib/ingest/otlp-proto";

const kv = (key: string, value: string | number) => ({
  key,
  value: typeof value === "number" ? { intValue: value } : { stringValue: value },
});
const PROMPT = "Summarise the customer's refund request and decide whether it meets the policy. ".repeat(8); // ~650 chars

export function makeBatch({ traces = 10, spansPerTrace = 10 }: { traces?: number; spansPerTrace?: number } = {}): {
  body: Uint8Array;
  spans: number;
  rows: { traceId: string; spanId: string; parentSpanId: string | null; name: string; attributes: string }[];
} {
  const now = BigInt(Date.now()) * 1_000_000n;
  const resourceSpans = [];
  const rows = [];
  for (let t = 0; t < traces; t++) {
    const traceId = randomBytes(16);
    const rootId = randomBytes(8);
    const spans = [];
    for (let i = 0; i < spansPerTrace; i++) {
      const spanId = i === 0 ? rootId : randomBytes(8);
      const isLlm = i % 2 === 1;
      const attributes =
        i === 0
          ? [
              kv("gen_ai.operation.name", "invoke_agent"),
              kv("gen_ai.agent.name", `bench-agent-${t % 5}`),
              kv("session.id", randomBytes(8).toString("hex")),
              kv("input.value", PROMPT),
            ]
          : isLlm
            ? [
                kv("gen_ai.operation.name", "chat"),
                kv("gen_ai.provider.name", "openai"),
                kv("gen_ai.request.model", "gpt-4o-mini"),
                kv("gen_ai.usage.input_tokens", 1200 + i),
                kv("gen_ai.usage.output_tokens", 150 + i),
                kv(
                  "gen_ai.input.messages",
                  JSON.stringify([{ role: "user", parts: [{ type: "text", content: PROMPT }] }]),
                ),
              ]
            : [
                kv("gen_ai.operation.name", "execute_tool"),
                kv("gen_ai.tool.name", "lookup_order"),
                kv("gen_ai.tool.call.arguments", JSON.stringify({ order: i, note: PROMPT })),
              ];
      const start = now + BigInt(i) * 1_000_000n;
      spans.push({
        traceId,
        spanId,
        ...(i === 0 ? {} : { parentSpanId: rootId }),
        name: i === 0 ? "invoke_agent bench" : isLlm ? "chat gpt-4o-mini" : "execute_tool lookup_order",
        kind: 1,
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: (start + 900_000n).toString(),
        attributes,
        status: { code: 1 },
      });
      rows.push({
        traceId: traceId.toString("hex"),
        spanId: spanId.toString("hex"),
        parentSpanId: i === 0 ? null : rootId.toString("hex"),
        name: spans.at(-1)!.name,
        attributes: JSON.stringify(Object.fromEntries(attributes.map((a) => [a.key, Object.values(a.value)[0]]))),
      });
    }
    resourceSpans.push({
      resource: { attributes: [kv("service.name", "bench")] },
      scopeSpans: [{ scope: { name: "bench" }, spans }],
    });
  }
  return { body: encodeTraceRequest({ resourceSpans }), spans: traces * spansPerTrace, rows };
}
