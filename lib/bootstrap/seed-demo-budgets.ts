// Demo budgets on the demo traffic: per workspace, a 30-day budget that has crossed 50 %, a
// monthly cap, and a hold budget on the agent that spends most, just past 80 % — so the costs
// page opens on budgets with alerts and a forecast, from the real roll-ups.
import "server-only";
import Decimal from "decimal.js";
import { db } from "../db";
import { systemActor } from "../audit";
import { createBudget } from "../cost/budgets";
import { budgetSpend } from "../cost/budget-spend";
import { periodAt } from "../cost/periods";
import { DEMO_WORKSPACES } from "./seed-demo";

const limitFor = (spent: string, share: number, floor: number) => {
  const v = new Decimal(spent).div(share);
  return Decimal.max(v, floor).toDecimalPlaces(2, Decimal.ROUND_UP).toFixed(2);
};

export async function seedDemoBudgets(now = Date.now()): Promise<number> {
  let created = 0;
  const rolling = (days: number) => periodAt({ period: "ROLLING", rollingDays: days, timeZone: "UTC" }, now);
  for (const spec of DEMO_WORKSPACES) {
    const ws = await db().workspace.findUnique({ where: { slug: spec.slug }, select: { id: true } });
    if (!ws) continue;
    const top = await db().usageDaily.groupBy({
      by: ["agentExternalId"],
      where: { workspaceId: ws.id, agentExternalId: { not: "" } },
      _sum: { costUsd: true },
      orderBy: { _sum: { costUsd: "desc" } },
      take: 1,
    });
    const topAgent = top[0]
      ? await db().agent.findFirst({ where: { workspaceId: ws.id, externalId: top[0].agentExternalId } })
      : null;
    const month = rolling(30);
    const week = rolling(7);
    const spent = await budgetSpend([
      { id: "ws30", workspaceId: ws.id, agent: null, model: null, from: month.readFrom, to: month.readTo },
      ...(topAgent
        ? [
            {
              id: "agent7",
              workspaceId: ws.id,
              agent: topAgent.externalId,
              model: null,
              from: week.readFrom,
              to: week.readTo,
            },
          ]
        : []),
    ]);
    const budgets = [
      {
        name: `${spec.name}: last 30 days`,
        period: "ROLLING",
        rollingDays: 30,
        timeZone: "UTC",
        limitUsd: limitFor(spent.get("ws30") ?? "0", 0.72, 0.01),
        action: "ALERT",
      },
      {
        name: `${spec.name}: monthly cap`,
        period: "MONTHLY",
        timeZone: "UTC",
        limitUsd: limitFor(spent.get("ws30") ?? "0", 0.9, 0.01),
        action: "STOP",
      },
      ...(topAgent
        ? [
            {
              name: `${topAgent.name}: weekly`,
              agentId: topAgent.id,
              period: "ROLLING",
              rollingDays: 7,
              timeZone: "UTC",
              limitUsd: limitFor(spent.get("agent7") ?? "0", 0.86, 0.01),
              action: "HOLD",
            },
          ]
        : []),
    ];
    for (const input of budgets) {
      await createBudget({ workspaceId: ws.id, input, actor: systemActor, createdById: null });
      created++;
    }
  }
  return created;
}
