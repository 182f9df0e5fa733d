// The load generator, run as its own process: POSTs OTLP protobuf batches of 100 spans with
// a fixed number of requests in flight for a fixed time; prints one JSON line of results.
import { parseArgs } from "node:util";
import { makeBatch } from "./otlp-batch";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    seconds: { type: "string", default: "30" },
    concurrency: { type: "string", default: "8" },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const endpoint = `${values.url}/api/public/otel/v1/traces`;
const latencies: number[] = [];
let spans = 0;
let failures = 0;
let throttled = 0;
const deadline = Date.now() + seconds * 1000;

// Batches are built ahead, so the driver's own CPU stays out of the measured path.
const pool = Array.from({ length: 64 }, () => makeBatch());
let next = 0;

async function worker() {
  while (Date.now() < deadline) {
    const batch = pool[next++ % pool.length]!;
    pool[(next - 1) % pool.length] = makeBatch(); // fresh ids for the next use
    const started = performance.now();
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { authorization: `Bearer ${values.key}`, "content-type": "application/x-protobuf" },
      body: Buffer.from(batch.body),
    }).catch(() => null);
    const elapsed = performance.now() - started;
    if (!response) failures++;
    else {
      await response.arrayBuffer();
      if (response.status === 200) {
        latencies.push(elapsed);
        spans += batch.spans;
      } else if (response.status === 503 || response.status === 429) {
        throttled++;
        await new Promise((r) => setTimeout(r, Number(response.headers.get("retry-after") ?? 1) * 100));
      } else failures++;
    }
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsedS = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const q = (p: number) =>
  latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : NaN;
console.log(
  JSON.stringify({
    spans,
    requests: latencies.length,
    failures,
    throttled,
    seconds: elapsedS,
    spansPerSecond: spans / elapsedS,
    p50Ms: q(0.5),
    p99Ms: q(0.99),
  }),
);
