// npm run bench:ingest -- [--mode all|throughput|late-parent|sdk[,…]] [--seconds 30]
//   [--concurrency 8] [--raw-seconds 15] [--floor-seconds 10] [--descendants 19500]
//   [--sdk-spans 20000] [--sdk-seconds 10] [--port 3310] [--only pglite|postgres] [--json]
// On embedded PGlite, and PostgreSQL when reachable, each measurement on a fresh database and a
// freshly started production server, driven from separate processes:
//   throughput   the raw insert ceiling of the same database (the same rows as multi-row inserts,
//                without HTTP); a bare Node http server reading the same requests (the floor);
//                then --seconds of OTLP protobuf requests of 100 spans with --concurrency in
//                flight, parent-first, and again children-first (children in reverse, each root
//                in a later request): spans/s, p50/p99 per request, peak server RSS.
//   late-parent  --descendants spans of one agent run stored first (100-span requests), then the
//                agent span alone: how long that request takes, and whether every span is then
//                attributed to the agent (read API, Span rows, usage roll-up).
//   sdk          the OpenTelemetry SDK (BatchSpanProcessor, OTLP/protobuf) records one run of
//                --sdk-spans spans over --sdk-seconds, children ending first: how long forceFlush
//                takes and how long until the server holds the whole trace, from the last span's end.
// Prints every figure, then the issue's targets with the figure beside each.
import { parseArgs } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database, type DatabaseTarget } from "../lib/db/connect";
import { migrateDatabase } from "../lib/db/migrate";
import { makeBatch } from "./otlp-batch";
import {
  forEachTarget,
  createPgDatabase,
  dropPgDatabase,
  log,
  runDriver,
  startFloor,
  startServer,
  watchMachine,
  watchMemory,
  type RunningServer,
} from "./harness";
import { check, fmt, printVerdicts, table, verdict, type Verdict } from "./report";
import type { IngestDriveResult } from "./ingest-driver";
import type { LateParentResult } from "./late-parent-driver";
import type { SdkResult } from "./sdk-driver";

const MODES = ["throughput", "late-parent", "sdk"] as const;
type Mode = (typeof MODES)[number];
type Kind = "pglite" | "postgres";

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "all" },
    seconds: { type: "string", default: "30" },
    concurrency: { type: "string", default: "8" },
    "raw-seconds": { type: "string", default: "15" },
    "floor-seconds": { type: "string", default: "10" },
    descendants: { type: "string", default: "19500" },
    "sdk-spans": { type: "string", default: "20000" },
    "sdk-seconds": { type: "string", default: "10" },
    json: { type: "boolean", default: false },
    port: { type: "string", default: "3310" },
    only: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const modes = new Set<Mode>(
  values.mode === "all"
    ? MODES
    : values.mode.split(",").map((m) => {
        if (!(MODES as readonly string[]).includes(m))
          throw new Error(`--mode is all or a list of ${MODES.join(", ")}`);
        return m as Mode;
      }),
);
const key = "sk-arb-bench-0123456789abcdef";
const TARGET_SPANS_PER_S: Record<Kind, number> = { postgres: 20_000, pglite: 10_000 };

/** The same rows as plain multi-row inserts (traces, then spans), 100 spans a transaction. */
async function rawCeiling(database: Database, workers: number, forSeconds: number): Promise<number> {
  const prisma = database.prisma;
  const ws = await prisma.workspace.create({ data: { slug: `raw-${Date.now()}`, name: "raw" } });
  let spans = 0;
  const deadline = Date.now() + forSeconds * 1000;
  const started = Date.now();
  async function worker() {
    while (Date.now() < deadline) {
      const { rows } = makeBatch();
      const traceIds = [...new Set(rows.map((r) => r.traceId))];
      await prisma.$transaction([
        prisma.$executeRawUnsafe(
          `INSERT INTO "Trace" ("workspaceId", "traceId", "startTime", "agentNames", "models", "updatedAt")
           SELECT $1, t, now(), '{}', '{}', now() FROM unnest($2::text[]) t`,
          ws.id,
          traceIds,
        ),
        prisma.$executeRawUnsafe(
          `INSERT INTO "Span" ("workspaceId", "traceId", "spanId", "parentSpanId", "name", "startTime", "endTime", "attributes", "updatedAt")
           SELECT $1, u.t, u.s, u.p, u.n, now(), now(), u.a, now()
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) AS u(t, s, p, n, a)`,
          ws.id,
          rows.map((r) => r.traceId),
          rows.map((r) => r.spanId),
          rows.map((r) => r.parentSpanId),
          rows.map((r) => r.name),
          rows.map((r) => r.attributes),
        ),
      ]);
      spans += rows.length;
    }
  }
  await Promise.all(Array.from({ length: workers }, worker));
  return spans / ((Date.now() - started) / 1000);
}

/** A fresh database and data directory; `done` removes both. */
async function freshDatabase(kind: Kind, name: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `arbiter-bench-${name}-`));
  const dbName = `arbiter_bench_${name.replace(/-/g, "_")}_${process.pid}`;
  const url = kind === "postgres" ? await createPgDatabase(dbName) : "";
  const target: DatabaseTarget = kind === "postgres" ? { kind, url } : { kind, dataDir: path.join(dataDir, "pglite") };
  return {
    dataDir,
    url,
    target,
    async done() {
      rmSync(dataDir, { recursive: true, force: true });
      if (kind === "postgres") await dropPgDatabase(dbName);
    },
  };
}

/** The production server on a fresh database with the "bench" workspace and an all-scopes key. */
async function withServer<T>(
  kind: Kind,
  name: string,
  port: number,
  run: (server: RunningServer) => Promise<T>,
  after?: (target: DatabaseTarget) => Promise<void>,
) {
  const fresh = await freshDatabase(kind, name);
  try {
    log(`${kind}: starting the production server on :${port} (${name})`);
    const server = await startServer({
      port,
      env: {
        ARBITER_DATA_DIR: fresh.dataDir,
        ARBITER_DEMO: "0",
        ARBITER_ADMIN_PASSWORD: "bench-admin-password",
        ARBITER_INIT_WORKSPACE: "bench",
        ARBITER_INIT_PUBLIC_KEY: "pk-arb-bench",
        ARBITER_INIT_SECRET_KEY: key,
        DATABASE_URL: fresh.url,
      },
    });
    let result: T;
    try {
      result = await run(server);
    } finally {
      await server.stop();
    }
    // Checks that read the database itself run once the server has let go of it (PGlite).
    await after?.(fresh.target);
    return { result, startSeconds: server.startSeconds };
  } finally {
    await fresh.done();
  }
}

interface Throughput extends IngestDriveResult {
  /** The server's processes' summed RSS at its highest during the run. */
  peakRssMb: number;
  rssByProcess: { name: string; peakMb: number; lifetimePeakMb: number }[];
  startSeconds: number;
}

interface StoredTrace {
  spans: number;
  attributed: number;
  rollupSpanCount: number | null;
  rollupInputTokens: number | null;
  usageInputTokens: number;
  usageOutputTokens: number;
}

/** What the database holds of one trace and of its agent's usage. */
async function storedTrace(target: DatabaseTarget, traceId: string, agent: string): Promise<StoredTrace> {
  const database = openDatabase(target);
  try {
    const q = <R>(sql: string, ...args: unknown[]) => database.prisma.$queryRawUnsafe<R[]>(sql, ...args);
    const [spans] = await q<{ n: bigint; attributed: bigint }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE "agentExternalId" = $2) AS attributed FROM "Span" WHERE "traceId" = $1`,
      traceId,
      agent,
    );
    const [trace] = await q<{ spanCount: number; inputTokens: bigint }>(
      `SELECT "spanCount", "inputTokens" FROM "Trace" WHERE "traceId" = $1`,
      traceId,
    );
    const [usage] = await q<{ input: bigint | null; output: bigint | null }>(
      `SELECT sum("inputTokens")::bigint AS input, sum("outputTokens")::bigint AS output FROM "UsageDaily" WHERE "agentExternalId" = $1`,
      agent,
    );
    return {
      spans: Number(spans!.n),
      attributed: Number(spans!.attributed),
      rollupSpanCount: trace ? trace.spanCount : null,
      rollupInputTokens: trace ? Number(trace.inputTokens) : null,
      usageInputTokens: Number(usage?.input ?? 0),
      usageOutputTokens: Number(usage?.output ?? 0),
    };
  } finally {
    await database.close();
  }
}

interface Result {
  database: Kind;
  /** Modes that produced no figures, and why. */
  errors: string[];
  throughput?: {
    rawCeilingSpansPerSecond: number;
    floor: IngestDriveResult;
    parentFirst: Throughput;
    childrenFirst: Throughput;
  };
  lateParent?: LateParentResult & { stored: StoredTrace; startSeconds: number };
  sdk?: SdkResult & { stored: StoredTrace };
}

async function throughputRun(kind: Kind, port: number, order: "parent-first" | "children-first"): Promise<Throughput> {
  const { result, startSeconds } = await withServer(kind, `ingest-${order}`, port, async (server) => {
    log(`${kind}: ${order}, ${seconds} s with ${concurrency} requests in flight`);
    const memory = watchMemory(server.process.pid!);
    const load = await runDriver<IngestDriveResult>("bench/ingest-driver.ts", {
      url: server.url,
      key,
      seconds,
      concurrency,
      order,
    });
    const rss = memory.stop();
    server.assertRunning(`the ${order} run`);
    return {
      ...load,
      peakRssMb: rss.peakTotalMb,
      rssByProcess: rss.byProcess,
    };
  });
  return { ...result, startSeconds };
}

async function throughputMode(kind: Kind, port: number): Promise<NonNullable<Result["throughput"]>> {
  log(`${kind}: measuring the raw insert ceiling for ${values["raw-seconds"]} s`);
  const raw = await freshDatabase(kind, "ingest-raw");
  const rawDb = openDatabase(raw.target);
  let rawCeilingSpansPerSecond: number;
  try {
    await migrateDatabase({ database: rawDb });
    rawCeilingSpansPerSecond = await rawCeiling(
      rawDb,
      kind === "postgres" ? concurrency : 1,
      Number(values["raw-seconds"]),
    );
  } finally {
    await rawDb.close();
    await raw.done();
  }
  log(`${kind}: the bare Node floor, ${values["floor-seconds"]} s with ${concurrency} requests in flight`);
  const floorServer = await startFloor({ port: port + 100 });
  let floor: IngestDriveResult;
  try {
    floor = await runDriver<IngestDriveResult>("bench/ingest-driver.ts", {
      url: floorServer.url,
      key,
      seconds: values["floor-seconds"],
      concurrency,
      path: "/floor/ingest",
    });
  } finally {
    await floorServer.stop();
  }
  const parentFirst = await throughputRun(kind, port, "parent-first");
  const childrenFirst = await throughputRun(kind, port, "children-first");
  return { rawCeilingSpansPerSecond, floor, parentFirst, childrenFirst };
}

async function traceModes(kind: Kind, port: number): Promise<Pick<Result, "lateParent" | "sdk">> {
  const lateAgent = "late-parent-agent";
  const sdkAgent = "sdk-agent";
  let late: LateParentResult | undefined;
  let sdk: SdkResult | undefined;
  let lateStored: StoredTrace | undefined;
  let sdkStored: StoredTrace | undefined;
  const { startSeconds } = await withServer(
    kind,
    "ingest-traces",
    port,
    async (server) => {
      if (modes.has("late-parent")) {
        log(`${kind}: late parent: ${values.descendants} spans first, then their agent span`);
        late = await runDriver<LateParentResult>("bench/late-parent-driver.ts", {
          url: server.url,
          key,
          descendants: values.descendants,
          agent: lateAgent,
        });
        server.assertRunning("the late-parent run");
      }
      if (modes.has("sdk")) {
        log(
          `${kind}: OpenTelemetry SDK, ${values["sdk-spans"]} spans over ${values["sdk-seconds"]} s, then forceFlush`,
        );
        sdk = await runDriver<SdkResult>("bench/sdk-driver.ts", {
          url: server.url,
          key,
          spans: values["sdk-spans"],
          seconds: values["sdk-seconds"],
          agent: sdkAgent,
        });
        server.assertRunning("the SDK run");
      }
    },
    async (target) => {
      if (late) lateStored = await storedTrace(target, late.traceId, lateAgent);
      if (sdk) sdkStored = await storedTrace(target, sdk.traceId, sdkAgent);
    },
  );
  return {
    ...(late && lateStored ? { lateParent: { ...late, stored: lateStored, startSeconds } } : {}),
    ...(sdk && sdkStored ? { sdk: { ...sdk, stored: sdkStored } } : {}),
  };
}

/** Every mode asked for; a mode that fails (a server stopped from outside, say) leaves the others. */
async function benchOne(kind: Kind, port: number): Promise<Result> {
  const result: Result = { database: kind, errors: [] };
  const attempt = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      log(`${kind}: ${what} failed:`, error);
      result.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  if (modes.has("throughput"))
    await attempt("throughput", async () => void (result.throughput = await throughputMode(kind, port)));
  if (modes.has("late-parent") || modes.has("sdk")) {
    await attempt("late-parent/sdk", async () => void Object.assign(result, await traceModes(kind, port)));
  }
  return result;
}

const loadAtStart = os.loadavg();
const machine = watchMachine();
const { results, failed } = await forEachTarget(values.only, Number(values.port), benchOne);

function print(r: Result) {
  const verdicts: Verdict[] = [];
  const t = r.throughput;
  if (t) {
    console.log(
      `\n${r.database} throughput: OTLP protobuf, 100 spans/request, ~1 KB attributes/span, ${seconds} s per order, ${concurrency} requests in flight`,
    );
    const row = (label: string, d: IngestDriveResult, rss?: Throughput) => [
      label,
      fmt(d.spansPerSecond),
      t.rawCeilingSpansPerSecond ? `${fmt((d.spansPerSecond / t.rawCeilingSpansPerSecond) * 100)} %` : "—",
      fmt(d.p50Ms, 1),
      fmt(d.p99Ms, 1),
      fmt(d.maxMs, 1),
      rss ? fmt(rss.peakRssMb) : "—",
      fmt(d.requests),
      fmt(d.throttled),
      fmt(d.failures),
      fmt(d.rejectedSpans),
    ];
    console.log(
      table([
        [
          "",
          "spans/s",
          "of raw",
          "p50 ms",
          "p99 ms",
          "max ms",
          "peak RSS MB",
          "requests",
          "throttled",
          "failed",
          "rejected spans",
        ],
        row("server, parent-first", t.parentFirst, t.parentFirst),
        row("server, children-first", t.childrenFirst, t.childrenFirst),
        row("bare Node floor (reads the body)", t.floor),
        ["raw insert ceiling (no HTTP)", fmt(t.rawCeilingSpansPerSecond), "100 %", "", "", "", "", "", "", "", ""],
      ]),
    );
    console.log(
      `  servers ready ${fmt(t.parentFirst.startSeconds, 1)} s / ${fmt(t.childrenFirst.startSeconds, 1)} s after spawn; peak RSS: the server's processes' summed RSS at its highest during the run (sampled every 250 ms)`,
    );
    for (const [label, d] of [
      ["parent-first", t.parentFirst],
      ["children-first", t.childrenFirst],
    ] as const) {
      console.log(
        `  RSS by process (${label}): ${d.rssByProcess.map((p) => `${p.name} ${fmt(p.peakMb)} MB at most during the run (${fmt(p.lifetimePeakMb)} MB lifetime peak)`).join(", ")}`,
      );
    }
    for (const [label, d] of [
      ["parent-first", t.parentFirst],
      ["children-first", t.childrenFirst],
    ] as const) {
      verdicts.push(
        verdict(`spans/s sustained (${label})`, d.spansPerSecond, "≥", TARGET_SPANS_PER_S[r.database], "", 0),
        verdict(
          `of the raw ceiling (${label})`,
          (d.spansPerSecond / t.rawCeilingSpansPerSecond) * 100,
          "≥",
          50,
          " %",
          0,
        ),
        verdict(`p99 per request (${label})`, d.p99Ms, "≤", 250, " ms"),
        verdict(`peak RSS, server processes summed (${label})`, d.peakRssMb, "≤", 700, " MB", 0),
      );
    }
  }
  const l = r.lateParent;
  if (l) {
    const total = l.descendants + 1;
    console.log(
      `\n${r.database} late parent: ${fmt(l.descendants)} spans of one agent run (steps of 9 calls) stored first in ${l.childRequests} requests, then the agent span alone`,
    );
    console.log(
      `  descendants: ${fmt(l.childSeconds, 1)} s (${fmt(l.childSpansPerSecond)} spans/s; per request p50 ${fmt(l.childLatency.p50Ms, 1)} / p99 ${fmt(l.childLatency.p99Ms, 1)} / max ${fmt(l.childLatency.maxMs, 1)} ms; ${l.childFailures} failed, ${l.childRejected} spans rejected)`,
    );
    console.log(
      `  the agent span's request: ${fmt(l.parentMs, 1)} ms, status ${l.parentStatus}, ${l.parentRejected} rejected`,
    );
    console.log(
      `  read API: ${fmt(l.served.spans)} spans, attributed to ${l.agent}: ${fmt(l.served.byAgent[l.agent] ?? 0)}; roll-up spanCount ${l.rollup?.spanCount ?? "—"}, input tokens ${fmt(l.rollup?.inputTokens ?? NaN)} (expected ${fmt(l.expectedInputTokens)})`,
    );
    console.log(
      `  database: ${fmt(l.stored.spans)} Span rows, ${fmt(l.stored.attributed)} with agentExternalId = ${l.agent}; Trace.spanCount ${l.stored.rollupSpanCount ?? "—"}; UsageDaily for ${l.agent}: ${fmt(l.stored.usageInputTokens)} input / ${fmt(l.stored.usageOutputTokens)} output tokens (expected ${fmt(l.expectedInputTokens)} / ${fmt(l.expectedOutputTokens)})`,
    );
    verdicts.push(
      verdict(`late parent over ${fmt(l.descendants)} stored spans`, l.parentMs / 1000, "≤", 1, " s", 2),
      check(
        "late parent answered 200, nothing rejected",
        `${l.parentStatus}, ${l.parentRejected} rejected`,
        "200, 0",
        l.parentStatus === 200 && l.parentRejected === 0,
      ),
      check(
        "every span attributed to the agent (read API)",
        `${fmt(l.served.byAgent[l.agent] ?? 0)} of ${fmt(total)}`,
        fmt(total),
        (l.served.byAgent[l.agent] ?? 0) === total,
      ),
      check(
        "every span attributed to the agent (Span rows)",
        `${fmt(l.stored.attributed)} of ${fmt(total)}`,
        fmt(total),
        l.stored.attributed === total,
      ),
      check(
        "agent's usage exact (UsageDaily)",
        `${fmt(l.stored.usageInputTokens)} / ${fmt(l.stored.usageOutputTokens)}`,
        `${fmt(l.expectedInputTokens)} / ${fmt(l.expectedOutputTokens)}`,
        l.stored.usageInputTokens === l.expectedInputTokens && l.stored.usageOutputTokens === l.expectedOutputTokens,
      ),
    );
  }
  const s = r.sdk;
  if (s) {
    console.log(
      `\n${r.database} OpenTelemetry SDK: BatchSpanProcessor (defaults, queue ${fmt(Math.max(2048, s.spans + 512))}) + OTLP/protobuf exporter; one run of ${fmt(s.spans)} spans recorded over ${fmt(s.recordSeconds, 1)} s, children ending first`,
    );
    console.log(
      `  from the last span's end: forceFlush resolved after ${s.flushMs === null ? "—" : `${fmt(s.flushMs / 1000, 2)} s`}${s.flushError ? ` (rejected: ${s.flushError})` : ""}; the trace had landed after ${s.landedMs === null ? "NOT LANDED (gave up)" : `${fmt(s.landedMs / 1000, 2)} s`}`,
    );
    console.log(
      `  exports: ${s.exportCalls} calls, ${s.exportFailures} failed${s.exportErrors.length ? ` (${s.exportErrors.join("; ")})` : ""}, ${fmt(s.exportedSpans)} spans acknowledged; per call p50 ${fmt(s.exportLatency.p50Ms, 1)} / max ${fmt(s.exportLatency.maxMs, 1)} ms`,
    );
    console.log(
      `  read API: ${fmt(s.served.spans)} spans (${s.served.roots} root), attributed to ${s.agent}: ${fmt(s.served.byAgent[s.agent] ?? 0)}; database: ${fmt(s.stored.spans)} Span rows, ${fmt(s.stored.attributed)} attributed; UsageDaily ${fmt(s.stored.usageInputTokens)} / ${fmt(s.stored.usageOutputTokens)} tokens (expected ${fmt(s.expectedInputTokens)} / ${fmt(s.expectedOutputTokens)})`,
    );
    verdicts.push(
      verdict(
        `SDK trace landed after the last span's end${r.database === "postgres" ? " (target set for PGlite)" : ""}`,
        s.landedMs === null ? NaN : s.landedMs / 1000,
        "≤",
        10,
        " s",
        2,
      ),
      check(
        "SDK exports all succeeded",
        `${s.exportFailures} failed of ${s.exportCalls}`,
        "0 failed",
        s.exportFailures === 0,
      ),
      check(
        "SDK trace complete and attributed (read API)",
        `${fmt(s.served.byAgent[s.agent] ?? 0)} of ${fmt(s.spans)}`,
        fmt(s.spans),
        (s.served.byAgent[s.agent] ?? 0) === s.spans,
      ),
    );
  }
  printVerdicts(`${r.database} targets (issue 11)`, verdicts);
  for (const e of r.errors) console.log(`  NO FIGURES for ${e}`);
}

const usage = machine.stop();
if (values.json)
  console.log(JSON.stringify({ seconds, concurrency, modes: [...modes], machine: usage, results, failed }));
else {
  console.log(
    `\ningest benchmark (${[...modes].join(", ")}), ${os.cpus().length} cores, load average (1/5/15 min) ${loadAtStart.map((l) => l.toFixed(2)).join(" ")} at the start, ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} at the end`,
  );
  console.log(
    `CPU over the ${fmt(usage.seconds / 60, 1)} min run: this benchmark's processes ${fmt(usage.ownCores, 2)} cores on average, the PostgreSQL server ${fmt(usage.postgresCores, 2)} (this benchmark's queries and anyone else's), everything else ${fmt(usage.otherCores, 2)} (of ${os.cpus().length})`,
  );
  for (const r of results) print(r);
}
for (const f of failed) console.log(`\n${f.database}: NO FIGURES — ${f.error}`);
if (failed.length || results.some((r) => r.errors.length)) process.exitCode = 1;
