import type { Metadata } from "next";
import Link from "next/link";
import { findOrNotFound, requirePageAccess } from "@/lib/http/page-access";
import { getDecision, policyNames } from "@/lib/decisions/queries";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { OutcomeBadge } from "@/components/decisions/outcome-badge";
import { AgentLabel } from "@/components/agents/agent-label";

export const metadata: Metadata = { title: "Decision" };

export default async function DecisionPage({ params }: { params: Promise<{ workspace: string; decisionId: string }> }) {
  const { workspace: slug, decisionId } = await params;
  const access = await requirePageAccess(slug, "decisions:read");
  const decision = await findOrNotFound(getDecision({ workspaceId: access.workspace.id, decisionId }));
  const names = await policyNames({ workspaceId: access.workspace.id });
  // A policy at the version that decided: its page, scrolled to that version in its history.
  const policyHref = (policyId: string, version: number) =>
    `/${slug}/policies/${encodeURIComponent(policyId)}#v${version}`;
  const reasons = decision.reasons as { policyId: string; version: number; message: string }[];
  const versions = decision.policyVersions as { policyId: string; version: number; mode: string }[];
  const errors = decision.errors as string[];
  const { _shadow: shadow, ...context } = decision.context as Record<string, unknown> & {
    _shadow?: { outcome: string; reasons: { policyId: string; version: number; message: string }[] };
  };
  const request = { agent: decision.agentExternalId, action: decision.action, resource: decision.resource, context };
  const agent = { externalId: decision.agentExternalId, name: decision.agent?.name ?? decision.agentExternalId };

  return (
    <div className="max-w-5xl space-y-4">
      <Link href={`/${slug}/decisions`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Decisions
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
            <AgentLabel agent={agent} /> · {decision.action} <OutcomeBadge outcome={decision.outcome} />
          </h1>
          <p className="font-mono text-xs text-slate-400">{decision.id}</p>
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-xs">
          <dt className="text-slate-500">At</dt>
          <dd>
            <Time value={decision.createdAt} />
          </dd>
          <dt className="text-slate-500">Evaluated in</dt>
          <dd className="tabular-nums">{decision.latencyMs.toFixed(2)} ms</dd>
          <dt className="text-slate-500">Agent</dt>
          <dd>
            {decision.agent ? (
              <Link href={`/${slug}/agents/${decision.agent.id}`} className="text-brand-700 hover:underline">
                {decision.agent.name}
              </Link>
            ) : (
              decision.agentExternalId
            )}
          </dd>
          <dt className="text-slate-500">Agent id</dt>
          <dd className="font-mono">{decision.agentExternalId}</dd>
          <dt className="text-slate-500">Trace</dt>
          <dd>
            {decision.traceId ? (
              <Link href={`/${slug}/traces/${decision.traceId}`} className="font-mono text-brand-700 hover:underline">
                {decision.traceId.slice(0, 12)}…{decision.spanId ? ` / ${decision.spanId}` : ""}
              </Link>
            ) : (
              "—"
            )}
          </dd>
        </dl>
      </div>

      <Card title="Why">
        <ul className="space-y-2 text-sm">
          {reasons.map((r, i) => (
            <li key={i}>
              {r.version ? (
                <Link
                  href={policyHref(r.policyId, r.version)}
                  className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                >
                  {names[r.policyId] ?? r.policyId} <span className="font-normal text-slate-500">v{r.version}</span>
                </Link>
              ) : (
                <span className="font-medium text-slate-900">{names[r.policyId] ?? r.policyId}</span>
              )}
              <span className="text-slate-700"> — {r.message}</span>
            </li>
          ))}
        </ul>
        {errors.length ? (
          <div role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-xs text-red-800">
            Evaluation errors (the decision failed closed): {errors.join("; ")}
          </div>
        ) : null}
        {shadow ? (
          <p className="mt-3 text-xs text-slate-600">
            With shadow policies counted it would have been <OutcomeBadge outcome={shadow.outcome} /> (
            {shadow.reasons.map((r) => names[r.policyId] ?? r.policyId).join(", ")}).
          </p>
        ) : null}
        {decision.approval ? (
          <p className="mt-3 text-sm">
            Approval request{" "}
            <Link
              href={`/${slug}/approvals/${decision.approval.id}`}
              className="font-mono text-xs text-brand-700 hover:underline"
            >
              {decision.approval.id}
            </Link>
            : <strong>{decision.approval.status.toLowerCase()}</strong>, routed to {decision.approval.routedTo ?? "—"},
            deadline <Time value={decision.approval.expiresAt} />.
          </p>
        ) : null}
      </Card>

      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Request">
          <pre className="overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">
            {JSON.stringify(request, null, 2)}
          </pre>
        </Card>
        <Card title="Policies in force">
          <ul className="space-y-1 text-xs">
            {versions.map((v) => (
              <li key={v.policyId} className="flex justify-between gap-2">
                <Link href={policyHref(v.policyId, v.version)} className="font-mono text-brand-700 hover:underline">
                  {names[v.policyId] ?? v.policyId}
                </Link>
                <span className="text-slate-500">
                  v{v.version}
                  {v.mode === "SHADOW" ? " · shadow" : ""}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
