"use client";

import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import clsx from "clsx";
import { allParents, buildSpanTree, searchTree, visibleRows, withAncestors } from "@/lib/traces/tree";
import { barFor, timeAxis, zoomAxis } from "@/lib/traces/timeline";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { formatDuration } from "./format";
import { KIND_COLOURS } from "./kind-style";
import { SpanDetail } from "./span-detail";
import type { ClientSpan } from "./types";

const ROW_HEIGHT = 30;
const NO_NAMES: ReadonlyMap<string, string> = new Map();

/**
 * One virtualised list that is both the span tree (indentation, expand/collapse) and the
 * timeline (bars on the trace's shared time axis). Geometry comes from lib/traces.
 */
export interface WaterfallFocus {
  label: string;
  pick: (span: ClientSpan) => boolean;
}

export function Waterfall({
  slug,
  traceId,
  spans,
  agentNames = NO_NAMES,
  focus = null,
  onClearFocus,
  height = "65vh",
}: {
  slug: string;
  traceId: string;
  spans: ClientSpan[];
  /** The trace's agents' names by external id. */
  agentNames?: ReadonlyMap<string, string>;
  /** Show only the spans this picks (and their ancestors). */
  focus?: WaterfallFocus | null;
  onClearFocus?: () => void;
  height?: string;
}) {
  const tree = useMemo(() => buildSpanTree(spans), [spans]);
  const focused = useMemo(() => (focus ? withAncestors(tree, focus.pick) : null), [tree, focus]);
  const fullAxis = useMemo(() => timeAxis(spans), [spans]);
  const [zoomedTo, setZoomedTo] = useState<ClientSpan | null>(null);
  const axis = useMemo(() => (zoomedTo ? zoomAxis(zoomedTo) : fullAxis), [zoomedTo, fullAxis]);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [search, setSearch] = useState("");
  const found = useMemo(() => searchTree(tree, search, agentNames), [tree, search, agentNames]);
  // Searching expands the ancestors of every match, without forgetting what the user collapsed.
  const effectiveCollapsed = useMemo(() => {
    if (found.ancestors.size === 0) return collapsed;
    return new Set([...collapsed].filter((id) => !found.ancestors.has(id)));
  }, [collapsed, found]);
  const rows = useMemo(() => visibleRows(tree, effectiveCollapsed, focused?.keep), [tree, effectiveCollapsed, focused]);
  const [selected, setSelected] = useState<string | null>(() =>
    tree.roots.length ? tree.spans[tree.roots[0]!]!.spanId : null,
  );
  const scroller = useRef<HTMLDivElement>(null);
  // The React Compiler is not used here, so useVirtualizer's unmemoisable functions are fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  const toggle = (spanId: string, open?: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current);
      const isOpen = !next.has(spanId);
      if (open ?? !isOpen) next.delete(spanId);
      else next.add(spanId);
      return next;
    });

  const selectedSpan = spans.find((s) => s.spanId === selected) ?? null;
  const selectedRow = rows.findIndex((r) => tree.spans[r.index]!.spanId === selected);
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[selectedRow];
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = Math.min(rows.length - 1, Math.max(0, selectedRow + (event.key === "ArrowDown" ? 1 : -1)));
      setSelected(tree.spans[rows[next]!.index]!.spanId);
      virtualizer.scrollToIndex(next, { align: "auto" });
    } else if (row && event.key === "Enter") {
      event.preventDefault();
      setZoomedTo(tree.spans[row.index]!);
    } else if (event.key === "Escape") {
      setZoomedTo(null);
    } else if (row && (event.key === "ArrowLeft" || event.key === "ArrowRight") && row.hasChildren) {
      event.preventDefault();
      toggle(tree.spans[row.index]!.spanId, event.key === "ArrowRight");
    }
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_380px]">
      <div className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2">
          {focus && focused ? (
            <p className="flex items-center gap-1 rounded-full bg-violet-50 py-0.5 pr-1 pl-2.5 text-xs text-violet-800 ring-1 ring-violet-200">
              {focus.label}: {focused.picked.toLocaleString("en-US")} span{focused.picked === 1 ? "" : "s"}
              <button
                type="button"
                aria-label="Clear the filter"
                onClick={onClearFocus}
                className="grid size-4 place-items-center rounded-full hover:bg-violet-200"
              >
                ×
              </button>
            </p>
          ) : null}
          <p className="mr-auto text-xs text-slate-500">
            {rows.length.toLocaleString("en-US")} of {spans.length.toLocaleString("en-US")} spans shown ·{" "}
            {zoomedTo
              ? `zoomed to ${formatDuration(axis.end - axis.start)} of ${formatDuration(fullAxis.end - fullAxis.start)}`
              : formatDuration(axis.end - axis.start)}
            {found.matches.size
              ? ` · ${found.matches.size} match${found.matches.size === 1 ? "" : "es"}`
              : search.trim()
                ? " · no matches"
                : ""}{" "}
            · ↑↓ move, ←→ collapse/expand, Enter zoom, Esc reset
          </p>
          <div className="flex flex-wrap items-center gap-1">
            <Input
              aria-label="Search spans"
              placeholder="Search name, agent, model"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="w-full py-1 text-xs sm:w-56"
            />
            {zoomedTo ? (
              <Button variant="ghost" onClick={() => setZoomedTo(null)}>
                Reset zoom
              </Button>
            ) : (
              <Button variant="ghost" disabled={!selectedSpan} onClick={() => setZoomedTo(selectedSpan)}>
                Zoom to span
              </Button>
            )}
            <Button variant="ghost" onClick={() => setCollapsed(new Set())}>
              Expand all
            </Button>
            <Button variant="ghost" onClick={() => setCollapsed(allParents(tree))}>
              Collapse all
            </Button>
          </div>
        </div>
        <div
          ref={scroller}
          role="tree"
          aria-label="Waterfall"
          tabIndex={0}
          onKeyDown={onKey}
          style={{ height }}
          className="overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              const span = tree.spans[row.index]!;
              const bar = barFor(span, axis);
              const colours = KIND_COLOURS[span.kind] ?? KIND_COLOURS.OTHER!;
              const isSelected = span.spanId === selected;
              const isMatch = found.matches.has(span.spanId);
              return (
                <div
                  key={span.spanId}
                  role="treeitem"
                  aria-level={row.depth + 1}
                  aria-selected={isSelected}
                  aria-expanded={row.hasChildren ? row.expanded : undefined}
                  aria-label={span.name}
                  onClick={() => setSelected(span.spanId)}
                  className={clsx(
                    "absolute inset-x-0 grid cursor-pointer grid-cols-[minmax(220px,40%)_1fr] items-center border-b border-slate-50 text-xs",
                    isSelected ? "bg-brand-50" : isMatch ? "bg-amber-50" : "hover:bg-slate-50",
                  )}
                  style={{ top: item.start, height: ROW_HEIGHT }}
                >
                  <div
                    className="flex min-w-0 items-center gap-1 pr-2"
                    style={{ paddingLeft: 8 + Math.min(row.depth, 40) * 14 }}
                  >
                    {row.hasChildren ? (
                      <button
                        type="button"
                        aria-label={row.expanded ? `Collapse ${span.name}` : `Expand ${span.name}`}
                        onClick={(event) => {
                          event.stopPropagation();
                          toggle(span.spanId);
                        }}
                        className="grid size-4 shrink-0 place-items-center rounded text-slate-500 hover:bg-slate-200"
                      >
                        {row.expanded ? "▾" : "▸"}
                      </button>
                    ) : (
                      <span className="size-4 shrink-0" />
                    )}
                    <span className={clsx("shrink-0 text-[10px] font-semibold uppercase", colours.text)}>
                      {span.kind}
                    </span>
                    <span className={clsx("truncate", span.status === "ERROR" ? "text-red-700" : "text-slate-800")}>
                      {span.status === "ERROR" ? "⚠ " : ""}
                      {span.name}
                    </span>
                  </div>
                  <div className="relative h-full pr-16">
                    <div className="relative h-full">
                      {bar.visible ? (
                        <div
                          className={clsx(
                            "absolute top-2 h-3.5 rounded-sm",
                            span.status === "ERROR" ? "bg-red-500" : colours.bar,
                          )}
                          style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%` }}
                        />
                      ) : null}
                    </div>
                    <span className="absolute top-1.5 right-2 text-slate-500 tabular-nums">
                      {formatDuration(bar.durationMs)}
                    </span>
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs lg:max-h-[75vh] lg:overflow-auto">
        {selectedSpan ? (
          <SpanDetail
            key={selectedSpan.spanId}
            slug={slug}
            traceId={traceId}
            span={selectedSpan}
            agentNames={agentNames}
          />
        ) : (
          <p className="text-sm text-slate-500">Select a span to see its input, output and attributes.</p>
        )}
      </div>
    </div>
  );
}
