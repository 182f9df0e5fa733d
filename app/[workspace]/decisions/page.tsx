import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAccess } from "@/lib/http/page-access";
import { firstParam, type RawSearchParams } from "@/lib/http/search-params";
import { listDecisions, listDecisionsQuery, policyNames } from "@/lib/decisions/queries";
import { listAgents } from "@/lib/agents/list-agents";
import { ACTIONS } from "@/lib/policy/schema";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { Button } from "@/components/ui/button";
import { FormError, Select } from "@/components/ui/field";
import { OutcomeBadge } from "@/components/decisions/outcome-badge";
import { AgentLabel } from "@/components/agents/agent-label";
import { agentChoices } from "@/lib/agents/agent-label";

export const metadata: Metadata = { title: "Decisions" };

export default async function DecisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "decisions:read");
  const raw = await searchParams;
  const one = firstParam(raw);
  const query = listDecisionsQuery.safeParse({
    agent: one("agent"),
    action: one("action"),
    outcome: one("outcome"),
    policy: one("policy"),
    cursor: one("cursor"),
    before: one("before"),
  });
  const [page, agents, names] = await Promise.all([
    // Invalid filters are the visitor's to fix; a failure to read is ours, and is logged.
    query.success
      ? listDecisions({ workspaceId: access.workspace.id, query: query.data }).catch((error: unknown) => {
          console.error("[arbiter] the decision list could not be read", error);
          return "failed" as const;
        })
      : null,
    listAgents({ workspaceId: access.workspace.id }),
    policyNames({ workspaceId: access.workspace.id }),
  ]);
  // Older and Newer keep the filters and swap the cursor.
  const pageLink = (param: "cursor" | "before", value: string) => {
    const link = new URLSearchParams(
      Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
    link.delete("cursor");
    link.delete("before");
    link.set(param, value);
    return `?${link.toString()}`;
  };
  const listed = page && page !== "failed" ? page : null;
  const select = (name: string, label: string, options: [string, string][], width: string) => (
    <label className="text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <Select name={name} defaultValue={one(name) ?? ""} className={width}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
    </label>
  );

  return (
    <div className="max-w-7xl">
      <PageHeader
        title="Decisions"
        description="Every answer the decision endpoint gave: who asked to do what, the outcome, and the policies (at their versions) that decided it."
      />
      <Card className="mb-4">
        <form method="get" className="flex flex-wrap items-end gap-3">
          {select(
            "agent",
            "Agent",
            agentChoices(agents).map((a) => [a.value, a.label]),
            "w-48",
          )}
          {select(
            "action",
            "Action",
            ACTIONS.map((a) => [a, a]),
            "w-40",
          )}
          {select(
            "outcome",
            "Outcome",
            [
              ["ALLOW", "Allow"],
              ["DENY", "Deny"],
              ["REQUIRE_APPROVAL", "Held for approval"],
            ],
            "w-44",
          )}
          {select("policy", "Policy", Object.entries(names), "w-56")}
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
      </Card>
      <Card>
        {page === null ? (
          <FormError message="These filters are not valid." />
        ) : page === "failed" ? (
          <FormError message="The decisions could not be read just now. Try again in a moment." />
        ) : page.data.length === 0 ? (
          <p className="text-sm text-slate-500">
            No decisions
            {one("agent") || one("action") || one("outcome") || one("policy") ? " match these filters" : " yet"}. Agents
            ask with <code className="font-mono text-xs">POST /api/v1/decisions</code>.
          </p>
        ) : (
          <Table label="Decisions">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Agent</Th>
                <Th>Action</Th>
                <Th>Resource</Th>
                <Th>Outcome</Th>
                <Th>Decided by</Th>
                <Th className="text-right">Latency</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.data.map((d) => {
                const resource = d.resource as { kind?: string; id?: string };
                const reasons = d.reasons as { policyId: string; version: number; message: string }[];
                return (
                  <tr key={d.id}>
                    <Td className="text-xs">
                      <Link href={`/${slug}/decisions/${d.id}`} className="hover:underline">
                        <Time value={d.createdAt} />
                      </Link>
                    </Td>
                    <Td className="text-xs">
                      <AgentLabel agent={{ externalId: d.agentExternalId, name: d.agent?.name ?? d.agentExternalId }} />
                    </Td>
                    <Td className="font-mono text-xs">{d.action}</Td>
                    <Td className="font-mono text-xs">
                      {resource.kind}:{resource.id}
                    </Td>
                    <Td>
                      <Link href={`/${slug}/decisions/${d.id}`}>
                        <OutcomeBadge outcome={d.outcome} />
                      </Link>
                    </Td>
                    <Td className="max-w-sm text-xs text-slate-600">
                      {/* A policy may decide through several of its statements: named once. */}
                      {[
                        ...new Set(
                          reasons.map((r) => `${names[r.policyId] ?? r.policyId}${r.version ? ` v${r.version}` : ""}`),
                        ),
                      ].join(", ")}
                    </Td>
                    <Td className="text-right text-xs tabular-nums">{d.latencyMs.toFixed(1)} ms</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
        {listed && (listed.nextCursor || listed.prevCursor) ? (
          <nav aria-label="Pages" className="mt-4 flex justify-end gap-4 text-sm">
            {listed.prevCursor ? (
              <Link className="text-brand-700 hover:underline" href={pageLink("before", listed.prevCursor)}>
                ← Newer
              </Link>
            ) : null}
            {listed.nextCursor ? (
              <Link className="text-brand-700 hover:underline" href={pageLink("cursor", listed.nextCursor)}>
                Older →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
