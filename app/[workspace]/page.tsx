import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { agentsNeedingAttention, decisionsByDay, recentAuditEvents, workspaceOverview } from "@/lib/workspaces";
import { listApprovals } from "@/lib/approvals/list-approvals";
import { readBudgetStates } from "@/lib/cost/budget-monitor";
import { listAlerts } from "@/lib/cost/alerts";
import { outcomeDays } from "@/lib/decisions/outcome-days";
import { BudgetList } from "@/components/costs/budget-list";
import { AlertList } from "@/components/costs/alert-list";
import { OutcomeChart } from "@/components/decisions/outcome-chart";
import { Ago } from "@/components/ui/time";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { describeEvent } from "@/lib/audit/describe-event";
import { countPending, countWaiting } from "@/lib/approvals/list-approvals";

export const metadata: Metadata = { title: "Overview" };

function Stat({ label, value, href, note }: { label: string; value: string | number; href?: string; note?: string }) {
  const body = (
    <div className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-xs transition-colors hover:border-slate-300">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-3xl font-semibold text-slate-900 tabular-nums">
        {typeof value === "number" ? value.toLocaleString("en-US") : value}
      </p>
      {note ? <p className="mt-1 text-xs text-slate-500">{note}</p> : null}
    </div>
  );
  return href ? <Link href={href}>{body}</Link> : body;
}

export default async function OverviewPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "workspace:read");
  const workspaceId = access.workspace.id;
  const member = { userId: access.user.id, role: access.role };
  const decides = can(access.role, "approvals:decide");
  const costs = can(access.role, "costs:read");
  const [facts, events, pending, mine, waiting, budgets, alerts, outcomes, attention] = await Promise.all([
    workspaceOverview({ workspaceId }),
    can(access.role, "audit:read") ? recentAuditEvents({ workspaceId }) : null,
    countPending({ workspaceId }),
    decides ? countWaiting({ workspaceId, member }) : null,
    listApprovals({ workspaceId, member, query: { view: decides ? "mine" : "pending", limit: 5 } }),
    costs ? readBudgetStates({ workspaceId }) : [],
    costs ? listAlerts({ workspaceId, limit: 30 }) : [],
    decisionsByDay({ workspaceId, days: 7 }),
    agentsNeedingAttention({ workspaceId }),
  ]);
  const openAlerts = alerts.filter((a) => a.status === "OPEN").slice(0, 5);
  const days = outcomeDays(outcomes, { days: 7, now: facts.now });

  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title={access.workspace.name}
        description="What needs attention in this workspace: held actions, budgets, alerts and agents that misbehave."
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card
          title={decides ? "Waiting for you" : "Waiting for approval"}
          description={decides ? `${mine} for you · ${pending} pending in all` : `${pending} pending`}
          actions={
            <Link
              href={`/${slug}/approvals${decides ? "" : "?view=pending"}`}
              className="text-sm text-brand-700 hover:underline"
            >
              Inbox
            </Link>
          }
        >
          {waiting.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing is waiting{decides ? " for you" : ""}.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {waiting.map((a) => (
                <li
                  key={a.id}
                  className="flex flex-wrap items-baseline justify-between gap-2 py-2 first:pt-0 last:pb-0"
                >
                  <Link
                    href={`/${slug}/approvals/${a.id}`}
                    className="min-w-0 font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {a.agent?.name ?? "agent"} · <span className="font-mono text-xs">{a.action}</span>
                    <span className="block truncate text-xs font-normal text-slate-500">{a.reason}</span>
                  </Link>
                  <span className="text-xs text-slate-500">
                    deadline <Ago value={a.expiresAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {costs ? (
          <Card
            title="Open alerts"
            description="Budgets crossing their thresholds or forecast over, and tripped circuit breakers."
            actions={
              <Link href={`/${slug}/costs`} className="text-sm text-brand-700 hover:underline">
                Costs
              </Link>
            }
          >
            <AlertList slug={slug} alerts={openAlerts} canAcknowledge={can(access.role, "budgets:manage")} />
          </Card>
        ) : null}
        {costs ? (
          <Card title="Budgets this period" description="Spend against each budget, with its forecast.">
            <BudgetList slug={slug} budgets={budgets} />
          </Card>
        ) : null}
        <Card
          title="Decisions, last 7 days"
          actions={
            can(access.role, "decisions:read") ? (
              <Link href={`/${slug}/decisions`} className="text-sm text-brand-700 hover:underline">
                Decision log
              </Link>
            ) : null
          }
        >
          <OutcomeChart days={days} />
        </Card>
        <Card title="Agents needing attention" description="Suspended, or denied three times or more in the last day.">
          {attention.suspended.length + attention.denied.length === 0 ? (
            <p className="text-sm text-slate-500">None: every agent is active and none is being denied repeatedly.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {attention.suspended.map((a) => (
                <li key={a.id} className="py-2 first:pt-0 last:pb-0">
                  <Link
                    href={`/${slug}/agents/${a.id}`}
                    className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {a.name}
                  </Link>{" "}
                  <span className="text-xs font-medium text-red-700">suspended</span>
                  {a.statusReason ? <span className="block text-xs text-slate-500">{a.statusReason}</span> : null}
                </li>
              ))}
              {attention.denied.map((a) => (
                <li key={a.id} className="py-2 first:pt-0 last:pb-0">
                  <Link
                    href={`/${slug}/agents/${a.id}`}
                    className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {a.name}
                  </Link>{" "}
                  <span className="text-xs text-amber-800">{a.denials} denials in the last day</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Stat
          label="Waiting for approval"
          value={pending}
          href={`/${slug}/approvals${mine === null ? "?view=pending" : ""}`}
          note={mine === null ? "held agent actions, before their deadline" : `${mine} waiting for you`}
        />
        <Stat
          label="Agents"
          value={facts.agents}
          href={`/${slug}/agents`}
          note={facts.suspendedAgents ? `${facts.suspendedAgents} suspended` : "none suspended"}
        />
        <Stat
          label="Traces received"
          value={facts.traces}
          href={can(access.role, "traces:read") ? `/${slug}/traces` : undefined}
          note="over OTLP and the native ingest API"
        />
        <Stat
          label="Spend, last 30 days"
          value={`$${facts.spend30d.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`}
          note={`${facts.tokens30d.toLocaleString("en-US")} tokens, priced per model`}
        />
        <Stat
          label="Members"
          value={facts.members}
          href={can(access.role, "members:read") ? `/${slug}/settings/members` : undefined}
        />
        <Stat
          label="Active API keys"
          value={facts.activeKeys}
          href={can(access.role, "apiKeys:read") ? `/${slug}/settings/api-keys` : undefined}
        />
      </div>
      {events ? (
        <Card
          title="Recent governance activity"
          description={`${facts.auditEvents.toLocaleString("en-US")} events in this workspace's hash-chained audit trail.`}
        >
          {events.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing recorded yet.</p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {events.map((e) => {
                const about = describeEvent(slug, e);
                return (
                  <li key={e.seq} className="flex flex-wrap items-baseline gap-x-4 gap-y-0.5 py-2 text-sm">
                    <span className="w-12 font-mono text-xs text-slate-400">#{e.seq}</span>
                    <span className="font-mono text-xs text-slate-800 sm:w-48">{e.action}</span>
                    <span className="min-w-0 basis-full [overflow-wrap:anywhere] sm:flex-1 sm:basis-0">
                      {about.target ? (
                        about.href ? (
                          <Link href={about.href} className="text-brand-700 hover:underline">
                            {about.target}
                          </Link>
                        ) : (
                          <span className="text-slate-800">{about.target}</span>
                        )
                      ) : null}
                      <span className="text-slate-500">
                        {about.target ? " by " : ""}
                        {e.actorType === "SYSTEM" ? "system" : e.actorLabel}
                      </span>
                      {about.reason ? <span className="block text-xs text-slate-500">“{about.reason}”</span> : null}
                    </span>
                    <span className="text-xs text-slate-500">
                      <Time value={e.occurredAt} />
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </Card>
      ) : null}
    </div>
  );
}
