// The usage roll-ups read for a set of buckets: one row per bucket × workspace × agent × model ×
// provider, every token kind and money as exact text. Each bucket reads its whole UTC months,
// weeks and days from their roll-ups and its edge hours from the hourly one (see readPlan), in
// one statement.
import "server-only";
import { database } from "../db";
import { readPlan } from "./read-plan";
import { ROLLUPS, unitKey } from "./rollups";

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

// Each interval counts with its sign in each bucket that uses it (see readPlan).
const SUMS = `sum(x.sign * x."spanCount")::int AS spans, sum(x.sign * x."inputTokens")::text AS input,
  sum(x.sign * x."outputTokens")::text AS output, sum(x.sign * x."cacheReadTokens")::text AS "cacheRead",
  sum(x.sign * x."cacheWriteTokens")::text AS "cacheWrite", sum(x.sign * x."reasoningTokens")::text AS reasoning,
  sum(x.sign * x."costUsd")::text AS cost, sum(x.sign * x."reportedCostUsd")::text AS reported,
  sum(x.sign * x."unpricedSpans")::int AS unpriced, sum(x.sign * x."cacheSavingsUsd")::text AS savings`;

/**
 * The rows a read plan covers, summed per interval by `keys` (`$2–$4` the intervals' levels and
 * bounds, `$1` the workspaces), then given to each bucket that uses the interval with its sign
 * (`$5–$7`). Each interval is its own index range scan on its level's roll-up (LATERAL: joined as
 * a set, the planner may read the whole table), read once however many buckets share it.
 */
function planRows({ keys, sums, filters = "" }: { keys: string[]; sums: string[]; filters?: string }) {
  const branch = ({ level, table, column, type }: (typeof ROLLUPS)[number]) =>
    `SELECT i.id, r.* FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS i(level, s, e, id)
       CROSS JOIN LATERAL (
         SELECT ${[...keys.map((k) => `u.${k}`), ...sums.map((c) => `sum(u.${c}) AS ${c}`)].join(", ")}
           FROM "${table}" u
          WHERE u."workspaceId" = ANY($1::text[]) AND u."${column}" >= i.s::${type} AND u."${column}" < i.e::${type}
                ${filters}
          GROUP BY ${keys.map((k) => `u.${k}`).join(", ")}) r
      WHERE i.level = '${level}'`;
  return `WITH intervals AS MATERIALIZED (${ROLLUPS.map(branch).join("\n UNION ALL ")})
    SELECT m.bucket, m.sign, r.* FROM intervals r JOIN unnest($5::int[], $6::int[], $7::int[]) AS m(id, bucket, sign)
      ON m.id = r.id`;
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
  const { intervals, uses } = readPlan(buckets);
  return [
    workspaceIds,
    intervals.map((i) => i.level),
    intervals.map((i) => unitKey(i.level, i.start)),
    intervals.map((i) => unitKey(i.level, i.end)),
    // WITH ORDINALITY counts from 1.
    uses.map((u) => u.interval + 1),
    uses.map((u) => u.bucket),
    uses.map((u) => u.sign),
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
  const filters = `AND ($8::text IS NULL OR u."agentExternalId" = $8) AND ($9::text IS NULL OR u."model" = $9)`;
  return database().query<UsageCell>(
    `SELECT bucket, "workspaceId", "agentExternalId" AS agent, "model", "provider", ${SUMS}
     FROM (${planRows({ keys: CELL_KEYS, sums: CELL_SUMS, filters })}) x
     GROUP BY bucket, "workspaceId", "agentExternalId", "model", "provider"
     -- A unit less hours that held all of a key's usage nets to nothing: no row for it.
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
 * Spend per bucket and stacking key only: what a chart draws, summing one column over as few
 * groups as the stacking needs.
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
