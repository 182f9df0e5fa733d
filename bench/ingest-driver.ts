// The ingest load generator, run as its own process: POSTs OTLP protobuf requests of ~100 spans
// with a fixed number of requests in flight for a fixed time, parent-first or children-first
// (see otlp-batch.ts); --path points it at a bare-Node floor instead. Prints one JSON line.
import { parseArgs } from "node:util";
import { decodeTraceResponse } from "../lib/ingest/otlp-proto";
import { childrenFirstBatches, makeBatch, type Batch } from "./otlp-batch";
import { summarize, type Latency } from "./stats";
import { exchange, type Exchange } from "./http";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    seconds: { type: "string", default: "30" },
    concurrency: { type: "string", default: "8" },
    order: { type: "string", default: "parent-first" },
    path: { type: "string", default: "/api/public/otel/v1/traces" },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const endpoint = `${values.url}${values.path}`;
if (values.order !== "parent-first" && values.order !== "children-first") {
  throw new Error("--order is parent-first or children-first");
}
// A root comes `concurrency` requests after its children, so they have (almost always) been stored.
const childrenFirst = childrenFirstBatches({ lag: concurrency });
const make = values.order === "children-first" ? () => childrenFirst.next() : () => makeBatch();

const latencies: number[] = [];
let spans = 0;
let rejectedSpans = 0;
let failures = 0;
let throttled = 0;

// Batches are built ahead and topped up in order, so children-first order holds across workers.
const queue: Batch[] = Array.from({ length: 64 }, make);
const deadline = Date.now() + seconds * 1000;

async function worker() {
  while (Date.now() < deadline) {
    const batch = queue.shift()!;
    queue.push(make());
    const started = performance.now();
    let response: Exchange;
    try {
      response = await exchange(
        endpoint,
        {
          method: "POST",
          headers: { authorization: `Bearer ${values.key}`, "content-type": "application/x-protobuf" },
          body: Buffer.from(batch.body),
        },
        60_000,
      );
    } catch {
      failures++;
      continue;
    }
    const elapsed = performance.now() - started;
    if (response.status === 200) {
      latencies.push(elapsed);
      const rejected = decodeTraceResponse(response.body).partialSuccess?.rejectedSpans ?? 0;
      rejectedSpans += rejected;
      spans += batch.spans - rejected;
    } else if (response.status === 503 || response.status === 429) {
      throttled++;
      await new Promise((r) => setTimeout(r, Number(response.headers["retry-after"] ?? 1) * 100));
    } else failures++;
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsedS = (Date.now() - started) / 1000;

export interface IngestDriveResult extends Latency {
  order: string;
  spans: number;
  rejectedSpans: number;
  requests: number;
  failures: number;
  throttled: number;
  seconds: number;
  spansPerSecond: number;
}

const result: IngestDriveResult = {
  order: values.order,
  spans,
  rejectedSpans,
  requests: latencies.length,
  failures,
  throttled,
  seconds: elapsedS,
  spansPerSecond: spans / elapsedS,
  ...summarize(latencies),
};
console.log(JSON.stringify(result));
