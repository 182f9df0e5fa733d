// npm run bench:decide -- [--rate N | --pglite-rate 200 --postgres-rate 500] [--seconds 30]
//   [--floor-seconds 15] [--cold-seconds 15] [--cold-rate N] [--port 3330] [--only pglite|postgres] [--json]
// Seeds a throwaway database with a workspace holding 100 published policies (the starter pack
// and 95 more), starts the production server on it and drives POST /api/v1/decisions at a fixed
// rate from a separate process (open loop: latency counts from each request's scheduled time):
//   1. the bare-Node floor at the same rate, before the server starts: a plain http server in its
//      own process answering a trivial JSON, then one answering after one database round trip;
//   2. cold start: the first --cold-seconds after the server is ready (at the benchmark rate
//      unless --cold-rate says otherwise), reported on their own and per 5 s;
//   3. Next.js's floor, GET /api/health, at the same rate;
//   4. steady state: the decisions again for --seconds.
// Between phases the server is left to work off any backlog (until it is idle for a second).
// Every decision id answered 200 must be in the database afterwards (none lost). Prints every
// figure, then the issue's targets with the figure beside each.
import { parseArgs } from "node:util";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database, type DatabaseTarget } from "../lib/db/connect";
import { installDatabase, db } from "../lib/db";
import { seedBenchWorkspace } from "./seed";
import {
  forEachTarget,
  createPgDatabase,
  dropPgDatabase,
  log,
  runDriver,
  spawnDriver,
  startFloor,
  startServer,
  watchMachine,
  waitUntilIdle,
} from "./harness";
import { publishExtraPolicies } from "./policies";
import { check, fmt, printVerdicts, table, verdict, type Verdict } from "./report";
import type { DriveResult } from "./decide-driver";
import { measureBudgetOverhead, type BudgetOverhead } from "./budget-overhead";

const { values } = parseArgs({
  options: {
    rate: { type: "string" },
    "pglite-rate": { type: "string", default: "200" },
    "postgres-rate": { type: "string", default: "500" },
    seconds: { type: "string", default: "30" },
    "floor-seconds": { type: "string", default: "15" },
    "cold-seconds": { type: "string", default: "15" },
    "cold-rate": { type: "string" },
    port: { type: "string", default: "3330" },
    only: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const floorSeconds = Number(values["floor-seconds"]);
const coldSeconds = Number(values["cold-seconds"]);
const rateFor = (kind: "pglite" | "postgres") =>
  Number(values.rate ?? (kind === "pglite" ? values["pglite-rate"] : values["postgres-rate"]));
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

/** How many of the answered decision ids the database holds, and how many it holds in all. */
async function storedDecisions(target: DatabaseTarget, workspaceId: string, ids: string[]) {
  const check = openDatabase(target);
  installDatabase(check);
  try {
    const [row] = await db().$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "Decision" WHERE "workspaceId" = $1 AND "id" = ANY($2::text[])`,
      workspaceId,
      ids,
    );
    const all = await db().decision.count({ where: { workspaceId } });
    return { answeredStored: Number(row!.n), all };
  } finally {
    await check.close();
  }
}

interface Phase {
  label: string;
  result: DriveResult;
}

interface DecideResult {
  database: "pglite" | "postgres";
  rate: number;
  coldRate: number;
  policies: number;
  startSeconds: number;
  /** Seconds the server stayed busy after the cold start and after the Next.js floor. */
  idleAfterCold: number;
  idleAfterHealth: number;
  cold: DriveResult;
  steady: DriveResult;
  health: DriveResult;
  bare: DriveResult;
  bareDb: DriveResult;
  answered: number;
  answeredStored: number;
  storedInAll: number;
  lost: number;
  budget: BudgetOverhead;
}

async function benchOne(kind: "pglite" | "postgres", port: number): Promise<DecideResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-decide-"));
  const dbName = `arbiter_bench_decide_${process.pid}`;
  const databaseUrl = kind === "postgres" ? await createPgDatabase(dbName) : "";
  try {
    return await measure(kind, port, dataDir, databaseUrl);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === "postgres") await dropPgDatabase(dbName);
  }
}

async function measure(
  kind: "pglite" | "postgres",
  port: number,
  dataDir: string,
  databaseUrl: string,
): Promise<DecideResult> {
  const rate = rateFor(kind);
  const coldRate = Number(values["cold-rate"] ?? rate);
  const target: DatabaseTarget =
    kind === "postgres" ? { kind, url: databaseUrl } : { kind, dataDir: path.join(dataDir, "pglite") };
  const idsFile = (phase: string) => path.join(dataDir, `ids-${phase}.json`);
  const drive = (url: string, args: Record<string, string | number | boolean>, forSeconds: number, r = rate) =>
    runDriver<DriveResult>("bench/decide-driver.ts", { url, key: key.secret, rate: r, seconds: forSeconds, ...args });

  log(`${kind}: seeding 100 published policies`);
  const { workspaceId, published } = await seed(openDatabase(target));
  // The bare-Node floors first, while nothing else runs: a backlog the real server is still
  // working off (requests its clients gave up on) must not count against them.
  const floors = async (database?: { kind: "pglite" } | { kind: "postgres"; url: string }) => {
    const floor = await startFloor({ port: port + 100, ...(database ? { database } : {}) });
    try {
      const what = database ? "one database round trip, GET /floor/db" : "trivial JSON, GET /floor";
      log(`${kind}: bare Node floor, ${what} at ${rate}/s for ${floorSeconds} s`);
      return await drive(floor.url, { target: "get", path: database ? "/floor/db" : "/floor" }, floorSeconds);
    } finally {
      await floor.stop();
    }
  };
  const bare = await floors();
  const bareDb = await floors(kind === "postgres" ? { kind, url: databaseUrl } : { kind });

  // The cold-start driver is loaded first and starts the moment the server is ready.
  const cold = spawnDriver<DriveResult>("bench/decide-driver.ts", {
    url: `http://localhost:${port}`,
    key: key.secret,
    rate: coldRate,
    seconds: coldSeconds,
    target: "decide",
    ids: idsFile("cold"),
    "wait-go": true,
  });
  cold.result.catch(() => {}); // awaited below; a driver that fails early must not crash this process first
  log(`${kind}: starting the server; decisions at ${coldRate}/s for the first ${coldSeconds} s after ready`);
  const server = await startServer({
    port,
    env: {
      ARBITER_DATA_DIR: dataDir,
      ARBITER_DEMO: "0",
      ARBITER_ADMIN_PASSWORD: "bench-admin-password",
      DATABASE_URL: databaseUrl,
    },
  }).catch((error: unknown) => {
    cold.cancel();
    throw error;
  });
  cold.go();
  log(`${kind}: ready ${server.startSeconds.toFixed(1)} s after spawn; cold start under way`);
  let result: Omit<DecideResult, "answered" | "answeredStored" | "storedInAll" | "lost" | "budget">;
  try {
    const coldResult = await cold.result;
    server.assertRunning("the cold start");
    const settle = async (after: string) => {
      const waited = await waitUntilIdle(server.process.pid!);
      if (waited > 1.5) log(`${kind}: the server was busy for ${waited.toFixed(1)} s after the ${after}`);
      return waited;
    };
    const idleAfterCold = await settle("cold start");
    log(`${kind}: Next.js floor, GET /api/health at ${rate}/s for ${floorSeconds} s`);
    const health = await drive(server.url, { target: "get", path: "/api/health" }, floorSeconds);
    server.assertRunning("the Next.js floor");
    const idleAfterHealth = await settle("Next.js floor");
    log(`${kind}: steady state, POST /api/v1/decisions at ${rate}/s for ${seconds} s`);
    const steady = await drive(server.url, { target: "decide", ids: idsFile("steady") }, seconds);
    server.assertRunning("the steady state");
    result = {
      database: kind,
      rate,
      coldRate,
      policies: published,
      startSeconds: server.startSeconds,
      idleAfterCold,
      idleAfterHealth,
      cold: coldResult,
      steady,
      health,
      bare,
      bareDb,
    };
  } finally {
    await server.stop();
  }
  // Every answered decision must be in the database.
  const ids = [idsFile("cold"), idsFile("steady")].flatMap((f) => JSON.parse(readFileSync(f, "utf8")) as string[]);
  const stored = await storedDecisions(target, workspaceId, ids);
  log(`${kind}: what budgets add to a decision, in process`);
  const budget = await measureBudgetOverhead(target, workspaceId);
  return {
    ...result,
    budget,
    answered: ids.length,
    answeredStored: stored.answeredStored,
    storedInAll: stored.all,
    lost: ids.length - stored.answeredStored,
  };
}

const loadAtStart = os.loadavg();
const machine = watchMachine();
const { results, failed } = await forEachTarget(values.only, Number(values.port), benchOne);

function print(r: DecideResult) {
  const phases: Phase[] = [
    { label: `decisions, cold start (first ${coldSeconds} s)`, result: r.cold },
    { label: "decisions, steady state", result: r.steady },
    { label: "Next.js GET /api/health", result: r.health },
    { label: "bare Node, trivial JSON", result: r.bare },
    { label: "bare Node, one DB round trip", result: r.bareDb },
  ];
  console.log(
    `\n${r.database}: ${r.policies} published policies; ${r.rate} requests/s (cold start at ${r.coldRate}/s), open loop; server ready ${fmt(r.startSeconds, 1)} s after spawn`,
  );
  console.log(
    table([
      ["", "rate/s", "sent", "ok", "503s", "failed", "served/s", "p50 ms", "p99 ms", "max ms"],
      ...phases.map(({ label, result: d }) => [
        label,
        label.startsWith("decisions, cold") ? r.coldRate : r.rate,
        d.sent,
        d.ok,
        d.throttled,
        d.failed,
        fmt(d.perSecond),
        fmt(d.p50Ms, 1),
        fmt(d.p99Ms, 1),
        fmt(d.maxMs, 1),
      ]),
    ]),
  );
  for (const { label, result: d } of phases) {
    if (d.failed) console.log(`  ${label}: failures ${JSON.stringify(d.failures)}`);
  }
  console.log(
    `cold start per ${r.cold.windows[0]?.toS ?? 5} s: ${r.cold.windows.map((w) => `${w.fromS}–${w.toS} s p50 ${fmt(w.p50Ms, 1)} / p99 ${fmt(w.p99Ms, 1)} ms (${w.n})`).join("; ")}`,
  );
  console.log(
    `the server stayed busy ${fmt(r.idleAfterCold, 1)} s after the cold start and ${fmt(r.idleAfterHealth, 1)} s after the Next.js floor (waited out before the next phase)`,
  );
  console.log(`outcomes (steady): ${JSON.stringify(r.steady.outcomes)}; (cold): ${JSON.stringify(r.cold.outcomes)}`);
  console.log(
    `decisions answered 200: ${r.answered}; of them stored: ${r.answeredStored} (${r.lost === 0 ? "none lost" : `${r.lost} LOST`}); rows in all: ${r.storedInAll}`,
  );

  // A phase with no answers has null percentiles (NaN does not survive JSON).
  const ratio = (a: number | null, b: number | null) => (a === null || b === null ? NaN : a / b);
  const everyAnswered = (d: DriveResult) => d.ok === d.sent;
  const verdicts: Verdict[] = [];
  if (r.database === "postgres") {
    verdicts.push(
      verdict(`p50 at ${r.rate}/s`, r.steady.p50Ms, "≤", 3, " ms"),
      verdict(`p99 at ${r.rate}/s`, r.steady.p99Ms, "≤", 10, " ms"),
      verdict("p99 / bare Node floor p99 (trivial JSON)", ratio(r.steady.p99Ms, r.bare.p99Ms), "≤", 3, "×", 2),
      verdict("cold-start p99 / steady p99", ratio(r.cold.p99Ms, r.steady.p99Ms), "≤", 2, "×", 2),
    );
  } else {
    verdicts.push(verdict(`p99 at ${r.rate}/s`, r.steady.p99Ms, "≤", 25, " ms"));
  }
  verdicts.push(
    check(
      `every decision answered 200 at ${r.rate}/s (steady)`,
      `${r.steady.ok} of ${r.steady.sent} (${r.steady.throttled} 503s, ${r.steady.failed} failed)`,
      "all",
      everyAnswered(r.steady),
    ),
    check("no decision lost", `${r.lost} lost of ${r.answered}`, "0 lost", r.lost === 0),
  );
  printVerdicts(`${r.database} targets (issue 11)`, verdicts);
  const b = r.budget;
  console.log(
    `budgets (in process, ${fmt(b.decisions)} decisions each way, ${b.budgets} budgets covering the agent): ${fmt(b.withoutUs, 1)} µs a decision without, ${fmt(b.withUs, 1)} µs with the budget step`,
  );
  printVerdicts(`${r.database} targets (issue 13)`, [
    verdict("budget checks add to a decision", b.addedUs / 1000, "≤", 1, " ms", 3),
  ]);
  console.log(
    `  for reference: p99 / bare Node + DB round trip p99 = ${fmt(ratio(r.steady.p99Ms, r.bareDb.p99Ms), 2)}×; p99 / Next.js /api/health p99 = ${fmt(ratio(r.steady.p99Ms, r.health.p99Ms), 2)}×; cold-start p99 / steady p99 = ${fmt(ratio(r.cold.p99Ms, r.steady.p99Ms), 2)}×`,
  );
}

const usage = machine.stop();
if (values.json) console.log(JSON.stringify({ machine: usage, results, failed }));
else {
  console.log(
    `\ndecision benchmark: open loop, ${os.cpus().length} cores, load average (1/5/15 min) ${loadAtStart.map((l) => l.toFixed(2)).join(" ")} at the start, ${os
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
if (failed.length) process.exitCode = 1;
