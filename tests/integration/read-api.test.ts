import { describe, expect, it } from "vitest";
import { POST as otlp } from "../../app/api/public/otel/v1/traces/route";
import { POST as nativeIngest } from "../../app/api/v1/ingest/route";
import { GET as listTraces } from "../../app/api/v1/traces/route";
import { GET as getTrace } from "../../app/api/v1/traces/[traceId]/route";
import { GET as getSpan } from "../../app/api/v1/traces/[traceId]/spans/[spanId]/route";
import { GET as getSpanTable } from "../../app/api/v1/traces/[traceId]/spans/route";
import { agentNamesOf, fromSpanTable } from "../../lib/traces/compact";
import { getTraceSummary, traceFacets } from "../../lib/traces/queries";
import { db } from "../../lib/db";
import { createKey, createWorkspace } from "../factories";
import { exportRequest, makeTrace } from "../otlp-fixtures";

const base = "http://arbiter.test";
const get = <P>(
  handler: (r: Request, c: { params: Promise<P> }) => Promise<Response>,
  path: string,
  secret: string,
  params: P,
) =>
  handler(new Request(`${base}${path}`, { headers: { authorization: `Bearer ${secret}` } }), {
    params: Promise.resolve(params),
  });

async function seed() {
  const ws = await createWorkspace();
  const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest", "read"] });
  const traces = [0, 1, 2, 3, 4].map((i) =>
    makeTrace({ seed: `read-${ws.id}-${i}`, spans: i === 0 ? 1 : 7, startMs: Date.UTC(2026, 10, 20, 10 + i) }),
  );
  for (const t of traces) {
    const response = await otlp(
      new Request(`${base}/api/public/otel/v1/traces`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify(exportRequest(t.spans)),
      }),
    );
    expect(response.status).toBe(200);
  }
  return { ws, secret, traces };
}

describe("read API", () => {
  it("lists traces newest first with filters and cursor pagination", async () => {
    const { secret, traces } = await seed();
    const all = await (await get(listTraces, "/api/v1/traces", secret, {})).json();
    expect(all.data.map((t: { traceId: string }) => t.traceId)).toEqual([...traces].reverse().map((t) => t.traceId));
    expect(all.nextCursor).toBeNull();

    const errors = await (await get(listTraces, "/api/v1/traces?status=ERROR", secret, {})).json();
    expect(errors.data).toHaveLength(4); // every trace with workers has one failing tool
    const byAgent = await (await get(listTraces, "/api/v1/traces?agent=researcher-1", secret, {})).json();
    expect(byAgent.data).toHaveLength(4);
    const byModel = await (await get(listTraces, "/api/v1/traces?model=claude-3-5-haiku-latest", secret, {})).json();
    expect(byModel.data).toHaveLength(0); // 7 spans = 2 workers: gpt-4o and gpt-4o-mini
    const window = await (
      await get(listTraces, "/api/v1/traces?from=2026-11-20T11:00:00Z&to=2026-11-20T13:00:00Z", secret, {})
    ).json();
    expect(window.data).toHaveLength(2);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { traceId: string }[]; nextCursor: string | null } = await (
        await get(listTraces, `/api/v1/traces?limit=2${cursor ? `&cursor=${cursor}` : ""}`, secret, {})
      ).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((t) => t.traceId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.data.map((t: { traceId: string }) => t.traceId));
  });

  it("sorts by any column either way, paging with cursors, and filters by cost, duration and text", async () => {
    const { secret, traces } = await seed();
    type Row = {
      traceId: string;
      name: string | null;
      durationMs: number | null;
      costUsd: string;
      spanCount: number;
      totalTokens: string;
      startTime: string;
    };
    const all: Row[] = (await (await get(listTraces, "/api/v1/traces", secret, {})).json()).data;
    const keyOf = {
      durationMs: (r: Row) => r.durationMs ?? -1,
      costUsd: (r: Row) => Number(r.costUsd),
      spanCount: (r: Row) => r.spanCount,
      totalTokens: (r: Row) => Number(r.totalTokens),
      startTime: (r: Row) => Date.parse(r.startTime),
    };
    for (const sort of Object.keys(keyOf) as (keyof typeof keyOf)[]) {
      for (const order of ["asc", "desc"] as const) {
        type Page = { data: Row[]; nextCursor: string | null; prevCursor: string | null };
        const seen: Row[] = [];
        let cursor: string | null = null;
        let last: Page;
        do {
          last = await (
            await get(
              listTraces,
              `/api/v1/traces?limit=2&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ""}`,
              secret,
              {},
            )
          ).json();
          seen.push(...last.data);
          cursor = last.nextCursor;
        } while (cursor);
        // And back up from the last page with "previous": the same rows, page by page, to the first.
        const back: Row[] = [...last.data];
        let before = last.prevCursor;
        while (before) {
          const page: Page = await (
            await get(listTraces, `/api/v1/traces?limit=2&sort=${sort}&order=${order}&before=${before}`, secret, {})
          ).json();
          back.unshift(...page.data);
          before = page.prevCursor;
        }
        expect(
          back.map((r) => r.traceId),
          `back ${sort} ${order}`,
        ).toEqual(seen.map((r) => r.traceId));
        expect(seen.map((r) => r.traceId).sort(), `${sort} ${order}`).toEqual(all.map((r) => r.traceId).sort());
        const keys = seen.map(keyOf[sort]);
        const sorted = [...keys].sort((a, b) => (order === "asc" ? a - b : b - a));
        expect(keys, `${sort} ${order}`).toEqual(sorted);
      }
    }
    // A cursor only continues the order it was issued for.
    const first = await (await get(listTraces, "/api/v1/traces?limit=1&sort=costUsd", secret, {})).json();
    expect(
      (await get(listTraces, `/api/v1/traces?limit=1&sort=spanCount&cursor=${first.nextCursor}`, secret, {})).status,
    ).toBe(400);

    const priciest = Math.max(...all.map((r) => Number(r.costUsd)));
    const costly = await (await get(listTraces, `/api/v1/traces?minCost=${priciest}`, secret, {})).json();
    expect(costly.data.map((r: Row) => Number(r.costUsd))).toEqual(
      all.filter((r) => Number(r.costUsd) >= priciest).map((r) => Number(r.costUsd)),
    );
    const slowest = Math.max(...all.map((r) => r.durationMs ?? 0));
    const slow = await (await get(listTraces, `/api/v1/traces?minDurationMs=${slowest}`, secret, {})).json();
    expect(slow.data.length).toBeGreaterThan(0);
    expect(slow.data.every((r: Row) => (r.durationMs ?? 0) >= slowest)).toBe(true);
    const target = traces[3]!;
    const byId = await (await get(listTraces, `/api/v1/traces?q=${target.traceId.toUpperCase()}`, secret, {})).json();
    expect(byId.data.map((r: Row) => r.traceId)).toEqual([target.traceId]);
    // A word of a span's name finds its traces, whatever the case (every trace whose root is named with it).
    const words = (n: string | null) => (n ?? "").toLowerCase().split(/[^\p{L}\p{N}]+/u);
    const word = words(all[0]!.name).find((w) => w.length >= 3)!;
    const byName = await (
      await get(listTraces, `/api/v1/traces?q=${encodeURIComponent(word.toUpperCase())}`, secret, {})
    ).json();
    const found = new Set(byName.data.map((r: Row) => r.traceId));
    const named = all.filter((r) => words(r.name).includes(word));
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((r) => found.has(r.traceId))).toBe(true);
    expect((await (await get(listTraces, "/api/v1/traces?q=no-such-name-anywhere", secret, {})).json()).data).toEqual(
      [],
    );
  });

  it("refuses bad filters and cursors with 400", async () => {
    const { secret } = await seed();
    for (const q of [
      "status=BROKEN",
      "limit=0",
      "limit=1000",
      "from=yesterday",
      "cursor=bm9wZQ",
      "sort=name",
      "order=sideways",
      "minCost=-1",
      "minDurationMs=abc",
      `q=${"x".repeat(201)}`,
      `cursor=${Buffer.from(JSON.stringify(["startTime", "desc", "not a date", "0".repeat(32)])).toString("base64url")}`,
      `cursor=${Buffer.from(JSON.stringify(["costUsd", "desc", "1e999x", "0".repeat(32)])).toString("base64url")}&sort=costUsd`,
    ]) {
      const response = await get(listTraces, `/api/v1/traces?${q}`, secret, {});
      expect(response.status, q).toBe(400);
    }
  });

  it("returns a trace without bodies, and one span in full", async () => {
    const { secret, traces } = await seed();
    const t = traces[2]!;
    const trace = await (await get(getTrace, `/api/v1/traces/${t.traceId}`, secret, { traceId: t.traceId })).json();
    expect(trace).toMatchObject({ traceId: t.traceId, spanCount: 7 });
    expect(trace.spans).toHaveLength(7);
    expect(trace.spans[0]).not.toHaveProperty("input");
    expect(trace.spans[0]).not.toHaveProperty("attributes");
    const llm = trace.spans.find((s: { kind: string }) => s.kind === "LLM");
    expect(llm).toMatchObject({ model: "gpt-4o", inputTokens: "100", agentExternalId: "researcher-0" });
    const span = await (
      await get(getSpan, `/api/v1/traces/${t.traceId}/spans/${llm.spanId}`, secret, {
        traceId: t.traceId,
        spanId: llm.spanId,
      })
    ).json();
    expect(span.attributes).toMatchObject({ "gen_ai.request.model": "gpt-4o" });
    expect(span.costSource).toBe("computed");
  });

  it("returns all of a trace's spans as a compact table that decodes to the same spans", async () => {
    const { secret, traces } = await seed();
    const t = traces[4]!;
    const trace = await (await get(getTrace, "/x", secret, { traceId: t.traceId })).json();
    const response = await get(getSpanTable, "/x", secret, { traceId: t.traceId });
    expect(response.headers.get("content-type")).toContain("application/json");
    const table = await response.json();
    expect(table.traceId).toBe(t.traceId);
    const spans = fromSpanTable(table).sort((a, b) => a.startTime - b.startTime || a.spanId.localeCompare(b.spanId));
    expect(spans).toHaveLength(7);
    type Full = {
      spanId: string;
      startTime: string;
      endTime: string | null;
      kind: string;
      costUsd: string | null;
      inputTokens: string | null;
      agentExternalId: string | null;
    };
    for (const [i, full] of (trace.spans as Full[]).entries()) {
      const compact = spans[i]!;
      expect(compact).toMatchObject({ spanId: full.spanId, kind: full.kind, agentExternalId: full.agentExternalId });
      expect(compact.inputTokens).toBe(full.inputTokens === null ? null : Number(full.inputTokens));
      expect(compact.costUsd).toBe(full.costUsd === null ? null : Number(full.costUsd));
      // Compact times keep the database's microseconds; the ISO strings stop at milliseconds.
      expect(Math.abs(compact.startTime - Date.parse(full.startTime))).toBeLessThan(1);
      expect(full.endTime).not.toBeNull();
      expect(Math.abs(compact.endTime! - Date.parse(full.endTime!))).toBeLessThan(1);
    }
    const other = await createWorkspace();
    const { secret: otherSecret } = await createKey({ workspaceId: other.id, scopes: ["read"] });
    expect((await get(getSpanTable, "/x", otherSecret, { traceId: t.traceId })).status).toBe(404);
    expect((await get(getSpanTable, "/x", secret, { traceId: "zz" })).status).toBe(400);
  });

  it("names each trace's agents, from this workspace's agents only", async () => {
    const { ws, secret, traces } = await seed();
    const t = traces[4]!;
    await db().agent.updateMany({
      where: { workspaceId: ws.id, externalId: "researcher-1" },
      data: { name: "Researcher" },
    });
    // Another workspace's agent of the same id, under another name, stays out of it.
    const other = await createWorkspace();
    await db().agent.create({ data: { workspaceId: other.id, externalId: "researcher-1", name: "Not ours" } });

    const list = await (await get(listTraces, "/api/v1/traces?agent=researcher-1", secret, {})).json();
    const row = list.data.find((r: { traceId: string }) => r.traceId === t.traceId);
    expect(row.agents).toHaveLength(row.agentNames.length);
    expect(row.agents).toContainEqual({ externalId: "researcher-1", name: "Researcher" });
    const table = await (await get(getSpanTable, "/x", secret, { traceId: t.traceId })).json();
    expect(agentNamesOf(table).get("researcher-1")).toBe("Researcher");
    expect([...agentNamesOf(table).keys()].sort()).toEqual([...row.agentNames].sort());
    const summary = await getTraceSummary({ workspaceId: ws.id, traceId: t.traceId });
    expect(summary.agents).toContainEqual({ externalId: "researcher-1", name: "Researcher" });
    const facets = await traceFacets({ workspaceId: ws.id });
    expect(facets.agents).toContainEqual({ externalId: "researcher-1", name: "Researcher" });
    expect(facets.agents.map((a) => a.name)).not.toContain("Not ours");
  });

  it("answers 404 for another workspace's trace and 400 for malformed ids", async () => {
    const { traces } = await seed();
    const other = await createWorkspace();
    const { secret: otherSecret } = await createKey({ workspaceId: other.id, scopes: ["read"] });
    const t = traces[1]!;
    expect((await get(getTrace, "/x", otherSecret, { traceId: t.traceId })).status).toBe(404);
    expect((await get(getSpan, "/x", otherSecret, { traceId: t.traceId, spanId: t.spans[0]!.spanId })).status).toBe(
      404,
    );
    expect((await get(listTraces, "/api/v1/traces", otherSecret, {})).status).toBe(200);
    expect((await (await get(listTraces, "/api/v1/traces", otherSecret, {})).json()).data).toEqual([]);
    expect((await get(getTrace, "/x", otherSecret, { traceId: "not-hex" })).status).toBe(400);
  });

  it("needs the read scope", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    expect((await get(listTraces, "/api/v1/traces", secret, {})).status).toBe(403);
  });
});

describe("native ingest", () => {
  const post = (secret: string, body: unknown, type = "application/json") =>
    nativeIngest(
      new Request(`${base}/api/v1/ingest`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": type },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );

  it("answers each item separately (207) and stores the valid ones", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest", "read"] });
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    const response = await post(secret, {
      batch: [
        {
          id: "a",
          type: "span",
          body: {
            traceId,
            spanId: "b7ad6b7169203331",
            name: "refund",
            kind: "agent",
            agent: "refund-agent",
            startTime: "2026-11-20T10:00:00Z",
            endTime: "2026-11-20T10:00:02Z",
          },
        },
        {
          id: "b",
          type: "span",
          body: {
            traceId,
            spanId: "b7ad6b7169203332",
            parentSpanId: "b7ad6b7169203331",
            name: "chat",
            kind: "llm",
            model: "gpt-4o-mini",
            provider: "openai",
            inputTokens: 1000,
            outputTokens: 100,
            startTime: 1795168800500,
            input: [{ role: "user", content: "refund 42" }],
          },
        },
        {
          id: "c",
          type: "span",
          body: {
            traceId,
            spanId: "b7ad6b7169203333",
            parentSpanId: "b7ad6b7169203331",
            name: "issue_refund",
            kind: "tool",
            costUsd: 0.02,
            status: "error",
            statusMessage: "declined",
            startTime: 1795168801000,
          },
        },
        { id: "d", type: "span", body: { traceId, spanId: "short", name: "bad", startTime: 1 } },
        { id: "e", type: "span", body: { traceId, name: "no span id", startTime: 1 } },
        { id: "f", type: "event", body: {} },
        "not an item",
      ],
    });
    expect(response.status).toBe(207);
    const body = await response.json();
    expect(body.successes.map((s: { id: string }) => s.id)).toEqual(["a", "b", "c"]);
    expect(body.errors.map((e: { id: string | null; status: number }) => [e.id, e.status])).toEqual([
      ["d", 400],
      ["e", 400],
      ["f", 400],
      [null, 400],
    ]);
    const trace = await (await get(getTrace, "/x", secret, { traceId })).json();
    expect(trace).toMatchObject({ spanCount: 3, errorCount: 1, agentNames: ["refund-agent"], models: ["gpt-4o-mini"] });
    const chat = trace.spans.find((s: { name: string }) => s.name === "chat");
    expect(chat).toMatchObject({ kind: "LLM", agentExternalId: "refund-agent", costSource: "computed" });
    const tool = trace.spans.find((s: { name: string }) => s.name === "issue_refund");
    expect(tool).toMatchObject({ kind: "TOOL", costUsd: "0.02", costSource: "reported", status: "ERROR" });
  });

  it("refuses a broken envelope with 400 and a wrong content type with 415", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    expect((await post(secret, "{oops")).status).toBe(400);
    expect((await post(secret, { batch: [] })).status).toBe(400);
    expect((await post(secret, { items: [1] })).status).toBe(400);
    expect((await post(secret, "{}", "text/plain")).status).toBe(415);
  });
});
