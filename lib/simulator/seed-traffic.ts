import "server-only";
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import { ingestOtlp } from "../ingest/ingest-otlp";
import { runSimulation } from "./run-simulation";
import { DEMO_SCENARIO } from "./scenarios";
import { db } from "../db";

/**
 * An exporter that hands the SDK's own OTLP/JSON encoding straight to the ingest pipeline:
 * the same bytes an exporter would POST, without HTTP (the server is not up during bootstrap).
 */
class DirectIngestExporter implements SpanExporter {
  private pending: Promise<unknown>[] = [];
  constructor(private readonly workspaceId: string) {}
  export(spans: ReadableSpan[], done: (result: { code: number; error?: Error }) => void) {
    const request = JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString("utf8"));
    // Serialised: one ingest at a time, as the single PGlite connection would anyway.
    const previous = this.pending.at(-1) ?? Promise.resolve();
    const next = previous
      .then(() => ingestOtlp({ workspaceId: this.workspaceId, request }))
      .then(
        () => done({ code: 0 }),
        (error: Error) => done({ code: 1, error }),
      );
    this.pending.push(next);
  }
  async forceFlush() {
    await Promise.all(this.pending);
  }
  async shutdown() {
    await this.forceFlush();
  }
}

/** ~30 days of simulated traffic into each demo workspace. */
export async function seedDemoTraffic({ tracesPerWorkspace }: { tracesPerWorkspace: number }) {
  let total = 0;
  for (const [slug, scenario] of Object.entries(DEMO_SCENARIO)) {
    const workspace = await db().workspace.findUnique({ where: { slug }, select: { id: true } });
    if (!workspace) continue;
    total += await runSimulation({
      exporter: new DirectIngestExporter(workspace.id),
      scenarios: [scenario],
      traces: tracesPerWorkspace,
      rate: 0,
      daysBack: 30,
      seed: slug.length * 7919,
    });
  }
  return total;
}
