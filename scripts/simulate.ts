// npm run simulate -- --url <base> --key <secret> [--traces N] [--rate R] [--scenario name|all]
//   [--protocol protobuf|json] [--days-back D] [--seed S] [--approvals N] [--wait S]
// --approvals N: afterwards, the refund agent asks N refunds (a key with the decide scope): the held
// ones wait up to --wait seconds each for a person in the inbox, and act with the token if approved.
// Realistic multi-agent traffic through the official OpenTelemetry JS SDK and its OTLP exporter.
import { parseArgs } from "node:util";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { SCENARIOS, type ScenarioName } from "../lib/simulator/scenarios";
import { runSimulation } from "../lib/simulator/run-simulation";
import { runAgentApprovals } from "../lib/simulator/agent-approvals";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    key: { type: "string" },
    traces: { type: "string", default: "20" },
    rate: { type: "string", default: "5" },
    scenario: { type: "string", default: "all" },
    protocol: { type: "string", default: "protobuf" },
    "days-back": { type: "string", default: "0" },
    seed: { type: "string", default: String(Date.now() % 1e9) },
    approvals: { type: "string", default: "0" },
    wait: { type: "string", default: "0" },
  },
});

function fail(message: string): never {
  console.error(`simulate: ${message}`);
  process.exit(2);
}

if (!values.key) fail("--key <secret> is required (an API key with the ingest scope)");
const scenarios: ScenarioName[] =
  values.scenario === "all"
    ? SCENARIOS
    : SCENARIOS.includes(values.scenario as ScenarioName)
      ? [values.scenario as ScenarioName]
      : fail(`unknown scenario "${values.scenario}" (one of ${SCENARIOS.join(", ")}, all)`);
const traces = Number(values.traces);
const rate = Number(values.rate);
if (!Number.isInteger(traces) || traces < 1) fail("--traces must be a positive whole number");
if (!Number.isFinite(rate) || rate < 0) fail("--rate must be a number of runs per second (0: unthrottled)");
if (values.protocol !== "protobuf" && values.protocol !== "json") fail("--protocol is protobuf or json");

const Exporter = values.protocol === "json" ? JsonExporter : ProtoExporter;
const exporter = new Exporter({
  url: `${values.url.replace(/\/$/, "")}/api/public/otel/v1/traces`,
  headers: { Authorization: `Bearer ${values.key}` },
});
// Surface export failures instead of losing them quietly.
const original = exporter.export.bind(exporter);
let failures = 0;
exporter.export = (spans, done) =>
  original(spans, (result) => {
    if (result.code !== 0) {
      failures++;
      console.error(`simulate: export failed: ${result.error?.message ?? "unknown error"}`);
    }
    done(result);
  });

const started = Date.now();
let count = 0;
await runSimulation({
  exporter,
  scenarios,
  traces,
  rate,
  daysBack: Number(values["days-back"]) || 0,
  seed: Number(values.seed),
  onTrace: (traceId, scenario) => {
    count++;
    if (count <= 5 || count % 50 === 0) console.log(`${scenario.padEnd(16)} ${traceId}`);
  },
});
console.log(
  `simulate: sent ${count} runs in ${((Date.now() - started) / 1000).toFixed(1)} s (${values.protocol})${failures ? `, ${failures} failed exports` : ""}`,
);
const approvals = Number(values.approvals);
const wait = Number(values.wait);
if (approvals > 0) {
  if (!Number.isInteger(approvals) || !Number.isInteger(wait) || wait < 0 || wait > 60)
    fail("--approvals is a whole number, --wait whole seconds from 0 to 60");
  console.log(`simulate: refund-agent asks ${approvals} refunds; held ones wait up to ${wait} s for the inbox`);
  const run = await runAgentApprovals({
    url: values.url,
    key: values.key,
    count: approvals,
    waitSeconds: wait,
    seed: Number(values.seed),
  });
  console.log(`simulate: ${JSON.stringify(run)}`);
}
process.exit(failures ? 1 : 0);
