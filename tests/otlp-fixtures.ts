// Builds OTLP/JSON export requests for tests: a multi-agent trace with deterministic ids.
import { createHash } from "node:crypto";

export const hex = (seed: string, bytes: number) =>
  createHash("sha256")
    .update(seed)
    .digest("hex")
    .slice(0, bytes * 2);

/** An OTLP/JSON AnyValue: string, bool, int, double, or an array of strings. */
export function anyValue(value: string | number | boolean | string[]): Record<string, unknown> {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}
const attr = (key: string, value: string | number | boolean) => ({ key, value: anyValue(value) });

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: Record<string, unknown> }[];
  status?: { code: number; message?: string };
}

/**
 * planner (agent) → N workers (invoke_agent) → each: chat (LLM, tokens) + tool; one tool fails.
 * `spans` is approximate: 1 + 3 per worker.
 */
export function makeTrace({
  seed,
  spans = 31,
  startMs = Date.UTC(2026, 10, 20, 12),
}: {
  seed: string;
  spans?: number;
  startMs?: number;
}) {
  const traceId = hex(`trace:${seed}`, 16);
  const out: OtlpSpan[] = [];
  const ns = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
  const rootId = hex(`${seed}:root`, 8);
  const workers = Math.max(1, Math.floor((spans - 1) / 3));
  out.push({
    traceId,
    spanId: rootId,
    name: "invoke_agent planner",
    kind: 1,
    startTimeUnixNano: ns(startMs),
    endTimeUnixNano: ns(startMs + 1000 + workers * 10),
    attributes: [attr("gen_ai.operation.name", "invoke_agent"), attr("gen_ai.agent.name", "planner")],
  });
  const models = ["gpt-4o", "gpt-4o-mini", "claude-3-5-haiku-latest"];
  for (let w = 0; w < workers; w++) {
    const workerId = hex(`${seed}:w${w}`, 8);
    const t0 = startMs + 5 + w * 10;
    out.push({
      traceId,
      spanId: workerId,
      parentSpanId: rootId,
      name: `invoke_agent researcher-${w % 3}`,
      kind: 1,
      startTimeUnixNano: ns(t0),
      endTimeUnixNano: ns(t0 + 8),
      attributes: [attr("gen_ai.operation.name", "invoke_agent"), attr("gen_ai.agent.name", `researcher-${w % 3}`)],
    });
    out.push({
      traceId,
      spanId: hex(`${seed}:w${w}:llm`, 8),
      parentSpanId: workerId,
      name: "chat",
      kind: 3,
      startTimeUnixNano: ns(t0 + 1),
      endTimeUnixNano: ns(t0 + 4.5),
      attributes: [
        attr("gen_ai.operation.name", "chat"),
        attr("gen_ai.request.model", models[w % 3]!),
        attr("gen_ai.usage.input_tokens", 100 + w),
        attr("gen_ai.usage.output_tokens", 10 + w),
      ],
    });
    out.push({
      traceId,
      spanId: hex(`${seed}:w${w}:tool`, 8),
      parentSpanId: workerId,
      name: "execute_tool web_search",
      kind: 1,
      startTimeUnixNano: ns(t0 + 5),
      endTimeUnixNano: ns(t0 + 7),
      attributes: [attr("gen_ai.operation.name", "execute_tool"), attr("gen_ai.tool.name", "web_search")],
      ...(w === 1 ? { status: { code: 2, message: "rate limited" } } : {}),
    });
  }
  return { traceId, spans: out };
}

export function exportRequest(spans: OtlpSpan[], service = "research-swarm", scope = "tests") {
  return {
    resourceSpans: [
      {
        resource: { attributes: [attr("service.name", service)] },
        scopeSpans: [{ scope: { name: scope }, spans }],
      },
    ],
  };
}
