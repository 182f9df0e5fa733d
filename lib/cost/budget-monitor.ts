// Every budget's state in memory on every instance — spent, remaining, percent and forecast for
// its current period — re-read from the usage roll-ups every second (the "budgets" job), so a
// decision sees it without a round trip and spend ingested on any instance counts within seconds.
// Each refresh also raises what the new state crossed (budget-alerts.ts).
import "server-only";
import Decimal from "decimal.js";
import { database } from "../db";
import { budgetSpend } from "./budget-spend";
import { periodAt, type BudgetWindow, type PeriodKind } from "./periods";
import { forecast, type Forecast } from "./forecast";
import { raiseBudgetAlerts } from "./budget-alerts";

export type LimitAction = "ALERT" | "HOLD" | "STOP";

export interface BudgetState {
  id: string;
  workspaceId: string;
  name: string;
  agentId: string | null;
  agentExternalId: string | null;
  model: string | null;
  period: PeriodKind;
  rollingDays: number | null;
  timeZone: string;
  limit: string;
  spent: string;
  remaining: string;
  /** Spent over limit × 100, unrounded. */
  percent: number;
  thresholds: number[];
  action: LimitAction;
  suspendAgent: boolean;
  spendActions: string[];
  window: BudgetWindow;
  forecast: Forecast | null;
  createdAt: number;
  readAt: number;
}

interface BudgetRow {
  id: string;
  workspaceId: string;
  name: string;
  agentId: string | null;
  agentExternalId: string | null;
  model: string | null;
  period: PeriodKind;
  rollingDays: number | null;
  timeZone: string;
  limitUsd: string;
  thresholds: number[];
  action: LimitAction;
  suspendAgent: boolean;
  spendActions: string[];
  createdAt: Date;
}

interface Monitor {
  byWorkspace: Map<string, BudgetState[]>;
  loaded: boolean;
  refreshing: Promise<void> | null;
}

const holder = globalThis as { __arbiterBudgets?: Monitor };
const monitor = () => (holder.__arbiterBudgets ??= { byWorkspace: new Map(), loaded: false, refreshing: null });

/** Every budget's state now, from the roll-ups (pure of memory: tests and pages call it too). */
export async function readBudgetStates({
  now = Date.now(),
  workspaceId,
}: { now?: number; workspaceId?: string } = {}): Promise<BudgetState[]> {
  const rows = await database().query<BudgetRow>(
    `SELECT b."id", b."workspaceId", b."name", b."agentId", a."externalId" AS "agentExternalId", b."model",
            b."period"::text AS "period", b."rollingDays", b."timeZone", b."limitUsd"::text AS "limitUsd", b."thresholds",
            b."action"::text AS "action", b."suspendAgent", b."spendActions", b."createdAt"
       FROM "Budget" b LEFT JOIN "Agent" a ON a."id" = b."agentId"
      WHERE ($1::text IS NULL OR b."workspaceId" = $1)
      ORDER BY b."workspaceId", b."createdAt", b."id"`,
    [workspaceId ?? null],
  );
  const windows = rows.map((r) => periodAt(r, now));
  const spent = await budgetSpend(
    rows.map((r, i) => ({
      id: r.id,
      workspaceId: r.workspaceId,
      agent: r.agentExternalId,
      model: r.model,
      from: windows[i]!.readFrom,
      to: windows[i]!.readTo,
    })),
  );
  return rows.map((r, i) => {
    const window = windows[i]!;
    const s = new Decimal(spent.get(r.id) ?? "0");
    const limit = new Decimal(r.limitUsd);
    return {
      id: r.id,
      workspaceId: r.workspaceId,
      name: r.name,
      agentId: r.agentId,
      agentExternalId: r.agentExternalId,
      model: r.model,
      period: r.period,
      rollingDays: r.rollingDays,
      timeZone: r.timeZone,
      limit: limit.toFixed(),
      spent: s.toFixed(),
      remaining: Decimal.max(limit.minus(s), 0).toFixed(),
      percent: s.div(limit).times(100).toNumber(),
      thresholds: r.thresholds,
      action: r.action,
      suspendAgent: r.suspendAgent,
      spendActions: r.spendActions,
      window,
      // A rolling window never ends, so it has no end to forecast.
      forecast:
        r.period === "ROLLING"
          ? null
          : forecast({ spent: s.toFixed(), limit: limit.toFixed(), start: window.start, end: window.end, now }),
      createdAt: new Date(r.createdAt).getTime(),
      readAt: now,
    };
  });
}

/**
 * Re-reads every budget's state into memory, then raises what it crossed. Concurrent callers share
 * one refresh. A failed read keeps the last state (a database hiccup does not forget budgets).
 */
export function refreshBudgets(now?: number): Promise<void> {
  const m = monitor();
  m.refreshing ??= (async () => {
    try {
      const states = await readBudgetStates({ now });
      const byWorkspace = new Map<string, BudgetState[]>();
      for (const s of states) byWorkspace.set(s.workspaceId, [...(byWorkspace.get(s.workspaceId) ?? []), s]);
      m.byWorkspace = byWorkspace;
      m.loaded = true;
      await raiseBudgetAlerts(states);
    } finally {
      m.refreshing = null;
    }
  })();
  return m.refreshing;
}

/**
 * The budgets that cover an agent's spend (the workspace's, the agent's, a model's), from memory.
 * Before the first refresh has finished it waits for one.
 */
export async function budgetsFor(workspaceId: string, agentExternalId: string): Promise<BudgetState[]> {
  const m = monitor();
  if (!m.loaded) await refreshBudgets();
  const all: BudgetState[] | undefined = m.byWorkspace.get(workspaceId);
  if (!all) return [];
  return all.filter((b) => b.agentExternalId === null || b.agentExternalId === agentExternalId);
}

/** The monitor's current state of one workspace's budgets (the costs page reads fresher itself). */
export function budgetStatesInMemory(workspaceId: string): BudgetState[] {
  return monitor().byWorkspace.get(workspaceId) ?? [];
}
