// Builds OTLP protobuf export requests for the benchmarks, with fresh ids each time: agent runs of
// ~1 KB of attributes a span (an agent span → LLM calls and tool calls), sent parent-first (as a
// buffering exporter may) or children-first (as an SDK exports spans when they end: children
// in reverse, the root in a later request), and the deep single traces of the late-parent modes.
import { randomBytes } from "node:crypto";
import { encodeTraceRequest } from "../lib/ingest/otlp-proto";

type Value = { stringValue: string } | { intValue: number };
export interface OtlpSpan {
  traceId: Buffer;
  spanId: Buffer;
  parentSpanId?: Buffer;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: Value }[];
  status: { code: number };
}

const kv = (key: string, value: string | number) => ({
  key,
  value: typeof value === "number" ? { intValue: value } : { stringValue: value },
});
const PROMPT = "Summarise the customer's refund request and decide whether it meets the policy. ".repeat(8); // ~650 chars
export const LLM_INPUT_TOKENS = 1200;
export const LLM_OUTPUT_TOKENS = 150;

const agentAttributes = (agent: string) => [
  kv("gen_ai.operation.name", "invoke_agent"),
  kv("gen_ai.agent.name", agent),
  kv("session.id", randomBytes(8).toString("hex")),
  kv("input.value", PROMPT),
];
const llmAttributes = () => [
  kv("gen_ai.operation.name", "chat"),
  kv("gen_ai.provider.name", "openai"),
  kv("gen_ai.request.model", "gpt-4o-mini"),
  kv("gen_ai.usage.input_tokens", LLM_INPUT_TOKENS),
  kv("gen_ai.usage.output_tokens", LLM_OUTPUT_TOKENS),
  kv("gen_ai.input.messages", JSON.stringify([{ role: "user", parts: [{ type: "text", content: PROMPT }] }])),
];
const toolAttributes = (i: number) => [
  kv("gen_ai.operation.name", "execute_tool"),
  kv("gen_ai.tool.name", "lookup_order"),
  kv("gen_ai.tool.call.arguments", JSON.stringify({ order: i, note: PROMPT })),
];

function span(
  traceId: Buffer,
  spanId: Buffer,
  parent: Buffer | undefined,
  name: string,
  attributes: OtlpSpan["attributes"],
  start: bigint,
): OtlpSpan {
  return {
    traceId,
    spanId,
    ...(parent ? { parentSpanId: parent } : {}),
    name,
    kind: 1,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: (start + 900_000n).toString(),
    attributes,
    status: { code: 1 },
  };
}

const nowNanos = () => BigInt(Date.now()) * 1_000_000n;

/** One agent run: the agent span first, then its children, alternately LLM and tool calls. */
export function agentRun({ agent, spans: count }: { agent: string; spans: number }): OtlpSpan[] {
  const traceId = randomBytes(16);
  const rootId = randomBytes(8);
  const now = nowNanos();
  const spans = [span(traceId, rootId, undefined, "invoke_agent bench", agentAttributes(agent), now)];
  for (let i = 1; i < count; i++) {
    const llm = i % 2 === 1;
    spans.push(
      span(
        traceId,
        randomBytes(8),
        rootId,
        llm ? "chat gpt-4o-mini" : "execute_tool lookup_order",
        llm ? llmAttributes() : toolAttributes(i),
        now + BigInt(i) * 1_000_000n,
      ),
    );
  }
  return spans;
}

/** One export request holding `spans` under one resource, as an SDK's exporter sends them. */
export function encodeSpans(spans: OtlpSpan[]): Uint8Array {
  return encodeTraceRequest({
    resourceSpans: [
      { resource: { attributes: [kv("service.name", "bench")] }, scopeSpans: [{ scope: { name: "bench" }, spans }] },
    ],
  });
}

export interface Batch {
  body: Uint8Array;
  spans: number;
}

/** 100 spans as 10 agent runs of 10 spans, parent-first; `rows` are the same spans for raw inserts. */
export function makeBatch({
  traces = 10,
  spansPerTrace = 10,
}: { traces?: number; spansPerTrace?: number } = {}): Batch & {
  rows: { traceId: string; spanId: string; parentSpanId: string | null; name: string; attributes: string }[];
} {
  const spans = Array.from({ length: traces }, (_, t) =>
    agentRun({ agent: `bench-agent-${t % 5}`, spans: spansPerTrace }),
  ).flat();
  const rows = spans.map((s) => ({
    traceId: s.traceId.toString("hex"),
    spanId: s.spanId.toString("hex"),
    parentSpanId: s.parentSpanId ? s.parentSpanId.toString("hex") : null,
    name: s.name,
    attributes: JSON.stringify(Object.fromEntries(s.attributes.map((a) => [a.key, Object.values(a.value)[0]]))),
  }));
  return { body: encodeSpans(spans), spans: spans.length, rows };
}

/**
 * Requests of the same agent runs, children-first: each request holds the children of `traces`
 * new runs (in reverse order) and the agent spans of the runs begun `lag` requests earlier, so
 * every root arrives after its children have been stored (~100 spans a request once under way).
 */
export function childrenFirstBatches({
  traces = 10,
  spansPerTrace = 10,
  lag = 8,
}: { traces?: number; spansPerTrace?: number; lag?: number } = {}) {
  const waiting: OtlpSpan[][] = [];
  return {
    next(): Batch {
      const runs = Array.from({ length: traces }, (_, t) =>
        agentRun({ agent: `bench-agent-${t % 5}`, spans: spansPerTrace }),
      );
      const children = runs.flatMap((run) => run.slice(1).reverse());
      waiting.push(runs.map((run) => run[0]!));
      const roots = waiting.length > lag ? waiting.shift()! : [];
      const spans = [...children, ...roots];
      return { body: encodeSpans(spans), spans: spans.length };
    },
  };
}

/**
 * One deep agent run in the order an SDK ends its spans: `descendants` spans under the agent span,
 * as steps (no agent of their own) of up to 9 LLM and tool calls each; every step's calls come
 * before the step, and the agent span last. Returns the descendants in export order, the root
 * alone, and the tokens the run's LLM calls carry.
 */
export function deepRun({ agent, descendants }: { agent: string; descendants: number }) {
  const traceId = randomBytes(16);
  const rootId = randomBytes(8);
  const start = nowNanos();
  const spans: OtlpSpan[] = [];
  let llmCalls = 0;
  for (let made = 0, step = 0; made < descendants; step++) {
    const stepId = randomBytes(8);
    const calls = Math.min(9, descendants - made - 1);
    for (let c = 0; c < calls; c++) {
      const llm = c % 2 === 0;
      if (llm) llmCalls++;
      const at = start + BigInt(made + c + 1) * 1_000_000n;
      spans.push(
        span(
          traceId,
          randomBytes(8),
          stepId,
          llm ? "chat gpt-4o-mini" : "execute_tool lookup_order",
          llm ? llmAttributes() : toolAttributes(c),
          at,
        ),
      );
    }
    const stepSpan = span(
      traceId,
      stepId,
      rootId,
      `step ${step}`,
      [kv("step", step)],
      start + BigInt(made) * 1_000_000n,
    );
    stepSpan.endTimeUnixNano = (start + BigInt(made + calls + 1) * 1_000_000n).toString();
    spans.push(stepSpan);
    made += calls + 1;
  }
  const root = span(traceId, rootId, undefined, `invoke_agent ${agent}`, agentAttributes(agent), start);
  root.endTimeUnixNano = (start + BigInt(descendants + 2) * 1_000_000n).toString();
  return {
    traceId: traceId.toString("hex"),
    rootId: rootId.toString("hex"),
    descendants: spans,
    root,
    inputTokens: llmCalls * LLM_INPUT_TOKENS,
    outputTokens: llmCalls * LLM_OUTPUT_TOKENS,
  };
}
