// npm run bench:impact -- [--decisions 10000] [--only pglite|postgres]
// Impact analysis at its limit: a workspace with 100 published policies and 10,000 recorded
// decisions (refunds, tool calls, purchases; a few hundred repeats), then a draft of
// refund-review replayed against all of them. Prints the time to the report, how many distinct
// requests were evaluated, and the flips found — the work an admin waits for before publishing.
import { parseArgs } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../lib/db/connect";
import { db } from "../lib/db";
import { analyseImpact } from "../lib/policy/impact";
import { seededRandom } from "../lib/simulator/scenarios";
import { seedBenchWorkspace } from "./seed";
import { createPgDatabase, dropPgDatabase, log, reachable, serverUrl } from "./harness";
import { publishExtraPolicies } from "./policies";

const { values } = parseArgs({
  options: { decisions: { type: "string", default: "10000" }, only: { type: "string" } },
});
const count = Number(values.decisions);

const DRAFT = `@message("Refunds over $800 are held for a human.")
@route("APPROVER")
@timeout("4h")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has amount && context.amount.greaterThan(decimal("800.0000")) };

@message("Refunds the agent is unsure about (confidence below 0.7) are held for a human.")
@route("APPROVER")
@timeout("4h")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has confidence && context.confidence.lessThan(decimal("0.7000")) };
`;

async function seed(database: Database) {
  const ws = await seedBenchWorkspace(database);
  const agents = ["refund-agent", "buyer", "operator"];
  await db().agent.createMany({
    data: agents.map((externalId, i) => ({
      workspaceId: ws.id,
      externalId,
      name: externalId,
      trustScore: 40 + i * 20,
      ...(externalId === "buyer" ? { spendingLimitUsd: "1000" } : {}),
    })),
  });
  await publishExtraPolicies(ws.id);
  // Recorded decisions over the last 6 days (their recorded outcomes do not matter to a replay).
  const r = seededRandom(7);
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const kind = r();
    const request =
      kind < 0.5
        ? {
            agentExternalId: "refund-agent",
            action: "refund",
            resource: { kind: "order", id: `o-${i % 4000}` },
            context: { amount: Math.round(r() * 1200), confidence: Math.round((0.5 + r() * 0.5) * 100) / 100 },
          }
        : kind < 0.8
          ? {
              agentExternalId: "operator",
              action: "call_tool",
              resource: { kind: `tool_${Math.floor(r() * 95)}`, id: "x", environment: r() < 0.5 ? "production" : "" },
              context: {},
            }
          : {
              agentExternalId: "buyer",
              action: "purchase",
              resource: { kind: "vendor", id: `v-${Math.floor(r() * 50)}`, blacklisted: r() < 0.05 },
              context: { amount: Math.round(r() * 2000) },
            };
    return {
      workspaceId: ws.id,
      ...request,
      outcome: "ALLOW" as const,
      latencyMs: 1,
      createdAt: new Date(now - r() * 6 * 86_400_000),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db().decision.createMany({ data: rows.slice(i, i + 1000) });
  const review = await db().policy.findFirstOrThrow({ where: { workspaceId: ws.id, name: "refund-review" } });
  return { workspaceId: ws.id, policyId: review.id };
}

async function benchOne(kind: "pglite" | "postgres") {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-impact-"));
  const dbName = `arbiter_bench_impact_${process.pid}`;
  const target =
    kind === "postgres"
      ? ({ kind, url: await createPgDatabase(dbName) } as const)
      : ({ kind, dataDir: path.join(dataDir, "pglite") } as const);
  log(`${kind}: seeding 100 policies and ${count} decisions`);
  const database = openDatabase(target);
  try {
    const { workspaceId, policyId } = await seed(database);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await analyseImpact({ workspaceId, policyId, source: DRAFT, days: 7 }));
    return { database: kind, runs };
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === "postgres") await dropPgDatabase(dbName);
  }
}

const targets: ("pglite" | "postgres")[] = [];
if (!values.only || values.only === "pglite") targets.push("pglite");
if ((!values.only || values.only === "postgres") && (await reachable(serverUrl))) targets.push("postgres");
console.log(`\nimpact analysis: ${count} recorded decisions, 100 published policies, ${os.cpus().length} cores\n`);
console.log("database   run   replayed   distinct   evaluated   changed   report ms   flips");
for (const t of targets) {
  const { database, runs } = await benchOne(t);
  runs.forEach((r, i) =>
    console.log(
      `${database.padEnd(10)} ${String(i + 1).padStart(3)}   ${String(r.replayed).padStart(8)}   ${String(r.distinct).padStart(8)}   ${String(r.evaluated).padStart(9)}   ${String(r.changed).padStart(7)}   ${String(r.elapsedMs).padStart(9)}   ${r.flips.map((f) => `${f.from}→${f.to} ${f.count}`).join(", ")}`,
    ),
  );
}
