import { describe, expect, it } from "vitest";
import { POST } from "../../app/api/public/otel/v1/traces/route";
import { ingestSnapshot as snapshot } from "../ingest-snapshot";
import { createKey, createWorkspace } from "../factories";
import { exportRequest, makeTrace, type OtlpSpan } from "../otlp-fixtures";

async function send(secret: string, spans: OtlpSpan[]) {
  const response = await POST(
    new Request("http://arbiter.test/api/public/otel/v1/traces", {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify(exportRequest(spans)),
    }),
  );
  expect(response.status).toBe(200);
  return response.json();
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

describe("idempotent, order-independent storage", () => {
  const trace = makeTrace({ seed: "idempotency", spans: 61 });

  it("stores one export once; usage and roll-ups add up", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    await send(secret, trace.spans);
    const snap = await snapshot(ws.id);
    expect(snap.spans).toHaveLength(trace.spans.length);
    expect(snap.traces[0]).toMatchObject({
      spanCount: trace.spans.length,
      errorCount: 1,
      name: "invoke_agent planner",
    });
    const usageSpans = snap.usage.reduce((n: number, u: { spanCount: number }) => n + u.spanCount, 0);
    expect(usageSpans).toBe(trace.spans.length);
    const tokens = snap.usage.reduce((n: bigint, u: { inputTokens: string }) => n + BigInt(u.inputTokens), 0n);
    expect(tokens.toString()).toBe(snap.traces[0]!.inputTokens);
  });

  it("leaves identical spans, roll-ups and usage when the same export is sent twice", async () => {
    const once = await createWorkspace();
    const twice = await createWorkspace();
    const k1 = await createKey({ workspaceId: once.id, scopes: ["ingest"] });
    const k2 = await createKey({ workspaceId: twice.id, scopes: ["ingest"] });
    await send(k1.secret, trace.spans);
    await send(k2.secret, trace.spans);
    await send(k2.secret, trace.spans);
    expect(await snapshot(twice.id)).toEqual(await snapshot(once.id));
  });

  it.each([1, 2, 3])(
    "leaves identical results when the trace is split across requests in random order (seed %i)",
    async (seed) => {
      const whole = await createWorkspace();
      const split = await createWorkspace();
      const k1 = await createKey({ workspaceId: whole.id, scopes: ["ingest"] });
      const k2 = await createKey({ workspaceId: split.id, scopes: ["ingest"] });
      await send(k1.secret, trace.spans);
      // Children usually arrive before their parents here, and some spans twice.
      const shuffled = shuffle(trace.spans, seed);
      const chunks = [shuffled.slice(0, 7), shuffled.slice(7, 20), shuffled.slice(20, 21), shuffled.slice(21)];
      for (const chunk of shuffle(chunks, seed + 10)) await send(k2.secret, chunk);
      await send(k2.secret, shuffled.slice(5, 15));
      expect(await snapshot(split.id)).toEqual(await snapshot(whole.id));
    },
  );

  it("keeps concurrent re-sends of one trace exact", async () => {
    const ws = await createWorkspace();
    const reference = await createWorkspace();
    const k = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    const r = await createKey({ workspaceId: reference.id, scopes: ["ingest"] });
    await send(r.secret, trace.spans);
    await Promise.all([
      send(k.secret, trace.spans),
      send(k.secret, trace.spans.slice(10)),
      send(k.secret, trace.spans),
    ]);
    expect(await snapshot(ws.id)).toEqual(await snapshot(reference.id));
  });
});

describe("workspace isolation", () => {
  it("writes only into the key's workspace, even for a trace id another workspace has", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const ka = await createKey({ workspaceId: a.id, scopes: ["ingest"] });
    const kb = await createKey({ workspaceId: b.id, scopes: ["ingest"] });
    const trace = makeTrace({ seed: "isolation", spans: 10 });
    await send(kb.secret, trace.spans);
    const before = await snapshot(b.id);
    const altered = trace.spans.map((s) => ({ ...s, name: `${s.name} (from A)` }));
    await send(ka.secret, altered);
    expect(await snapshot(b.id)).toEqual(before);
    expect((await snapshot(a.id)).spans.every((s: { name: string }) => s.name.endsWith("(from A)"))).toBe(true);
  });
});
