import "server-only";
import { db } from "../db";

/**
 * The names of the workspace's agents among `externalIds`, by external id: one query for a
 * whole page of rows whose table has no relation to Agent (traces, usage). Unknown ids are absent.
 */
export async function agentNames({
  workspaceId,
  externalIds,
}: {
  workspaceId: string;
  externalIds: Iterable<string>;
}): Promise<Map<string, string>> {
  const ids = [...new Set(externalIds)];
  if (ids.length === 0) return new Map();
  const rows = await db().agent.findMany({
    where: { workspaceId, externalId: { in: ids } },
    select: { externalId: true, name: true },
  });
  return new Map(rows.map((r) => [r.externalId, r.name]));
}
