"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { SpanBody } from "./span-body";
import { traceKeys } from "./query-keys";
import { formatCost, formatDuration, formatTokens } from "./format";
import type { ClientSpan } from "./types";
import { AgentLabel } from "@/components/agents/agent-label";

interface FullSpan extends ClientSpan {
  input: unknown;
  output: unknown;
  attributes: Record<string, unknown>;
  events: { name: string; timeUnixNano: string; attributes: Record<string, unknown> }[];
  costSource: string | null;
  provider: string | null;
  cacheReadTokens: string | null;
  reasoningTokens: string | null;
  /** Set when the workspace keeps span bodies to engineers, admins and auditors. */
  bodiesHidden?: true;
}

export function SpanDetail({
  slug,
  traceId,
  span,
  agentNames,
}: {
  slug: string;
  traceId: string;
  span: ClientSpan;
  agentNames: ReadonlyMap<string, string>;
}) {
  const query = useQuery({
    queryKey: traceKeys.span(slug, traceId, span.spanId),
    queryFn: async (): Promise<FullSpan> => {
      const response = await fetch(
        `/api/v1/traces/${traceId}/spans/${span.spanId}?workspace=${encodeURIComponent(slug)}`,
      );
      if (!response.ok) throw new Error(`The span could not be loaded (${response.status}).`);
      return response.json();
    },
  });
  const full = query.data;
  return (
    <aside aria-label="Span detail" className="space-y-4 text-sm">
      <header>
        <h2 className="font-semibold break-all text-slate-900">{span.name}</h2>
        <div className="mt-1 flex flex-wrap gap-1">
          <Badge>{span.kind.toLowerCase()}</Badge>
          {span.agentExternalId ? (
            <Badge tone="violet">
              <AgentLabel agent={span.agentExternalId} names={agentNames} />
            </Badge>
          ) : null}
          {span.status === "ERROR" ? <Badge tone="red">error</Badge> : null}
        </div>
      </header>
      <dl className="grid grid-cols-3 gap-x-2 gap-y-1 text-xs">
        <dt className="text-slate-500">Duration</dt>
        <dd className="col-span-2 tabular-nums">{formatDuration(span.durationMs)}</dd>
        <dt className="text-slate-500">Started</dt>
        <dd className="col-span-2 font-mono">
          {new Date(span.startTime).toISOString().replace("T", " ").replace("Z", " UTC")}
        </dd>
        {span.model ? (
          <>
            <dt className="text-slate-500">Model</dt>
            <dd className="col-span-2">
              {span.model}
              {full?.provider ? <span className="text-slate-400"> · {full.provider}</span> : null}
            </dd>
          </>
        ) : null}
        {span.inputTokens || span.outputTokens ? (
          <>
            <dt className="text-slate-500">Tokens</dt>
            <dd className="col-span-2 tabular-nums">
              {formatTokens(span.inputTokens)} in · {formatTokens(span.outputTokens)} out
              {full?.cacheReadTokens ? ` · ${formatTokens(full.cacheReadTokens)} cached` : ""}
            </dd>
          </>
        ) : null}
        {span.costUsd || full?.costSource ? (
          <>
            <dt className="text-slate-500">Cost</dt>
            <dd className="col-span-2 tabular-nums">
              {full?.costSource === "unknown_model" ? "unknown model — not priced" : formatCost(span.costUsd)}
              {full?.costSource && full.costSource !== "unknown_model" ? (
                <span className="text-slate-400"> · {full.costSource}</span>
              ) : null}
            </dd>
          </>
        ) : null}
        {span.statusMessage ? (
          <>
            <dt className="text-slate-500">Status</dt>
            <dd className="col-span-2 text-red-700">{span.statusMessage}</dd>
          </>
        ) : null}
      </dl>
      {query.isPending ? <p className="text-xs text-slate-500">Loading input, output and attributes…</p> : null}
      {query.isError ? <p className="text-xs text-red-700">{query.error.message}</p> : null}
      {full ? (
        <>
          {full.bodiesHidden ? (
            <p className="rounded-md bg-slate-50 p-2 text-xs text-slate-600" role="note">
              This workspace keeps span bodies (prompts, outputs, tool arguments) to engineers, admins and auditors.
            </p>
          ) : (
            <>
              <SpanBody label="Input" value={full.input} />
              <SpanBody label="Output" value={full.output} />
            </>
          )}
          <section>
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Attributes</h3>
            <table aria-label="Attributes" className="w-full table-fixed text-xs">
              <tbody className="divide-y divide-slate-100">
                {Object.entries(full.attributes).map(([k, v]) => (
                  <tr key={k}>
                    <td className="w-1/2 py-1 pr-2 align-top font-mono break-all text-slate-500">{k}</td>
                    <td className="py-1 font-mono break-all text-slate-800">
                      {typeof v === "string" ? v : JSON.stringify(v)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {full.events.length ? (
            <section>
              <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Events</h3>
              <ul className="space-y-1 text-xs">
                {full.events.map((e, i) => (
                  <li key={i} className="font-mono">
                    {e.name} {Object.keys(e.attributes).length ? JSON.stringify(e.attributes) : ""}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
