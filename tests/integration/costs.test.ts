import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { ingestNative } from "../../lib/ingest/ingest-native";
import { database, db } from "../../lib/db";
import { bucketsOf, resolveRange } from "../../lib/cost/ranges";
import { usageCube } from "../../lib/cost/usage-cube";
import { expectRollupsAgree } from "../usage-rollups";
import { spendSeries, totalsOf, topBy } from "../../lib/cost/cost-view";
import { costliestTraces, costPerRun } from "../../lib/cost/trace-costs";
import { createWorkspace } from "../factories";

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
let next = 1;

/** LLM spans, one trace each unless told, at the given instants with the given reported costs. */
async function spend(
  workspaceId: string,
  spans: { at: string | number; cost?: number; agent?: string; model?: string; trace?: number; tokens?: number }[],
) {
  const items = spans.map((s, i) => {
    const n = next++;
    return {
      id: `i${i}`,
      type: "span",
      body: {
        traceId: hex(s.trace ?? n, 32),
        spanId: hex(n, 16),
        name: "chat",
        kind: "llm",
        agent: s.agent ?? "buyer",
        model: s.model ?? "gpt-4o",
        provider: "openai",
        startTime: s.at,
        endTime: typeof s.at === "number" ? s.at + 10 : new Date(new Date(s.at).getTime() + 10).toISOString(),
        inputTokens: s.tokens ?? 1000,
        outputTokens: 100,
        ...(s.cost !== undefined ? { costUsd: s.cost } : {}),
      },
    };
  });
  const result = await ingestNative({ workspaceId, items });
  expect(result.errors).toEqual([]);
  return items;
}

async function spanSum(workspaceId: string, from: number, to: number): Promise<string> {
  const [row] = await database().query<{ total: string | null }>(
    `SELECT sum("costUsd")::text AS total FROM "Span" WHERE "workspaceId" = $1 AND "startTime" >= $2 AND "startTime" < $3`,
    [workspaceId, new Date(from), new Date(to)],
  );
  return new Decimal(row?.total ?? 0).toFixed(9);
}

describe("usage roll-ups", () => {
  it("keep hourly and daily roll-ups equal to the spans, under re-sends", async () => {
    const ws = await createWorkspace();
    const at = Date.parse("2026-11-20T10:15:00Z");
    const items = await spend(ws.id, [
      { at, cost: 0.123456789 },
      { at: at + 3_600_000, cost: 0.2 },
      { at: at + 86_400_000, cost: 1.000000001, agent: "planner", model: "claude-sonnet-4" },
    ]);
    // A re-send of the same spans replaces them; nothing is counted twice.
    expect((await ingestNative({ workspaceId: ws.id, items })).errors).toEqual([]);
    const hourly = await db().usageHourly.findMany({ where: { workspaceId: ws.id }, orderBy: { hour: "asc" } });
    expect(hourly.map((h) => [h.hour.toISOString(), h.agentExternalId, h.costUsd.toFixed(9), h.spanCount])).toEqual([
      ["2026-11-20T10:00:00.000Z", "buyer", "0.123456789", 1],
      ["2026-11-20T11:00:00.000Z", "buyer", "0.200000000", 1],
      ["2026-11-21T10:00:00.000Z", "planner", "1.000000001", 1],
    ]);
    expect(hourly.every((h) => h.reportedCostUsd.equals(h.costUsd) && h.provider === "openai")).toBe(true);
    const daily = await db().usageDaily.findMany({ where: { workspaceId: ws.id }, orderBy: { day: "asc" } });
    expect(daily.map((d) => [d.day.toISOString().slice(0, 10), d.costUsd.toFixed(9), d.spanCount])).toEqual([
      ["2026-11-20", "0.323456789", 2],
      ["2026-11-21", "1.000000001", 1],
    ]);
    await expectRollupsAgree(ws.id);
  });

  it("count computed cost, cache savings and unpriced calls apart from reported cost", async () => {
    const ws = await createWorkspace();
    const at = Date.now() - 3_600_000;
    await ingestNative({
      workspaceId: ws.id,
      items: [
        {
          id: "a",
          type: "span",
          body: {
            traceId: hex(9001, 32),
            spanId: hex(9001, 16),
            name: "chat",
            kind: "llm",
            agent: "buyer",
            model: "gpt-4o",
            provider: "openai",
            startTime: at,
            inputTokens: 1_000_000,
            outputTokens: 0,
            cacheReadTokens: 500_000,
          },
        },
        {
          id: "b",
          type: "span",
          body: {
            traceId: hex(9002, 32),
            spanId: hex(9002, 16),
            name: "chat",
            kind: "llm",
            agent: "buyer",
            model: "my-finetune",
            startTime: at,
            inputTokens: 10,
            outputTokens: 10,
          },
        },
      ],
    });
    const { range } = resolveRange({ preset: "7d", zone: "UTC" });
    const cells = await usageCube({ workspaceIds: [ws.id], buckets: bucketsOf(range) });
    const totals = totalsOf(cells);
    expect(totals.cost).toBe("1.875000000");
    expect(totals.computed).toBe("1.875000000");
    expect(totals.reported).toBe("0.000000000");
    expect(totals.cacheSavings).toBe("0.625000000");
    expect(totals.tokens.cacheRead).toBe("500000");
    expect(totals.unpriced).toEqual([{ model: "my-finetune", spans: 1 }]);
  });
});

describe("cost explorer figures", () => {
  it("reconcile exactly with the spans' costs for day and week buckets in a time zone", async () => {
    const ws = await createWorkspace();
    const now = Date.parse("2026-11-30T12:00:00Z");
    // Prices with nine decimals, spread over 120 days at odd hours, across agents and models.
    const spans = Array.from({ length: 400 }, (_, i) => ({
      at: now - Math.floor(((i * 7919) % 120) * 86_400_000 + ((i * 104_729) % 86_400_000)),
      cost: Number(((i * 7_777_777) % 1_000_000_007) / 1e9 + (i % 3)),
      agent: ["buyer", "planner", "refunds"][i % 3]!,
      model: ["gpt-4o", "claude-sonnet-4", "gemini-2.5-flash"][(i % 5) % 3]!,
    }));
    for (let i = 0; i < spans.length; i += 100) await spend(ws.id, spans.slice(i, i + 100));
    for (const [preset, zone] of [
      ["30d", "America/New_York"],
      ["90d", "Asia/Tokyo"],
      ["12m", "Europe/Berlin"],
      ["mtd", "UTC"],
    ] as const) {
      const { range } = resolveRange({ preset, zone, now });
      const buckets = bucketsOf(range);
      expect(range.bucket).toBe(preset === "12m" || preset === "90d" ? "week" : "day");
      const cells = await usageCube({ workspaceIds: [ws.id], buckets });
      for (const by of ["agent", "model", "provider"] as const) {
        const series = spendSeries({ cells, buckets, by, top: 2 });
        expect(series.total).toBe(await spanSum(ws.id, range.from, range.to));
        expect(new Decimal(series.total).gt(10)).toBe(true);
        // Every bucket's exact total is the spans' sum in that bucket.
        const sumOfPoints = series.points.reduce((s, p) => s.plus(p.total), new Decimal(0));
        expect(sumOfPoints.toFixed(9)).toBe(series.total);
        const sumOfKeys = series.keys.reduce((s, k) => s.plus(k.total), new Decimal(0));
        expect(sumOfKeys.toFixed(9)).toBe(series.total);
      }
      for (const [i, b] of buckets.entries()) {
        if (i % 7 !== 0) continue;
        const mine = cells.filter((c) => c.bucket === i).reduce((s, c) => s.plus(c.cost), new Decimal(0));
        expect(mine.toFixed(9)).toBe(await spanSum(ws.id, b.start, b.end));
      }
    }
  });

  it("ranks agents and models, the costliest traces and the cost per run, within the workspace", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const at = Date.now() - 7_200_000;
    await spend(ws.id, [
      { at, cost: 5, agent: "buyer", trace: 7001 },
      { at, cost: 1, agent: "buyer", trace: 7002 },
      { at, cost: 2, agent: "buyer", trace: 7003 },
      { at, cost: 0.5, agent: "planner", model: "claude-sonnet-4", trace: 7004 },
    ]);
    await spend(other.id, [{ at, cost: 100, agent: "buyer", trace: 7005 }]);
    const { range } = resolveRange({ preset: "7d", zone: "UTC" });
    const cells = await usageCube({ workspaceIds: [ws.id], buckets: bucketsOf(range) });
    expect(topBy({ cells, by: "agent" }).map((r) => [r.key, r.cost])).toEqual([
      ["buyer", "8.000000000"],
      ["planner", "0.500000000"],
    ]);
    expect(topBy({ cells, by: "model" }).map((r) => r.key)).toEqual(["gpt-4o", "claude-sonnet-4"]);
    const traces = await costliestTraces({ workspaceIds: [ws.id], from: range.from, to: range.to });
    expect(traces.map((t) => t.costUsd)).toEqual(["5.000000000", "2.000000000", "1.000000000", "0.500000000"]);
    const runs = await costPerRun({ workspaceIds: [ws.id], from: range.from, to: range.to });
    expect(runs[0]).toMatchObject({ agent: "buyer", runs: 3, p50: "2.000000000", p95: "5.000000000" });
  });
});
