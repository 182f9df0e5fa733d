// Alerts a budget's state raises: once per threshold per period, once for a forecast over the
// limit, whatever the number of instances or re-sends (the alert's dedupe key is unique). Each one
// is audited and posted to the workspace's notification webhook in its transaction; a STOP budget
// that suspends its agent does so in the same one. Alerts of periods that ended are resolved.
import "server-only";
import Decimal from "decimal.js";
import { database } from "../db";
import type { Sql } from "../db/connect";
import { appendAuditEventSql, systemActor } from "../audit";
import { suspendForLimit } from "./limit-actions";
import { notifyWorkspace } from "../outbox/notify-workspace";
import { announceRevision } from "../db/revisions";
import type { BudgetState } from "./budget-monitor";

export interface AlertIntent {
  dedupeKey: string;
  kind: "budget.threshold" | "budget.forecast";
  threshold: number | null;
  severity: "info" | "warning" | "critical";
  message: string;
  budget: BudgetState;
}

const usd = (v: string) => `$${new Decimal(v).toFixed(2)}`;

/** Pure: what a budget's state has crossed in its period (already raised ones included). */
export function alertIntents(b: BudgetState): AlertIntent[] {
  const out: AlertIntent[] = [];
  // A rolling window has no periods: its alert stands while the spend stays over the threshold
  // and resolves when it falls back (resolveEndedAlerts), and the next crossing raises a new one.
  const period = b.period === "ROLLING" ? "rolling" : new Date(b.window.start).toISOString();
  for (const t of b.thresholds) {
    if (b.percent < t) continue;
    out.push({
      dedupeKey: `budget:${b.id}:${period}:${t}`,
      kind: "budget.threshold",
      threshold: t,
      severity: t >= 100 ? "critical" : t >= 80 ? "warning" : "info",
      message: `${b.name} reached ${t} % of its ${usd(b.limit)} limit (${usd(b.spent)} spent).`,
      budget: b,
    });
  }
  const f = b.forecast;
  if (f?.over && new Decimal(b.spent).lt(b.limit)) {
    out.push({
      dedupeKey: `budget:${b.id}:${period}:forecast`,
      kind: "budget.forecast",
      threshold: null,
      severity: "warning",
      message: `${b.name} is forecast to spend ${usd(f.projected)} by the end of the period, over its ${usd(b.limit)} limit${
        f.crossesAt
          ? ` (crossing it around ${new Date(f.crossesAt).toISOString().slice(0, 16).replace("T", " ")} UTC)`
          : ""
      }.`,
      budget: b,
    });
  }
  return out;
}

// Keys this process raised or found raised lately: each is tried again at most once a minute (a
// rolling budget's key is freed when its alert resolves, maybe on another instance).
const holder = globalThis as { __arbiterRaisedAlerts?: Map<string, number> };
const raised = () => (holder.__arbiterRaisedAlerts ??= new Map());
const RETRY_MS = 60_000;

/** Raises what the states crossed and nobody raised yet; the number raised by this call. */
export async function raiseBudgetAlerts(states: BudgetState[], now = Date.now()): Promise<number> {
  const fresh = states.flatMap(alertIntents).filter((i) => (raised().get(i.dedupeKey) ?? 0) <= now);
  let count = 0;
  for (const intent of fresh) {
    const { inserted, suspended } = await database().sqlTransaction((sql) => raiseOne(sql, intent));
    raised().set(intent.dedupeKey, now + RETRY_MS);
    if (inserted) count++;
    // A suspended agent is denied from the next decision on, on this instance at once.
    if (suspended) await announceRevision(intent.budget.workspaceId);
  }
  if (raised().size > 100_000) raised().clear();
  return count;
}

/** Forgets what this process raised (tests: as if another instance were asking). */
export function forgetRaisedAlerts() {
  raised().clear();
}

async function raiseOne(sql: Sql, i: AlertIntent): Promise<{ inserted: boolean; suspended: boolean }> {
  const b = i.budget;
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO "Alert" ("id", "workspaceId", "budgetId", "kind", "severity", "message", "threshold", "agentExternalId",
       "periodStart", "dedupeKey")
     VALUES ('alr_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id"`,
    [
      b.workspaceId,
      b.id,
      i.kind,
      i.severity,
      i.message,
      i.threshold,
      b.agentExternalId,
      new Date(b.window.start),
      i.dedupeKey,
    ],
  );
  if (!row) return { inserted: false, suspended: false };
  const data = {
    alertId: row.id,
    kind: i.kind,
    budget: { id: b.id, name: b.name, agent: b.agentExternalId, model: b.model },
    threshold: i.threshold,
    spentUsd: b.spent,
    limitUsd: b.limit,
    periodStart: new Date(b.window.start).toISOString(),
    resetsAt: new Date(b.window.end).toISOString(),
    forecast: b.forecast,
    message: i.message,
  };
  const delivered = await notifyWorkspace(sql, {
    workspaceId: b.workspaceId,
    eventId: `alert-${row.id}`,
    type: i.kind === "budget.forecast" ? "arbiter.budget.forecast_over" : "arbiter.budget.threshold_crossed",
    path: `/costs/budgets/${b.id}`,
    data,
  });
  await appendAuditEventSql(sql, {
    workspaceId: b.workspaceId,
    actor: systemActor,
    action: "budget.alert_raised",
    target: { type: "budget", id: b.id },
    after: {
      alertId: row.id,
      name: b.name,
      kind: i.kind,
      threshold: i.threshold,
      spentUsd: b.spent,
      limitUsd: b.limit,
    },
    metadata: { periodStart: data.periodStart, delivered },
  });
  const suspend = i.threshold !== null && i.threshold >= 100 && b.action === "STOP" && b.suspendAgent && b.agentId;
  const suspended = suspend
    ? await suspendForLimit(sql, {
        workspaceId: b.workspaceId,
        agentId: b.agentId!,
        agent: b.agentExternalId,
        reason: `Budget "${b.name}" reached 100 % of its limit.`,
        metadata: { budgetId: b.id },
      })
    : false;
  return { inserted: true, suspended };
}

/**
 * Budget alerts whose cause has passed resolve themselves: a calendar period's when the period
 * ended (its spend reset), a rolling window's when the spend fell back under the threshold (its
 * key is freed for the next crossing). The number resolved.
 */
export async function resolveEndedAlerts(states: BudgetState[]): Promise<number> {
  if (states.length === 0) return 0;
  const rows = await database().query<{ id: string }>(
    `UPDATE "Alert" a SET "status" = 'RESOLVED', "resolvedAt" = now(),
            "dedupeKey" = CASE WHEN c.rolling THEN a."dedupeKey" || ':resolved:' || a."id" ELSE a."dedupeKey" END
       FROM unnest($1::text[], $2::timestamptz[], $3::boolean[], $4::float8[]) AS c(budget_id, period_start, rolling, percent)
      WHERE a."budgetId" = c.budget_id AND a."status" <> 'RESOLVED'
        AND (CASE WHEN c.rolling THEN a."kind" = 'budget.threshold' AND a."threshold" > c.percent
                  ELSE a."periodStart" < c.period_start END)
      RETURNING a."id"`,
    [
      states.map((s) => s.id),
      states.map((s) => new Date(s.window.start)),
      states.map((s) => s.period === "ROLLING"),
      states.map((s) => s.percent),
    ],
  );
  return rows.length;
}
