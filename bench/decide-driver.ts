// The decision load generator, run as its own process: sends requests at a fixed rate (open
// loop) and measures each from its scheduled time, so a stall is not hidden by waiting for it.
// Prints one JSON line of results.
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    rate: { type: "string", default: "500" },
    seconds: { type: "string", default: "30" },
    target: { type: "string", default: "decide" },
  },
});
const rate = Number(values.rate);
const total = Math.round(rate * Number(values.seconds));
const interval = 1000 / rate;

// A realistic mix: small refunds (allow), large refunds (hold), purchases over the limit (deny),
// tool calls that walk the 95 extra policies.
const bodies = [
  {
    agent: "refund-agent",
    action: "refund",
    resource: { kind: "order", id: "o-1" },
    context: { amount: 40, confidence: 0.97 },
  },
  {
    agent: "refund-agent",
    action: "refund",
    resource: { kind: "order", id: "o-2" },
    context: { amount: 900, confidence: 0.9 },
  },
  { agent: "buyer", action: "purchase", resource: { kind: "vendor", id: "acme" }, context: { amount: 5000 } },
  { agent: "buyer", action: "call_tool", resource: { kind: "tool_17", id: "t", environment: "staging" } },
  { agent: "refund-agent", action: "call_tool", resource: { kind: "tool_4", id: "t", environment: "production" } },
].map((b) => JSON.stringify(b));

const latencies: number[] = [];
const outcomes: Record<string, number> = {};
let ok = 0;
let failed = 0;
let throttled = 0;
const started = performance.now();

async function one(i: number, scheduled: number) {
  try {
    const response =
      values.target === "health"
        ? await fetch(`${values.url}/api/health`)
        : await fetch(`${values.url}/api/v1/decisions`, {
            method: "POST",
            headers: { authorization: `Bearer ${values.key}`, "content-type": "application/json" },
            body: bodies[i % bodies.length],
          });
    const text = await response.text();
    if (response.status === 503) {
      throttled++;
      return;
    }
    if (response.status !== 200) {
      failed++;
      return;
    }
    latencies.push(performance.now() - scheduled);
    ok++;
    if (values.target !== "health") {
      const decision = (JSON.parse(text) as { decision: string }).decision;
      outcomes[decision] = (outcomes[decision] ?? 0) + 1;
    }
  } catch {
    failed++;
  }
}

const inflight: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const scheduled = started + i * interval;
  const wait = scheduled - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  inflight.push(one(i, scheduled));
}
await Promise.all(inflight);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
console.log(
  JSON.stringify({
    sent: total,
    ok,
    failed,
    throttled,
    perSecond: ok / elapsed,
    p50Ms: at(50),
    p99Ms: at(99),
    outcomes,
  }),
);
