import "server-only";
import { database, db } from "../db";
import { Invalid, NotFound } from "../errors";
import { agentFields } from "./list-agents";

const DAY = 86_400_000;

export interface AgentFigures {
  traces: number;
  failedTraces: number;
  costUsd: number;
  spans: number;
}

/** Days ago, as the UTC date the usage roll-ups are keyed by. */
const daysAgo = (days: number, now: number) => new Date(Math.floor(now / DAY) * DAY - days * DAY);

/**
 * Per agent over the last `days`: traces it took part in and how many of those failed (from the
 * trace roll-ups), and its spend and spans (from the daily usage roll-ups). Two grouped scans of
 * the window, not one query per agent.
 */
export async function agentFigures({
  workspaceId,
  agent = null,
  days = 7,
  now = Date.now(),
}: {
  workspaceId: string;
  /** One agent only (its page), instead of every agent (the registry). */
  agent?: string | null;
  days?: number;
  now?: number;
}): Promise<Map<string, AgentFigures>> {
  const since = new Date(now - days * DAY);
  const figures = new Map<string, AgentFigures>();
  const entry = (agent: string) => {
    let f = figures.get(agent);
    if (!f) figures.set(agent, (f = { traces: 0, failedTraces: 0, costUsd: 0, spans: 0 }));
    return f;
  };
  await database().sqlTransaction(async (sql) => {
    const traces = await sql.query<{ agent: string; traces: string; failed: string }>(
      `SELECT a AS agent, count(*) AS traces, count(*) FILTER (WHERE t."status" = 'ERROR') AS failed
         FROM "Trace" t, unnest(t."agentNames") AS a
        WHERE t."workspaceId" = $1 AND t."startTime" >= $2
          AND ($3::text IS NULL OR (t."agentNames" @> ARRAY[$3::text] AND a = $3))
        GROUP BY a`,
      [workspaceId, since, agent],
    );
    for (const row of traces) {
      const f = entry(row.agent);
      f.traces = Number(row.traces);
      f.failedTraces = Number(row.failed);
    }
    const usage = await sql.query<{ agent: string; cost: string; spans: string }>(
      `SELECT "agentExternalId" AS agent, sum("costUsd")::text AS cost, sum("spanCount") AS spans
         FROM "UsageDaily"
        WHERE "workspaceId" = $1 AND "day" >= $2 AND "agentExternalId" <> ''
          AND ($3::text IS NULL OR "agentExternalId" = $3)
        GROUP BY "agentExternalId"`,
      [workspaceId, daysAgo(days - 1, now), agent],
    );
    for (const row of usage) {
      const f = entry(row.agent);
      f.costUsd = Number(row.cost);
      f.spans = Number(row.spans);
    }
  });
  return figures;
}

/** One agent with what it did lately: figures, daily spend, models and tools over `days`. */
export async function getAgentDetail({
  workspaceId,
  agentId,
  days = 7,
  now = Date.now(),
}: {
  workspaceId: string;
  agentId: string;
  days?: number;
  now?: number;
}) {
  if (!/^[\w-]{1,64}$/.test(agentId)) throw new Invalid("Not an agent id.");
  const agent = await db().agent.findFirst({
    where: { id: agentId, workspaceId },
    select: { ...agentFields, spendingLimitUsd: true, statusReason: true, createdAt: true },
  });
  if (!agent) throw new NotFound("Agent not found.");
  const since = new Date(now - days * DAY);
  const figures = (await agentFigures({ workspaceId, agent: agent.externalId, days, now })).get(agent.externalId) ?? {
    traces: 0,
    failedTraces: 0,
    costUsd: 0,
    spans: 0,
  };
  const [daily, models, tools] = await database().sqlTransaction(async (sql) =>
    Promise.all([
      sql.query<{ day: Date | string; cost: string; spans: string }>(
        `SELECT "day", sum("costUsd")::text AS cost, sum("spanCount") AS spans FROM "UsageDaily"
          WHERE "workspaceId" = $1 AND "agentExternalId" = $2 AND "day" >= $3
          GROUP BY "day" ORDER BY "day"`,
        [workspaceId, agent.externalId, daysAgo(days - 1, now)],
      ),
      sql.query<{ model: string; spans: string; inputTokens: string; outputTokens: string; cost: string }>(
        `SELECT "model", sum("spanCount") AS spans, sum("inputTokens")::text AS "inputTokens",
                sum("outputTokens")::text AS "outputTokens", sum("costUsd")::text AS cost
           FROM "UsageDaily"
          WHERE "workspaceId" = $1 AND "agentExternalId" = $2 AND "day" >= $3 AND "model" <> ''
          GROUP BY "model" ORDER BY sum("costUsd") DESC, "model"`,
        [workspaceId, agent.externalId, daysAgo(days - 1, now)],
      ),
      sql.query<{ name: string; calls: string; errors: string; p95: number | null }>(
        `SELECT regexp_replace("name", '^execute_tool\\s+', '') AS name, count(*) AS calls,
                count(*) FILTER (WHERE "status" = 'ERROR') AS errors,
                percentile_disc(0.95) WITHIN GROUP (ORDER BY "durationMs") AS p95
           FROM "Span"
          WHERE "workspaceId" = $1 AND "agentExternalId" = $2 AND "startTime" >= $3 AND "kind" = 'TOOL'
          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 50`,
        [workspaceId, agent.externalId, since],
      ),
    ]),
  );
  return {
    agent,
    figures,
    daily: daily.map((d) => ({
      day: (d.day instanceof Date ? d.day.toISOString() : String(d.day)).slice(0, 10),
      costUsd: Number(d.cost),
      spans: Number(d.spans),
    })),
    models: models.map((m) => ({
      model: m.model,
      spans: Number(m.spans),
      inputTokens: Number(m.inputTokens),
      outputTokens: Number(m.outputTokens),
      costUsd: Number(m.cost),
    })),
    tools: tools.map((t) => ({ name: t.name, calls: Number(t.calls), errors: Number(t.errors), p95Ms: t.p95 })),
  };
}
