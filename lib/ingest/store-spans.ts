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
import { keySql, ROLLUPS, type Rollup } from "../cost/rollups";

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

/** What one span, or a group of them, adds to the usage roll-ups. */
interface UsageValues {
  spans: number;
  input: bigint;
  output: bigint;
  cacheRead: bigint;
  cacheWrite: bigint;
  reasoning: bigint;
  cost: Money;
  reported: Money;
  unpriced: number;
  savings: Money;
}
interface UsageKey {
  /** The UTC hour, ISO ("2026-12-01T13:00:00.000Z"); its first ten characters are the UTC day. */
  hour: string;
  agent: string;
  model: string;
  provider: string;
}
type UsageDelta = UsageKey & UsageValues;

/** Usage columns as the reads below return them: text for exact money and big counts. */
interface UsageText {
  spans: number;
  input: string | null;
  output: string | null;
  cacheRead: string | null;
  cacheWrite: string | null;
  reasoning: string | null;
  cost: string | null;
  reported: string | null;
  unpriced: number;
  savings: string | null;
}

// The hour a stored span counts in, as the roll-ups key it (the same text spanHour gives).
const SQL_HOUR = `to_char(s."startTime" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":00:00.000Z"')`;
const spanHour = (startTime: string) => `${startTime.slice(0, 13)}:00:00.000Z`;

interface StoredUsage extends UsageText {
  traceId: string;
  spanId: string;
  hour: string;
  agent: string | null;
  model: string | null;
  provider: string | null;
}

interface StoredSpan extends StoredUsage {
  total: string | null;
  error: boolean;
}

/** Usage that stored descendants carried to the agent a late ancestor revealed, per trace, hour, model and provider. */
interface MovedUsage extends UsageText {
  traceId: string;
  hour: string;
  newAgent: string;
  model: string | null;
  provider: string | null;
}

// The usage columns of one span row (s), and their sums over a group, as UsageText.
const SPAN_USAGE = `1 AS spans, s."inputTokens"::text AS input, s."outputTokens"::text AS output,
  s."cacheReadTokens"::text AS "cacheRead", s."cacheWriteTokens"::text AS "cacheWrite",
  s."reasoningTokens"::text AS reasoning, s."costUsd"::text AS cost,
  CASE WHEN s."costSource" = 'reported' THEN s."costUsd"::text END AS reported,
  CASE WHEN s."costSource" = 'unknown_model' THEN 1 ELSE 0 END AS unpriced, s."cacheSavingsUsd"::text AS savings`;

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
        `SELECT s."traceId", s."spanId", ${SQL_HOUR} AS hour, s."agentExternalId" AS agent, s."model", s."provider",
              ${SPAN_USAGE}, s."totalTokens"::text AS total, s."status" = 'ERROR' AS error
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
       "costUsd", "costSource", "priceVersion", "cacheSavingsUsd", "input", "output", "attributes", "events", "resource",
       "scope", "updatedAt")
     SELECT $1, u.trace_id, u.span_id, u.parent_id, u.name, u.kind::"SpanKind", u.agent, u.inherited, u.handoff,
       u.model, u.provider, u.start_time, u.end_time, u.duration, u.status::"SpanStatus", u.status_message,
       u.input_tokens, u.output_tokens, u.cache_read, u.cache_write, u.reasoning, u.total, u.cost, u.cost_source,
       u.price_version, u.cache_savings, u.input, u.output, u.attributes, u.events, u.resource, u.scope, now()
     FROM json_to_recordset($2::json) AS u(trace_id text, span_id text, parent_id text, name text, kind text,
       agent text, inherited boolean, handoff text, model text, provider text, start_time timestamptz,
       end_time timestamptz, duration float8, status text, status_message text, input_tokens bigint,
       output_tokens bigint, cache_read bigint, cache_write bigint, reasoning bigint, total bigint, cost numeric,
       cost_source text, price_version text, cache_savings numeric, input jsonb, output jsonb, attributes jsonb, events jsonb, resource jsonb,
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
       "priceVersion" = EXCLUDED."priceVersion", "cacheSavingsUsd" = EXCLUDED."cacheSavingsUsd", "input" = EXCLUDED."input", "output" = EXCLUDED."output",
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
    cache_savings: moneyText(r.cacheSavingsUsd),
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
       RETURNING s."traceId", ${SQL_HOUR} AS hour, h.agent, s."model", s."provider", s."inputTokens", s."outputTokens",
         s."cacheReadTokens", s."cacheWriteTokens", s."reasoningTokens", s."costUsd", s."costSource", s."cacheSavingsUsd"
     )
     SELECT "traceId", hour, agent AS "newAgent", "model", "provider", count(*)::int AS spans,
       sum("inputTokens")::text AS input, sum("outputTokens")::text AS output,
       sum("cacheReadTokens")::text AS "cacheRead", sum("cacheWriteTokens")::text AS "cacheWrite",
       sum("reasoningTokens")::text AS reasoning, sum("costUsd")::text AS cost,
       sum("costUsd") FILTER (WHERE "costSource" = 'reported')::text AS reported,
       (count(*) FILTER (WHERE "costSource" = 'unknown_model'))::int AS unpriced, sum("cacheSavingsUsd")::text AS savings
     FROM moved GROUP BY "traceId", hour, agent, "model", "provider"`,
    [workspaceId, heirsOf.map((r) => r.traceId), heirsOf.map((r) => r.spanId), heirsOf.map((r) => r.agentExternalId)],
  );
}

const USAGE_ZERO = (): UsageValues => ({
  spans: 0,
  input: 0n,
  output: 0n,
  cacheRead: 0n,
  cacheWrite: 0n,
  reasoning: 0n,
  cost: ZERO,
  reported: ZERO,
  unpriced: 0,
  savings: ZERO,
});

function addUsage(into: UsageValues, v: UsageText, sign: 1 | -1) {
  const n = BigInt(sign);
  const plus = (a: Money, b: string | null) => (sign === 1 ? a.plus(money(b)) : a.minus(money(b)));
  into.spans += sign * v.spans;
  into.input += n * BigInt(v.input ?? 0);
  into.output += n * BigInt(v.output ?? 0);
  into.cacheRead += n * BigInt(v.cacheRead ?? 0);
  into.cacheWrite += n * BigInt(v.cacheWrite ?? 0);
  into.reasoning += n * BigInt(v.reasoning ?? 0);
  into.cost = plus(into.cost, v.cost);
  into.reported = plus(into.reported, v.reported);
  into.unpriced += sign * v.unpriced;
  into.savings = plus(into.savings, v.savings);
}

const isEmpty = (d: UsageValues) =>
  d.spans === 0 &&
  d.input === 0n &&
  d.output === 0n &&
  d.cacheRead === 0n &&
  d.cacheWrite === 0n &&
  d.reasoning === 0n &&
  d.cost.isZero() &&
  d.reported.isZero() &&
  d.unpriced === 0 &&
  d.savings.isZero();

const text = (n: number | null) => (n === null ? null : String(n));

/** A new span's usage in the reads' shape. */
function rowUsage(r: SpanRow): UsageText {
  return {
    spans: 1,
    input: text(r.inputTokens),
    output: text(r.outputTokens),
    cacheRead: text(r.cacheReadTokens),
    cacheWrite: text(r.cacheWriteTokens),
    reasoning: text(r.reasoningTokens),
    cost: moneyText(r.costUsd),
    reported: r.costSource === "reported" ? moneyText(r.costUsd) : null,
    unpriced: r.costSource === "unknown_model" ? 1 : 0,
    savings: moneyText(r.cacheSavingsUsd),
  };
}

/**
 * The usage roll-ups by difference, from the same deltas: by UTC hour here, and by UTC day, week
 * and month summed from those hours in the same statement, so all four always agree.
 */
async function applyUsage(tx: Sql, workspaceId: string, before: StoredUsage[], rows: SpanRow[], moved: MovedUsage[]) {
  const hourly = new Map<string, UsageDelta>();
  const add = (
    key: { hour: string; agent: string | null; model: string | null; provider: string | null },
    v: UsageText,
    sign: 1 | -1,
  ) => {
    const k = { hour: key.hour, agent: key.agent ?? "", model: key.model ?? "", provider: key.provider ?? "" };
    const id = `${k.hour}\u0000${k.agent}\u0000${k.model}\u0000${k.provider}`;
    let d = hourly.get(id);
    if (!d) hourly.set(id, (d = { ...k, ...USAGE_ZERO() }));
    addUsage(d, v, sign);
  };
  for (const old of before) add(old, old, -1);
  for (const r of rows) add({ ...r, hour: spanHour(r.startTime), agent: r.agentExternalId }, rowUsage(r), 1);
  // Descendants that waited without an agent move their usage from "no agent" to the one revealed.
  for (const m of moved) {
    add({ ...m, agent: null }, m, -1);
    add({ ...m, agent: m.newAgent }, m, 1);
  }
  await upsertUsage(tx, workspaceId, [...hourly.values()]);
}

const USAGE_COLUMNS = [
  "spanCount",
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "costUsd",
  "reportedCostUsd",
  "unpricedSpans",
  "cacheSavingsUsd",
];

/**
 * One statement for the four roll-ups: the hours as given, each coarser roll-up their sums by its
 * unit. Every writer takes the rows' locks in the same order: roll-up by roll-up, by key.
 */
async function upsertUsage(tx: Sql, workspaceId: string, deltas: UsageDelta[]) {
  const changes = deltas
    .filter((d) => !isEmpty(d))
    .sort(
      (x, y) =>
        byText(x.hour, y.hour) ||
        byText(x.agent, y.agent) ||
        byText(x.model, y.model) ||
        byText(x.provider, y.provider),
    );
  if (changes.length === 0) return;
  const keys = [
    changes.map((d) => d.hour),
    changes.map((d) => d.agent),
    changes.map((d) => d.model),
    changes.map((d) => d.provider),
  ];
  const upsert = ({ level, table, column }: Rollup) => {
    const key = keySql(level, "d.hour");
    const sums = USAGE_COLUMNS.map((c) => `"${c}" = "${table}"."${c}" + EXCLUDED."${c}"`).join(", ");
    const ordered = `${key}, d.agent COLLATE "C", d.model COLLATE "C", d.provider COLLATE "C"`;
    return `"${table}" AS (
      INSERT INTO "${table}" ("workspaceId", "${column}", "agentExternalId", "model", "provider", ${USAGE_COLUMNS.map((c) => `"${c}"`).join(", ")})
      SELECT $1, ${key}, d.agent, d.model, d.provider, sum(d.spans), sum(d.input), sum(d.output), sum(d.cache_read),
             sum(d.cache_write), sum(d.reasoning), sum(d.cost), sum(d.reported), sum(d.unpriced), sum(d.savings)
        FROM d GROUP BY ${key}, d.agent, d.model, d.provider ORDER BY ${ordered}
      ON CONFLICT ("workspaceId", "${column}", "agentExternalId", "model", "provider") DO UPDATE SET ${sums})`;
  };
  await tx.query(
    `WITH d AS (
       SELECT * FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bigint[], $8::bigint[],
         $9::bigint[], $10::bigint[], $11::bigint[], $12::numeric[], $13::numeric[], $14::int[], $15::numeric[])
         AS u(hour, agent, model, provider, spans, input, output, cache_read, cache_write, reasoning, cost, reported,
           unpriced, savings)
     ), ${ROLLUPS.map(upsert).join(",\n")}
     SELECT 1`,
    [
      workspaceId,
      ...keys,
      changes.map((d) => d.spans),
      changes.map((d) => d.input.toString()),
      changes.map((d) => d.output.toString()),
      changes.map((d) => d.cacheRead.toString()),
      changes.map((d) => d.cacheWrite.toString()),
      changes.map((d) => d.reasoning.toString()),
      changes.map((d) => d.cost.toFixed(9)),
      changes.map((d) => d.reported.toFixed(9)),
      changes.map((d) => d.unpriced),
      changes.map((d) => d.savings.toFixed(9)),
    ],
  );
  // Usage that moved away entirely (to the agent a late parent revealed) leaves no empty row.
  if (!changes.some((d) => d.spans < 0)) return;
  const sweep = ({ level, table, column }: Rollup) =>
    `"${table}" AS (DELETE FROM "${table}" u USING k
       WHERE u."workspaceId" = $1 AND u."${column}" = ${keySql(level, "k.hour")} AND u."agentExternalId" = k.agent
         AND u."model" = k.model AND u."provider" = k.provider AND u."spanCount" = 0)`;
  await tx.query(
    `WITH k AS (SELECT * FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[]) AS k(hour, agent, model, provider)),
       ${ROLLUPS.map(sweep).join(",\n")}
     SELECT 1`,
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
