// Every coarser usage roll-up must equal the hourly one summed by its unit, column by column, with
// no empty rows: what ingest, late parents and re-pricing keep true.
import { expect } from "vitest";
import { database } from "../lib/db";
import { keySql, ROLLUPS } from "../lib/cost/rollups";

const COLUMNS = `"spanCount", "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens",
  "costUsd", "reportedCostUsd", "unpricedSpans", "cacheSavingsUsd"`;

export async function expectRollupsAgree(workspaceId: string) {
  const sums = COLUMNS.split(",")
    .map((c) => `sum(${c.trim()})::text`)
    .join(", ");
  for (const { level, table, column } of ROLLUPS.slice(1)) {
    const [row] = await database().query<{ missing: number; extra: number; rows: number; empty: number }>(
      `WITH expected AS (
         SELECT ${keySql(level, `"hour"`)}::text AS k, "agentExternalId", "model", "provider", ${sums}
           FROM "UsageHourly" WHERE "workspaceId" = $1 GROUP BY 1, 2, 3, 4
       ), actual AS (
         SELECT "${column}"::text AS k, "agentExternalId", "model", "provider", ${sums}
           FROM "${table}" WHERE "workspaceId" = $1 GROUP BY 1, 2, 3, 4
       )
       SELECT (SELECT count(*)::int FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) m) AS missing,
              (SELECT count(*)::int FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) m) AS extra,
              (SELECT count(*)::int FROM actual) AS rows,
              (SELECT count(*)::int FROM "${table}" WHERE "workspaceId" = $1 AND "spanCount" = 0) AS empty`,
      [workspaceId],
    );
    expect({ table, missing: row!.missing, extra: row!.extra, empty: row!.empty }).toEqual({
      table,
      missing: 0,
      extra: 0,
      empty: 0,
    });
  }
}
