import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { findOrNotFound, requirePageAccess } from "@/lib/http/page-access";
import { getApprovalDetail } from "@/lib/approvals/get-approval";
import { roleMayDecide } from "@/lib/approvals/routing";
import { countdownNow, formatAmount, quorumText } from "@/lib/approvals/inbox-view";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { AgentLabel } from "@/components/agents/agent-label";
import { Time } from "@/components/ui/time";
import { DecidePanel } from "@/components/approvals/decide-panel";
import { LiveRefresh } from "@/components/approvals/live-refresh";
import { riskTone } from "@/components/approvals/risk-tone";

export const metadata: Metadata = { title: "Approval request" };

const STATUS_TONE = {
  PENDING: "amber",
  APPROVED: "green",
  REJECTED: "red",
  EXPIRED: "slate",
  CANCELLED: "slate",
} as const;

function Facts({ rows }: { rows: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(({ label, value }) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 break-words text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function ApprovalPage({ params }: { params: Promise<{ workspace: string; approvalId: string }> }) {
  const { workspace: slug, approvalId } = await params;
  const access = await requirePageAccess(slug, "approvals:read");
  const { view, agent, voters, policyName, history } = await findOrNotFound(
    getApprovalDetail({ workspaceId: access.workspace.id, approvalId }),
  );
  const resource = view.requested.resource as Record<string, unknown> & { attributes?: Record<string, unknown> };
  const context = view.requested.context as {
    amount?: number;
    currency?: string;
    confidence?: number;
    reason?: string;
  };
  const approvedContext = (view.approved?.context ?? null) as { amount?: number } | null;
  const currentAmount = (view.current.context as { amount?: number }).amount ?? null;
  const amount = formatAmount(context.amount ?? null, context.currency ?? null);
  const clock = countdownNow(view);
  const quorum = quorumText(view);
  const ownAgent = agent?.ownerId === access.user.id;
  const mayDecide =
    view.status === "PENDING" && roleMayDecide(access.role, view.routedTo) && !voters.includes(access.user.id);

  return (
    <div className="max-w-5xl space-y-4">
      <LiveRefresh slug={slug} approvalId={view.id} />
      <Link href={`/${slug}/approvals`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Approvals
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight text-slate-900 sm:text-2xl">
            <span className="break-all">
              {agent ? <AgentLabel agent={agent} /> : view.agent} · {view.action}
              {amount ? ` · ${amount}` : ""}
            </span>
            <Badge tone={STATUS_TONE[view.status]}>{view.status.toLowerCase()}</Badge>
          </h1>
          <p className="font-mono text-xs break-all text-slate-400">{view.id}</p>
        </div>
        <p className={clock.urgency === "at-risk" ? "text-sm font-medium text-red-700" : "text-sm text-slate-600"}>
          {clock.urgency === "at-risk" ? "At risk: " : ""}
          {view.status === "PENDING" ? clock.text : null} (deadline <Time value={view.expiresAt} />)
        </p>
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <Card title="What the agent wants to do" className="order-1 md:order-none">
          <Facts
            rows={[
              { label: "Action", value: <span className="font-mono">{view.action}</span> },
              {
                label: "Resource",
                value: <span className="font-mono">{`${String(resource.kind)}:${String(resource.id)}`}</span>,
              },
              { label: "Amount", value: amount ?? "—" },
              { label: "Confidence", value: context.confidence !== undefined ? context.confidence.toFixed(2) : "—" },
              { label: "Agent's reason", value: context.reason ?? "—" },
              {
                label: "Risk tier",
                value: (
                  <Badge tone={riskTone(String(resource.riskTier))}>{String(resource.riskTier).toLowerCase()}</Badge>
                ),
              },
              { label: "Data class", value: String(resource.dataClass ?? "—") },
              { label: "Environment", value: String(resource.environment || "—") },
              { label: "Destructive", value: resource.destructive ? "yes" : "no" },
              ...Object.entries(resource.attributes ?? {}).map(([k, v]) => ({
                label: `· ${k}`,
                value: <span className="font-mono">{String(v)}</span>,
              })),
            ]}
          />
        </Card>
        <Card title="Why it was held" className="order-3 md:order-none">
          <Facts
            rows={[
              {
                label: "Policy",
                value: view.policy ? (
                  <Link href={`/${slug}/policies/${view.policy.id}`} className="text-brand-700 hover:underline">
                    {policyName ?? view.policy.id} v{view.policy.version}
                  </Link>
                ) : (
                  "—"
                ),
              },
              { label: "Message", value: view.reason },
              { label: "Routed to", value: view.routedTo ?? "ADMIN" },
              {
                label: "Quorum",
                value: view.quorum > 1 ? `${view.approvals} of ${view.quorum} approvers` : "one approver",
              },
              { label: "Escalated", value: view.escalatedAt ? <Time value={view.escalatedAt} /> : "no" },
              { label: "Asked at", value: <Time value={view.createdAt} /> },
              {
                label: "Trace",
                value: view.traceId ? (
                  <Link href={`/${slug}/traces/${view.traceId}`} className="font-mono text-brand-700 hover:underline">
                    {view.traceId.slice(0, 12)}…{view.spanId ? ` / ${view.spanId}` : ""}
                  </Link>
                ) : (
                  "not linked"
                ),
              },
              {
                label: "Decision",
                value: view.decisionId ? (
                  <Link href={`/${slug}/decisions/${view.decisionId}`} className="text-brand-700 hover:underline">
                    the decision that held it
                  </Link>
                ) : (
                  "—"
                ),
              },
            ]}
          />
        </Card>
        <Card title="The agent at decision time" className="order-4 md:order-none">
          {agent ? (
            <Facts
              rows={[
                {
                  label: "Agent",
                  value: (
                    <Link href={`/${slug}/agents/${agent.id}`} className="text-brand-700 hover:underline">
                      {agent.name}
                    </Link>
                  ),
                },
                { label: "Agent id", value: <span className="font-mono text-xs">{agent.externalId}</span> },
                { label: "Status", value: agent.status.toLowerCase() },
                { label: "Trust score", value: `${agent.trustScore} / 100` },
                { label: "Autonomy", value: agent.autonomyLevel.toLowerCase().replaceAll("_", " ") },
                { label: "Risk tier", value: agent.riskTier.toLowerCase() },
                { label: "Owner", value: agent.owner?.email ?? "nobody" },
                {
                  label: `${view.action} in 30 days`,
                  value: `${history.APPROVED ?? 0} approved · ${history.REJECTED ?? 0} rejected · ${history.EXPIRED ?? 0} expired · ${history.PENDING ?? 0} pending`,
                },
              ]}
            />
          ) : (
            <p className="text-sm text-slate-500">The agent has been removed.</p>
          )}
        </Card>
        {/* On a phone the decision comes right after what is asked, before the background. */}
        <Card title={view.status === "PENDING" ? "Your decision" : "Outcome"} className="order-2 md:order-none">
          {view.deciders.length ? (
            <ul className="mb-4 space-y-1 text-sm">
              {view.deciders.map((d) => (
                <li key={d.email}>
                  <strong>{d.vote === "APPROVE" ? "Approved" : "Rejected"}</strong> by {d.email} <Time value={d.at} />
                  {d.reason ? <span className="text-slate-600"> — {d.reason}</span> : null}
                  {d.comment ? <span className="block text-slate-500">“{d.comment}”</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {view.status === "APPROVED" && view.edited && approvedContext?.amount !== undefined ? (
            <p className="mb-3 text-sm">
              Approved with changes: amount {formatAmount(approvedContext.amount, context.currency ?? null)}.
            </p>
          ) : null}
          {view.status === "APPROVED" ? (
            <p className="text-sm text-slate-600">
              {view.tokenUsedAt ? (
                <>
                  The agent acted on it at <Time value={view.tokenUsedAt} />.
                </>
              ) : (
                "The agent holds a one-use token for exactly this request."
              )}
            </p>
          ) : null}
          {view.status === "EXPIRED" ? (
            <p className="text-sm text-slate-600">Nobody decided before the deadline: the action was denied.</p>
          ) : null}
          {mayDecide && ownAgent ? (
            <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
              You own this agent: separation of duties means someone else approves it (you may still reject).
            </p>
          ) : null}
          {mayDecide ? (
            <>
              {view.edited ? (
                <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
                  An approver changed this request: amount {formatAmount(currentAmount, context.currency ?? null)}{" "}
                  (asked {amount}). Approving approves the changed request.
                </p>
              ) : null}
              <DecidePanel
                slug={slug}
                approvalId={view.id}
                amount={currentAmount}
                quorumText={quorum}
                expectedArgsHash={view.currentArgsHash}
              />
            </>
          ) : view.status === "PENDING" ? (
            <p className="text-sm text-slate-500">
              {voters.includes(access.user.id)
                ? "You have answered; it waits for another approver."
                : `Routed to ${view.routedTo ?? "ADMIN"}; your role (${access.role.toLowerCase()}) reads it.`}
            </p>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
