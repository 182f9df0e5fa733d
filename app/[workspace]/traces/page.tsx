import type { Metadata } from "next";
import { requirePageAccess } from "@/lib/http/page-access";
import { hasTraces, listTraces, listTracesQuery, rangeStart, traceFacets } from "@/lib/traces/queries";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { FormError } from "@/components/ui/field";
import { TraceFilters } from "@/components/traces/trace-filters";
import { TraceTable, type TracePage } from "@/components/traces/trace-table";
import { TraceEmpty } from "@/components/traces/trace-empty";
import { jsonSafe } from "@/lib/json";

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
  // Custom ranges come as UTC date-times from the form (no offset) or as full ISO strings.
  const utc = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00Z` : v);
  const minDurationS = one("minDuration");
  const input = {
    agent: one("agent"),
    status: one("status"),
    model: one("model"),
    q: one("q"),
    minCost: one("minCost"),
    minDurationMs:
      minDurationS && Number.isFinite(Number(minDurationS)) ? String(Number(minDurationS) * 1000) : minDurationS,
    sort: one("sort"),
    order: one("order"),
    cursor: one("cursor"),
    before: one("before"),
    from: range === "custom" ? utc(one("from")) : rangeStart(range),
    to: range === "custom" ? utc(one("to")) : undefined,
    limit: "50",
  };
  const apiSearch = new URLSearchParams(
    Object.entries(input).filter((e): e is [string, string] => typeof e[1] === "string"),
  ).toString();
  const query = listTracesQuery.safeParse(input);
  // Invalid filters are the visitor's to fix; a failure to read is ours, and is logged.
  const [page, facets] = await Promise.all([
    query.success
      ? listTraces({ workspaceId: access.workspace.id, query: query.data }).catch((error: unknown) => {
          console.error("[arbiter] the trace list could not be read", error);
          return "failed" as const;
        })
      : null,
    traceFacets({ workspaceId: access.workspace.id }),
  ]);
  const filtered = ["agent", "status", "model", "q", "minCost", "minDuration"].some((k) => one(k));
  const empty = page !== null && page !== "failed" && page.data.length === 0 && !one("cursor") && !one("before");
  const anyTraces = empty && !filtered ? await hasTraces({ workspaceId: access.workspace.id }) : true;

  return (
    <div className="max-w-7xl">
      <PageHeader
        title="Traces"
        description="Every agent run this workspace received, newest first unless you sort by a column. Open one to read it as a waterfall and an agent graph."
      />
      <Card className="mb-4">
        <TraceFilters agents={facets.agents} models={facets.models} />
      </Card>
      <Card>
        {page === null ? (
          <FormError message="These filters are not valid; reset them to see traces." />
        ) : page === "failed" ? (
          <FormError message="The traces could not be read just now. Try again in a moment." />
        ) : empty ? (
          <TraceEmpty slug={slug} range={range} filtered={filtered} anyTraces={anyTraces} />
        ) : (
          <TraceTable slug={slug} apiSearch={apiSearch} initial={jsonSafe<TracePage>(page)} />
        )}
      </Card>
    </div>
  );
}
