// The late-parent mode of bench:ingest, run as its own process: stores `descendants` spans of one
// agent run through the OTLP endpoint in 100-span requests, one at a time and children-first (see
// deepRun), then sends the agent span alone and times that request. Then asks the read API how
// the trace is served. Prints one JSON line.
import { parseArgs } from "node:util";
import { decodeTraceResponse } from "../lib/ingest/otlp-proto";
import { deepRun, encodeSpans, type OtlpSpan } from "./otlp-batch";
import { servedAttribution, traceRollup } from "./read-trace";
import { summarize, type Latency } from "./stats";
import { exchange, failureKind } from "./http";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    descendants: { type: "string", default: "19500" },
    batch: { type: "string", default: "100" },
    agent: { type: "string", default: "late-parent-agent" },
    timeout: { type: "string", default: "300000" },
  },
});
const endpoint = `${values.url}/api/public/otel/v1/traces`;
const batchSize = Number(values.batch);

async function send(spans: OtlpSpan[]) {
  const started = performance.now();
  const response = await exchange(
    endpoint,
    {
      method: "POST",
      headers: { authorization: `Bearer ${values.key}`, "content-type": "application/x-protobuf" },
      body: Buffer.from(encodeSpans(spans)),
    },
    Number(values.timeout),
  ).catch((error: unknown) => {
    console.error(`[late-parent] a request failed: ${failureKind(error)}`);
    return { status: 0, body: new Uint8Array() };
  });
  const ms = performance.now() - started;
  const rejected =
    response.status === 200 ? (decodeTraceResponse(response.body).partialSuccess?.rejectedSpans ?? 0) : spans.length;
  return { status: response.status, ms, rejected };
}

const run = deepRun({ agent: values.agent!, descendants: Number(values.descendants) });
const childLatencies: number[] = [];
let childFailures = 0;
let childRejected = 0;
const childrenStarted = performance.now();
for (let i = 0; i < run.descendants.length; i += batchSize) {
  const r = await send(run.descendants.slice(i, i + batchSize));
  childLatencies.push(r.ms);
  childRejected += r.rejected;
  if (r.status !== 200) childFailures++;
}
const childSeconds = (performance.now() - childrenStarted) / 1000;
const parent = await send([run.root]);

const rollup = await traceRollup(values.url!, values.key!, run.traceId);
const served = await servedAttribution(values.url!, values.key!, run.traceId);

export interface LateParentResult {
  traceId: string;
  rootId: string;
  agent: string;
  descendants: number;
  childRequests: number;
  childFailures: number;
  childRejected: number;
  childSeconds: number;
  childSpansPerSecond: number;
  childLatency: Latency;
  parentMs: number;
  parentStatus: number;
  parentRejected: number;
  expectedInputTokens: number;
  expectedOutputTokens: number;
  rollup: Awaited<ReturnType<typeof traceRollup>>;
  served: Awaited<ReturnType<typeof servedAttribution>>;
}

const result: LateParentResult = {
  traceId: run.traceId,
  rootId: run.rootId,
  agent: values.agent!,
  descendants: run.descendants.length,
  childRequests: childLatencies.length,
  childFailures,
  childRejected,
  childSeconds,
  childSpansPerSecond: run.descendants.length / childSeconds,
  childLatency: summarize(childLatencies),
  parentMs: parent.ms,
  parentStatus: parent.status,
  parentRejected: parent.rejected,
  expectedInputTokens: run.inputTokens,
  expectedOutputTokens: run.outputTokens,
  rollup,
  served,
};
console.log(JSON.stringify(result));
