import { describe, expect, it } from "vitest";
import { allParents, buildSpanTree, searchTree, visibleRows, withAncestors } from "../../lib/traces/tree";
import { barFor, timeAxis, zoomAxis } from "../../lib/traces/timeline";

const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 12, 0, s)).toISOString();
const span = (spanId: string, parentSpanId: string | null, start: number, end = start + 1) => ({
  spanId,
  parentSpanId,
  startTime: at(start),
  endTime: at(end),
});

describe("span tree", () => {
  it("orders children by start and flattens depth-first", () => {
    const tree = buildSpanTree([span("c", "a", 5), span("a", null, 0, 10), span("b", "a", 2), span("d", "b", 3)]);
    const rows = visibleRows(tree, new Set());
    expect(rows.map((r) => [tree.spans[r.index]!.spanId, r.depth, r.hasChildren])).toEqual([
      ["a", 0, true],
      ["b", 1, true],
      ["d", 2, false],
      ["c", 1, false],
    ]);
  });
  it("hides the descendants of collapsed spans; collapse-all leaves the roots", () => {
    const tree = buildSpanTree([span("a", null, 0, 10), span("b", "a", 2), span("d", "b", 3), span("c", "a", 5)]);
    expect(visibleRows(tree, new Set(["b"])).map((r) => tree.spans[r.index]!.spanId)).toEqual(["a", "b", "c"]);
    expect(visibleRows(tree, allParents(tree)).map((r) => tree.spans[r.index]!.spanId)).toEqual(["a"]);
  });
  it("shows spans whose parent is missing as top-level orphans", () => {
    const tree = buildSpanTree([span("a", null, 0), span("x", "gone", 1), span("y", "x", 2)]);
    expect(tree.roots.map((i) => tree.spans[i]!.spanId)).toEqual(["a", "x"]);
    expect([...tree.orphans].map((i) => tree.spans[i]!.spanId)).toEqual(["x"]);
    expect(visibleRows(tree, new Set())).toHaveLength(3);
  });
  it("breaks cycles instead of looping", () => {
    const tree = buildSpanTree([span("p", "q", 0), span("q", "p", 1), span("s", "s", 2)]);
    const rows = visibleRows(tree, new Set());
    expect(rows.map((r) => tree.spans[r.index]!.spanId).sort()).toEqual(["p", "q", "s"]);
  });
  it("filters to picked spans and the ancestors that place them", () => {
    const tree = buildSpanTree([
      span("a", null, 0, 10),
      span("b", "a", 1),
      span("c", "b", 2),
      span("d", "a", 3),
      span("e", "d", 4),
    ]);
    const { keep, picked } = withAncestors(tree, (s) => s.spanId === "c" || s.spanId === "d");
    expect(picked).toBe(2);
    const rows = visibleRows(tree, new Set(), keep);
    expect(rows.map((r) => [tree.spans[r.index]!.spanId, r.depth, r.hasChildren])).toEqual([
      ["a", 0, true],
      ["b", 1, true],
      ["c", 2, false],
      ["d", 1, false],
    ]);
    expect(visibleRows(tree, new Set(), withAncestors(tree, () => false).keep)).toEqual([]);
  });
  it("handles a 100,000-span chain without recursion", () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => span(`s${i}`, i === 0 ? null : `s${i - 1}`, 0));
    const tree = buildSpanTree(spans);
    const rows = visibleRows(tree, new Set());
    expect(rows).toHaveLength(100_000);
    expect(rows.at(-1)!.depth).toBe(99_999);
  });
});

describe("timeline geometry", () => {
  it("places bars on the shared axis", () => {
    const spans = [span("a", null, 0, 10), span("b", "a", 5, 7)];
    const axis = timeAxis(spans);
    expect(barFor(spans[0]!, axis)).toEqual({ leftPct: 0, widthPct: 100, durationMs: 10_000, visible: true });
    expect(barFor(spans[1]!, axis)).toEqual({ leftPct: 50, widthPct: 20, durationMs: 2000, visible: true });
  });
  it("keeps zero-length and open spans visible and inside the axis", () => {
    const axis = timeAxis([span("a", null, 0, 10)]);
    const instant = barFor({ startTime: at(10), endTime: at(10) }, axis);
    expect(instant.widthPct).toBeCloseTo(0.3);
    expect(instant.leftPct + instant.widthPct).toBeLessThanOrEqual(100);
    expect(barFor({ startTime: at(3), endTime: null }, axis).durationMs).toBeNull();
  });
});

describe("search and zoom", () => {
  const named = (spanId: string, parentSpanId: string | null, name: string, start: number, end: number) => ({
    ...span(spanId, parentSpanId, start, end),
    name,
    agentExternalId: spanId === "b" ? "refund-agent" : null,
    model: spanId === "d" ? "gpt-4o" : null,
  });
  const tree = buildSpanTree([
    named("a", null, "root", 0, 10),
    named("b", "a", "invoke refund", 2, 8),
    named("d", "b", "chat", 3, 4),
    named("c", "a", "lookup", 9, 10),
  ]);
  it("finds spans by name, agent or model, with the ancestors to expand", () => {
    expect(searchTree(tree, "GPT-4O")).toEqual({ matches: new Set(["d"]), ancestors: new Set(["b", "a"]) });
    expect(searchTree(tree, "refund").matches).toEqual(new Set(["b"]));
    expect(searchTree(tree, "  ").matches.size).toBe(0);
  });
  it("finds an agent's spans by its name too, given the names", () => {
    expect(searchTree(tree, "refunds desk").matches.size).toBe(0);
    const names = new Map([["refund-agent", "Refunds desk"]]);
    expect(searchTree(tree, "refunds desk", names).matches).toEqual(new Set(["b"]));
    expect(searchTree(tree, "refund-agent", names).matches).toEqual(new Set(["b"]));
  });
  it("zooms the axis to a span and hides what falls outside", () => {
    const axis = zoomAxis(tree.spans[1]!); // 2 s … 8 s
    expect(barFor(tree.spans[2]!, axis)).toMatchObject({ visible: true, leftPct: (1 / 6) * 100 });
    expect(barFor(tree.spans[3]!, axis).visible).toBe(false);
    expect(barFor(tree.spans[0]!, axis)).toMatchObject({ visible: true, leftPct: 0, widthPct: 100 });
  });
});
