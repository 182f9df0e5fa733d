// What each budget has spent in a window, from the usage roll-ups, in one statement for any
// number of budgets: the whole UTC months, weeks and days of each window from their roll-ups, the
// edge hours from the hourly one (read-plan.ts).
import "server-only";
import Decimal from "decimal.js";
import { database } from "../db";
import { readPlan } from "./read-plan";
import { ROLLUPS, unitKey, type Level } from "./rollups";

export interface SpendQuery {
  id: string;
  workspaceId: string;
  /** External id, as the roll-ups key it; null: every agent. */
  agent: string | null;
  model: string | null;
  from: number;
  to: number;
}

export async function budgetSpend(queries: SpendQuery[]): Promise<Map<string, string>> {
  const spent = new Map<string, string>(queries.map((q) => [q.id, "0"]));
  if (queries.length === 0) return spent;
  const reads: { q: SpendQuery; level: Level; start: string; end: string; sign: number }[] = [];
  for (const q of queries) {
    const { intervals, uses } = readPlan([{ start: q.from, end: q.to }]);
    for (const u of uses) {
      const { level, start, end } = intervals[u.interval]!;
      reads.push({ q, level, start: unitKey(level, start), end: unitKey(level, end), sign: u.sign });
    }
  }
  const branch = ({ level, table, column, type }: (typeof ROLLUPS)[number]) =>
    `SELECT r.id, r.sign * c.cost AS cost
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
         AS r(id, ws, agent, model, level, s, e, sign)
       CROSS JOIN LATERAL (SELECT sum(u."costUsd") AS cost FROM "${table}" u
         WHERE u."workspaceId" = r.ws AND u."${column}" >= r.s::${type} AND u."${column}" < r.e::${type}
           AND (r.agent IS NULL OR u."agentExternalId" = r.agent) AND (r.model IS NULL OR u."model" = r.model)) c
      WHERE r.level = '${level}'`;
  const rows = await database().query<{ id: string; cost: string | null }>(
    `SELECT id, sum(cost)::text AS cost FROM (${ROLLUPS.map(branch).join(" UNION ALL ")}) x GROUP BY id`,
    [
      reads.map((r) => r.q.id),
      reads.map((r) => r.q.workspaceId),
      reads.map((r) => r.q.agent),
      reads.map((r) => r.q.model),
      reads.map((r) => r.level),
      reads.map((r) => r.start),
      reads.map((r) => r.end),
      reads.map((r) => r.sign),
    ],
  );
  for (const r of rows) spent.set(r.id, new Decimal(r.cost ?? 0).toFixed());
  return spent;
}
