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

// Each row counts with its interval's sign (see readPlan: an edge may be a day less some hours).
const SUMS = `sum(x.sign * x."spanCount")::int AS spans, sum(x.sign * x."inputTokens")::text AS input,
  sum(x.sign * x."outputTokens")::text AS output, sum(x.sign * x."cacheReadTokens")::text AS "cacheRead",
  sum(x.sign * x."cacheWriteTokens")::text AS "cacheWrite", sum(x.sign * x."reasoningTokens")::text AS reasoning,
  sum(x.sign * x."costUsd")::text AS cost, sum(x.sign * x."reportedCostUsd")::text AS reported,
  sum(x.sign * x."unpricedSpans")::int AS unpriced, sum(x.sign * x."cacheSavingsUsd")::text AS savings`;

/**
 * Both roll-ups' rows a read plan covers, summed per interval by `keys`, each with its bucket and
 * sign: `$2–$4` and `$8` the hour intervals, `$5–$7` the day intervals, `$1` the workspaces. Each
 * interval is its own index range scan (LATERAL: joined as a set, the planner may read the whole
 * table), and the sign applies to the interval's sums, not to every row.
 */
function planRows({ keys, sums, filters = "" }: { keys: string[]; sums: string[]; filters?: string }) {
  const inner = (table: string, where: string) =>
    `SELECT ${[...keys.map((k) => `u.${k}`), ...sums.map((c) => `sum(u.${c}) AS ${c}`)].join(", ")}
       FROM "${table}" u WHERE u."workspaceId" = ANY($1::text[]) AND ${where} ${filters} GROUP BY ${keys.map((k) => `u.${k}`).join(", ")}`;
  return `SELECT h.bucket, h.sign, r.* FROM unnest($2::timestamptz[], $3::timestamptz[], $4::int[], $8::int[]) AS h(s, e, bucket, sign)
      CROSS JOIN LATERAL (${inner("UsageHourly", `u."hour" >= h.s AND u."hour" < h.e`)}) r
    UNION ALL
    SELECT d.bucket, 1 AS sign, r.* FROM unnest($5::date[], $6::date[], $7::int[]) AS d(s, e, bucket)
      CROSS JOIN LATERAL (${inner("UsageDaily", `u."day" >= d.s AND u."day" < d.e`)}) r`;
}

const CELL_KEYS = [`"workspaceId"`, `"agentExternalId"`, `"model"`, `"provider"`];
const CELL_SUMS = [
  `"spanCount"`,
  `"inputTokens"`,
  `"outputTokens"`,
  `"cacheReadTokens"`,
  `"cacheWriteTokens"`,
  `"reasoningTokens"`,
  `"costUsd"`,
  `"reportedCostUsd"`,
  `"unpricedSpans"`,
  `"cacheSavingsUsd"`,
];

function planParams(workspaceIds: string[], buckets: { start: number; end: number }[]) {
  const plan = readPlan(buckets);
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    workspaceIds,
    plan.hours.map((h) => iso(h.start)),
    plan.hours.map((h) => iso(h.end)),
    plan.hours.map((h) => h.bucket),
    plan.days.map((d) => d.start),
    plan.days.map((d) => d.end),
    plan.days.map((d) => d.bucket),
    plan.hours.map((h) => h.sign),
  ];
}

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
  const filters = `AND ($9::text IS NULL OR u."agentExternalId" = $9) AND ($10::text IS NULL OR u."model" = $10)`;
  return database().query<UsageCell>(
    `SELECT bucket, "workspaceId", "agentExternalId" AS agent, "model", "provider", ${SUMS}
     FROM (${planRows({ keys: CELL_KEYS, sums: CELL_SUMS, filters })}) x
     GROUP BY bucket, "workspaceId", "agentExternalId", "model", "provider"
     -- A day less hours that held all of a key's usage nets to nothing: no row for it.
     HAVING sum(x.sign * x."spanCount") <> 0
     ORDER BY bucket, "workspaceId", "agentExternalId", "model", "provider"`,
    [...planParams(workspaceIds, buckets), agent ?? null, model ?? null],
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
  const keys = SERIES_KEYS[by];
  const rows = await database().query<{
    bucket: number;
    workspaceId?: string;
    agentExternalId?: string;
    model?: string;
    provider?: string;
    cost: string;
  }>(
    `SELECT bucket, ${keys.join(", ")}, sum(x.sign * x."costUsd")::text AS cost
       FROM (${planRows({ keys: [...keys], sums: [`"costUsd"`] })}) x
     GROUP BY bucket, ${keys.join(", ")}`,
    planParams(workspaceIds, buckets),
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
