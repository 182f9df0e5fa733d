import type { Metadata } from "next";
import Link from "next/link";
import { findOrNotFound, requirePageAccess } from "@/lib/http/page-access";
import { getAgentDetail } from "@/lib/agents/agent-figures";
import { listTraces } from "@/lib/traces/queries";
import { dailyBars } from "@/lib/charts/daily-bars";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatCost, formatDuration, formatTokens } from "@/components/traces/format";
import { AgentControls } from "@/components/agents/agent-controls";
import { can } from "@/lib/auth/permissions";
import { breakerStandings } from "@/lib/cost/breakers";
import { BreakerList } from "@/components/costs/breaker-list";

export const metadata: Metadata = { title: "Agent" };

const DAYS = 7;
const riskTone = { LOW: "green", MEDIUM: "amber", HIGH: "red", CRITICAL: "red" } as const;

export default async function AgentPage({ params }: { params: Promise<{ workspace: string; agentId: string }> }) {
  const { workspace: slug, agentId } = await params;
  const access = await requirePageAccess(slug, "agents:read");
  const detail = await findOrNotFound(getAgentDetail({ workspaceId: access.workspace.id, agentId, days: DAYS }));
  const { agent, figures } = detail;
  const [recent, standings] = await Promise.all([
    listTraces({ workspaceId: access.workspace.id, query: { agent: agent.externalId, limit: 10 } }),
    breakerStandings({ workspaceId: access.workspace.id, agent: agent.externalId }),
  ]);
  const bars = dailyBars(
    detail.daily.map((d) => ({ day: d.day, value: d.costUsd })),
    { days: DAYS },
  );
  const stats: [string, string][] = [
    ["Traces", figures.traces.toLocaleString("en-US")],
    ["Failed", figures.traces ? `${((figures.failedTraces / figures.traces) * 100).toFixed(1)}%` : "—"],
    ["Spans", figures.spans.toLocaleString("en-US")],
    ["Cost", formatCost(figures.costUsd)],
  ];

  return (
    <div className="max-w-7xl space-y-4">
      <Link href={`/${slug}/agents`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Agents
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{agent.name}</h1>
          <p className="font-mono text-xs text-slate-400">{agent.externalId}</p>
          {agent.description ? <p className="mt-1 max-w-2xl text-sm text-slate-600">{agent.description}</p> : null}
          <div className="mt-2 flex flex-wrap gap-1">
            {agent.status === "ACTIVE" ? <Badge tone="green">active</Badge> : <Badge tone="red">suspended</Badge>}
            <Badge tone="blue">{agent.autonomyLevel.toLowerCase().replaceAll("_", " ")}</Badge>
            <Badge tone={riskTone[agent.riskTier]}>{agent.riskTier.toLowerCase()} risk</Badge>
            <Badge>trust {agent.trustScore}</Badge>
          </div>
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-xs">
          <dt className="text-slate-500">Owner</dt>
          <dd>{agent.owner?.email ?? "—"}</dd>
          <dt className="text-slate-500">First seen</dt>
          <dd>
            <Time value={agent.firstSeenAt} empty="never" />
          </dd>
          <dt className="text-slate-500">Last seen</dt>
          <dd>
            <Time value={agent.lastSeenAt} empty="never" />
          </dd>
          <dt className="text-slate-500">Spending limit</dt>
          <dd>{agent.spendingLimitUsd ? formatCost(agent.spendingLimitUsd.toString()) : "none"}</dd>
        </dl>
      </div>

      {agent.status === "SUSPENDED" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          Suspended: every decision this agent asks for is denied.
          {agent.statusReason ? ` Reason: ${agent.statusReason}` : ""}
        </p>
      ) : null}
      {can(access.role, "agents:manage") ? (
        <Card
          title="Controls"
          description="The kill switch and the autonomy level policies see. Decisions follow a change from the next request on."
        >
          <AgentControls slug={slug} agentId={agent.id} status={agent.status} autonomyLevel={agent.autonomyLevel} />
        </Card>
      ) : null}
      {standings.length ? (
        <Card
          title="Circuit breakers"
          description="The breakers that count this agent, and where it stands in each window now."
        >
          <BreakerList
            slug={slug}
            breakers={standings.map((s) => s.rule)}
            manage={false}
            counts={new Map(standings.map((s) => [s.rule.id, { count: s.count, tripped: s.tripped }]))}
          />
        </Card>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <Card title={`Last ${DAYS} days`}>
          <dl className="grid grid-cols-4 gap-4">
            {stats.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="text-xl font-semibold text-slate-900 tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <figure className="mt-4" aria-label="Spend per day">
            <div className="flex h-24 items-end gap-1.5">
              {bars.map((b) => (
                <div
                  key={b.day}
                  title={`${b.day}: ${formatCost(b.value)}`}
                  className="flex-1 rounded-t bg-brand-500/80"
                  style={{ height: `${Math.max(b.heightPct, b.value > 0 ? 2 : 0.5)}%` }}
                />
              ))}
            </div>
            <figcaption className="mt-1 flex justify-between text-[10px] text-slate-400">
              <span>{bars[0]?.day}</span>
              <span>spend per day (UTC)</span>
              <span>{bars.at(-1)?.day}</span>
            </figcaption>
          </figure>
        </Card>
        <Card title="Models">
          {detail.models.length === 0 ? (
            <p className="text-sm text-slate-500">No model calls in the last {DAYS} days.</p>
          ) : (
            <Table label="Models">
              <thead>
                <tr>
                  <Th>Model</Th>
                  <Th className="text-right">Calls</Th>
                  <Th className="text-right">Tokens in / out</Th>
                  <Th className="text-right">Cost</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {detail.models.map((m) => (
                  <tr key={m.model}>
                    <Td className="font-mono text-xs">{m.model}</Td>
                    <Td className="text-right tabular-nums">{m.spans.toLocaleString("en-US")}</Td>
                    <Td className="text-right tabular-nums">
                      {formatTokens(m.inputTokens)} / {formatTokens(m.outputTokens)}
                    </Td>
                    <Td className="text-right tabular-nums">{formatCost(m.costUsd)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <Card title="Tools used">
          {detail.tools.length === 0 ? (
            <p className="text-sm text-slate-500">No tool calls in the last {DAYS} days.</p>
          ) : (
            <Table label="Tools used">
              <thead>
                <tr>
                  <Th>Tool</Th>
                  <Th className="text-right">Calls</Th>
                  <Th className="text-right">Errors</Th>
                  <Th className="text-right">p95</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {detail.tools.map((t) => (
                  <tr key={t.name}>
                    <Td className="font-mono text-xs">{t.name}</Td>
                    <Td className="text-right tabular-nums">{t.calls.toLocaleString("en-US")}</Td>
                    <Td className={t.errors ? "text-right text-red-700 tabular-nums" : "text-right tabular-nums"}>
                      {t.errors}
                    </Td>
                    <Td className="text-right tabular-nums">{formatDuration(t.p95Ms)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card
          title="Recent traces"
          actions={
            <Link
              href={`/${slug}/traces?agent=${encodeURIComponent(agent.externalId)}`}
              className="text-sm text-brand-700 hover:underline"
            >
              All traces →
            </Link>
          }
        >
          {recent.data.length === 0 ? (
            <p className="text-sm text-slate-500">No traces yet.</p>
          ) : (
            <Table label="Recent traces">
              <thead>
                <tr>
                  <Th>Started</Th>
                  <Th>Trace</Th>
                  <Th className="text-right">Duration</Th>
                  <Th className="text-right">Cost</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {recent.data.map((t) => (
                  <tr key={t.traceId}>
                    <Td className="text-xs">
                      <Time value={t.startTime} />
                    </Td>
                    <Td>
                      <Link href={`/${slug}/traces/${t.traceId}`} className="text-slate-900 hover:underline">
                        {t.status === "ERROR" ? <span className="text-red-600">⚠ </span> : null}
                        {t.name ?? "(root not received)"}
                      </Link>
                    </Td>
                    <Td className="text-right tabular-nums">{formatDuration(t.durationMs)}</Td>
                    <Td className="text-right tabular-nums">{formatCost(t.costUsd.toString())}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </div>
  );
}
