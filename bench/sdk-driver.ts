// The SDK mode of bench:ingest, run as its own process: the OpenTelemetry JS SDK as an agent uses
// it (BasicTracerProvider + BatchSpanProcessor + the OTLP/protobuf exporter, default settings but
// a queue that holds the whole trace) records one agent run of `spans` spans over `seconds`, each
// span ending before its parent as in a real run (the agent span last). When the last span has
// ended it calls forceFlush and polls the read API until the server holds every span and the
// root. Prints one JSON line: how long forceFlush took and how long until the trace had landed.
import { parseArgs } from "node:util";
import { context, trace, type Attributes } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { LLM_INPUT_TOKENS, LLM_OUTPUT_TOKENS } from "./otlp-batch";
import { servedAttribution, traceRollup, type TraceRollup } from "./read-trace";
import { summarize, type Latency } from "./stats";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    spans: { type: "string", default: "20000" },
    seconds: { type: "string", default: "10" },
    agent: { type: "string", default: "sdk-agent" },
    "poll-ms": { type: "string", default: "100" },
    "give-up-seconds": { type: "string", default: "300" },
  },
});
const total = Number(values.spans);
const url = values.url!;
const key = values.key!;

const PROMPT = "Summarise the customer's refund request and decide whether it meets the policy. ".repeat(8);
const llmAttributes: Attributes = {
  "gen_ai.operation.name": "chat",
  "gen_ai.provider.name": "openai",
  "gen_ai.request.model": "gpt-4o-mini",
  "gen_ai.usage.input_tokens": LLM_INPUT_TOKENS,
  "gen_ai.usage.output_tokens": LLM_OUTPUT_TOKENS,
  "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: PROMPT }] }]),
};
const toolAttributes = (i: number): Attributes => ({
  "gen_ai.operation.name": "execute_tool",
  "gen_ai.tool.name": "lookup_order",
  "gen_ai.tool.call.arguments": JSON.stringify({ order: i, note: PROMPT }),
});

type ExportDone = Parameters<SpanExporter["export"]>[1];
const SUCCESS = 0; // ExportResultCode.SUCCESS (@opentelemetry/core is not a direct dependency)

/** What every export call did (the exporter unchanged, only watched). */
const exports: { spans: number; ms: number; ok: boolean; error?: string }[] = [];
function watched(exporter: SpanExporter): SpanExporter {
  return {
    export(spans: ReadableSpan[], done: ExportDone) {
      const started = performance.now();
      exporter.export(spans, (result) => {
        exports.push({
          spans: spans.length,
          ms: performance.now() - started,
          ok: result.code === SUCCESS,
          ...(result.error ? { error: result.error.message } : {}),
        });
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ "service.name": "bench-sdk" }),
  spanProcessors: [
    new BatchSpanProcessor(
      watched(
        new OTLPTraceExporter({ url: `${url}/api/public/otel/v1/traces`, headers: { Authorization: `Bearer ${key}` } }),
      ),
      // The default queue (2,048) would drop most of a 20,000-span burst; nothing else is changed.
      { maxQueueSize: Math.max(2048, total + 512) },
    ),
  ],
});
const tracer = provider.getTracer("bench");

// The run: the agent span, then steps of up to 9 LLM and tool calls, every step ending after its
// calls and the agent span after everything, paced to take `seconds`.
const started = performance.now();
const pace = (Number(values.seconds) * 1000) / total;
const root = tracer.startSpan(`invoke_agent ${values.agent}`, {
  attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": values.agent! },
});
const rootCtx = trace.setSpan(context.active(), root);
let made = 1;
let llmCalls = 0;
for (let step = 0; made < total; step++) {
  const stepSpan = tracer.startSpan(`step ${step}`, { attributes: { step } }, rootCtx);
  const stepCtx = trace.setSpan(rootCtx, stepSpan);
  const calls = Math.min(9, total - made - 1);
  for (let c = 0; c < calls; c++) {
    const llm = c % 2 === 0;
    if (llm) llmCalls++;
    tracer
      .startSpan(
        llm ? "chat gpt-4o-mini" : "execute_tool lookup_order",
        { attributes: llm ? llmAttributes : toolAttributes(c) },
        stepCtx,
      )
      .end();
  }
  stepSpan.end();
  made += calls + 1;
  // Let the processor's exports run, and keep to the pace.
  const wait = started + made * pace - performance.now();
  await new Promise((r) => (wait > 1 ? setTimeout(r, wait) : setImmediate(r)));
}
root.end();
const lastEnded = performance.now();
const rootId = root.spanContext().spanId;
const traceId = root.spanContext().traceId;

let flushMs: number | null = null;
let flushError: string | null = null;
const flushed = provider.forceFlush().then(
  () => void (flushMs = performance.now() - lastEnded),
  (error: unknown) => {
    flushMs = performance.now() - lastEnded;
    flushError = error instanceof Error ? error.message : String(error);
  },
);

// Landed: the read API counts every span and knows the root.
let landedMs: number | null = null;
let last: TraceRollup | null = null;
let pollErrors = 0;
const giveUp = lastEnded + Number(values["give-up-seconds"]) * 1000;
while (performance.now() < giveUp) {
  try {
    last = await traceRollup(url, key, traceId);
  } catch {
    pollErrors++;
  }
  if (last && last.spanCount >= total && last.rootSpanId === rootId) {
    landedMs = performance.now() - lastEnded;
    break;
  }
  await new Promise((r) => setTimeout(r, Number(values["poll-ms"])));
}
await flushed;
await provider.shutdown().catch(() => {});
const served = await servedAttribution(url, key, traceId);

export interface SdkResult {
  traceId: string;
  rootId: string;
  agent: string;
  spans: number;
  recordSeconds: number;
  flushMs: number | null;
  flushError: string | null;
  landedMs: number | null;
  pollErrors: number;
  rollup: TraceRollup | null;
  served: Awaited<ReturnType<typeof servedAttribution>>;
  expectedInputTokens: number;
  expectedOutputTokens: number;
  exportCalls: number;
  exportFailures: number;
  exportErrors: string[];
  exportedSpans: number;
  exportLatency: Latency;
}

const result: SdkResult = {
  traceId,
  rootId,
  agent: values.agent!,
  spans: total,
  recordSeconds: (lastEnded - started) / 1000,
  flushMs,
  flushError,
  landedMs,
  pollErrors,
  rollup: last,
  served,
  expectedInputTokens: llmCalls * LLM_INPUT_TOKENS,
  expectedOutputTokens: llmCalls * LLM_OUTPUT_TOKENS,
  exportCalls: exports.length,
  exportFailures: exports.filter((e) => !e.ok).length,
  exportErrors: [...new Set(exports.flatMap((e) => (e.error ? [e.error] : [])))].slice(0, 5),
  exportedSpans: exports.filter((e) => e.ok).reduce((n, e) => n + e.spans, 0),
  exportLatency: summarize(exports.map((e) => e.ms)),
};
console.log(JSON.stringify(result));
