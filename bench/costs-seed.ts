// The cost benchmark's data: a migrated database with 3 workspaces × 50 agents × 10 models of
// usage roll-ups (hourly, and daily, weekly and monthly summed from it) over `months` months,
// trace roll-ups and 3 budgets per workspace, all by SQL.
import type { DatabaseTarget } from "../lib/db/connect";
import { openDatabase } from "../lib/db/connect";
import { database, db, installDatabase } from "../lib/db";
import { migrateDatabase } from "../lib/db/migrate";
import { createWorkspace } from "../lib/workspaces";
import { hashPassword } from "../lib/auth/password";
import { systemActor } from "../lib/audit";
import { createBudget } from "../lib/cost/budgets";
import { keySql, ROLLUPS } from "../lib/cost/rollups";
import { log } from "./harness";

export const user = { email: "costs@bench.local", password: "bench-costs-password" };
const MODELS = [
  ["gpt-4o", "openai", 1.0],
  ["gpt-4o-mini", "openai", 0.06],
  ["o3-mini", "openai", 0.44],
  ["claude-sonnet-4-20250514", "anthropic", 1.2],
  ["claude-3-5-haiku-latest", "anthropic", 0.32],
  ["gemini-2.5-pro", "google", 0.9],
  ["gemini-2.5-flash", "google", 0.12],
  ["mistral-large-latest", "mistral", 0.6],
  ["llama-3.1-70b-versatile", "groq", 0.07],
  ["command-r-plus", "cohere", 0.8],
] as const;

export interface Seeded {
  workspaces: { id: string; slug: string; name: string }[];
  hourlyRows: number;
  dailyRows: number;
  spans: number;
  traces: number;
  seedSeconds: number;
}

export async function seed(target: DatabaseTarget, months: number): Promise<Seeded> {
  const started = performance.now();
  const handle = openDatabase(target);
  await migrateDatabase({ database: handle });
  installDatabase(handle);
  const admin = await db().user.create({
    data: { email: user.email, name: "Cost bench", passwordHash: await hashPassword(user.password) },
  });
  const now = Date.now();
  const end = new Date(Math.floor(now / 3_600_000) * 3_600_000);
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - months);
  const models = `(VALUES ${MODELS.map(([m, p, f], i) => `(${i}, '${m}', '${p}', ${f})`).join(", ")}) AS m(i, model, provider, factor)`;
  const workspaces = [];
  for (const [i, name] of ["Support", "Procurement", "Research"].entries()) {
    const ws = await createWorkspace({ name, slug: `costs-${i + 1}`, actor: systemActor, adminUserId: admin.id });
    workspaces.push({ id: ws.id, slug: ws.slug, name });
    await db().agent.createMany({
      data: Array.from({ length: 50 }, (_, a) => ({
        workspaceId: ws.id,
        externalId: `agent-${a + 1}`,
        name: `Agent ${a + 1}`,
      })),
    });
    log(`seeding ${name}: hourly usage`);
    // Each agent on two of the ten models, active in 40 % of the hours, 1–8 calls an active hour.
    await database().query(
      `INSERT INTO "UsageHourly" ("workspaceId", "hour", "agentExternalId", "model", "provider", "spanCount",
         "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens", "costUsd",
         "reportedCostUsd", "unpricedSpans", "cacheSavingsUsd")
       SELECT $1, h, 'agent-' || a, m.model, m.provider, n, n * 1800, n * 350, n * 400, n * 20, n * 30,
              round((n * m.factor * (5 + r % 50) / 1000.0)::numeric, 9), 0, 0, round((n * m.factor * 0.0004)::numeric, 9)
         FROM generate_series($2::timestamptz, $3::timestamptz - interval '1 hour', interval '1 hour') AS h,
              generate_series(1, 50) AS a, ${models},
              LATERAL (SELECT abs(hashtext(h::text || ':' || a || ':' || m.i || ':' || $1)) AS r) AS x,
              LATERAL (SELECT 1 + (x.r / 100) % 8 AS n) AS y
        WHERE (m.i = a % 10 OR m.i = (a * 3 + 1) % 10) AND x.r % 100 < 40`,
      [ws.id, start, end],
    );
    log(`seeding ${name}: daily, weekly and monthly usage, and traces`);
    for (const { level, table, column } of ROLLUPS.slice(1)) {
      await database().query(
        `INSERT INTO "${table}" ("workspaceId", "${column}", "agentExternalId", "model", "provider", "spanCount",
           "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens", "costUsd",
           "reportedCostUsd", "unpricedSpans", "cacheSavingsUsd")
         SELECT "workspaceId", ${keySql(level, `"hour"`)}, "agentExternalId", "model", "provider", sum("spanCount"),
                sum("inputTokens"), sum("outputTokens"), sum("cacheReadTokens"), sum("cacheWriteTokens"),
                sum("reasoningTokens"), sum("costUsd"), sum("reportedCostUsd"), sum("unpricedSpans"), sum("cacheSavingsUsd")
           FROM "UsageHourly" WHERE "workspaceId" = $1 GROUP BY 1, 2, 3, 4, 5`,
        [ws.id],
      );
    }
    // A run every ~3 minutes: traces with their cost and the agents in them.
    await database().query(
      `INSERT INTO "Trace" ("workspaceId", "traceId", "name", "startTime", "endTime", "durationMs", "spanCount", "costUsd",
         "agentNames", "models", "status", "updatedAt")
       SELECT $1, md5($1 || ':' || t), 'run ' || t, ts, ts + interval '20 seconds', 20000, 12,
              round(((abs(hashtext($1 || t::text)) % 100000) / 100000.0)::numeric, 9),
              ARRAY['agent-' || (1 + t % 50), 'agent-' || (1 + (t * 7) % 50)], ARRAY['gpt-4o'], 'OK', now()
         FROM generate_series(0, (EXTRACT(EPOCH FROM $3::timestamptz - $2::timestamptz) / 180)::int - 1) AS t,
              LATERAL (SELECT $2::timestamptz + t * interval '180 seconds' AS ts) s`,
      [ws.id, start, end],
    );
    const agent1 = await db().agent.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "agent-1" } });
    for (const input of [
      { name: `${name} monthly`, period: "MONTHLY", timeZone: "UTC", limitUsd: "50000", action: "ALERT" },
      {
        name: "Agent 1 weekly",
        agentId: agent1.id,
        period: "WEEKLY",
        timeZone: "Europe/Berlin",
        limitUsd: "500",
        action: "HOLD",
      },
      {
        name: "gpt-4o rolling",
        model: "gpt-4o",
        period: "ROLLING",
        rollingDays: 30,
        timeZone: "UTC",
        limitUsd: "900",
        action: "STOP",
      },
    ]) {
      await createBudget({ workspaceId: ws.id, input, actor: systemActor, createdById: admin.id });
    }
  }
  await database()
    .query(`${[...ROLLUPS.map((r) => r.table), "Trace"].map((t) => `ANALYZE "${t}"`).join("; ")}`)
    .catch(async () => {
      for (const t of [...ROLLUPS.map((r) => r.table), "Trace"]) await database().query(`ANALYZE "${t}"`);
    });
  const [counts] = await database().query<{ hourly: number; daily: number; spans: string; traces: number }>(
    `SELECT (SELECT count(*)::int FROM "UsageHourly") AS hourly, (SELECT count(*)::int FROM "UsageDaily") AS daily,
            (SELECT sum("spanCount")::text FROM "UsageHourly") AS spans, (SELECT count(*)::int FROM "Trace") AS traces`,
  );
  await handle.close();
  return {
    workspaces,
    hourlyRows: counts!.hourly,
    dailyRows: counts!.daily,
    spans: Number(counts!.spans),
    traces: counts!.traces,
    seedSeconds: (performance.now() - started) / 1000,
  };
}
