// Circuit breakers: how often an agent may do something in a window — N decisions of one action,
// the same action on the same resource N times (a loop), N denials — and what happens past it
// (alert, hold, stop; optionally suspend the agent). Counted on the decision path from the stored
// decisions, so every instance counts the same; every change and every trip is audited.
import "server-only";
import { z } from "zod";
import { database, db } from "../db";
import { appendAuditEvent, appendAuditEventSql, systemActor, type Actor } from "../audit";
import { Invalid, NotFound } from "../errors";
import { ACTIONS } from "../policy/schema";
import { suspendForLimit } from "./limit-actions";
import { notifyWorkspace } from "../outbox/notify-workspace";
import { announceRevision } from "../db/revisions";
import type { DecisionRequest } from "../policy/request";
import type { Evaluation } from "../policy/evaluate";
import { describeBreaker } from "./breakers-text";
import { applyLimit } from "./limit-effect";
import { assertAgentIn } from "./budgets";

export { describeBreaker };

export const breakerInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name the breaker.").max(100),
    agentId: z.string().trim().max(64).nullish(),
    kind: z.enum(["ACTION_RATE", "REPEATED_ACTION", "DENIALS"]),
    action: z.enum(ACTIONS).nullish(),
    limit: z.coerce.number().int().min(1, "The limit is at least 1.").max(1_000_000),
    windowSeconds: z.coerce
      .number()
      .int()
      .min(10, "A window is at least 10 seconds.")
      .max(7 * 86_400),
    outcome: z.enum(["ALERT", "HOLD", "STOP"]),
    suspendAgent: z.boolean().default(false),
  })
  .transform((v) => ({
    ...v,
    agentId: v.agentId || null,
    action: v.kind === "DENIALS" ? null : (v.action ?? null),
    suspendAgent: v.outcome === "STOP" && v.suspendAgent,
  }))
  .refine((v) => v.kind !== "ACTION_RATE" || v.action !== null, "Choose the action the breaker counts.");

function parse(input: unknown) {
  const parsed = breakerInputSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]!.message);
  return parsed.data;
}

const snapshot = (b: ReturnType<typeof parse>) => ({ ...b });

export async function createBreaker({
  workspaceId,
  input,
  actor,
  createdById,
}: {
  workspaceId: string;
  input: unknown;
  actor: Actor;
  createdById: string | null;
}) {
  const data = parse(input);
  const breaker = await db().$transaction(async (tx) => {
    await assertAgentIn(tx, workspaceId, data.agentId);
    const breaker = await tx.breaker.create({ data: { ...data, workspaceId, createdById } });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "breaker.created",
      target: { type: "breaker", id: breaker.id },
      after: snapshot(data),
    });
    return breaker;
  });
  await refreshBreakers();
  return breaker;
}

export async function deleteBreaker({
  workspaceId,
  breakerId,
  actor,
}: {
  workspaceId: string;
  breakerId: string;
  actor: Actor;
}) {
  await db().$transaction(async (tx) => {
    const before = await tx.breaker.findFirst({ where: { id: breakerId, workspaceId } });
    if (!before) throw new NotFound("Breaker not found.");
    await tx.breaker.delete({ where: { id: before.id } });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "breaker.deleted",
      target: { type: "breaker", id: before.id },
      before: {
        name: before.name,
        kind: before.kind,
        action: before.action,
        limit: before.limit,
        windowSeconds: before.windowSeconds,
        outcome: before.outcome,
      },
    });
  });
  await refreshBreakers();
}

export interface BreakerRule {
  id: string;
  workspaceId: string;
  name: string;
  agentExternalId: string | null;
  agentId: string | null;
  kind: "ACTION_RATE" | "REPEATED_ACTION" | "DENIALS";
  action: string | null;
  limit: number;
  windowSeconds: number;
  outcome: "ALERT" | "HOLD" | "STOP";
  suspendAgent: boolean;
}

interface Monitor {
  byWorkspace: Map<string, BreakerRule[]>;
  loaded: boolean;
  refreshing: Promise<void> | null;
}
const holder = globalThis as { __arbiterBreakers?: Monitor };
const monitor = () => (holder.__arbiterBreakers ??= { byWorkspace: new Map(), loaded: false, refreshing: null });

export async function readBreakers(workspaceId?: string): Promise<BreakerRule[]> {
  return database().query<BreakerRule>(
    `SELECT b."id", b."workspaceId", b."name", a."externalId" AS "agentExternalId", b."agentId", b."kind"::text AS "kind",
            b."action", b."limit", b."windowSeconds", b."outcome"::text AS "outcome", b."suspendAgent"
       FROM "Breaker" b LEFT JOIN "Agent" a ON a."id" = b."agentId"
      WHERE ($1::text IS NULL OR b."workspaceId" = $1) ORDER BY b."workspaceId", b."createdAt", b."id"`,
    [workspaceId ?? null],
  );
}

/** Re-reads every breaker into memory (the "breakers" job, every second on every instance). */
export function refreshBreakers(): Promise<void> {
  const m = monitor();
  m.refreshing ??= (async () => {
    try {
      const rules = await readBreakers();
      const byWorkspace = new Map<string, BreakerRule[]>();
      for (const r of rules) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r]);
      m.byWorkspace = byWorkspace;
      m.loaded = true;
    } finally {
      m.refreshing = null;
    }
  })();
  return m.refreshing;
}

async function breakersFor(workspaceId: string, agent: string): Promise<BreakerRule[]> {
  const m = monitor();
  if (!m.loaded) await refreshBreakers();
  const all: BreakerRule[] = m.byWorkspace.get(workspaceId) ?? [];
  return all.filter((b) => b.agentExternalId === null || b.agentExternalId === agent);
}

/** Pure: whether a breaker counts decisions like this one (DENIALS governs every action). */
export function breakerApplies(b: BreakerRule, action: string): boolean {
  return b.kind === "DENIALS" || b.action === null || b.action === action;
}

export interface BreakerCount {
  rule: BreakerRule;
  /** Matching decisions already stored in the window. */
  count: number;
}

/**
 * The stored decisions each applicable breaker counts for this request, in one statement: the
 * agent's decisions in the longest window, each breaker's count a filter over them.
 */
export async function countBreakers({
  workspaceId,
  agent,
  request,
  now = Date.now(),
  rules,
}: {
  workspaceId: string;
  agent: string;
  request: Pick<DecisionRequest, "action" | "resource">;
  now?: number;
  rules?: BreakerRule[];
}): Promise<BreakerCount[]> {
  const applicable = (rules ?? (await breakersFor(workspaceId, agent))).filter((b) =>
    breakerApplies(b, request.action),
  );
  if (applicable.length === 0) return [];
  const params: unknown[] = [workspaceId, agent];
  const place = (value: unknown) => {
    params.push(value);
    return `$${params.length}::${value instanceof Date ? "timestamptz" : "text"}`;
  };
  const placed = new Map<string, string>();
  const once = (name: string, value: string) => placed.get(name) ?? placed.set(name, place(value)).get(name)!;
  const action = () => once("action", request.action);
  const sameResource = () =>
    `d."action" = ${action()} AND d."resource"->>'kind' = ${once("kind", request.resource.kind)} AND d."resource"->>'id' = ${once("id", request.resource.id)}`;
  const filters = applicable.map((b, i) => {
    const from = place(new Date(now - b.windowSeconds * 1000));
    const what =
      b.kind === "DENIALS"
        ? `d."outcome" = 'DENY'`
        : b.kind === "ACTION_RATE"
          ? `d."action" = ${action()}`
          : sameResource();
    return `count(*) FILTER (WHERE d."createdAt" >= ${from} AND ${what})::int AS c${i}`;
  });
  const longest = Math.max(...applicable.map((b) => b.windowSeconds));
  params.push(new Date(now - longest * 1000));
  const [row] = await database().query<Record<string, number>>(
    `SELECT ${filters.join(", ")} FROM "Decision" d
      WHERE d."workspaceId" = $1 AND d."agentExternalId" = $2 AND d."createdAt" >= $${params.length}::timestamptz`,
    params,
  );
  return applicable.map((rule, i) => ({ rule, count: row?.[`c${i}`] ?? 0 }));
}

/**
 * Pure: what tripped breakers do to a decision. A breaker trips when the decisions it counts in
 * its window have reached its limit: the next one is governed (held or denied), naming it.
 */
export function enforceBreakers(
  result: Evaluation,
  counts: BreakerCount[],
): { result: Evaluation; tripped: BreakerCount[] } {
  const tripped = counts.filter((c) => c.count >= c.rule.limit);
  if (tripped.length === 0) return { result, tripped };
  const reasonOf = (c: BreakerCount, effect: string) => ({
    policyId: `breaker:${c.rule.id}`,
    version: 0,
    message: `Breaker "${c.rule.name}" tripped: ${c.count} in the window, ${describeBreaker(c.rule)}; ${effect}.`,
  });
  const governing = tripped.find((c) => c.rule.outcome === "STOP") ?? tripped.find((c) => c.rule.outcome === "HOLD");
  if (!governing || governing.rule.outcome === "ALERT") return { result, tripped };
  const effect = governing.rule.outcome;
  return {
    result: applyLimit(result, effect, reasonOf(governing, effect === "STOP" ? "denied" : "held for approval")),
    tripped,
  };
}

// Trips this process has recorded lately (one alert per breaker, agent and window).
const recorded = new Map<string, number>();

/**
 * Records trips: one alert per breaker, agent and window (audited, posted to the notification
 * webhook), and a suspension where the breaker says so. After the decision, in its own transaction.
 */
export async function recordTrips({
  workspaceId,
  agent,
  agentId,
  tripped,
  now = Date.now(),
}: {
  workspaceId: string;
  agent: string;
  agentId: string;
  tripped: BreakerCount[];
  now?: number;
}): Promise<void> {
  let suspended = false;
  for (const { rule, count } of tripped) {
    const windowMs = rule.windowSeconds * 1000;
    const key = `breaker:${rule.id}:${agent}:${Math.floor(now / windowMs)}`;
    if ((recorded.get(key) ?? 0) > now) continue;
    recorded.set(key, now + windowMs);
    if (recorded.size > 50_000) recorded.clear();
    const did = await database().sqlTransaction(async (sql) => {
      const [row] = await sql.query<{ id: string }>(
        `INSERT INTO "Alert" ("id", "workspaceId", "breakerId", "kind", "severity", "message", "agentExternalId", "dedupeKey")
         VALUES ('alr_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, 'breaker.tripped', $3, $4, $5, $6)
         ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id"`,
        [
          workspaceId,
          rule.id,
          rule.outcome === "ALERT" ? "warning" : "critical",
          `${rule.name} tripped for ${agent}: ${count} in the window, ${describeBreaker(rule)}.`,
          agent,
          key,
        ],
      );
      if (!row) return false;
      await notifyWorkspace(sql, {
        workspaceId,
        eventId: `alert-${row.id}`,
        type: "arbiter.breaker.tripped",
        path: "/costs",
        data: {
          alertId: row.id,
          breaker: { id: rule.id, name: rule.name, kind: rule.kind },
          agent,
          count,
          limit: rule.limit,
        },
      });
      await appendAuditEventSql(sql, {
        workspaceId,
        actor: systemActor,
        action: "breaker.tripped",
        target: { type: "breaker", id: rule.id },
        after: { alertId: row.id, name: rule.name, agent, count, limit: rule.limit, outcome: rule.outcome },
      });
      return rule.outcome === "STOP" && rule.suspendAgent
        ? suspendForLimit(sql, {
            workspaceId,
            agentId,
            agent,
            reason: `Breaker "${rule.name}" tripped.`,
            metadata: { breakerId: rule.id },
          })
        : false;
    });
    suspended ||= did;
  }
  if (suspended) await announceRevision(workspaceId);
}

/** Forgets the trips this process recorded (tests: as if another instance were deciding). */
export function forgetTrips() {
  recorded.clear();
}

/**
 * Where each breaker covering an agent stands now: its count in the window (for a loop breaker,
 * the most repeated resource's), for the agent's page.
 */
export async function breakerStandings({ workspaceId, agent }: { workspaceId: string; agent: string }) {
  const rules = (await readBreakers(workspaceId)).filter(
    (b) => b.agentExternalId === null || b.agentExternalId === agent,
  );
  const now = Date.now();
  return Promise.all(
    rules.map(async (rule) => {
      const since = new Date(now - rule.windowSeconds * 1000);
      const [row] = await database().query<{ count: number }>(
        rule.kind === "REPEATED_ACTION"
          ? `SELECT coalesce(max(n), 0)::int AS count FROM (
               SELECT count(*) AS n FROM "Decision"
                WHERE "workspaceId" = $1 AND "agentExternalId" = $2 AND "createdAt" >= $3
                  AND ($4::text IS NULL OR "action" = $4)
                GROUP BY "action", "resource"->>'kind', "resource"->>'id') x`
          : `SELECT count(*)::int AS count FROM "Decision"
              WHERE "workspaceId" = $1 AND "agentExternalId" = $2 AND "createdAt" >= $3
                AND (CASE WHEN $4::text IS NULL THEN "outcome" = 'DENY' ELSE "action" = $4 END)`,
        [workspaceId, agent, since, rule.kind === "DENIALS" ? null : rule.action],
      );
      return { rule, count: row?.count ?? 0, tripped: (row?.count ?? 0) >= rule.limit };
    }),
  );
}
