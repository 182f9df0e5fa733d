// What runs cost, from the trace roll-ups: the most expensive traces of a range, and each agent's
// distribution of cost per run (a run being a trace the agent took part in).
import "server-only";
import { database } from "../db";
import { RUN_SAMPLE } from "./run-sample";

export interface CostlyTrace {
  workspaceId: string;
  traceId: string;
  name: string | null;
  startTime: Date;
  costUsd: string;
  agentNames: string[];
  spanCount: number;
}

export async function costliestTraces({
  workspaceIds,
  from,
  to,
  limit = 10,
}: {
  workspaceIds: string[];
  from: number;
  to: number;
  limit?: number;
}): Promise<CostlyTrace[]> {
  // Per workspace, from the top of its cost index (LATERAL: with the workspaces as a set the
  // planner reads the whole range and sorts it).
  return database().query<CostlyTrace>(
    `SELECT t."workspaceId", t."traceId", t."name", t."startTime", t."costUsd"::text AS "costUsd", t."agentNames",
            t."spanCount"
       FROM unnest($1::text[]) AS w(id)
       CROSS JOIN LATERAL (
         SELECT * FROM "Trace" x
          WHERE x."workspaceId" = w.id AND x."startTime" >= $2 AND x."startTime" < $3 AND x."costUsd" > 0
          ORDER BY x."costUsd" DESC LIMIT $4
       ) t
      ORDER BY t."costUsd" DESC, t."traceId" LIMIT $4`,
    [workspaceIds, new Date(from), new Date(to), limit],
  );
}

export interface RunCost {
  workspaceId: string;
  agent: string;
  runs: number;
  /** Exact costs of actual runs (the nearest-rank percentiles), not interpolations. */
  p50: string;
  p95: string;
  max: string;
  total: string;
  /** Whether the workspace had more runs in the range than were read (the latest RUN_SAMPLE). */
  sampled: boolean;
}

/** Per agent, the distribution of trace cost over the runs it took part in; the costliest agents first. */
export async function costPerRun({
  workspaceIds,
  from,
  to,
  limit = 12,
}: {
  workspaceIds: string[];
  from: number;
  to: number;
  limit?: number;
}): Promise<RunCost[]> {
  // The latest runs of the range (all of them, up to RUN_SAMPLE): a year of a busy fleet would
  // otherwise sort millions of costs on every view.
  const rows = await database().query<RunCost & { sampled: boolean }>(
    `WITH runs AS (
       SELECT t.* FROM unnest($1::text[]) AS w(id)
       CROSS JOIN LATERAL (
         SELECT x."workspaceId", x."costUsd", x."agentNames" FROM "Trace" x
          WHERE x."workspaceId" = w.id AND x."startTime" >= $2 AND x."startTime" < $3
          ORDER BY x."startTime" DESC LIMIT ${RUN_SAMPLE}
       ) t
     )
     SELECT r."workspaceId", a AS agent, count(*)::int AS runs,
            (percentile_disc(0.5) WITHIN GROUP (ORDER BY r."costUsd"))::text AS p50,
            (percentile_disc(0.95) WITHIN GROUP (ORDER BY r."costUsd"))::text AS p95,
            max(r."costUsd")::text AS max, sum(r."costUsd")::text AS total,
            min(n.runs) >= ${RUN_SAMPLE} AS sampled
       FROM runs r CROSS JOIN LATERAL unnest(r."agentNames") AS a
       JOIN (SELECT "workspaceId", count(*) AS runs FROM runs GROUP BY 1) n ON n."workspaceId" = r."workspaceId"
      GROUP BY r."workspaceId", a
      ORDER BY sum(r."costUsd") DESC, a LIMIT $4`,
    [workspaceIds, new Date(from), new Date(to), limit],
  );
  return rows;
}
