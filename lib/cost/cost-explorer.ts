// Everything the cost explorer shows for a range, for one workspace or several: the usage cube
// read once, then shaped by the pure preparers (cost-view.ts), with the trace figures beside it.
import "server-only";
import { database } from "../db";
import { bucketsOf, previousRange, type CostRange } from "./ranges";
import { usageCube, usageSeries } from "./usage-cube";
import { spendSeries, topBy, totalsOf, workspaceRows, type Names, type StackBy } from "./cost-view";
import { costliestTraces, costPerRun } from "./trace-costs";

/** Agents by external id, for the workspaces shown (a name may repeat across workspaces). */
async function agentsOf(workspaceIds: string[]) {
  const rows = await database().query<{ id: string; workspaceId: string; externalId: string; name: string }>(
    `SELECT "id", "workspaceId", "externalId", "name" FROM "Agent" WHERE "workspaceId" = ANY($1::text[])`,
    [workspaceIds],
  );
  return {
    names: new Map(rows.map((r) => [r.externalId, r.name])),
    ids: new Map(rows.map((r) => [`${r.workspaceId}\u0000${r.externalId}`, r.id])),
  };
}

export async function costExplorer({
  workspaces,
  range,
  by,
  compare = false,
}: {
  workspaces: { id: string; name: string; slug: string }[];
  range: CostRange;
  by: StackBy;
  /** Read the previous period too (the cross-workspace view's change column). */
  compare?: boolean;
}) {
  const workspaceIds = workspaces.map((w) => w.id);
  const buckets = bucketsOf(range);
  // Buckets in a zone read the hours at each bucket's edges: the chart sums one column by its
  // stacking, and the totals read the range as one bucket (whole UTC days from the daily roll-up).
  const whole = [{ start: range.from, end: range.to }];
  const [series, cells, previous, { names: agents, ids: agentIds }, traces, runs] = await Promise.all([
    usageSeries({ workspaceIds, buckets, by }),
    usageCube({ workspaceIds, buckets: whole }),
    compare ? usageCube({ workspaceIds, buckets: [previousWindow(range)] }) : Promise.resolve([]),
    agentsOf(workspaceIds),
    costliestTraces({ workspaceIds, from: range.from, to: range.to }),
    costPerRun({ workspaceIds, from: range.from, to: range.to }),
  ]);
  const names: Names = { agents, workspaces: new Map(workspaces.map((w) => [w.id, w.name])) };
  return {
    buckets,
    series: spendSeries({ cells: series, buckets, by, names }),
    totals: totalsOf(cells),
    topAgents: topBy({ cells, by: "agent", names }),
    topModels: topBy({ cells, by: "model", names }),
    workspaces: compare ? workspaceRows({ cells, previous, workspaces, names }) : [],
    traces,
    runs: runs.map((r) => ({ ...r, label: agents.get(r.agent) ?? r.agent })),
    /** An agent's page id by workspace and external id. */
    agentIds,
  };
}

function previousWindow(range: CostRange) {
  const p = previousRange(range);
  return { start: p.from, end: p.to };
}

export type CostExplorer = Awaited<ReturnType<typeof costExplorer>>;
