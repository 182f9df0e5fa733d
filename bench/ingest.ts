// npm run bench:ingest -- [--seconds 60] [--concurrency 8] [--json]
// Starts the production server on a throwaway database (embedded PGlite, and PostgreSQL when
// reachable), drives it from a separate process with OTLP protobuf batches of 100 spans, and
// prints sustained spans/s, p50/p99 request latency and peak server RSS, next to the raw
// ceiling of the same database (the same rows as multi-row inserts, without HTTP).
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../lib/db/connect";
import { migrateDatabase } from "../lib/db/migrate";
import { makeBatch } from "./otlp-batch";
import { createPgDatabase, dropPgDatabase, log, reachable, runDriver, serverUrl, startServer } from "./harness";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    concurrency: { type: "string", default: "8" },
    json: { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

interface Result {
  database: "pglite" | "postgres";
  spansPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  requests: number;
  failures: number;
  throttled: number;
  rawCeilingSpansPerSecond: number;
  ofCeiling: number;
}

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

function descendants(pid: number): number[] {
  try {
    const children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
    return children.flatMap((c) => [c, ...descendants(c)]);
  } catch {
    return [];
  }
}

function peakRssMb(pids: number[]): number {
  let peak = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      // gone
    }
  }
  return peak;
}

interface DriverResult {
  spansPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failures: number;
  throttled: number;
}

async function benchOne(kind: "pglite" | "postgres", port: number): Promise<Result> {
  const key = "sk-arb-bench-0123456789abcdef";
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-"));
  const dbName = `arbiter_bench_${process.pid}`;
  const rawName = `${dbName}_raw`;
  const env: Record<string, string> = {
    ARBITER_DATA_DIR: dataDir,
    ARBITER_DEMO: "0",
    ARBITER_ADMIN_PASSWORD: "bench-admin-password",
    ARBITER_INIT_WORKSPACE: "bench",
    ARBITER_INIT_PUBLIC_KEY: "pk-arb-bench",
    ARBITER_INIT_SECRET_KEY: key,
    DATABASE_URL: "",
  };
  if (kind === "postgres") env.DATABASE_URL = await createPgDatabase(dbName);

  log(`${kind}: measuring the raw insert ceiling`);
  const raw =
    kind === "postgres"
      ? openDatabase({ kind: "postgres", url: await createPgDatabase(rawName) })
      : openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "raw") });
  await migrateDatabase({ database: raw });
  const rawCeilingSpansPerSecond = await rawCeiling(raw, kind === "postgres" ? concurrency : 1, Math.min(20, seconds));
  await raw.close();

  log(`${kind}: starting the production server on :${port}`);
  const server = await startServer({ port, env });
  try {
    log(`${kind}: driving ${seconds} s with ${concurrency} requests in flight`);
    const load = await runDriver<DriverResult>("bench/ingest-driver.ts", {
      url: server.url,
      key,
      seconds,
      concurrency,
    });
    const rss = peakRssMb(descendants(server.process.pid!));
    return {
      database: kind,
      ...load,
      peakRssMb: Math.round(rss),
      rawCeilingSpansPerSecond: Math.round(rawCeilingSpansPerSecond),
      ofCeiling: load.spansPerSecond / rawCeilingSpansPerSecond,
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === "postgres") {
      await dropPgDatabase(dbName);
      await dropPgDatabase(rawName);
    }
  }
}

const targets: ("pglite" | "postgres")[] = [];
if (!values.only || values.only === "pglite") targets.push("pglite");
if (!values.only || values.only === "postgres") {
  if (await reachable(serverUrl)) targets.push("postgres");
  else log(`PostgreSQL not reachable at ${new URL(serverUrl).host}; skipping it`);
}

const results: Result[] = [];
let port = 3310;
for (const target of targets) results.push(await benchOne(target, port++));

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log("\ningest benchmark: OTLP protobuf, 100 spans/request, ~1 KB attributes/span");
console.log(`${seconds} s per database, ${concurrency} requests in flight, ${os.cpus().length} cores\n`);
console.log(
  "database   spans/s   p50 ms   p99 ms   peak RSS MB   raw ceiling spans/s   of ceiling   requests   throttled   failed",
);
for (const r of results) {
  console.log(
    `${r.database.padEnd(9)} ${fmt(r.spansPerSecond).padStart(8)} ${fmt(r.p50Ms, 1).padStart(8)} ${fmt(r.p99Ms, 1).padStart(8)} ${fmt(r.peakRssMb).padStart(13)} ${fmt(r.rawCeilingSpansPerSecond).padStart(21)} ${`${fmt(r.ofCeiling * 100)} %`.padStart(12)} ${fmt(r.requests).padStart(10)} ${fmt(r.throttled).padStart(11)} ${fmt(r.failures).padStart(8)}`,
  );
}
if (values.json) console.log(JSON.stringify({ seconds, concurrency, results }));
