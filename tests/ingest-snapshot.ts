// What ingest derives for a workspace (spans, trace roll-ups, daily usage, agents), without the
// ids and times that differ per workspace: two workspaces fed the same telemetry compare equal.
import { db } from "../lib/db";

/** Everything ingest derives for a workspace, without the ids and times that differ per workspace. */
export async function ingestSnapshot(workspaceId: string) {
  const spans = await db().span.findMany({
    where: { workspaceId },
    orderBy: [{ traceId: "asc" }, { spanId: "asc" }],
    omit: { workspaceId: true, createdAt: true, updatedAt: true },
  });
  const traces = await db().trace.findMany({
    where: { workspaceId },
    orderBy: { traceId: "asc" },
    omit: { workspaceId: true, createdAt: true, updatedAt: true },
  });
  const usage = await db().usageDaily.findMany({
    where: { workspaceId },
    orderBy: [{ day: "asc" }, { agentExternalId: "asc" }, { model: "asc" }],
    omit: { workspaceId: true },
  });
  // lastSeenAt is a hint kept within a minute (see store-spans); firstSeenAt is exact.
  const agents = (await db().agent.findMany({ where: { workspaceId }, orderBy: { externalId: "asc" } })).map((a) => [
    a.externalId,
    a.name,
    a.firstSeenAt?.toISOString() ?? null,
  ]);
  return JSON.parse(
    JSON.stringify({ spans, traces, usage, agents }, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
  ) as {
    spans: {
      spanId: string;
      name: string;
      agentExternalId: string | null;
      agentInherited: boolean;
      costUsd: string | null;
    }[];
    traces: { name: string | null; costUsd: string; inputTokens: string; agentNames: string[]; spanCount: number }[];
    usage: { agentExternalId: string; model: string; spanCount: number; inputTokens: string; costUsd: string }[];
    agents: [string, string, string | null][];
  };
}
