import type { Metadata } from "next";
import { requirePageAccess } from "@/lib/http/page-access";
import { listAgents } from "@/lib/agents/list-agents";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Agents" };

const riskTone = { LOW: "green", MEDIUM: "amber", HIGH: "red", CRITICAL: "red" } as const;

export default async function AgentsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "agents:read");
  const agents = await listAgents({ workspaceId: access.workspace.id });

  return (
    <div className="max-w-6xl">
      <PageHeader
        title="Agents"
        description="The non-human principals of this workspace: who owns them, how much autonomy they have, and whether they may act."
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
                <Th>Risk tier</Th>
                <Th className="text-right">Trust</Th>
                <Th>Owner</Th>
                <Th>Last seen</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {agents.map((agent) => (
                <tr key={agent.id}>
                  <Td>
                    <div className="font-medium text-slate-900">{agent.name}</div>
                    <div className="font-mono text-xs text-slate-400">{agent.externalId}</div>
                    {agent.description ? (
                      <div className="mt-0.5 max-w-md text-xs text-slate-500">{agent.description}</div>
                    ) : null}
                  </Td>
                  <Td>
                    {agent.status === "ACTIVE" ? (
                      <Badge tone="green">active</Badge>
                    ) : (
                      <Badge tone="red">suspended</Badge>
                    )}
                  </Td>
                  <Td className="text-xs">{agent.autonomyLevel.toLowerCase().replaceAll("_", " ")}</Td>
                  <Td>
                    <Badge tone={riskTone[agent.riskTier]}>{agent.riskTier.toLowerCase()}</Badge>
                  </Td>
                  <Td className="text-right tabular-nums">{agent.trustScore}</Td>
                  <Td className="text-xs">{agent.owner?.email ?? "—"}</Td>
                  <Td className="text-xs">
                    <Time value={agent.lastSeenAt} empty="never" />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
