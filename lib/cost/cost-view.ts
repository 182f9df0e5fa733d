// Pure: what the cost explorer draws, from the usage cube — the stacked spend series, the totals
// (every token kind, what caching saved, reported against computed), the top agents and models,
// the spend nobody could price, and each workspace's figures against the previous period.
// Money is summed exactly, as integer nano-dollars; the chart's numbers are the same sums rounded
// for drawing.
import { fromNanos, nanos, nanosToNumber, ratio } from "./nanos";
import type { Bucket } from "./ranges";
import type { SeriesCell, UsageCell } from "./usage-cube";

export const STACK_BY = ["agent", "model", "provider", "workspace"] as const;
export type StackBy = (typeof STACK_BY)[number];

/** Colors for the stacked series, in rank order; the rest are folded into "Other". */
export const SERIES_COLORS = [
  "#4f46e5",
  "#0891b2",
  "#16a34a",
  "#ca8a04",
  "#dc2626",
  "#9333ea",
  "#db2777",
  "#0d9488",
] as const;
export const OTHER_COLOR = "#94a3b8";
export const OTHER_KEY = "__other";

const sum = (values: Iterable<bigint>) => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};
const money = fromNanos;
const desc = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);

export interface Names {
  workspaces?: Map<string, string>;
  agents?: Map<string, string>;
}

export interface SeriesKey {
  key: string;
  label: string;
  color: string;
  /** Exact spend of this key over the range. */
  total: string;
}

export interface SeriesPoint {
  label: string;
  start: number;
  /** Spend per key, rounded to whole micro-dollars for drawing. */
  values: Record<string, number>;
  /** The same, exact. */
  exact: Record<string, string>;
  total: string;
}

export interface SpendSeries {
  keys: SeriesKey[];
  points: SeriesPoint[];
  total: string;
}

function keyOf(cell: SeriesCell, by: StackBy): string {
  switch (by) {
    case "agent":
      return `${cell.workspaceId}\u0000${cell.agent}`;
    case "model":
      return cell.model;
    case "provider":
      return cell.provider;
    case "workspace":
      return cell.workspaceId;
  }
}

function labelOf(key: string, by: StackBy, names: Names): string {
  switch (by) {
    case "agent": {
      const agent = key.slice(key.indexOf("\u0000") + 1);
      return agent === "" ? "No agent" : (names.agents?.get(agent) ?? agent);
    }
    case "model":
      return key === "" ? "No model" : key;
    case "provider":
      return key === "" ? "Unknown provider" : key;
    case "workspace":
      return names.workspaces?.get(key) ?? key;
  }
}

/**
 * Spend per bucket stacked by `by`: the `top` keys with the most spend over the range, in rank
 * order, and the rest as one "Other" series. Keys with no spend at all are left out.
 */
export function spendSeries({
  cells,
  buckets,
  by,
  names = {},
  top = SERIES_COLORS.length,
}: {
  cells: SeriesCell[];
  buckets: Bucket[];
  by: StackBy;
  names?: Names;
  top?: number;
}): SpendSeries {
  const totals = new Map<string, bigint>();
  const costs = cells.map((c) => nanos(c.cost));
  cells.forEach((c, i) => {
    const k = keyOf(c, by);
    totals.set(k, (totals.get(k) ?? 0n) + costs[i]!);
  });
  const ranked = [...totals.entries()]
    .filter(([, v]) => v !== 0n)
    .sort(([ka, a], [kb, b]) => desc(a, b) || (ka < kb ? -1 : 1));
  const shown = ranked.slice(0, top);
  const folded = ranked.slice(top);
  const shownKeys = new Set(shown.map(([k]) => k));
  const keys: SeriesKey[] = shown.map(([key, total], i) => ({
    key,
    label: labelOf(key, by, names),
    color: SERIES_COLORS[i % SERIES_COLORS.length]!,
    total: money(total),
  }));
  if (folded.length) {
    keys.push({
      key: OTHER_KEY,
      label: `Other (${folded.length})`,
      color: OTHER_COLOR,
      total: money(sum(folded.map(([, v]) => v))),
    });
  }
  const perBucket = buckets.map(() => new Map<string, bigint>());
  cells.forEach((c, i) => {
    const k = keyOf(c, by);
    const slot = shownKeys.has(k) ? k : OTHER_KEY;
    const m = perBucket[c.bucket];
    if (m) m.set(slot, (m.get(slot) ?? 0n) + costs[i]!);
  });
  const points = buckets.map((b, i) => {
    const m = perBucket[i]!;
    const values: Record<string, number> = {};
    const exact: Record<string, string> = {};
    for (const { key } of keys) {
      const v = m.get(key) ?? 0n;
      values[key] = nanosToNumber(v);
      exact[key] = money(v);
    }
    return { label: b.label, start: b.start, values, exact, total: money(sum(m.values())) };
  });
  return { keys, points, total: money(sum(costs)) };
}

export interface Totals {
  cost: string;
  /** What callers reported themselves, and what the price data computed. */
  reported: string;
  computed: string;
  spans: number;
  tokens: { input: string; output: string; cacheRead: string; cacheWrite: string; reasoning: string };
  cacheSavings: string;
  /** Model calls no price covers, by model, most first. */
  unpriced: { model: string; spans: number }[];
}

export function totalsOf(cells: UsageCell[]): Totals {
  let cost = 0n;
  let reported = 0n;
  let savings = 0n;
  let spans = 0;
  const tokens = { input: 0n, output: 0n, cacheRead: 0n, cacheWrite: 0n, reasoning: 0n };
  const unpriced = new Map<string, number>();
  for (const c of cells) {
    cost += nanos(c.cost);
    reported += nanos(c.reported);
    savings += nanos(c.savings);
    spans += c.spans;
    tokens.input += BigInt(c.input);
    tokens.output += BigInt(c.output);
    tokens.cacheRead += BigInt(c.cacheRead);
    tokens.cacheWrite += BigInt(c.cacheWrite);
    tokens.reasoning += BigInt(c.reasoning);
    if (c.unpriced > 0) unpriced.set(c.model, (unpriced.get(c.model) ?? 0) + c.unpriced);
  }
  return {
    cost: money(cost),
    reported: money(reported),
    computed: money(cost - reported),
    spans,
    tokens: {
      input: tokens.input.toString(),
      output: tokens.output.toString(),
      cacheRead: tokens.cacheRead.toString(),
      cacheWrite: tokens.cacheWrite.toString(),
      reasoning: tokens.reasoning.toString(),
    },
    cacheSavings: money(savings),
    unpriced: [...unpriced.entries()]
      .map(([model, n]) => ({ model: model || "(no model name)", spans: n }))
      .sort((a, b) => b.spans - a.spans || (a.model < b.model ? -1 : 1)),
  };
}

export interface Ranked {
  key: string;
  label: string;
  workspaceId: string;
  cost: string;
  /** Of the range's whole spend, 0..1. */
  share: number;
  spans: number;
  tokens: string;
}

/** The agents or models that spent most, most first. */
export function topBy({
  cells,
  by,
  names = {},
  limit = 10,
}: {
  cells: UsageCell[];
  by: "agent" | "model";
  names?: Names;
  limit?: number;
}): Ranked[] {
  const acc = new Map<string, { workspaceId: string; cost: bigint; spans: number; tokens: bigint }>();
  let whole = 0n;
  for (const c of cells) {
    const k = keyOf(c, by);
    const a = acc.get(k) ?? { workspaceId: c.workspaceId, cost: 0n, spans: 0, tokens: 0n };
    const cost = nanos(c.cost);
    a.cost += cost;
    a.spans += c.spans;
    a.tokens += BigInt(c.input) + BigInt(c.output);
    acc.set(k, a);
    whole += cost;
  }
  return [...acc.entries()]
    .filter(([, a]) => a.cost !== 0n || a.tokens > 0n)
    .sort(([ka, a], [kb, b]) => desc(a.cost, b.cost) || (ka < kb ? -1 : 1))
    .slice(0, limit)
    .map(([key, a]) => ({
      key: by === "agent" ? key.slice(key.indexOf("\u0000") + 1) : key,
      label: labelOf(key, by, names),
      workspaceId: a.workspaceId,
      cost: money(a.cost),
      share: ratio(a.cost, whole),
      spans: a.spans,
      tokens: a.tokens.toString(),
    }));
}

export interface WorkspaceRow {
  workspaceId: string;
  name: string;
  cost: string;
  previous: string;
  /** Change against the previous period as a fraction (0.25 = +25 %); null when it had no spend. */
  change: number | null;
  topAgent: { key: string; label: string; cost: string } | null;
}

/** Each workspace's spend in the range, against the range before it, and the agent that spent most. */
export function workspaceRows({
  cells,
  previous,
  workspaces,
  names = {},
}: {
  cells: UsageCell[];
  previous: UsageCell[];
  workspaces: { id: string; name: string }[];
  names?: Names;
}): WorkspaceRow[] {
  const rows = workspaces.map((w) => {
    const mine = cells.filter((c) => c.workspaceId === w.id);
    const cost = sum(mine.map((c) => nanos(c.cost)));
    const before = sum(previous.filter((c) => c.workspaceId === w.id).map((c) => nanos(c.cost)));
    const top = topBy({ cells: mine, by: "agent", names, limit: 1 })[0];
    return {
      workspaceId: w.id,
      name: w.name,
      cost: money(cost),
      previous: money(before),
      change: before === 0n ? null : ratio(cost - before, before),
      topAgent: top && nanos(top.cost) !== 0n ? { key: top.key, label: top.label, cost: top.cost } : null,
    };
  });
  return rows.sort((a, b) => desc(nanos(a.cost), nanos(b.cost)) || (a.name < b.name ? -1 : 1));
}
