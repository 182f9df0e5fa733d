import "server-only";
import { database } from "../db";
import { agentNameMap } from "../agents/agent-label";
import { deriveAgentGraph, type AgentGraph, type GraphSpan } from "./agent-graph";

/** Most recent traces a fleet graph reads; beyond it the graph says it is a sample. */
export const FLEET_TRACE_LIMIT = 5_000;

export interface FleetGraph {
  graph: AgentGraph;
  tracesInWindow: number;
  tracesRead: number;
}

/**
 * Who calls whom across the workspace's traces that started in [from, to): the per-trace
 * derivation run over the most recent FLEET_TRACE_LIMIT traces of the window, agents by name.
 */
export async function fleetGraph({
  workspaceId,
  from,
  to,
}: {
  workspaceId: string;
  from: Date;
  to: Date;
}): Promise<FleetGraph> {
  return database().sqlTransaction(async (sql) => {
    const [{ count }] = (await sql.query<{ count: string | number }>(
      `SELECT count(*) AS count FROM "Trace" WHERE "workspaceId" = $1 AND "startTime" >= $2 AND "startTime" < $3`,
      [workspaceId, from, to],
    )) as [{ count: string | number }];
    const rows = await sql.query<GraphSpan & { costUsd: string | null }>(
      `WITH recent AS (
         SELECT "traceId" FROM "Trace"
          WHERE "workspaceId" = $1 AND "startTime" >= $2 AND "startTime" < $3
          ORDER BY "startTime" DESC LIMIT $4
       )
       SELECT s."traceId", s."spanId", s."parentSpanId", s."startTime", s."name", s."kind"::text AS "kind",
              s."agentExternalId", s."handoffTo", s."status"::text AS "status", s."durationMs",
              s."costUsd"::text AS "costUsd"
         FROM recent r JOIN "Span" s ON s."workspaceId" = $1 AND s."traceId" = r."traceId"`,
      [workspaceId, from, to, FLEET_TRACE_LIMIT],
    );
    // Nodes show agents by name: the workspace's agents, read in the same transaction.
    const agents = await sql.query<{ externalId: string; name: string }>(
      `SELECT "externalId", "name" FROM "Agent" WHERE "workspaceId" = $1`,
      [workspaceId],
    );
    return {
      graph: deriveAgentGraph(rows, agentNameMap(agents)),
      tracesInWindow: Number(count),
      tracesRead: Math.min(Number(count), FLEET_TRACE_LIMIT),
    };
  });
}
