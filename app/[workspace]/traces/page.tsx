import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAccess } from "@/lib/http/page-access";
import { listTraces, listTracesQuery, rangeStart, traceFacets } from "@/lib/traces/queries";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { FormError } from "@/components/ui/field";
import { RANGES, TraceFilters } from "@/components/traces/trace-filters";
import { formatCost, formatDuration, formatTokens } from "@/components/traces/format";

export const metadata: Metadata = { title: "Traces" };

export default async function TracesPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "traces:read");
  const raw = await searchParams;
  const one = (key: string) => (typeof raw[key] === "string" && raw[key] ? (raw[key] as string) : undefined);
  const range = one("range") ?? "30d";
  const query = listTracesQuery.safeParse({
    agent: one("agent"),
    status: one("status"),
    model: one("model"),
    cursor: one("cursor"),
    from: rangeStart(range),
    limit: 50,
  });
  const [page, facets] = await Promise.all([
    query.success ? listTraces({ workspaceId: access.workspace.id, query: query.data }).catch(() => null) : null,
    traceFacets({ workspaceId: access.workspace.id }),
  ]);
  const older = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
  if (page?.nextCursor) older.set("cursor", page.nextCursor);

  return (
    <div className="max-w-7xl">
      <PageHeader
        title="Traces"
        description="Every agent run this workspace received, newest first. Open one to read it as a waterfall."
      />
      <Card className="mb-4">
        <TraceFilters agents={facets.agents} models={facets.models} />
      </Card>
      <Card>
        {!page ? (
          <FormError message="These filters are not valid; reset them to see traces." />
        ) : page.data.length === 0 ? (
          <p className="text-sm text-slate-500">
            No traces{" "}
            {range in RANGES && range !== "all" ? `in the ${RANGES[range as keyof typeof RANGES].toLowerCase()}` : ""}
            {one("agent") || one("status") || one("model") ? " match these filters" : ""}. Agents send traces over OTLP
            to <code className="font-mono text-xs">/api/public/otel/v1/traces</code>.
          </p>
        ) : (
          <Table label="Traces">
            <thead>
              <tr>
                <Th>Started</Th>
                <Th>Trace</Th>
                <Th>Agents</Th>
                <Th>Status</Th>
                <Th className="text-right">Duration</Th>
                <Th className="text-right">Spans</Th>
                <Th className="text-right">Tokens</Th>
                <Th className="text-right">Cost</Th>
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
                      {t.agentNames.map((a) => (
                        <Badge key={a} tone="violet">
                          {a}
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
                  <Td className="text-right tabular-nums">{t.spanCount}</Td>
                  <Td className="text-right tabular-nums">{formatTokens(t.totalTokens)}</Td>
                  <Td className="text-right tabular-nums">{formatCost(t.costUsd.toString())}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {page && (one("cursor") || page.nextCursor) ? (
          <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
            {one("cursor") ? (
              <Link
                className="text-brand-700 hover:underline"
                href={`?${new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "cursor")).toString()}`}
              >
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor ? (
              <Link className="text-brand-700 hover:underline" href={`?${older.toString()}`}>
                Older →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
