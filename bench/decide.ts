// npm run bench:decide -- [--rate 500] [--seconds 30] [--only pglite|postgres] [--json]
// Seeds a throwaway database with a workspace holding 100 published policies (the starter pack
// and 95 more), starts the production server on it, and drives POST /api/v1/decisions at a fixed
// rate from a separate process (open loop: latency counts from each request's scheduled time),
// then GET /api/health — one database round trip — at the same rate as the framework floor.
// Prints throughput and p50/p99 for both, and checks that every answered decision was stored.
import { parseArgs } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../lib/db/connect";
import { installDatabase, db } from "../lib/db";
import { seedBenchWorkspace } from "./seed";
import { createPgDatabase, dropPgDatabase, log, reachable, runDriver, serverUrl, startServer } from "./harness";
import { publishExtraPolicies } from "./policies";

const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "500" },
    seconds: { type: "string", default: "30" },
    only: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const key = { publicKey: "pk-arb-bench-decide", secret: "sk-arb-bench-decide-0123456789abcdef" };

async function seed(database: Database) {
  const ws = await seedBenchWorkspace(database, key);
  await db().agent.createMany({
    data: [
      { workspaceId: ws.id, externalId: "refund-agent", name: "Refund agent", trustScore: 70 },
      { workspaceId: ws.id, externalId: "buyer", name: "Buyer", spendingLimitUsd: "1000", trustScore: 60 },
    ],
  });
  await publishExtraPolicies(ws.id);
  const published = await db().policy.count({ where: { workspaceId: ws.id, activeVersionId: { not: null } } });
  await database.close();
  return { workspaceId: ws.id, published };
}

interface DriveResult {
  sent: number;
  ok: number;
  failed: number;
  throttled: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  outcomes: Record<string, number>;
}

const drive = (url: string, target: "decide" | "health") =>
  runDriver<DriveResult>("bench/decide-driver.ts", { url, key: key.secret, rate, seconds, target });

async function benchOne(kind: "pglite" | "postgres", port: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-decide-"));
  const dbName = `arbiter_bench_decide_${process.pid}`;
  const databaseUrl = kind === "postgres" ? await createPgDatabase(dbName) : "";
  const target =
    kind === "postgres"
      ? ({ kind, url: databaseUrl } as const)
      : ({ kind, dataDir: path.join(dataDir, "pglite") } as const);
  log(`${kind}: seeding 100 published policies`);
  const { workspaceId, published } = await seed(openDatabase(target));
  const server = await startServer({
    port,
    env: {
      ARBITER_DATA_DIR: dataDir,
      ARBITER_DEMO: "0",
      ARBITER_ADMIN_PASSWORD: "bench-admin-password",
      DATABASE_URL: databaseUrl,
    },
  });
  const url = server.url;
  let decide: DriveResult;
  let health: DriveResult;
  try {
    log(`${kind}: ${published} policies published; warming up`);
    await fetch(`${url}/api/v1/decisions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ agent: "buyer", action: "read", resource: { kind: "table", id: "t" } }),
    });
    // The floor first: a backlog left by an overloaded decision run must not count against it.
    log(`${kind}: GET /api/health at ${rate}/s for ${seconds} s`);
    health = await drive(url, "health");
    log(`${kind}: POST /api/v1/decisions at ${rate}/s for ${seconds} s`);
    decide = await drive(url, "decide");
  } finally {
    await server.stop();
  }
  // Every answered decision must be in the database.
  const check = openDatabase(target);
  installDatabase(check);
  const stored = await db().decision.count({ where: { workspaceId } });
  await check.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (kind === "postgres") await dropPgDatabase(dbName);
  return { database: kind, policies: published, decide, health, stored, lost: decide.ok + 1 - stored };
}

const targets: ("pglite" | "postgres")[] = [];
if (!values.only || values.only === "pglite") targets.push("pglite");
if ((!values.only || values.only === "postgres") && (await reachable(serverUrl))) targets.push("postgres");
const results = [];
let port = 3330;
for (const t of targets) results.push(await benchOne(t, port++));

if (values.json) console.log(JSON.stringify(results));
else {
  console.log(`\ndecision benchmark: ${rate} requests/s for ${seconds} s, open loop, ${os.cpus().length} cores\n`);
  console.log("database   policies   route                    sent     ok   503s   failed   per s   p50 ms   p99 ms");
  for (const r of results) {
    for (const [label, d] of [
      ["POST /api/v1/decisions", r.decide],
      ["GET /api/health (floor)", r.health],
    ] as const) {
      console.log(
        `${r.database.padEnd(10)} ${String(r.policies).padStart(8)}   ${label.padEnd(24)} ${String(d.sent).padStart(6)} ${String(d.ok).padStart(6)} ${String(d.throttled).padStart(6)} ${String(d.failed).padStart(8)} ${d.perSecond.toFixed(0).padStart(7)} ${d.p50Ms.toFixed(1).padStart(8)} ${d.p99Ms.toFixed(1).padStart(8)}`,
      );
    }
    console.log(
      `${" ".repeat(22)}outcomes ${JSON.stringify(r.decide.outcomes)}; decisions stored ${r.stored} of ${r.decide.ok + 1} answered (incl. warm-up): ${r.lost === 0 ? "none lost" : `${r.lost} LOST`}`,
    );
  }
}
