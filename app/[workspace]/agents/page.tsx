import clsx from "clsx";
import type { Metadata } from "next";
import { requirePageAccess } from "@/lib/http/page-access";
import Link from "next/link";
import { listAgents } from "@/lib/agents/list-agents";
import { agentFigures } from "@/lib/agents/agent-figures";
import { formatCost } from "@/components/traces/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { Ago } from "@/components/ui/time";

export const metadata: Metadata = { title: "Agents" };

const riskTone = { LOW: "green", MEDIUM: "amber", HIGH: "red", CRITICAL: "red" } as const;

export default async function AgentsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "agents:read");
  const [agents, figures] = await Promise.all([
    listAgents({ workspaceId: access.workspace.id }),
    agentFigures({ workspaceId: access.workspace.id, days: 7 }),
  ]);

  return (
    <div className="max-w-7xl">
      <PageHeader
        title="Agents"
        description="The non-human principals of this workspace: who owns them, how much autonomy they have, whether they may act, and what they did in the last 7 days."
        actions={
          <Link href={`/${slug}/agents/graph`}>
            <Button variant="secondary">Fleet graph</Button>
          </Link>
        }
      />
      <Card>
        {agents.length === 0 ? (
          <p className="text-sm text-slate-500">
            No agents yet. Agents are registered the first time they appear in telemetry.
          </p>
        ) : (
          <Table label="Agents">
            <thead>
              <tr>
                <Th>Agent</Th>
                <Th>Status</Th>
                <Th>Autonomy</Th>
                <Th>Risk · trust</Th>
                <Th className="text-right">Traces 7d</Th>
                <Th className="text-right">Cost 7d</Th>
                <Th>Owner</Th>
                <Th>Last seen</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {agents.map((agent) => {
                const f = figures.get(agent.externalId);
                return (
                  <tr key={agent.id}>
                    <Td className="max-w-56">
                      <Link
                        href={`/${slug}/agents/${agent.id}`}
                        title={agent.name}
                        className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                      >
                        {agent.name}
                      </Link>
                      <div className="truncate font-mono text-xs text-slate-400" title={agent.externalId}>
                        {agent.externalId}
                      </div>
                    </Td>
                    <Td>
                      {agent.status === "ACTIVE" ? (
                        <Badge tone="green">active</Badge>
                      ) : (
                        <Badge tone="red">suspended</Badge>
                      )}
                    </Td>
                    <Td className="text-xs">{agent.autonomyLevel.toLowerCase().replaceAll("_", " ")}</Td>
                    <Td className="whitespace-nowrap">
                      <Badge tone={riskTone[agent.riskTier]}>{agent.riskTier.toLowerCase()}</Badge>
                      <span className="ml-2 text-xs text-slate-500 tabular-nums" title="Trust score">
                        {agent.trustScore}
                      </span>
                    </Td>
                    <Td className="text-right tabular-nums">
                      <Link
                        href={`/${slug}/traces?agent=${encodeURIComponent(agent.externalId)}&range=7d`}
                        className="hover:underline"
                      >
                        {(f?.traces ?? 0).toLocaleString("en-US")}
                      </Link>
                      {f && f.traces > 0 ? (
                        <div
                          className={clsx(
                            "text-xs",
                            f.failedTraces / f.traces > 0.1 ? "text-red-700" : "text-slate-400",
                          )}
                        >
                          {((f.failedTraces / f.traces) * 100).toFixed(1)}% failed
                        </div>
                      ) : null}
                    </Td>
                    <Td className="text-right tabular-nums">{formatCost(f?.costUsd ?? 0)}</Td>
                    <Td className="max-w-40 truncate text-xs" title={agent.owner?.email}>
                      {agent.owner?.email ?? "—"}
                    </Td>
                    <Td className="text-xs">
                      <Ago value={agent.lastSeenAt} empty="never" />
                      <div className="whitespace-nowrap text-slate-400">
                        first <Ago value={agent.firstSeenAt} empty="never" />
                      </div>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
