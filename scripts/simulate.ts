// npm run simulate -- --url <base> --key <secret> [--traces N] [--rate R] [--scenario name|all|fit]
//   [--protocol protobuf|json] [--days-back D] [--seed S] [--approvals N] [--wait S]
// --approvals N: afterwards, the refund agent asks N refunds (a key with the decide scope): the held
// ones wait up to --wait seconds each for a person in the inbox, and act with the token if approved.
// Realistic multi-agent traffic through the official OpenTelemetry JS SDK and its OTLP exporter.
// It first asks the server what the key is (GET /api/v1/key): a refused key, a key without the
// ingest scope or an unreachable server ends it with one line. By default (--scenario fit) a demo
// workspace gets its own scenario and any other workspace all of them, said before sending.
import { parseArgs } from "node:util";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { SCENARIOS, scenariosFor } from "../lib/simulator/scenarios";
import { runSimulation } from "../lib/simulator/run-simulation";
import { runAgentApprovals } from "../lib/simulator/agent-approvals";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    key: { type: "string" },
    traces: { type: "string", default: "20" },
    rate: { type: "string", default: "5" },
    scenario: { type: "string", default: "fit" },
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
if (!["all", "fit", ...SCENARIOS].includes(values.scenario))
  fail(`unknown scenario "${values.scenario}" (one of ${SCENARIOS.join(", ")}, all, fit)`);
const base = values.url.replace(/\/$/, "");

/** The key's workspace and scopes, as the server says; one line and exit 2 when it cannot. */
async function whoAmI(): Promise<{ workspace: { slug: string }; key: { scopes: string[] } }> {
  let response: Response;
  try {
    response = await fetch(`${base}/api/v1/key`, { headers: { authorization: `Bearer ${values.key}` } });
  } catch (error) {
    const { cause } = error as { cause?: { code?: string; message?: string } };
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    return fail(`cannot reach ${base} (${why})`);
  }
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok)
    return fail(`the server refused this key (${response.status}): ${body?.error?.message ?? response.statusText}`);
  return body as never;
}

const me = await whoAmI();
if (!me.key.scopes.includes("ingest")) fail(`this key lacks the "ingest" scope (it has: ${me.key.scopes.join(", ")})`);
const { scenarios, own } = scenariosFor(me.workspace.slug, values.scenario);
console.log(
  `simulate: sending ${scenarios.join(", ")} into workspace "${me.workspace.slug}"${
    values.scenario === "fit" && !own ? " (it has no scenario of its own; choose one with --scenario)" : ""
  }`,
);
const traces = Number(values.traces);
const rate = Number(values.rate);
if (!Number.isInteger(traces) || traces < 1) fail("--traces must be a positive whole number");
if (!Number.isFinite(rate) || rate < 0) fail("--rate must be a number of runs per second (0: unthrottled)");
if (values.protocol !== "protobuf" && values.protocol !== "json") fail("--protocol is protobuf or json");

const Exporter = values.protocol === "json" ? JsonExporter : ProtoExporter;
const exporter = new Exporter({
  url: `${base}/api/public/otel/v1/traces`,
  headers: { Authorization: `Bearer ${values.key}` },
});
// Surface export failures instead of losing them quietly.
const original = exporter.export.bind(exporter);
let failures = 0;
exporter.export = (spans, done) =>
  original(spans, (result) => {
    if (result.code !== 0) {
      failures++;
      // The exporter's message can carry the response's raw bytes: its first line is enough.
      const message = (result.error?.message ?? "unknown error").split("\n")[0]!.slice(0, 200);
      console.error(`simulate: export failed: ${message}`);
    }
    done(result);
  });

const started = Date.now();
let count = 0;
/** An error as one line (an exporter's error can carry the response's raw bytes). */
const oneLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200);

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
}).catch((error) => fail(`sending failed: ${oneLine(error)}`));
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
  }).catch((error) => fail(`asking failed: ${oneLine(error)}`));
  console.log(`simulate: ${JSON.stringify(run)}`);
}
process.exit(failures ? 1 : 0);
