// Runs simulated traffic through the OpenTelemetry SDK, to an exporter of the caller's choice.
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { buildScenario, seededRandom, type ScenarioName } from "./scenarios";
import { emitRun } from "./emit";

const SERVICE: Record<ScenarioName, string> = {
  procurement: "procurement-agents",
  "support-refunds": "support-desk",
  "research-swarm": "research-swarm",
};

export interface SimulationOptions {
  exporter: SpanExporter;
  scenarios: ScenarioName[];
  traces: number;
  /** Runs started per second (0: as fast as possible). */
  rate: number;
  /** Spread run start times uniformly over this many past days (0: now). */
  daysBack: number;
  seed: number;
  onTrace?: (traceId: string, scenario: ScenarioName) => void;
}

export async function runSimulation(options: SimulationOptions): Promise<number> {
  const random = seededRandom(options.seed);
  const providers = new Map<ScenarioName, BasicTracerProvider>();
  for (const scenario of new Set(options.scenarios)) {
    providers.set(
      scenario,
      new BasicTracerProvider({
        resource: resourceFromAttributes({ "service.name": SERVICE[scenario], "deployment.environment": "demo" }),
        spanProcessors: [
          new BatchSpanProcessor(options.exporter, {
            maxExportBatchSize: 512,
            scheduledDelayMillis: 200,
            maxQueueSize: 100_000,
          }),
        ],
      }),
    );
  }
  const now = Date.now();
  const started = Date.now();
  for (let i = 0; i < options.traces; i++) {
    const scenario = options.scenarios[i % options.scenarios.length]!;
    const startMs = options.daysBack > 0 ? now - random() * options.daysBack * 86_400_000 - 60_000 : Date.now();
    const traceId = emitRun(
      providers.get(scenario)!.getTracer("arbiter-simulator"),
      buildScenario(scenario, random, startMs),
    );
    options.onTrace?.(traceId, scenario);
    if (options.rate > 0) {
      const due = started + ((i + 1) * 1000) / options.rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  for (const provider of providers.values()) {
    await provider.forceFlush();
  }
  for (const provider of providers.values()) await provider.shutdown();
  return options.traces;
}
