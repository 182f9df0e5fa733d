// The open-loop load generator of bench:decide, run as its own process: sends requests at a fixed
// rate and measures each from its scheduled time, so a stall is not hidden by waiting for it.
//   --target decide   POST /api/v1/decisions with a realistic mix of bodies (--ids: a file to
//                     write the answered decision ids to, for the "none lost" check)
//   --target get      GET --path (the framework's /api/health, or a bare-Node floor)
// --wait-go: load everything, then start on "go" from stdin (so a cold start is driven from the
// moment the server is ready, not after this process has booted). Prints one JSON line.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { summarize, windows, type Latency, type Window } from "./stats";
import { waitForGo } from "./harness";
import { exchange, failureKind } from "./http";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    rate: { type: "string", default: "500" },
    seconds: { type: "string", default: "30" },
    target: { type: "string", default: "decide" },
    path: { type: "string", default: "/api/health" },
    ids: { type: "string" },
    window: { type: "string", default: "5" },
    timeout: { type: "string", default: "30000" },
    "wait-go": { type: "boolean", default: false },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const total = Math.round(rate * seconds);
const interval = 1000 / rate;
const timeoutMs = Number(values.timeout);
const decideTarget = values.target === "decide";

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

const samples: { atS: number; ms: number }[] = [];
const outcomes: Record<string, number> = {};
const failures: Record<string, number> = {};
const ids: string[] = [];
let throttled = 0;
function fail(why: string) {
  failures[why] = (failures[why] ?? 0) + 1;
}

async function one(i: number, started: number) {
  const scheduled = started + i * interval;
  try {
    const response = decideTarget
      ? await exchange(
          `${values.url}/api/v1/decisions`,
          {
            method: "POST",
            headers: { authorization: `Bearer ${values.key}`, "content-type": "application/json" },
            body: bodies[i % bodies.length],
          },
          timeoutMs,
        )
      : await exchange(`${values.url}${values.path}`, {}, timeoutMs);
    if (response.status === 503) {
      throttled++;
      return;
    }
    if (response.status !== 200) {
      fail(String(response.status));
      return;
    }
    samples.push({ atS: (scheduled - started) / 1000, ms: performance.now() - scheduled });
    if (decideTarget) {
      const answer = JSON.parse(Buffer.from(response.body).toString("utf8")) as {
        decision: string;
        decisionId: string;
      };
      outcomes[answer.decision] = (outcomes[answer.decision] ?? 0) + 1;
      ids.push(answer.decisionId);
    }
  } catch (error) {
    fail(failureKind(error));
  }
}

if (values["wait-go"]) await waitForGo();
const started = performance.now();
const inflight: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const wait = started + i * interval - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  inflight.push(one(i, started));
}
await Promise.all(inflight);
const elapsed = (performance.now() - started) / 1000;
if (values.ids) writeFileSync(values.ids, JSON.stringify(ids));

export interface DriveResult extends Latency {
  sent: number;
  ok: number;
  throttled: number;
  failed: number;
  failures: Record<string, number>;
  perSecond: number;
  outcomes: Record<string, number>;
  windows: Window[];
}

const result: DriveResult = {
  sent: total,
  ok: samples.length,
  throttled,
  failed: Object.values(failures).reduce((a, b) => a + b, 0),
  failures,
  perSecond: samples.length / elapsed,
  ...summarize(samples.map((s) => s.ms)),
  outcomes,
  windows: windows(samples, Number(values.window), seconds),
};
console.log(JSON.stringify(result));
