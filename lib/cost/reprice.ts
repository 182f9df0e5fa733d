// Re-pricing: recompute the cost of a range's model calls with the bundled price data. A dry run
// shows the difference per model; applying it rewrites the spans (and the price data version they
// carry), their traces' roll-ups and every usage roll-up by exact differences, batch by batch,
// each batch under the same trace locks as ingest, and audits the whole. Costs the callers
// reported are theirs and are left alone.
import "server-only";
import Decimal from "decimal.js";
import { database } from "../db";
import type { Sql } from "../db/connect";
import { appendAuditEventSql, type Actor } from "../audit";
import { priceSpan, PRICE_DATA_VERSION } from "../ingest/price";
import { keyOfHour, ROLLUPS } from "./rollups";

const BATCH = 2000;

interface PricedRow {
  traceId: string;
  spanId: string;
  startTime: string;
  hour: string;
  agent: string | null;
  model: string | null;
  provider: string | null;
  inputTokens: string | null;
  outputTokens: string | null;
  cacheReadTokens: string | null;
  cacheWriteTokens: string | null;
  costUsd: string | null;
  costSource: string;
  cacheSavingsUsd: string | null;
}

const num = (v: string | null) => (v === null ? undefined : Number(v));
const money = (v: number | string | null) =>
  v === null ? null : new Decimal(v).toDecimalPlaces(9, Decimal.ROUND_HALF_UP);

/** The span priced again: cost, source and savings as the current price data gives them. */
function reprice(r: PricedRow) {
  const p = priceSpan({
    ...(r.model ? { model: r.model } : {}),
    ...(r.provider ? { provider: r.provider } : {}),
    ...(r.inputTokens !== null ? { inputTokens: num(r.inputTokens) } : {}),
    ...(r.outputTokens !== null ? { outputTokens: num(r.outputTokens) } : {}),
    ...(r.cacheReadTokens !== null ? { cacheReadTokens: num(r.cacheReadTokens) } : {}),
    ...(r.cacheWriteTokens !== null ? { cacheWriteTokens: num(r.cacheWriteTokens) } : {}),
  });
  return { cost: money(p.costUsd), source: p.source ?? r.costSource, savings: money(p.cacheSavingsUsd) };
}

const same = (a: Decimal | null, b: string | null) => (a === null ? b === null : b !== null && a.equals(b));

async function readBatch(sql: Sql, workspaceId: string, from: Date, to: Date, after: [string, string, string] | null) {
  return sql.query<PricedRow>(
    `SELECT s."traceId", s."spanId", s."startTime"::text AS "startTime",
            to_char(s."startTime" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":00:00.000Z"') AS hour,
            s."agentExternalId" AS agent, s."model", s."provider", s."inputTokens"::text AS "inputTokens",
            s."outputTokens"::text AS "outputTokens", s."cacheReadTokens"::text AS "cacheReadTokens",
            s."cacheWriteTokens"::text AS "cacheWriteTokens", s."costUsd"::text AS "costUsd", s."costSource",
            s."cacheSavingsUsd"::text AS "cacheSavingsUsd"
       FROM "Span" s
      WHERE s."workspaceId" = $1 AND s."startTime" >= $2 AND s."startTime" < $3
        AND s."costSource" IN ('computed', 'unknown_model')
        AND ($4::timestamptz IS NULL OR (s."startTime", s."traceId", s."spanId") > ($4::timestamptz, $5::text, $6::text))
      ORDER BY s."startTime", s."traceId", s."spanId" LIMIT ${BATCH}`,
    [workspaceId, from, to, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null],
  );
}

export interface RepriceModel {
  model: string;
  spans: number;
  changed: number;
  before: string;
  after: string;
  delta: string;
}

export interface RepriceReport {
  priceVersion: string;
  spans: number;
  changed: number;
  before: string;
  after: string;
  models: RepriceModel[];
}

function summarise(
  acc: Map<string, { spans: number; changed: number; before: Decimal; after: Decimal }>,
): RepriceReport {
  const models = [...acc.entries()]
    .map(([model, a]) => ({
      model,
      spans: a.spans,
      changed: a.changed,
      before: a.before.toFixed(9),
      after: a.after.toFixed(9),
      delta: a.after.minus(a.before).toFixed(9),
    }))
    .sort((x, y) => new Decimal(y.delta).abs().comparedTo(new Decimal(x.delta).abs()) || (x.model < y.model ? -1 : 1));
  const total = (k: "before" | "after") => models.reduce((s, m) => s.plus(m[k]), new Decimal(0)).toFixed(9);
  return {
    priceVersion: PRICE_DATA_VERSION,
    spans: models.reduce((n, m) => n + m.spans, 0),
    changed: models.reduce((n, m) => n + m.changed, 0),
    before: total("before"),
    after: total("after"),
    models,
  };
}

/**
 * Re-prices the workspace's computed costs in [from, to): a dry run (apply false) changes nothing
 * and reports what would change per model; apply writes it.
 */
export async function repriceRange({
  workspaceId,
  from,
  to,
  apply,
  actor,
}: {
  workspaceId: string;
  from: Date;
  to: Date;
  apply: boolean;
  actor: Actor;
}): Promise<RepriceReport> {
  const acc = new Map<string, { spans: number; changed: number; before: Decimal; after: Decimal }>();
  let after: [string, string, string] | null = null;
  for (;;) {
    const work = async (sql: Sql) => {
      const rows = await readBatch(sql, workspaceId, from, to, after);
      const changes = [];
      for (const r of rows) {
        const next = reprice(r);
        const a = acc.get(r.model ?? "") ?? { spans: 0, changed: 0, before: new Decimal(0), after: new Decimal(0) };
        a.spans++;
        a.before = a.before.plus(r.costUsd ?? 0);
        a.after = a.after.plus(next.cost ?? 0);
        const changed =
          !same(next.cost, r.costUsd) || next.source !== r.costSource || !same(next.savings, r.cacheSavingsUsd);
        if (changed) {
          a.changed++;
          changes.push({ r, next });
        }
        acc.set(r.model ?? "", a);
      }
      if (apply && changes.length) await writeChanges(sql, workspaceId, changes);
      return rows;
    };
    const rows = apply ? await database().sqlTransaction(work) : await work(database());
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1]!;
    after = [last.startTime, last.traceId, last.spanId];
  }
  const report = summarise(acc);
  if (apply) {
    await database().sqlTransaction((sql) =>
      appendAuditEventSql(sql, {
        workspaceId,
        actor,
        action: "costs.repriced",
        target: { type: "workspace", id: workspaceId },
        before: { costUsd: report.before },
        after: { costUsd: report.after, priceVersion: report.priceVersion },
        metadata: {
          from: from.toISOString(),
          to: to.toISOString(),
          spans: report.spans,
          changed: report.changed,
          models: report.models.filter((m) => m.changed > 0).map((m) => ({ model: m.model, delta: m.delta })),
        },
      }),
    );
  }
  return report;
}

type Change = { r: PricedRow; next: ReturnType<typeof reprice> };

async function writeChanges(sql: Sql, workspaceId: string, changes: Change[]) {
  const traceIds = [...new Set(changes.map((c) => c.r.traceId))].sort();
  // The same locks as ingest: a concurrent write of these traces waits, so no difference is lost.
  await sql.query(
    `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended($1 || ':' || t, 0) AS k FROM unnest($2::text[]) t ORDER BY 1) s`,
    [workspaceId, traceIds],
  );
  await sql.query(
    `UPDATE "Span" s SET "costUsd" = n.cost, "costSource" = n.source, "cacheSavingsUsd" = n.savings,
            "priceVersion" = $5, "updatedAt" = now()
       FROM unnest($2::text[], $3::text[], $4::numeric[], $6::text[], $7::numeric[]) AS n(trace_id, span_id, cost, source, savings)
      WHERE s."workspaceId" = $1 AND s."traceId" = n.trace_id AND s."spanId" = n.span_id`,
    [
      workspaceId,
      changes.map((c) => c.r.traceId),
      changes.map((c) => c.r.spanId),
      changes.map((c) => c.next.cost?.toFixed(9) ?? null),
      PRICE_DATA_VERSION,
      changes.map((c) => c.next.source),
      changes.map((c) => c.next.savings?.toFixed(9) ?? null),
    ],
  );
  const dCost = (c: Change) => (c.next.cost ?? new Decimal(0)).minus(c.r.costUsd ?? 0);
  const dSavings = (c: Change) => (c.next.savings ?? new Decimal(0)).minus(c.r.cacheSavingsUsd ?? 0);
  const dUnpriced = (c: Change) =>
    (c.next.source === "unknown_model" ? 1 : 0) - (c.r.costSource === "unknown_model" ? 1 : 0);

  const traces = new Map<string, Decimal>();
  for (const c of changes) traces.set(c.r.traceId, (traces.get(c.r.traceId) ?? new Decimal(0)).plus(dCost(c)));
  const traceKeys = [...traces.keys()].sort();
  await sql.query(
    `UPDATE "Trace" t SET "costUsd" = t."costUsd" + d.cost, "updatedAt" = now()
       FROM unnest($2::text[], $3::numeric[]) AS d(trace_id, cost)
      WHERE t."workspaceId" = $1 AND t."traceId" = d.trace_id`,
    [workspaceId, traceKeys, traceKeys.map((k) => traces.get(k)!.toFixed(9))],
  );

  for (const { level, table, column, type } of ROLLUPS) {
    const keyOf = (c: Change) => keyOfHour(level, Date.parse(c.r.hour));
    const deltas = new Map<
      string,
      { k: string; agent: string; model: string; provider: string; cost: Decimal; savings: Decimal; unpriced: number }
    >();
    for (const c of changes) {
      const k = keyOf(c);
      const id = [k, c.r.agent ?? "", c.r.model ?? "", c.r.provider ?? ""].join("\u0000");
      const d = deltas.get(id) ?? {
        k,
        agent: c.r.agent ?? "",
        model: c.r.model ?? "",
        provider: c.r.provider ?? "",
        cost: new Decimal(0),
        savings: new Decimal(0),
        unpriced: 0,
      };
      d.cost = d.cost.plus(dCost(c));
      d.savings = d.savings.plus(dSavings(c));
      d.unpriced += dUnpriced(c);
      deltas.set(id, d);
    }
    const list = [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d);
    await sql.query(
      `UPDATE "${table}" u SET "costUsd" = u."costUsd" + d.cost, "cacheSavingsUsd" = u."cacheSavingsUsd" + d.savings,
              "unpricedSpans" = u."unpricedSpans" + d.unpriced
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::int[])
           AS d(k, agent, model, provider, cost, savings, unpriced)
        WHERE u."workspaceId" = $1 AND u."${column}" = d.k::${type}
          AND u."agentExternalId" = d.agent AND u."model" = d.model AND u."provider" = d.provider`,
      [
        workspaceId,
        list.map((d) => d.k),
        list.map((d) => d.agent),
        list.map((d) => d.model),
        list.map((d) => d.provider),
        list.map((d) => d.cost.toFixed(9)),
        list.map((d) => d.savings.toFixed(9)),
        list.map((d) => d.unpriced),
      ],
    );
  }
}
