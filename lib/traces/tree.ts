// Pure: a trace's spans as a tree, and the rows of a waterfall given what is collapsed.
// Iterative and linear in the number of spans, so 100,000-span traces neither recurse nor stall.

export interface TreeSpan {
  spanId: string;
  parentSpanId: string | null;
  startTime: string | Date | number;
}

export interface SpanTree<S extends TreeSpan> {
  spans: S[];
  /** Children of each span (by index), in start order. */
  children: number[][];
  /** Top-level spans: real roots, and spans whose parent never arrived (orphans). */
  roots: number[];
  /** Spans whose parent id is not in the trace. */
  orphans: Set<number>;
  /** Each span's parent in the tree (by index), null for top-level spans. */
  parents: (number | null)[];
}

const time = (t: string | Date | number) =>
  typeof t === "number" ? t : typeof t === "string" ? Date.parse(t) : t.getTime();

export function buildSpanTree<S extends TreeSpan>(spans: S[]): SpanTree<S> {
  const index = new Map<string, number>();
  spans.forEach((s, i) => index.set(s.spanId, i));
  const children: number[][] = spans.map(() => []);
  const roots: number[] = [];
  const orphans = new Set<number>();
  spans.forEach((s, i) => {
    const parent = s.parentSpanId === null ? undefined : index.get(s.parentSpanId);
    if (parent === undefined || parent === i) {
      roots.push(i);
      if (s.parentSpanId !== null) orphans.add(i);
    } else children[parent]!.push(i);
  });
  // A cycle (a → b → a) has no root: anything not reachable from a root becomes one.
  const reached = new Uint8Array(spans.length);
  const stack = [...roots];
  while (stack.length) {
    const i = stack.pop()!;
    if (reached[i]) continue;
    reached[i] = 1;
    for (const c of children[i]!) stack.push(c);
  }
  for (let i = 0; i < spans.length; i++) {
    if (!reached[i]) {
      roots.push(i);
      orphans.add(i);
      const cut = spans[i]!.parentSpanId;
      const parent = cut === null ? undefined : index.get(cut);
      if (parent !== undefined) children[parent] = children[parent]!.filter((c) => c !== i);
      const again = [i];
      while (again.length) {
        const j = again.pop()!;
        if (reached[j]) continue;
        reached[j] = 1;
        for (const c of children[j]!) again.push(c);
      }
    }
  }
  const parents: (number | null)[] = spans.map(() => null);
  children.forEach((kids, parent) => {
    for (const child of kids) parents[child] = parent;
  });
  const starts = spans.map((s) => time(s.startTime));
  const byStart = (a: number, b: number) => starts[a]! - starts[b]! || a - b;
  roots.sort(byStart);
  for (const list of children) list.sort(byStart);
  return { spans, children, roots, orphans, parents };
}

/**
 * Spans whose name, agent (its id or, given `agentNames`, its name) or model contains the text
 * (any case), and the ids of their ancestors, which must be expanded for the matches to show.
 */
export function searchTree(
  tree: SpanTree<TreeSpan & { name: string; agentExternalId?: string | null; model?: string | null }>,
  text: string,
  agentNames: ReadonlyMap<string, string> = new Map(),
): { matches: Set<string>; ancestors: Set<string> } {
  const needle = text.trim().toLowerCase();
  const matches = new Set<string>();
  const ancestors = new Set<string>();
  if (!needle) return { matches, ancestors };
  tree.spans.forEach((span, i) => {
    const agent = span.agentExternalId ?? "";
    const hay = `${span.name}\u0000${agent}\u0000${agentNames.get(agent) ?? ""}\u0000${span.model ?? ""}`.toLowerCase();
    if (!hay.includes(needle)) return;
    matches.add(span.spanId);
    for (let p = tree.parents[i]!; p !== null; p = tree.parents[p]!) {
      const id = tree.spans[p]!.spanId;
      if (ancestors.has(id)) break;
      ancestors.add(id);
    }
  });
  return { matches, ancestors };
}

export interface WaterfallRow {
  index: number;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

/**
 * The spans a predicate picks and all their ancestors (by index), so that a filtered
 * waterfall still shows where each picked span sits.
 */
export function withAncestors<S extends TreeSpan>(
  tree: SpanTree<S>,
  pick: (span: S) => boolean,
): { keep: Set<number>; picked: number } {
  const keep = new Set<number>();
  let picked = 0;
  tree.spans.forEach((span, i) => {
    if (!pick(span)) return;
    picked++;
    for (let p: number | null = i; p !== null && !keep.has(p); p = tree.parents[p]!) keep.add(p);
  });
  return { keep, picked };
}

/**
 * The visible rows, depth-first, skipping the descendants of collapsed spans and, when
 * `keep` is given, every span not in it.
 */
export function visibleRows(
  tree: SpanTree<TreeSpan>,
  collapsed: ReadonlySet<string>,
  keep?: ReadonlySet<number>,
): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  const stack: { index: number; depth: number }[] = [];
  const shown = (i: number) => keep === undefined || keep.has(i);
  for (let r = tree.roots.length - 1; r >= 0; r--) {
    if (shown(tree.roots[r]!)) stack.push({ index: tree.roots[r]!, depth: 0 });
  }
  while (stack.length) {
    const { index, depth } = stack.pop()!;
    const kids = keep === undefined ? tree.children[index]! : tree.children[index]!.filter(shown);
    const expanded = !collapsed.has(tree.spans[index]!.spanId);
    rows.push({ index, depth, hasChildren: kids.length > 0, expanded });
    if (expanded) for (let k = kids.length - 1; k >= 0; k--) stack.push({ index: kids[k]!, depth: depth + 1 });
  }
  return rows;
}

/** Span ids of every span with children: "collapse all". */
export function allParents(tree: SpanTree<TreeSpan>): Set<string> {
  const ids = new Set<string>();
  tree.children.forEach((kids, i) => {
    if (kids.length) ids.add(tree.spans[i]!.spanId);
  });
  return ids;
}
