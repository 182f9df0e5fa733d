"use client";

import { useMemo, useState, type ReactNode } from "react";
import { aggregateGraph, withoutTools, type AgentGraph } from "@/lib/graphs/agent-graph";

/** The graph as drawn: tools shown or not, then folded above `maxNodes` (with a note saying so). */
export function useDrawableGraph(full: AgentGraph, { maxNodes, tools }: { maxNodes: number; tools: boolean }) {
  const [showTools, setShowTools] = useState(tools);
  const { graph, note } = useMemo(
    () => aggregateGraph(showTools ? full : withoutTools(full), maxNodes),
    [full, showTools, maxNodes],
  );
  return { graph, note, showTools, setShowTools };
}

/** What the graph shows, the tools toggle, and the aggregation note. */
export function GraphToolbar({
  summary,
  showTools,
  onShowTools,
  note,
}: {
  summary: ReactNode;
  showTools: boolean;
  onShowTools: (show: boolean) => void;
  note: string | null;
}) {
  return (
    <div className="mb-2 flex flex-wrap items-center gap-3 text-xs text-slate-600">
      <span>{summary}</span>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={showTools} onChange={(e) => onShowTools(e.target.checked)} />
        Show tools
      </label>
      {note ? (
        <span role="note" className="rounded bg-amber-50 px-2 py-0.5 text-amber-800 ring-1 ring-amber-200">
          {note}
        </span>
      ) : null}
    </div>
  );
}
