import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { recentAuditEvents, workspaceOverview } from "@/lib/workspaces";
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
  const facts = await workspaceOverview({ workspaceId: access.workspace.id });
  const events = can(access.role, "audit:read") ? await recentAuditEvents({ workspaceId: access.workspace.id }) : null;
  const pending = await countPending({ workspaceId: access.workspace.id });
  const mine = can(access.role, "approvals:decide")
    ? await countWaiting({ workspaceId: access.workspace.id, member: { userId: access.user.id, role: access.role } })
    : null;

  return (
    <div className="max-w-6xl">
      <PageHeader
        title={access.workspace.name}
        description="What this workspace's agents are, who governs them, and what changed."
      />
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
          className="mt-6"
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
