// What runs cost, from the trace roll-ups: the most expensive traces of a range, and each agent's
// distribution of cost per run (a run being a trace the agent took part in).
import "server-only";
import { database } from "../db";

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
  return database().query<CostlyTrace>(
    `SELECT t."workspaceId", t."traceId", t."name", t."startTime", t."costUsd"::text AS "costUsd", t."agentNames",
            t."spanCount"
       FROM "Trace" t
      WHERE t."workspaceId" = ANY($1::text[]) AND t."startTime" >= $2 AND t."startTime" < $3 AND t."costUsd" > 0
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
  const rows = await database().query<RunCost>(
    `SELECT t."workspaceId", a AS agent, count(*)::int AS runs,
            (percentile_disc(0.5) WITHIN GROUP (ORDER BY t."costUsd"))::text AS p50,
            (percentile_disc(0.95) WITHIN GROUP (ORDER BY t."costUsd"))::text AS p95,
            max(t."costUsd")::text AS max, sum(t."costUsd")::text AS total
       FROM "Trace" t CROSS JOIN LATERAL unnest(t."agentNames") AS a
      WHERE t."workspaceId" = ANY($1::text[]) AND t."startTime" >= $2 AND t."startTime" < $3
      GROUP BY t."workspaceId", a
      ORDER BY sum(t."costUsd") DESC, a LIMIT $4`,
    [workspaceIds, new Date(from), new Date(to), limit],
  );
  return rows;
}
