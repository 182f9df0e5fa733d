// The native batch format, for agents without OpenTelemetry: a loose envelope of items, each
// validated on its own and answered on its own (HTTP 207).
import { z } from "zod";
import { normalizeId, type NormalizedSpan } from "./normalize";

const time = z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]);
const count = z.number().int().min(0).max(1e12);

export const nativeSpanSchema = z.object({
  traceId: z.string().min(1).max(64),
  spanId: z.string().min(1).max(32),
  parentSpanId: z.string().min(1).max(32).nullish(),
  name: z.string().min(1).max(1024),
  kind: z.enum(["agent", "llm", "tool", "chain", "retriever", "embedding", "guardrail", "handoff", "other"]).optional(),
  agent: z.string().min(1).max(512).optional(),
  handoffTo: z.string().min(1).max(512).optional(),
  model: z.string().min(1).max(512).optional(),
  provider: z.string().min(1).max(128).optional(),
  startTime: time,
  endTime: time.optional(),
  status: z.enum(["ok", "error", "unset"]).default("unset"),
  statusMessage: z.string().max(10_000).optional(),
  inputTokens: count.optional(),
  outputTokens: count.optional(),
  cacheReadTokens: count.optional(),
  cacheWriteTokens: count.optional(),
  reasoningTokens: count.optional(),
  costUsd: z.number().min(0).max(1e9).optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  attributes: z.record(z.string().max(1024), z.unknown()).optional(),
});

export const nativeItemSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.literal("span"),
  body: nativeSpanSchema,
});

export const nativeBatchSchema = z.object({ batch: z.array(z.unknown()).min(1).max(10_000) });

export type NativeSpan = z.infer<typeof nativeSpanSchema>;

const toNanos = (t: string | number) =>
  typeof t === "number" ? BigInt(t) * 1_000_000n : BigInt(Date.parse(t)) * 1_000_000n;

/** A native span → the normalized form the OTLP path produces, via the arbiter.* / gen_ai.* conventions. */
export function nativeToNormalized(span: NativeSpan): NormalizedSpan | string {
  const traceId = normalizeId(span.traceId, 16);
  const spanId = normalizeId(span.spanId, 8);
  if (!traceId) return "traceId must be 32 hex characters";
  if (!spanId) return "spanId must be 16 hex characters";
  const parentSpanId = span.parentSpanId ? normalizeId(span.parentSpanId, 8) : null;
  if (span.parentSpanId && !parentSpanId) return "parentSpanId must be 16 hex characters";
  const startNs = toNanos(span.startTime);
  const endNs = span.endTime === undefined ? null : toNanos(span.endTime);
  if (endNs !== null && endNs < startNs) return "endTime is before startTime";
  const defined = (entries: [string, unknown][]) => Object.fromEntries(entries.filter(([, v]) => v !== undefined));
  return {
    traceId,
    spanId,
    parentSpanId,
    name: span.name,
    startNs,
    endNs,
    status: span.status.toUpperCase() as NormalizedSpan["status"],
    statusMessage: span.statusMessage ?? null,
    attributes: {
      ...span.attributes,
      ...defined([
        ["arbiter.span.kind", span.kind],
        ["arbiter.agent.id", span.agent],
        ["arbiter.handoff.to", span.handoffTo],
        ["arbiter.cost.usd", span.costUsd],
        ["arbiter.model", span.model],
        ["arbiter.provider", span.provider],
        ["gen_ai.usage.input_tokens", span.inputTokens],
        ["gen_ai.usage.output_tokens", span.outputTokens],
        ["gen_ai.usage.cache_read.input_tokens", span.cacheReadTokens],
        ["gen_ai.usage.cache_creation.input_tokens", span.cacheWriteTokens],
        ["gen_ai.usage.reasoning.output_tokens", span.reasoningTokens],
        ["arbiter.input", span.input],
        ["arbiter.output", span.output],
      ]),
    },
    resource: {},
    scope: "arbiter.native",
    events: [],
  };
}
