import { openDatabase } from "../lib/db/connect";
import { database, installDatabase } from "../lib/db";
import { bucketsOf, resolveRange } from "../lib/cost/ranges";
import { usageCube, usageSeries } from "../lib/cost/usage-cube";
import { costliestTraces, costPerRun } from "../lib/cost/trace-costs";
import { readBudgetStates } from "../lib/cost/budget-monitor";
import { costExplorer } from "../lib/cost/cost-explorer";
installDatabase(openDatabase({ kind: "pglite", dataDir: "/tmp/costdb/pglite" }));
const wss = await database().query<{ id: string; slug: string; name: string }>(`SELECT id, slug, name FROM "Workspace" ORDER BY slug`);
const ws = wss[0]!;
const t = async (label: string, f: () => Promise<unknown>) => {
  await f();
  const s = performance.now();
  for (let i = 0; i < 3; i++) await f();
  console.log(label.padEnd(40), ((performance.now() - s) / 3).toFixed(1), "ms");
};
for (const [preset, zone] of [["30d", "America/New_York"], ["90d", "America/New_York"], ["12m", "America/New_York"]] as const) {
  const { range } = resolveRange({ preset, zone });
  const buckets = bucketsOf(range);
  await t(`${preset} series`, () => usageSeries({ workspaceIds: [ws.id], buckets, by: "agent" }));
  await t(`${preset} totals`, () => usageCube({ workspaceIds: [ws.id], buckets: [{ start: range.from, end: range.to }] }));
  await t(`${preset} costliest`, () => costliestTraces({ workspaceIds: [ws.id], from: range.from, to: range.to }));
  await t(`${preset} per run`, () => costPerRun({ workspaceIds: [ws.id], from: range.from, to: range.to }));
  await t(`${preset} explorer`, () => costExplorer({ workspaces: [ws], range, by: "agent" }));
  await t(`${preset} explorer x3 compare`, () => costExplorer({ workspaces: wss, range, by: "workspace", compare: true }));
}
await t(`budgets`, () => readBudgetStates());
{
  const { spendSeries, totalsOf, topBy } = await import("../lib/cost/cost-view");
  const { range } = resolveRange({ preset: "12m", zone: "America/New_York" });
  const buckets = bucketsOf(range);
  await t("12m cube by week", () => usageCube({ workspaceIds: [ws.id], buckets }));
  const cells = await usageCube({ workspaceIds: [ws.id], buckets });
  console.log("cells", cells.length);
  await t("12m prep series", async () => spendSeries({ cells, buckets, by: "agent" }));
  await t("12m prep totals", async () => totalsOf(cells));
  await t("12m prep top", async () => { topBy({ cells, by: "agent" }); topBy({ cells, by: "model" }); });
  const names = await database().query(`SELECT "id", "workspaceId", "externalId", "name" FROM "Agent" WHERE "workspaceId" = ANY($1::text[])`, [[ws.id]]);
  await t("agents", () => database().query(`SELECT "id", "workspaceId", "externalId", "name" FROM "Agent" WHERE "workspaceId" = ANY($1::text[])`, [[ws.id]]));
  void names;
}
process.exit(0);
