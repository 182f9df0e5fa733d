// The set-based write path: one transaction per request, multi-row unnest inserts with
// ON CONFLICT, so re-sent spans update in place and roll-ups stay exact. Shared rows (agents,
// daily usage) are upserted in sorted key order, and a transaction that loses a deadlock anyway
// is run again whole.
import "server-only";
import { database, PrismaNS } from "../db";
import type { Sql } from "../db/connect";
import { retryOnConflict } from "../db/retry";
import { appendAuditEventSql, systemActor } from "../audit";
import { attributeAgents, type SpanRow } from "./prepare";
import { MAX_TERMS, spanTerms } from "../traces/search-terms";

// Money is exact: every cost is rounded once to the column's scale, as PostgreSQL rounds it into
// numeric(18, 9) (half away from zero), and summed as a decimal, never as a float.
const { Decimal } = PrismaNS;
type Money = InstanceType<typeof Decimal>;
const ZERO: Money = new Decimal(0);
const money = (v: string | number | null): Money =>
  v === null ? ZERO : new Decimal(v).toDecimalPlaces(9, Decimal.ROUND_HALF_UP);
const moneyText = (v: number | null) => (v === null ? null : money(v).toFixed(9));

// One total order for every upsert's keys, the same in every transaction, so two writers of the
// same rows take their locks in the same order and cannot deadlock each other.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface UsageKey {
  day: string;
  agent: string;
  model: string;
}
interface UsageDelta extends UsageKey {
  spans: number;
  input: bigint;
  output: bigint;
  cost: Money;
}

function usageKey(r: { day: string; agent: string | null; model: string | null }) {
  return `${r.day}\u0000${r.agent ?? ""}\u0000${r.model ?? ""}`;
}

interface StoredUsage {
  traceId: string;
  spanId: string;
  day: string;
  agent: string | null;
  model: string | null;
  input: string | null;
  output: string | null;
  cost: string | null;
}

interface StoredSpan extends StoredUsage {
  total: string | null;
  error: boolean;
}

/** Usage that stored descendants carried to the agent a late ancestor revealed, per trace, day and model. */
interface MovedUsage {
  traceId: string;
  day: string;
  newAgent: string;
  model: string | null;
  spans: number;
  input: string;
  output: string;
  cost: string;
}

/** Agents whose registration this request wrote, remembered once its transaction has committed. */
interface AgentWindows {
  workspaceId: string;
  seen: Map<string, { first: string; last: string }>;
  now: number;
}

export async function storeSpans({ workspaceId, rows }: { workspaceId: string; rows: SpanRow[] }) {
  if (rows.length === 0) return { stored: 0, newAgents: [] as string[] };
  // Each attempt attributes its own copies: attribution fills rows in place, and a retried
  // transaction must start from what the request sent.
  const { newAgents, agentWindows } = await retryOnConflict(() =>
    database().sqlTransaction((tx) =>
      writeSpans(
        tx,
        workspaceId,
        rows.map((r) => ({ ...r })),
      ),
    ),
  );
  if (agentWindows) rememberAgents(agentWindows);
  return { stored: rows.length, newAgents };
}

async function writeSpans(tx: Sql, workspaceId: string, rows: SpanRow[]) {
  const traceIds = [...new Set(rows.map((r) => r.traceId))].sort(byText);
  // Serialise writers of the same traces (re-sends, split traces) so roll-ups stay exact.
  await tx.query(
    `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended($1 || ':' || t, 0) AS k FROM unnest($2::text[]) t ORDER BY 1) s`,
    [workspaceId, traceIds],
  );

  // Traces this request opens have nothing stored yet: no earlier copies of these spans, no
  // stored parents, no orphans waiting for an agent. Only continuing traces need those reads.
  const opened = await tx.query<{ traceId: string }>(
    `INSERT INTO "Trace" ("workspaceId", "traceId", "startTime", "agentNames", "models", "updatedAt")
       SELECT $1, t, now(), '{}', '{}', now() FROM unnest($2::text[]) t
       ON CONFLICT ("workspaceId", "traceId") DO NOTHING
       RETURNING "traceId"`,
    [workspaceId, traceIds],
  );
  const openedIds = new Set(opened.map((t) => t.traceId));
  const continuing = rows.filter((r) => !openedIds.has(r.traceId));

  // Agent attribution for spans whose agent ancestor was stored by an earlier request.
  const missing = attributeAgents(rows);
  const parentTrace = new Map(rows.map((r) => [r.parentSpanId, r.traceId]));
  const lookUp = missing.filter((id) => !openedIds.has(parentTrace.get(id)!));
  if (lookUp.length) {
    const stored = await tx.query<{ spanId: string; agent: string | null }>(
      `SELECT s."spanId", s."agentExternalId" AS agent FROM "Span" s
         JOIN unnest($2::text[], $3::text[]) AS k(trace_id, span_id) ON s."traceId" = k.trace_id AND s."spanId" = k.span_id
         WHERE s."workspaceId" = $1`,
      [workspaceId, lookUp.map((id) => parentTrace.get(id)!), lookUp],
    );
    attributeAgents(rows, new Map(stored.map((s) => [s.spanId, s.agent])));
  }

  // What these spans contributed before this request (a re-send replaces it).
  const before = continuing.length
    ? await tx.query<StoredSpan>(
        `SELECT s."traceId", s."spanId", (s."startTime" AT TIME ZONE 'UTC')::date::text AS day, s."agentExternalId" AS agent,
              s."model", s."inputTokens"::text AS input, s."outputTokens"::text AS output, s."costUsd"::text AS cost,
              s."totalTokens"::text AS total, s."status" = 'ERROR' AS error
         FROM "Span" s JOIN unnest($2::text[], $3::text[]) AS k(trace_id, span_id)
           ON s."traceId" = k.trace_id AND s."spanId" = k.span_id
         WHERE s."workspaceId" = $1`,
        [workspaceId, continuing.map((r) => r.traceId), continuing.map((r) => r.spanId)],
      )
    : [];

  await insertSpans(tx, workspaceId, rows);
  const moved = continuing.some((r) => r.agentExternalId !== null)
    ? await reattributeDescendants(tx, workspaceId, continuing)
    : [];

  await rollUpTraces(tx, workspaceId, before, rows, moved);
  const agents = await registerAgents(tx, workspaceId, rows);
  // Daily usage rows are shared by every writer of the day: touch them last, so their row
  // locks are held for the shortest time before commit.
  await applyUsage(tx, workspaceId, before, rows, moved);
  return { newAgents: agents.fresh, agentWindows: agents.windows };
}

async function insertSpans(tx: Sql, workspaceId: string, rows: SpanRow[]) {
  await tx.query(
    `INSERT INTO "Span" ("workspaceId", "traceId", "spanId", "parentSpanId", "name", "kind", "agentExternalId",
       "agentInherited", "handoffTo", "model", "provider", "startTime", "endTime", "durationMs", "status", "statusMessage",
       "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens", "totalTokens",
       "costUsd", "costSource", "priceVersion", "input", "output", "attributes", "events", "resource", "scope", "updatedAt")
     SELECT $1, u.trace_id, u.span_id, u.parent_id, u.name, u.kind::"SpanKind", u.agent, u.inherited, u.handoff,
       u.model, u.provider, u.start_time, u.end_time, u.duration, u.status::"SpanStatus", u.status_message,
       u.input_tokens, u.output_tokens, u.cache_read, u.cache_write, u.reasoning, u.total, u.cost, u.cost_source,
       u.price_version, u.input, u.output, u.attributes, u.events, u.resource, u.scope, now()
     FROM json_to_recordset($2::json) AS u(trace_id text, span_id text, parent_id text, name text, kind text,
       agent text, inherited boolean, handoff text, model text, provider text, start_time timestamptz,
       end_time timestamptz, duration float8, status text, status_message text, input_tokens bigint,
       output_tokens bigint, cache_read bigint, cache_write bigint, reasoning bigint, total bigint, cost numeric,
       cost_source text, price_version text, input jsonb, output jsonb, attributes jsonb, events jsonb, resource jsonb,
       scope text)
     ON CONFLICT ("workspaceId", "traceId", "spanId") DO UPDATE SET
       "parentSpanId" = EXCLUDED."parentSpanId", "name" = EXCLUDED."name", "kind" = EXCLUDED."kind",
       "agentExternalId" = EXCLUDED."agentExternalId", "agentInherited" = EXCLUDED."agentInherited",
       "handoffTo" = EXCLUDED."handoffTo", "model" = EXCLUDED."model", "provider" = EXCLUDED."provider",
       "startTime" = EXCLUDED."startTime", "endTime" = EXCLUDED."endTime", "durationMs" = EXCLUDED."durationMs",
       "status" = EXCLUDED."status", "statusMessage" = EXCLUDED."statusMessage", "inputTokens" = EXCLUDED."inputTokens",
       "outputTokens" = EXCLUDED."outputTokens", "cacheReadTokens" = EXCLUDED."cacheReadTokens",
       "cacheWriteTokens" = EXCLUDED."cacheWriteTokens", "reasoningTokens" = EXCLUDED."reasoningTokens",
       "totalTokens" = EXCLUDED."totalTokens", "costUsd" = EXCLUDED."costUsd", "costSource" = EXCLUDED."costSource",
       "priceVersion" = EXCLUDED."priceVersion", "input" = EXCLUDED."input", "output" = EXCLUDED."output",
       "attributes" = EXCLUDED."attributes", "events" = EXCLUDED."events", "resource" = EXCLUDED."resource",
       "scope" = EXCLUDED."scope", "updatedAt" = now()`,
    [workspaceId, JSON.stringify(rows.map(spanRecord))],
  );
}

/**
 * A span as one record of the insert's JSON parameter: one JSON.stringify for the whole request
 * (native code) instead of an escaped array literal per column. A JSON null stores NULL.
 */
function spanRecord(r: SpanRow) {
  return {
    trace_id: r.traceId,
    span_id: r.spanId,
    parent_id: r.parentSpanId,
    name: r.name,
    kind: r.kind,
    agent: r.agentExternalId,
    inherited: r.agentInherited,
    handoff: r.handoffTo,
    model: r.model,
    provider: r.provider,
    start_time: r.startTime,
    end_time: r.endTime,
    duration: r.durationMs,
    status: r.status,
    status_message: r.statusMessage,
    input_tokens: r.inputTokens,
    output_tokens: r.outputTokens,
    cache_read: r.cacheReadTokens,
    cache_write: r.cacheWriteTokens,
    reasoning: r.reasoningTokens,
    total: r.totalTokens,
    cost: moneyText(r.costUsd),
    cost_source: r.costSource,
    price_version: r.priceVersion,
    input: r.input ?? null,
    output: r.output ?? null,
    attributes: r.attributes,
    events: r.events,
    resource: r.resource,
    scope: r.scope,
  };
}

/**
 * Spans stored earlier with no agent at all (children that arrived before their parents)
 * inherit the agent these spans now give them, down the tree. A span that already inherited
 * one keeps it: its chain up to an agent was complete when it was stored.
 *
 * One statement: the walk follows the index of unattributed spans by parent (each step a lookup
 * of one span's waiting children, whatever the planner knows of the table), the update finds
 * each heir by the row address the walk read, and what comes back is the usage that moved,
 * summed per trace, day and model — not a row per span. A span is walked and written once in its
 * life: once it has an agent it leaves the index.
 */
async function reattributeDescendants(tx: Sql, workspaceId: string, rows: SpanRow[]): Promise<MovedUsage[]> {
  const heirsOf = rows.filter((r) => r.agentExternalId !== null);
  return tx.query<MovedUsage>(
    `WITH RECURSIVE heirs AS (
       SELECT c.row_id, c."spanId", c."traceId", b.agent, 1 AS depth
       FROM unnest($2::text[], $3::text[], $4::text[]) AS b(trace_id, span_id, agent)
       CROSS JOIN LATERAL (
         SELECT s.ctid AS row_id, s."spanId", s."traceId" FROM "Span" s
         WHERE s."workspaceId" = $1 AND s."traceId" = b.trace_id AND s."parentSpanId" = b.span_id
           AND s."agentExternalId" IS NULL
         OFFSET 0
       ) c
       UNION ALL
       SELECT c.row_id, c."spanId", c."traceId", h.agent, h.depth + 1
       FROM heirs h
       CROSS JOIN LATERAL (
         SELECT s.ctid AS row_id, s."spanId", s."traceId" FROM "Span" s
         WHERE s."workspaceId" = $1 AND s."traceId" = h."traceId" AND s."parentSpanId" = h."spanId"
           AND s."agentExternalId" IS NULL
         OFFSET 0
       ) c
       WHERE h.depth < 10000
     ),
     moved AS (
       UPDATE "Span" s SET "agentExternalId" = h.agent, "agentInherited" = true
       FROM heirs h
       -- By row address alone: any other condition here would let the planner reach the rows
       -- through an index over the whole workspace instead of fetching the walk's rows directly.
       WHERE s.ctid = h.row_id
       RETURNING s."traceId", (s."startTime" AT TIME ZONE 'UTC')::date::text AS day, h.agent, s."model",
         s."inputTokens", s."outputTokens", s."costUsd"
     )
     SELECT "traceId", day, agent AS "newAgent", "model", count(*)::int AS spans,
       coalesce(sum("inputTokens"), 0)::text AS input, coalesce(sum("outputTokens"), 0)::text AS output,
       coalesce(sum("costUsd"), 0)::text AS cost
     FROM moved GROUP BY "traceId", day, agent, "model"`,
    [workspaceId, heirsOf.map((r) => r.traceId), heirsOf.map((r) => r.spanId), heirsOf.map((r) => r.agentExternalId)],
  );
}

async function applyUsage(tx: Sql, workspaceId: string, before: StoredUsage[], rows: SpanRow[], moved: MovedUsage[]) {
  const deltas = new Map<string, UsageDelta>();
  const add = (
    key: { day: string; agent: string | null; model: string | null },
    v: { input: string | number | null; output: string | number | null; cost: string | number | null },
    sign: 1 | -1,
    spans = 1,
  ) => {
    const k = usageKey(key);
    const d = deltas.get(k) ?? {
      day: key.day,
      agent: key.agent ?? "",
      model: key.model ?? "",
      spans: 0,
      input: 0n,
      output: 0n,
      cost: ZERO,
    };
    d.spans += sign * spans;
    d.input += BigInt(sign) * BigInt(v.input ?? 0);
    d.output += BigInt(sign) * BigInt(v.output ?? 0);
    d.cost = sign === 1 ? d.cost.plus(money(v.cost)) : d.cost.minus(money(v.cost));
    deltas.set(k, d);
  };
  for (const old of before) add(old, old, -1);
  for (const r of rows) {
    const key = { day: r.startTime.slice(0, 10), agent: r.agentExternalId, model: r.model };
    add(key, { input: r.inputTokens, output: r.outputTokens, cost: r.costUsd }, 1);
  }
  // Descendants that waited without an agent move their usage from "no agent" to the one revealed.
  for (const m of moved) {
    add({ day: m.day, agent: null, model: m.model }, m, -1, m.spans);
    add({ day: m.day, agent: m.newAgent, model: m.model }, m, 1, m.spans);
  }
  const changes = [...deltas.values()]
    .filter((d) => d.spans !== 0 || d.input !== 0n || d.output !== 0n || !d.cost.isZero())
    .sort((x, y) => byText(x.day, y.day) || byText(x.agent, y.agent) || byText(x.model, y.model));
  if (changes.length === 0) return;
  const keys = [changes.map((d) => d.day), changes.map((d) => d.agent), changes.map((d) => d.model)];
  await tx.query(
    `INSERT INTO "UsageDaily" ("workspaceId", "day", "agentExternalId", "model", "spanCount", "inputTokens", "outputTokens", "costUsd")
     SELECT $1, u.day::date, u.agent, u.model, u.spans, u.input, u.output, u.cost
     FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::numeric[])
       WITH ORDINALITY AS u(day, agent, model, spans, input, output, cost, ord)
     ORDER BY u.ord
     ON CONFLICT ("workspaceId", "day", "agentExternalId", "model") DO UPDATE SET
       "spanCount" = "UsageDaily"."spanCount" + EXCLUDED."spanCount",
       "inputTokens" = "UsageDaily"."inputTokens" + EXCLUDED."inputTokens",
       "outputTokens" = "UsageDaily"."outputTokens" + EXCLUDED."outputTokens",
       "costUsd" = "UsageDaily"."costUsd" + EXCLUDED."costUsd"`,
    [
      workspaceId,
      ...keys,
      changes.map((d) => d.spans),
      changes.map((d) => d.input.toString()),
      changes.map((d) => d.output.toString()),
      changes.map((d) => d.cost.toFixed(9)),
    ],
  );
  // Usage that moved away entirely (to the agent a late parent revealed) leaves no empty row.
  if (!changes.some((d) => d.spans < 0)) return;
  await tx.query(
    `DELETE FROM "UsageDaily" u USING unnest($2::text[], $3::text[], $4::text[]) AS k(day, agent, model)
     WHERE u."workspaceId" = $1 AND u."day" = k.day::date AND u."agentExternalId" = k.agent AND u."model" = k.model
       AND u."spanCount" = 0`,
    [workspaceId, ...keys],
  );
}

interface TraceDelta {
  spans: number;
  errors: number;
  input: bigint;
  output: bigint;
  total: bigint;
  cost: Money;
  start: string;
  end: string;
  agents: Set<string>;
  models: Set<string>;
  terms: Set<string>;
  root: { spanId: string; name: string; start: string } | null;
}

/**
 * Trace roll-ups by difference: what this request's spans add, minus what their earlier copies
 * had added. Counts and sums stay exact under re-sends and any arrival order; start and end
 * only widen; agents and models only grow.
 */
async function rollUpTraces(tx: Sql, workspaceId: string, before: StoredSpan[], rows: SpanRow[], moved: MovedUsage[]) {
  const deltas = new Map<string, TraceDelta>();
  const of = (traceId: string, start: string, end: string) => {
    let d = deltas.get(traceId);
    if (!d) {
      d = {
        spans: 0,
        errors: 0,
        input: 0n,
        output: 0n,
        total: 0n,
        cost: ZERO,
        start,
        end,
        agents: new Set(),
        models: new Set(),
        terms: new Set(),
        root: null,
      };
      deltas.set(traceId, d);
    }
    if (start < d.start) d.start = start;
    if (end > d.end) d.end = end;
    return d;
  };
  for (const r of rows) {
    const d = of(r.traceId, r.startTime, r.endTime ?? r.startTime);
    d.spans++;
    if (r.status === "ERROR") d.errors++;
    d.input += BigInt(r.inputTokens ?? 0);
    d.output += BigInt(r.outputTokens ?? 0);
    d.total += BigInt(r.totalTokens ?? 0);
    d.cost = d.cost.plus(money(r.costUsd));
    if (r.agentExternalId) d.agents.add(r.agentExternalId);
    if (r.model) d.models.add(r.model);
    for (const term of spanTerms(r)) d.terms.add(term);
    if (r.parentSpanId === null && (!d.root || r.startTime < d.root.start)) {
      d.root = { spanId: r.spanId, name: r.name, start: r.startTime };
    }
  }
  for (const old of before) {
    const d = deltas.get(old.traceId)!;
    d.spans--;
    if (old.error) d.errors--;
    d.input -= BigInt(old.input ?? 0);
    d.output -= BigInt(old.output ?? 0);
    d.total -= BigInt(old.total ?? 0);
    d.cost = d.cost.minus(money(old.cost));
  }
  for (const m of moved) {
    const d = of(m.traceId, "9999", "0000");
    d.agents.add(m.newAgent);
    d.terms.add(m.newAgent.toLowerCase());
  }

  const ids = [...deltas.keys()].sort(byText);
  const list = ids.map((id) => deltas.get(id)!);
  await tx.query(
    `UPDATE "Trace" t SET
       "startTime" = CASE WHEN t."spanCount" = 0 THEN d.start_time ELSE LEAST(t."startTime", coalesce(d.start_time, t."startTime")) END,
       "endTime" = GREATEST(t."endTime", d.end_time),
       "durationMs" = EXTRACT(EPOCH FROM (GREATEST(t."endTime", d.end_time) -
         CASE WHEN t."spanCount" = 0 THEN d.start_time ELSE LEAST(t."startTime", coalesce(d.start_time, t."startTime")) END)) * 1000,
       "spanCount" = t."spanCount" + d.spans, "errorCount" = t."errorCount" + d.errors,
       "inputTokens" = t."inputTokens" + d.input, "outputTokens" = t."outputTokens" + d.output,
       "totalTokens" = t."totalTokens" + d.total, "costUsd" = t."costUsd" + d.cost,
       "agentNames" = ARRAY(SELECT DISTINCT x FROM unnest(t."agentNames" || string_to_array(d.agents, chr(31))) x WHERE x <> '' ORDER BY x),
       "models" = ARRAY(SELECT DISTINCT x FROM unnest(t."models" || string_to_array(d.models, chr(31))) x WHERE x <> '' ORDER BY x),
       "searchTerms" = ARRAY(SELECT DISTINCT x FROM unnest(t."searchTerms" || string_to_array(d.terms, chr(31))) x
         WHERE x <> '' ORDER BY x LIMIT ${MAX_TERMS}),
       "status" = CASE WHEN t."errorCount" + d.errors > 0 THEN 'ERROR'::"SpanStatus" ELSE 'OK'::"SpanStatus" END,
       "rootSpanId" = CASE WHEN d.root_id IS NOT NULL AND (t."rootSpanId" IS NULL OR t."rootSpanId" = d.root_id OR d.root_start < t."startTime") THEN d.root_id ELSE t."rootSpanId" END,
       "name" = CASE WHEN d.root_id IS NOT NULL AND (t."rootSpanId" IS NULL OR t."rootSpanId" = d.root_id OR d.root_start < t."startTime") THEN d.root_name ELSE t."name" END,
       "updatedAt" = now()
     FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[], $6::int[], $7::bigint[], $8::bigint[], $9::bigint[],
       $10::numeric[], $11::text[], $12::text[], $13::text[], $14::text[], $15::timestamptz[], $16::text[])
       AS d(trace_id, start_time, end_time, spans, errors, input, output, total, cost, agents, models, root_id, root_name, root_start, terms)
     WHERE t."workspaceId" = $1 AND t."traceId" = d.trace_id`,
    [
      workspaceId,
      ids,
      list.map((d) => (d.start === "9999" ? null : d.start)),
      list.map((d) => (d.end === "0000" ? null : d.end)),
      list.map((d) => d.spans),
      list.map((d) => d.errors),
      list.map((d) => d.input.toString()),
      list.map((d) => d.output.toString()),
      list.map((d) => d.total.toString()),
      list.map((d) => d.cost.toFixed(9)),
      list.map((d) => [...d.agents].join("\u001f")),
      list.map((d) => [...d.models].join("\u001f")),
      list.map((d) => d.root?.spanId ?? null),
      list.map((d) => d.root?.name ?? null),
      list.map((d) => d.root?.start ?? null),
      list.map((d) => [...d.terms].join("\u001f")),
    ],
  );
}

// Agents this process has registered recently: a batch whose agents were all written within
// the last minute (and that reaches no further back) skips the upsert. lastSeenAt is a hint
// for people, kept within a minute; firstSeenAt stays exact.
const recentAgents = new Map<string, { first: string; last: string; writtenAt: number }>();
const AGENT_REFRESH_MS = 60_000;

function rememberAgents(pending: AgentWindows) {
  if (recentAgents.size > 50_000) recentAgents.clear();
  for (const [id, window] of pending.seen) {
    const key = `${pending.workspaceId}\u0000${id}`;
    const known = recentAgents.get(key);
    recentAgents.set(key, {
      first: known && known.first < window.first ? known.first : window.first,
      last: known && known.last > window.last ? known.last : window.last,
      writtenAt: pending.now,
    });
  }
}

/**
 * Agents are registered per workspace on first sight; the registration is audited. Returns the
 * agents created now, and the windows to remember once the transaction has committed (see
 * storeSpans) — not before, or a rolled-back registration would be skipped next time.
 */
async function registerAgents(
  tx: Sql,
  workspaceId: string,
  rows: SpanRow[],
): Promise<{ fresh: string[]; windows: AgentWindows | null }> {
  const seen = new Map<string, { name: string; first: string; last: string }>();
  for (const r of rows) {
    if (!r.agentExternalId || r.agentInherited) continue;
    const cur = seen.get(r.agentExternalId);
    const last = r.endTime ?? r.startTime;
    if (!cur) seen.set(r.agentExternalId, { name: r.agentName ?? r.agentExternalId, first: r.startTime, last });
    else {
      if (r.startTime < cur.first) cur.first = r.startTime;
      if (last > cur.last) cur.last = last;
    }
  }
  const now = Date.now();
  for (const [id, window] of seen) {
    const known = recentAgents.get(`${workspaceId}\u0000${id}`);
    if (known && now - known.writtenAt < AGENT_REFRESH_MS && known.first <= window.first) {
      seen.delete(id);
    }
  }
  if (seen.size === 0) return { fresh: [], windows: null };
  const ids = [...seen.keys()].sort(byText);
  const created = await tx.query<{ id: string; externalId: string; inserted: boolean }>(
    `INSERT INTO "Agent" ("id", "workspaceId", "externalId", "name", "firstSeenAt", "lastSeenAt", "updatedAt")
     SELECT 'agt_' || replace(gen_random_uuid()::text, '-', ''), $1, u.ext, u.name, u.first, u.last, now()
     FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) WITH ORDINALITY AS u(ext, name, first, last, ord)
     ORDER BY u.ord
     ON CONFLICT ("workspaceId", "externalId") DO UPDATE SET
       "firstSeenAt" = LEAST("Agent"."firstSeenAt", EXCLUDED."firstSeenAt"),
       "lastSeenAt" = GREATEST("Agent"."lastSeenAt", EXCLUDED."lastSeenAt")
     RETURNING "id", "externalId", (xmax = 0) AS inserted`,
    [
      workspaceId,
      ids,
      ids.map((id) => seen.get(id)!.name),
      ids.map((id) => seen.get(id)!.first),
      ids.map((id) => seen.get(id)!.last),
    ],
  );
  // RETURNING follows no promised order; the audit chain gets the new agents in key order.
  const fresh = created.filter((a) => a.inserted).sort((x, y) => byText(x.externalId, y.externalId));
  for (const agent of fresh) {
    await appendAuditEventSql(tx, {
      workspaceId,
      actor: systemActor,
      action: "agent.registered",
      target: { type: "agent", id: agent.id },
      after: { externalId: agent.externalId, source: "telemetry" },
    });
  }
  return { fresh: fresh.map((a) => a.externalId), windows: { workspaceId, seen, now } };
}
