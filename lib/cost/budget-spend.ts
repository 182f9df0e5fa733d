// What each budget has spent in a window, from the usage roll-ups, in one statement for any
// number of budgets: whole UTC days from UsageDaily, the edge hours from UsageHourly.
import "server-only";
import Decimal from "decimal.js";
import { database } from "../db";
import { readPlan } from "./ranges";

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
  const hours: { q: SpendQuery; start: number; end: number; sign: number }[] = [];
  const days: { q: SpendQuery; start: string; end: string }[] = [];
  for (const q of queries) {
    const plan = readPlan([{ start: q.from, end: q.to }]);
    for (const h of plan.hours) hours.push({ q, start: h.start, end: h.end, sign: h.sign });
    for (const d of plan.days) days.push({ q, start: d.start, end: d.end });
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  const rows = await database().query<{ id: string; cost: string | null }>(
    `SELECT id, sum(cost)::text AS cost FROM (
       SELECT h.id, h.sign * r.cost AS cost
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $13::int[])
           AS h(id, ws, agent, model, s, e, sign)
         CROSS JOIN LATERAL (SELECT sum(u."costUsd") AS cost FROM "UsageHourly" u
           WHERE u."workspaceId" = h.ws AND u."hour" >= h.s AND u."hour" < h.e
             AND (h.agent IS NULL OR u."agentExternalId" = h.agent) AND (h.model IS NULL OR u."model" = h.model)) r
       UNION ALL
       SELECT d.id, r.cost
         FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::date[], $12::date[])
           AS d(id, ws, agent, model, s, e)
         CROSS JOIN LATERAL (SELECT sum(u."costUsd") AS cost FROM "UsageDaily" u
           WHERE u."workspaceId" = d.ws AND u."day" >= d.s AND u."day" < d.e
             AND (d.agent IS NULL OR u."agentExternalId" = d.agent) AND (d.model IS NULL OR u."model" = d.model)) r
     ) x GROUP BY id`,
    [
      hours.map((h) => h.q.id),
      hours.map((h) => h.q.workspaceId),
      hours.map((h) => h.q.agent),
      hours.map((h) => h.q.model),
      hours.map((h) => iso(h.start)),
      hours.map((h) => iso(h.end)),
      days.map((d) => d.q.id),
      days.map((d) => d.q.workspaceId),
      days.map((d) => d.q.agent),
      days.map((d) => d.q.model),
      days.map((d) => d.start),
      days.map((d) => d.end),
      hours.map((h) => h.sign),
    ],
  );
  for (const r of rows) spent.set(r.id, new Decimal(r.cost ?? 0).toFixed());
  return spent;
}
