// The budgets' period roll-over (a background job, safe on several instances): a calendar
// period that ended is kept as a history row with what it spent, and the alerts of ended periods
// (or of rolling windows back under their threshold) resolve.
import "server-only";
import { database } from "../db";
import { budgetSpend } from "./budget-spend";
import { readBudgetStates } from "./budget-monitor";
import { resolveEndedAlerts } from "./budget-alerts";
import { previousPeriod } from "./periods";

export async function rollOverBudgets(now = Date.now()): Promise<{ closed: number; resolved: number }> {
  const states = await readBudgetStates({ now });
  const resolved = await resolveEndedAlerts(states);
  const ended = states.flatMap((s) => {
    const prev = previousPeriod(s, s.window);
    return prev && s.createdAt < prev.end ? [{ s, prev }] : [];
  });
  if (ended.length === 0) return { closed: 0, resolved };
  const known = await database().query<{ budgetId: string }>(
    `SELECT "budgetId" FROM "BudgetPeriodSpend" b JOIN unnest($1::text[], $2::timestamptz[]) AS k(id, start)
       ON b."budgetId" = k.id AND b."periodStart" = k.start`,
    [ended.map((e) => e.s.id), ended.map((e) => new Date(e.prev.start))],
  );
  const have = new Set(known.map((k) => k.budgetId));
  const missing = ended.filter((e) => !have.has(e.s.id));
  if (missing.length === 0) return { closed: 0, resolved };
  const spent = await budgetSpend(
    missing.map(({ s, prev }) => ({
      id: s.id,
      workspaceId: s.workspaceId,
      agent: s.agentExternalId,
      model: s.model,
      from: prev.readFrom,
      to: prev.readTo,
    })),
  );
  const rows = await database().query<{ budgetId: string }>(
    `INSERT INTO "BudgetPeriodSpend" ("budgetId", "periodStart", "periodEnd", "spentUsd", "limitUsd")
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::numeric[], $5::numeric[])
     ON CONFLICT DO NOTHING RETURNING "budgetId"`,
    [
      missing.map((m) => m.s.id),
      missing.map((m) => new Date(m.prev.start)),
      missing.map((m) => new Date(m.prev.end)),
      missing.map((m) => spent.get(m.s.id) ?? "0"),
      missing.map((m) => m.s.limit),
    ],
  );
  return { closed: rows.length, resolved };
}
