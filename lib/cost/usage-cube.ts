// The usage roll-ups read for a set of buckets: one row per bucket × workspace × agent × model ×
// provider, every token kind and money as exact text. Each bucket reads its whole UTC days from
// UsageDaily and its edge hours from UsageHourly (see readPlan), in one statement.
import "server-only";
import { database } from "../db";
import { readPlan } from "./ranges";

export interface UsageCell {
  bucket: number;
  workspaceId: string;
  agent: string;
  model: string;
  provider: string;
  spans: number;
  input: string;
  output: string;
  cacheRead: string;
  cacheWrite: string;
  reasoning: string;
  cost: string;
  reported: string;
  unpriced: number;
  savings: string;
}

const SUMS = `sum(u."spanCount")::int AS spans, sum(u."inputTokens")::text AS input, sum(u."outputTokens")::text AS output,
  sum(u."cacheReadTokens")::text AS "cacheRead", sum(u."cacheWriteTokens")::text AS "cacheWrite",
  sum(u."reasoningTokens")::text AS reasoning, sum(u."costUsd")::text AS cost, sum(u."reportedCostUsd")::text AS reported,
  sum(u."unpricedSpans")::int AS unpriced, sum(u."cacheSavingsUsd")::text AS savings`;

/** A row per bucket and key; a key with nothing in a bucket has no row. */
export async function usageCube({
  workspaceIds,
  buckets,
  agent,
  model,
}: {
  workspaceIds: string[];
  buckets: { start: number; end: number }[];
  /** Only this agent's usage (external id; "" for usage no agent claims). */
  agent?: string;
  model?: string;
}): Promise<UsageCell[]> {
  if (workspaceIds.length === 0 || buckets.length === 0) return [];
  const plan = readPlan(buckets);
  const iso = (ms: number) => new Date(ms).toISOString();
  const filters = `AND ($8::text IS NULL OR u."agentExternalId" = $8) AND ($9::text IS NULL OR u."model" = $9)`;
  const columns = `u."workspaceId", u."agentExternalId", u."model", u."provider", u."spanCount", u."inputTokens",
    u."outputTokens", u."cacheReadTokens", u."cacheWriteTokens", u."reasoningTokens", u."costUsd", u."reportedCostUsd",
    u."unpricedSpans", u."cacheSavingsUsd"`;
  return database().query<UsageCell>(
    `SELECT bucket, "workspaceId", "agentExternalId" AS agent, "model", "provider", ${SUMS.replaceAll("u.", "x.")}
     FROM (
       SELECT h.bucket, ${columns} FROM unnest($2::timestamptz[], $3::timestamptz[], $4::int[]) AS h(s, e, bucket)
         JOIN "UsageHourly" u ON u."workspaceId" = ANY($1::text[]) AND u."hour" >= h.s AND u."hour" < h.e ${filters}
       UNION ALL
       SELECT d.bucket, ${columns} FROM unnest($5::date[], $6::date[], $7::int[]) AS d(s, e, bucket)
         JOIN "UsageDaily" u ON u."workspaceId" = ANY($1::text[]) AND u."day" >= d.s AND u."day" < d.e ${filters}
     ) x
     GROUP BY bucket, "workspaceId", "agentExternalId", "model", "provider"
     ORDER BY bucket, "workspaceId", "agentExternalId", "model", "provider"`,
    [
      workspaceIds,
      plan.hours.map((h) => iso(h.start)),
      plan.hours.map((h) => iso(h.end)),
      plan.hours.map((h) => h.bucket),
      plan.days.map((d) => d.start),
      plan.days.map((d) => d.end),
      plan.days.map((d) => d.bucket),
      agent ?? null,
      model ?? null,
    ],
  );
}

/** The part of a cell a stacked series needs: its bucket, the stacking key's columns, its cost. */
export type SeriesCell = Pick<UsageCell, "bucket" | "workspaceId" | "agent" | "model" | "provider" | "cost">;

const SERIES_KEYS = {
  agent: [`"workspaceId"`, `"agentExternalId"`],
  model: [`"model"`],
  provider: [`"provider"`],
  workspace: [`"workspaceId"`],
} as const;

/**
 * Spend per bucket and stacking key only: what a chart draws. Day buckets in a zone read every
 * hour of the range, so this sums one column over as few groups as the stacking needs.
 */
export async function usageSeries({
  workspaceIds,
  buckets,
  by,
}: {
  workspaceIds: string[];
  buckets: { start: number; end: number }[];
  by: keyof typeof SERIES_KEYS;
}): Promise<SeriesCell[]> {
  if (workspaceIds.length === 0 || buckets.length === 0) return [];
  const plan = readPlan(buckets);
  const iso = (ms: number) => new Date(ms).toISOString();
  const keys = SERIES_KEYS[by];
  const columns = keys.map((k) => `u.${k}`).join(", ");
  const rows = await database().query<{
    bucket: number;
    workspaceId?: string;
    agentExternalId?: string;
    model?: string;
    provider?: string;
    cost: string;
  }>(
    `SELECT bucket, ${keys.join(", ")}, sum(cost)::text AS cost FROM (
       SELECT h.bucket, ${columns}, u."costUsd" AS cost
         FROM unnest($2::timestamptz[], $3::timestamptz[], $4::int[]) AS h(s, e, bucket)
         JOIN "UsageHourly" u ON u."workspaceId" = ANY($1::text[]) AND u."hour" >= h.s AND u."hour" < h.e
       UNION ALL
       SELECT d.bucket, ${columns}, u."costUsd"
         FROM unnest($5::date[], $6::date[], $7::int[]) AS d(s, e, bucket)
         JOIN "UsageDaily" u ON u."workspaceId" = ANY($1::text[]) AND u."day" >= d.s AND u."day" < d.e
     ) x GROUP BY bucket, ${keys.join(", ")}`,
    [
      workspaceIds,
      plan.hours.map((h) => iso(h.start)),
      plan.hours.map((h) => iso(h.end)),
      plan.hours.map((h) => h.bucket),
      plan.days.map((d) => d.start),
      plan.days.map((d) => d.end),
      plan.days.map((d) => d.bucket),
    ],
  );
  return rows.map((r) => ({
    bucket: r.bucket,
    workspaceId: r.workspaceId ?? "",
    agent: r.agentExternalId ?? "",
    model: r.model ?? "",
    provider: r.provider ?? "",
    cost: r.cost,
  }));
}
