"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { AgentLabel } from "@/components/agents/agent-label";
import type { AgentRef } from "@/lib/agents/agent-label";
import { formatCost, formatDuration, formatTokens } from "./format";
import { traceKeys } from "./query-keys";

export interface ClientTrace {
  traceId: string;
  name: string | null;
  startTime: string;
  durationMs: number | null;
  spanCount: number;
  errorCount: number;
  totalTokens: string;
  costUsd: string;
  /** External ids (what the agent filter takes). */
  agentNames: string[];
  /** The same agents with their names. */
  agents: AgentRef[];
  status: string;
}

export interface TracePage {
  data: ClientTrace[];
  nextCursor: string | null;
  /** Set on any page but the first: the page before it. */
  prevCursor?: string | null;
}

/** How often the first page looks for new traces. */
const REFRESH_MS = 15_000;

const COLUMNS = [
  { key: "startTime", label: "Started" },
  { key: null, label: "Trace" },
  { key: null, label: "Agents" },
  { key: null, label: "Status" },
  { key: "durationMs", label: "Duration", right: true },
  { key: "spanCount", label: "Spans", right: true },
  { key: "totalTokens", label: "Tokens", right: true },
  { key: "costUsd", label: "Cost", right: true },
] as const;

/**
 * The page of traces the URL asks for, refreshed in the background while it is the first page
 * (so new traces appear). `apiSearch` is the API's query string for the same view.
 */
export function TraceTable({ slug, apiSearch, initial }: { slug: string; apiSearch: string; initial: TracePage }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const paging = params.has("cursor") || params.has("before");
  const query = useQuery({
    queryKey: traceKeys.list(slug, apiSearch),
    queryFn: async ({ signal }): Promise<TracePage> => {
      const response = await fetch(`/api/v1/traces?workspace=${encodeURIComponent(slug)}&${apiSearch}`, { signal });
      if (!response.ok) throw new Error(`Traces could not be refreshed (${response.status}).`);
      return response.json();
    },
    initialData: initial,
    placeholderData: keepPreviousData,
    refetchInterval: paging ? false : REFRESH_MS,
  });
  const page = query.data;
  const sort = params.get("sort") ?? "startTime";
  const order = params.get("order") ?? "desc";
  const hrefWith = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `${pathname}?${next.toString()}`;
  };

  return (
    <div>
      <Table label="Traces">
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              if (!c.key) return <Th key={c.label}>{c.label}</Th>;
              const active = sort === c.key;
              const nextOrder = active && order === "desc" ? "asc" : "desc";
              return (
                <Th
                  key={c.label}
                  className={clsx("right" in c && "text-right")}
                  aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}
                >
                  <Link
                    href={hrefWith({ sort: c.key, order: nextOrder, cursor: null, before: null })}
                    className={clsx("hover:text-slate-900", active && "text-slate-900")}
                  >
                    {c.label}
                    {active ? (order === "asc" ? " ↑" : " ↓") : ""}
                  </Link>
                </Th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.data.map((t) => (
            <tr key={t.traceId}>
              <Td className="text-xs">
                <Time value={t.startTime} />
              </Td>
              <Td>
                <Link
                  href={`/${slug}/traces/${t.traceId}`}
                  className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                >
                  {t.name ?? <span className="text-slate-400">(root not received)</span>}
                </Link>
                <div className="font-mono text-xs text-slate-400">{t.traceId}</div>
              </Td>
              <Td>
                <div className="flex max-w-xs flex-wrap gap-1">
                  {t.agents.map((a) => (
                    <Badge key={a.externalId} tone="violet">
                      <AgentLabel agent={a} />
                    </Badge>
                  ))}
                </div>
              </Td>
              <Td>
                {t.status === "ERROR" ? (
                  <Badge tone="red">
                    {t.errorCount} error{t.errorCount === 1 ? "" : "s"}
                  </Badge>
                ) : (
                  <Badge tone="green">ok</Badge>
                )}
              </Td>
              <Td className="text-right tabular-nums">{formatDuration(t.durationMs)}</Td>
              <Td className="text-right tabular-nums">{t.spanCount.toLocaleString("en-US")}</Td>
              <Td className="text-right tabular-nums">{formatTokens(t.totalTokens)}</Td>
              <Td className="text-right tabular-nums">{formatCost(t.costUsd)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-4 text-sm">
        {paging ? (
          <span className="flex gap-4">
            <Link className="text-brand-700 hover:underline" href={hrefWith({ cursor: null, before: null })}>
              ⇤ First page
            </Link>
            {page.prevCursor ? (
              <Link
                className="text-brand-700 hover:underline"
                href={hrefWith({ before: page.prevCursor, cursor: null })}
              >
                ← Previous page
              </Link>
            ) : null}
          </span>
        ) : (
          <span className="text-xs text-slate-400">
            {query.isError
              ? query.error.message
              : `Refreshes every ${REFRESH_MS / 1000} s${query.isFetching ? " · refreshing…" : ""}`}
          </span>
        )}
        {page.nextCursor ? (
          <Link className="text-brand-700 hover:underline" href={hrefWith({ cursor: page.nextCursor, before: null })}>
            Next page →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
