// The trace list's search finds what people type: a trace id's beginning, an agent, a tool, a
// model, a word in any span's name — several words all at once — in any case, and nothing else.
import { describe, expect, it } from "vitest";
import { ingestNative } from "../../lib/ingest/ingest-native";
import { listTraces } from "../../lib/traces/queries";
import { createWorkspace } from "../factories";

const T1 = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const T2 = "ffee0000111122223333444455556666";

function span(traceId: string, spanId: string, parentSpanId: string | null, name: string, extra: object = {}) {
  return {
    id: `${traceId}:${spanId}`,
    type: "span" as const,
    body: { traceId, spanId, parentSpanId, name, startTime: Date.now() - 5000, endTime: Date.now() - 4000, ...extra },
  };
}

describe("trace search", () => {
  it("finds traces by id prefix, agent, tool, model and words in span names, ANDing words", async () => {
    const ws = await createWorkspace();
    // The second trace arrives children first: its agent is known only when its root lands.
    const items = [
      span(T1, "1000000000000001", null, "invoke_agent Refund Desk", { kind: "agent", agent: "refund-desk" }),
      span(T1, "1000000000000002", "1000000000000001", "chat gpt-4o-mini", { kind: "llm", model: "gpt-4o-mini" }),
      span(T1, "1000000000000003", "1000000000000001", "issue_refund", { kind: "tool" }),
    ];
    await ingestNative({ workspaceId: ws.id, items });
    await ingestNative({
      workspaceId: ws.id,
      items: [span(T2, "2000000000000002", "2000000000000001", "lookup_vendor", { kind: "tool" })],
    });
    await ingestNative({
      workspaceId: ws.id,
      items: [span(T2, "2000000000000001", null, "invoke_agent purchaser", { kind: "agent", agent: "purchaser" })],
    });
    const search = async (q: string) =>
      (await listTraces({ workspaceId: ws.id, query: { q } })).data.map((t) => t.traceId).sort();

    expect(await search("a1b2c3d4")).toEqual([T1]);
    expect(await search("FFEE")).toEqual([T2]);
    expect(await search("refund-desk")).toEqual([T1]);
    expect(await search("purchaser")).toEqual([T2]); // the agent revealed by a late root
    expect(await search("issue_refund")).toEqual([T1]); // a tool, typed whole
    expect(await search("refund")).toEqual([T1]); // a word in its name
    expect(await search("GPT-4O-MINI")).toEqual([T1]);
    expect(await search("vendor")).toEqual([T2]); // a child's name, not the root's
    expect(await search("invoke_agent")).toEqual([T1, T2]);
    expect(await search("invoke_agent purchaser")).toEqual([T2]);
    expect(await search("refund purchaser")).toEqual([]);
    expect(await search("no-such-thing")).toEqual([]);
    expect(await search("x")).toEqual([]); // too short to be a term
    // Another workspace's traces are not found.
    const other = await createWorkspace();
    expect((await listTraces({ workspaceId: other.id, query: { q: "refund" } })).data).toEqual([]);
  });
});
