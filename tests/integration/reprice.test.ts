import { describe, expect, it } from "vitest";
import { ingestNative } from "../../lib/ingest/ingest-native";
import { database, db } from "../../lib/db";
import { systemActor } from "../../lib/audit";
import { repriceRange } from "../../lib/cost/reprice";
import { PRICE_DATA_VERSION } from "../../lib/ingest/price";
import { createWorkspace } from "../factories";
import { expectRollupsAgree } from "../usage-rollups";
import { keySql, ROLLUPS } from "../../lib/cost/rollups";

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

async function sums(workspaceId: string) {
  const [row] = await database().query<{
    spans: string;
    traces: string;
    hourly: string;
    daily: string;
    weekly: string;
    monthly: string;
  }>(
    `SELECT (SELECT coalesce(sum("costUsd"), 0)::text FROM "Span" WHERE "workspaceId" = $1) AS spans,
            (SELECT coalesce(sum("costUsd"), 0)::text FROM "Trace" WHERE "workspaceId" = $1) AS traces,
            (SELECT coalesce(sum("costUsd"), 0)::text FROM "UsageHourly" WHERE "workspaceId" = $1) AS hourly,
            (SELECT coalesce(sum("costUsd"), 0)::text FROM "UsageDaily" WHERE "workspaceId" = $1) AS daily,
            (SELECT coalesce(sum("costUsd"), 0)::text FROM "UsageWeekly" WHERE "workspaceId" = $1) AS weekly,
            (SELECT coalesce(sum("costUsd"), 0)::text FROM "UsageMonthly" WHERE "workspaceId" = $1) AS monthly`,
    [workspaceId],
  );
  return row!;
}

describe("re-pricing", () => {
  it("shows the difference per model first, then applies it exactly to spans, traces and roll-ups, and audits it", async () => {
    const ws = await createWorkspace();
    const at = Date.parse("2026-11-10T09:30:00Z");
    const items = Array.from({ length: 30 }, (_, i) => ({
      id: `s${i}`,
      type: "span",
      body: {
        traceId: hex(100 + (i % 5), 32),
        spanId: hex(1000 + i, 16),
        name: "chat",
        kind: "llm",
        agent: i % 2 ? "buyer" : "planner",
        model: i % 3 ? "gpt-4o" : "claude-sonnet-4-20250514",
        startTime: at + i * 3_600_000,
        inputTokens: 1000 + i * 37,
        outputTokens: 200 + i,
        ...(i === 29 ? { costUsd: 9.99 } : {}),
      },
    }));
    expect((await ingestNative({ workspaceId: ws.id, items })).errors).toEqual([]);
    const priced = await sums(ws.id);
    // The costs as an older price list had them: gpt-4o at double, everywhere consistently.
    await database().query(
      `UPDATE "Span" SET "costUsd" = "costUsd" * 2, "priceVersion" = 'genai-prices@0.0.1' WHERE "workspaceId" = $1 AND "model" = 'gpt-4o' AND "costSource" = 'computed'`,
      [ws.id],
    );
    for (const table of ["Trace", "UsageHourly", "UsageDaily"]) {
      const key =
        table === "Trace"
          ? `"traceId"`
          : table === "UsageHourly"
            ? `"hour", "agentExternalId", "model", "provider"`
            : `"day", "agentExternalId", "model", "provider"`;
      const join =
        table === "Trace"
          ? `s."traceId" = t."traceId"`
          : table === "UsageHourly"
            ? `date_trunc('hour', s."startTime" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' = t."hour" AND s."agentExternalId" = t."agentExternalId" AND s."model" = t."model" AND coalesce(s."provider", '') = t."provider"`
            : `(s."startTime" AT TIME ZONE 'UTC')::date = t."day" AND s."agentExternalId" = t."agentExternalId" AND s."model" = t."model" AND coalesce(s."provider", '') = t."provider"`;
      await database().query(
        `UPDATE "${table}" t SET "costUsd" = x.cost FROM (
           SELECT ${key
             .split(", ")
             .map((k) => `t2.${k}`)
             .join(", ")}, sum(s."costUsd") AS cost FROM "${table}" t2
           JOIN "Span" s ON s."workspaceId" = t2."workspaceId" AND ${join.replaceAll("t.", "t2.")}
           WHERE t2."workspaceId" = $1 GROUP BY ${key
             .split(", ")
             .map((k) => `t2.${k}`)
             .join(", ")}) x
         WHERE t."workspaceId" = $1 AND ${key
           .split(", ")
           .map((k) => `t.${k} = x.${k}`)
           .join(" AND ")}`,
        [ws.id],
      );
    }
    // The weekly and monthly roll-ups as stale as the hourly one they sum.
    for (const { level, table, column } of ROLLUPS.slice(2)) {
      await database().query(
        `UPDATE "${table}" t SET "costUsd" = x.cost FROM (
           SELECT ${keySql(level, `"hour"`)} AS k, "agentExternalId", "model", "provider", sum("costUsd") AS cost
             FROM "UsageHourly" WHERE "workspaceId" = $1 GROUP BY 1, 2, 3, 4) x
          WHERE t."workspaceId" = $1 AND t."${column}" = x.k AND t."agentExternalId" = x."agentExternalId"
            AND t."model" = x."model" AND t."provider" = x."provider"`,
        [ws.id],
      );
    }
    await expectRollupsAgree(ws.id);
    const stale = await sums(ws.id);
    expect(new Set(Object.values(stale)).size).toBe(1);
    expect(stale.spans).not.toBe(priced.spans);

    const range = {
      workspaceId: ws.id,
      from: new Date(at - 1000),
      to: new Date(at + 40 * 3_600_000),
      actor: systemActor,
    };
    const dry = await repriceRange({ ...range, apply: false });
    expect(dry.changed).toBe(19); // the gpt-4o spans but the reported one
    const gpt = dry.models.find((m) => m.model === "gpt-4o")!;
    expect(gpt.changed).toBe(19);
    expect(Number(gpt.delta)).toBeLessThan(0);
    expect(dry.models.find((m) => m.model === "claude-sonnet-4-20250514")!.changed).toBe(0);
    expect(await sums(ws.id)).toEqual(stale); // a dry run changes nothing

    const applied = await repriceRange({ ...range, apply: true });
    expect(applied.changed).toBe(19);
    const after = await sums(ws.id);
    expect(after).toEqual({
      spans: priced.spans,
      traces: priced.spans,
      hourly: priced.spans,
      daily: priced.spans,
      weekly: priced.spans,
      monthly: priced.spans,
    });
    await expectRollupsAgree(ws.id);
    const versions = await db().span.findMany({
      where: { workspaceId: ws.id, model: "gpt-4o" },
      select: { priceVersion: true, costSource: true },
    });
    expect(
      versions.filter((v) => v.costSource === "computed").every((v) => v.priceVersion === PRICE_DATA_VERSION),
    ).toBe(true);
    // The reported cost is the caller's: untouched.
    const reported = await db().span.findFirstOrThrow({ where: { workspaceId: ws.id, spanId: hex(1029, 16) } });
    expect(reported.costUsd?.toFixed(2)).toBe("9.99");
    expect((await repriceRange({ ...range, apply: true })).changed).toBe(0);
    const audit = await db().auditEvent.findMany({ where: { workspaceId: ws.id, action: "costs.repriced" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]!.after).toMatchObject({ priceVersion: PRICE_DATA_VERSION });
  });
});
