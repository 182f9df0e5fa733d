// Arrival order does not change what ingest stores: SDKs export a span when it ends, so children
// usually arrive before their parents, in any batching, and concurrently. Every order must leave
// the same spans (and agent per span), trace roll-ups, agents and daily usage as parent-first.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { database, db, PrismaNS } from "../../lib/db";
import { ingestSnapshot as snapshot } from "../ingest-snapshot";
import { retryOnConflict } from "../../lib/db/retry";
import { ingestOtlp } from "../../lib/ingest/ingest-otlp";
import { createWorkspace } from "../factories";
import { expectRollupsAgree } from "../usage-rollups";
import { exportRequest, type OtlpSpan } from "../otlp-fixtures";

const hex = (seed: string, bytes: number) =>
  createHash("sha256")
    .update(seed)
    .digest("hex")
    .slice(0, bytes * 2);
type Attr = OtlpSpan["attributes"][number];
const attr = (key: string, value: string | number): Attr => ({
  key,
  value:
    typeof value === "string"
      ? { stringValue: value }
      : Number.isInteger(value)
        ? { intValue: String(value) }
        : { doubleValue: value },
});
const agentRun = (name: string) => [attr("gen_ai.operation.name", "invoke_agent"), attr("gen_ai.agent.name", name)];
const chat = (model: string, input: number, output: number, cost?: number) => [
  attr("gen_ai.operation.name", "chat"),
  attr("gen_ai.request.model", model),
  attr("gen_ai.usage.input_tokens", input),
  attr("gen_ai.usage.output_tokens", output),
  ...(cost === undefined ? [] : [attr("arbiter.cost.usd", cost)]),
];
const tool = (name: string) => [attr("gen_ai.operation.name", "execute_tool"), attr("gen_ai.tool.name", name)];

interface Node {
  key: string;
  parent?: string;
  name: string;
  attributes: Attr[];
  at: number; // ms after the trace starts
  error?: boolean;
}

/** One trace's spans in topological order (every parent before its children). */
function buildTrace(seed: string, startMs: number, nodes: Node[]): OtlpSpan[] {
  const traceId = hex(`trace:${seed}`, 16);
  const id = (key: string) => hex(`${seed}:${key}`, 8);
  const ns = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
  return nodes.map((n) => ({
    traceId,
    spanId: id(n.key),
    ...(n.parent ? { parentSpanId: id(n.parent) } : {}),
    name: n.name,
    kind: 1,
    startTimeUnixNano: ns(startMs + n.at),
    endTimeUnixNano: ns(startMs + n.at + 50),
    attributes: n.attributes,
    ...(n.error ? { status: { code: 2, message: "failed" } } : {}),
  }));
}

// planner → (plan step → researcher agent → its calls and unattributed steps; the planner's own
// calls), (a two-level unattributed branch with reported costs), a writer agent; and a span whose
// parent never arrives. It starts just before midnight UTC, so usage falls on two days.
const PLANNER_START = Date.UTC(2026, 10, 30, 23, 59, 59, 900);
const multiLevel: Node[] = [
  { key: "root", name: "invoke_agent planner", attributes: agentRun("planner"), at: 0 },
  { key: "stepA", parent: "root", name: "plan step", attributes: [], at: 10 },
  { key: "researcher", parent: "stepA", name: "invoke_agent researcher", attributes: agentRun("researcher"), at: 20 },
  { key: "r.chat", parent: "researcher", name: "chat gpt-4o", attributes: chat("gpt-4o", 120, 18), at: 30 },
  { key: "r.tool", parent: "researcher", name: "execute_tool search", attributes: tool("search"), at: 40 },
  { key: "r.think", parent: "researcher", name: "think", attributes: [], at: 50 },
  {
    key: "r.think.chat",
    parent: "r.think",
    name: "chat claude",
    attributes: chat("claude-3-5-haiku-latest", 160, 25),
    at: 60,
  },
  { key: "r.think.deeper", parent: "r.think", name: "deeper", attributes: [], at: 70 },
  {
    key: "r.deep.tool",
    parent: "r.think.deeper",
    name: "execute_tool fetch",
    attributes: tool("fetch"),
    at: 80,
    error: true,
  },
  { key: "a.chat", parent: "stepA", name: "chat gpt-4o-mini", attributes: chat("gpt-4o-mini", 200, 30), at: 90 },
  { key: "a.tool", parent: "stepA", name: "execute_tool lookup", attributes: tool("lookup"), at: 100 },
  { key: "stepB", parent: "root", name: "review step", attributes: [], at: 110 },
  { key: "b.sub", parent: "stepB", name: "review sub-step", attributes: [], at: 120 },
  ...Array.from({ length: 6 }, (_, i) => ({
    key: `b.sub.chat${i}`,
    parent: "b.sub",
    name: "chat reviewer",
    attributes: chat("gpt-4o-mini", 50 + i, 5 + i, 0.1 + i * 0.000000001),
    at: 130 + i,
  })),
  { key: "root.chat", parent: "root", name: "chat gpt-4o", attributes: chat("gpt-4o", 300, 40), at: 150 },
  { key: "writer", parent: "root", name: "invoke_agent writer", attributes: agentRun("writer"), at: 160 },
  { key: "w.chat", parent: "writer", name: "chat gpt-4o", attributes: chat("gpt-4o", 90, 60), at: 170 },
  { key: "w.step", parent: "writer", name: "format", attributes: [], at: 175 },
  { key: "w.step.tool", parent: "w.step", name: "execute_tool render", attributes: tool("render"), at: 180 },
  { key: "loose", parent: "never-sent", name: "chat orphan", attributes: chat("gpt-4o-mini", 7, 3), at: 190 },
];
const EXPECTED_AGENT: Record<string, string | null> = {
  root: "planner",
  stepA: "planner",
  researcher: "researcher",
  "r.chat": "researcher",
  "r.tool": "researcher",
  "r.think": "researcher",
  "r.think.chat": "researcher",
  "r.think.deeper": "researcher",
  "r.deep.tool": "researcher",
  "a.chat": "planner",
  "a.tool": "planner",
  stepB: "planner",
  "b.sub": "planner",
  ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`b.sub.chat${i}`, "planner"])),
  "root.chat": "planner",
  writer: "writer",
  "w.chat": "writer",
  "w.step": "writer",
  "w.step.tool": "writer",
  loose: null,
};

const SEED = "arrival-order";
const spansOf = () => [
  ...buildTrace(SEED, PLANNER_START, multiLevel),
  // A second, small trace in the same requests: its agent is a new one, and the planner again.
  ...buildTrace(`${SEED}:second`, PLANNER_START + 5_000, [
    { key: "root", name: "invoke_agent auditor", attributes: agentRun("auditor"), at: 0 },
    { key: "s", parent: "root", name: "check", attributes: [], at: 5 },
    { key: "s.chat", parent: "s", name: "chat gpt-4o", attributes: chat("gpt-4o", 11, 2), at: 10 },
    { key: "p", parent: "s", name: "invoke_agent planner", attributes: agentRun("planner"), at: 15 },
    { key: "p.tool", parent: "p", name: "execute_tool search", attributes: tool("search"), at: 20 },
  ]),
];

async function send(workspaceId: string, spans: OtlpSpan[]) {
  const result = await ingestOtlp({ workspaceId, request: exportRequest(spans) });
  expect(result.rejected).toEqual([]);
  expect(result.accepted).toBe(spans.length);
}

// A seeded shuffle, so a failure replays.
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

async function sendInOrder(batches: OtlpSpan[][]) {
  const ws = await createWorkspace();
  for (const batch of batches) await send(ws.id, batch);
  return snapshot(ws.id);
}

const Decimal = PrismaNS.Decimal;
const sum = (values: (string | null)[]) => values.reduce((n, v) => n.plus(v ?? 0), new Decimal(0)).toFixed(9);

describe("arrival order", () => {
  const spans = spansOf();
  const roots = new Set(spans.filter((s) => !s.parentSpanId).map((s) => s.spanId));
  let reference: Awaited<ReturnType<typeof snapshot>> | undefined;
  const parentFirst = async () => (reference ??= await sendInOrder(chunks(spans, 4)));

  it("parent-first gives each span its nearest agent, and roll-ups and usage that add up", async () => {
    const snap = await parentFirst();
    const ids = new Map(multiLevel.map((n) => [hex(`${SEED}:${n.key}`, 8), n.key]));
    for (const span of snap.spans) {
      const key = ids.get(span.spanId);
      if (key === undefined) continue;
      expect([key, span.agentExternalId]).toEqual([key, EXPECTED_AGENT[key]]);
      const own = multiLevel.find((n) => n.key === key)!.attributes.some((a) => a.key === "gen_ai.agent.name");
      expect([key, span.agentInherited]).toEqual([key, !own && EXPECTED_AGENT[key] !== null]);
    }
    expect(snap.agents.map((a) => a[0])).toEqual(["auditor", "planner", "researcher", "writer"]);
    const traceNamed = (name: string) => snap.traces.find((t) => t.name === name)!;
    expect(traceNamed("invoke_agent planner").agentNames).toEqual(["planner", "researcher", "writer"]);
    expect(traceNamed("invoke_agent auditor").agentNames).toEqual(["auditor", "planner"]);
    // Usage falls on both sides of midnight, and only the orphan's stays without an agent.
    expect(new Set(snap.usage.map((u) => (u as unknown as { day: string }).day)).size).toBe(2);
    expect(snap.usage.filter((u) => u.agentExternalId === "").map((u) => u.spanCount)).toEqual([1]);
    // Money and tokens agree exactly across spans, traces and days.
    const spanCost = sum(snap.spans.map((s) => s.costUsd));
    expect(sum(snap.traces.map((t) => t.costUsd))).toBe(spanCost);
    expect(sum(snap.usage.map((u) => u.costUsd))).toBe(spanCost);
    expect(snap.usage.reduce((n, u) => n + u.spanCount, 0)).toBe(spans.length);
    const tokens = (xs: { inputTokens: string }[]) => xs.reduce((n, x) => n + BigInt(x.inputTokens), 0n);
    expect(tokens(snap.usage)).toBe(tokens(snap.traces));
  });

  it("children-first (reverse topological order) gives the same", async () => {
    expect(await sendInOrder(chunks([...spans].reverse(), 4))).toEqual(await parentFirst());
  });

  it("one span per request, every parent after its children, gives the same", async () => {
    expect(await sendInOrder([...spans].reverse().map((s) => [s]))).toEqual(await parentFirst());
  });

  it("parents last (every descendant stored, then the roots alone) gives the same", async () => {
    const rest = spans.filter((s) => !roots.has(s.spanId));
    const last = spans.filter((s) => roots.has(s.spanId));
    expect(await sendInOrder([...chunks(shuffle(rest, 7), 5), last])).toEqual(await parentFirst());
  });

  it.each([1, 2, 3, 4])("shuffled into uneven requests, some spans twice, gives the same (seed %i)", async (seed) => {
    const shuffled = shuffle(spans, seed);
    const batches = [shuffled.slice(0, 3), shuffled.slice(3, 11), shuffled.slice(11, 12), shuffled.slice(12)];
    expect(await sendInOrder([...shuffle(batches, seed + 10), shuffled.slice(4, 14)])).toEqual(await parentFirst());
  });

  it("concurrent requests in any order give the same", async () => {
    const expected = await parentFirst();
    for (const seed of [5, 6]) {
      const ws = await createWorkspace();
      await Promise.all(chunks(shuffle(spans, seed), 5).map((batch) => send(ws.id, batch)));
      expect(await snapshot(ws.id)).toEqual(expected);
    }
  });
});

describe("money", () => {
  it("sums costs exactly, with no float drift, in any arrival order", async () => {
    // 20 × 1,234,567.123456789 = 24,691,342.469135780; summed as floats it is …469135769.
    const nodes: Node[] = [
      { key: "root", name: "invoke_agent spender", attributes: agentRun("spender"), at: 0 },
      ...Array.from({ length: 20 }, (_, i) => ({
        key: `c${i}`,
        parent: "root",
        name: "chat",
        attributes: chat("gpt-4o", 1, 1, 1234567.123456789),
        at: 1 + i,
      })),
    ];
    const spans = buildTrace("money", Date.UTC(2026, 10, 20, 12), nodes);
    for (const batches of [[spans], [spans.slice(1), spans.slice(0, 1)]]) {
      const ws = await createWorkspace();
      for (const batch of batches) await send(ws.id, batch);
      const snap = await snapshot(ws.id);
      expect(snap.traces[0]!.costUsd).toBe("24691342.46913578");
      expect(snap.usage.map((u) => [u.agentExternalId, u.model, u.costUsd])).toEqual([
        ["spender", "", "0"],
        ["spender", "gpt-4o", "24691342.46913578"],
      ]);
    }
  });
});

describe("concurrent writers of the same usage rows", () => {
  it("both succeed when two requests touch the same agents and daily usage keys in opposite orders", async () => {
    const ws = await createWorkspace();
    const keys = Array.from({ length: 200 }, (_, i) => String(i).padStart(3, "0"));
    const at = Date.UTC(2026, 10, 21, 9);
    const request = (round: number, side: string, order: string[]) =>
      order.flatMap((k, i) =>
        buildTrace(`deadlock:${round}:${side}:${k}`, at + i, [
          { key: "agent", name: `invoke_agent agent-${k}`, attributes: agentRun(`agent-${k}`), at: 0 },
          { key: "call", parent: "agent", name: "chat", attributes: chat(`model-${k}`, 10, 1), at: 1 },
        ]),
      );
    const rounds = 10;
    for (let round = 0; round < rounds; round++) {
      await Promise.all([
        send(ws.id, request(round, "a", keys)),
        send(ws.id, request(round, "b", [...keys].reverse())),
      ]);
    }
    const usage = await db().usageDaily.findMany({ where: { workspaceId: ws.id } });
    expect(usage).toHaveLength(keys.length * 2);
    for (const u of usage) expect(u.spanCount).toBe(rounds * 2);
    await expectRollupsAgree(ws.id);
    expect(await db().agent.count({ where: { workspaceId: ws.id } })).toBe(keys.length);
  });

  it.runIf(process.env.TEST_DB === "postgres")(
    "retries a transaction PostgreSQL aborted as a deadlock victim",
    async () => {
      const ws = await createWorkspace();
      const day = new Date(Date.UTC(2026, 10, 22));
      for (const model of ["a", "b"]) {
        await db().usageDaily.create({ data: { workspaceId: ws.id, day, model } });
      }
      // Each transaction locks one row, waits until the other holds its row, then wants the other's.
      let arrived = 0;
      let release: () => void = () => {};
      const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
      let attempts = 0;
      const bump = (first: string, second: string) =>
        retryOnConflict(() =>
          database().sqlTransaction(async (tx) => {
            attempts++;
            const lock = (model: string) =>
              tx.query(
                `UPDATE "UsageDaily" SET "spanCount" = "spanCount" + 1 WHERE "workspaceId" = $1 AND "day" = $2 AND "model" = $3`,
                [ws.id, day, model],
              );
            await lock(first);
            if (++arrived === 2) release();
            await bothHoldOne;
            await lock(second);
          }),
        );
      await Promise.all([bump("a", "b"), bump("b", "a")]);
      expect(attempts).toBe(3);
      const rows = await db().usageDaily.findMany({ where: { workspaceId: ws.id }, orderBy: { model: "asc" } });
      expect(rows.map((r) => r.spanCount)).toEqual([2, 2]);
    },
  );
});

describe("a late parent over many stored descendants", () => {
  it("attributes 5,000 descendants sent children-first, then their agent, with exact roll-ups and usage", async () => {
    const ws = await createWorkspace();
    // The agent's run: steps (no agent of their own), each with a few model and tool calls.
    const nodes: Node[] = [{ key: "root", name: "invoke_agent long-run", attributes: agentRun("long-run"), at: 0 }];
    let input = 0;
    for (let step = 0; nodes.length < 5001; step++) {
      const stepKey = `step${step}`;
      const calls: Node[] = [];
      for (let c = 0; c < 9 && nodes.length + calls.length + 1 < 5001; c++) {
        const key = `${stepKey}.${c}`;
        if (c % 2 === 0) {
          input += 100 + c;
          calls.push({ key, parent: stepKey, name: "chat", attributes: chat("gpt-4o-mini", 100 + c, 10), at: 1 });
        } else calls.push({ key, parent: stepKey, name: "execute_tool lookup", attributes: tool("lookup"), at: 1 });
      }
      // As an SDK exports them: the calls end (and are sent) before their step.
      nodes.push(...calls, { key: stepKey, parent: "root", name: `step ${step}`, attributes: [], at: 1 });
    }
    const [root, ...descendants] = buildTrace("late-parent-5000", Date.UTC(2026, 10, 23, 8), nodes);
    for (const batch of chunks(descendants, 100)) await send(ws.id, batch);
    const waiting = await db().span.count({ where: { workspaceId: ws.id, agentExternalId: null } });
    expect(waiting).toBe(5000);
    await send(ws.id, [root!]);

    const byAgent = await db().span.groupBy({ by: ["agentExternalId"], where: { workspaceId: ws.id }, _count: true });
    expect(byAgent.map((g) => [g.agentExternalId, g._count])).toEqual([["long-run", 5001]]);
    const trace = await db().trace.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(trace).toMatchObject({ spanCount: 5001, agentNames: ["long-run"], name: "invoke_agent long-run" });
    expect(trace.inputTokens).toBe(BigInt(input));
    const usage = await db().usageDaily.findMany({ where: { workspaceId: ws.id }, orderBy: { model: "asc" } });
    expect(usage.map((u) => [u.agentExternalId, u.model, u.spanCount])).toEqual([
      ["long-run", "", 5001 - usage[1]!.spanCount],
      ["long-run", "gpt-4o-mini", usage[1]!.spanCount],
    ]);
    expect(usage.reduce((n, u) => n + u.inputTokens, 0n)).toBe(BigInt(input));
    expect(usage.reduce((n, u) => n.plus(u.costUsd), new Decimal(0)).toFixed(9)).toBe(trace.costUsd.toFixed(9));
    // The usage the root's arrival moved left no empty row in any roll-up, and they all agree.
    await expectRollupsAgree(ws.id);
  }, 180_000);
});
