import type { Metadata } from "next";
import { requirePageAccess } from "@/lib/http/page-access";
import { listPolicies } from "@/lib/policy/list-policies";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { DecisionSimulator } from "@/components/policies/decision-simulator";

const EXAMPLE = JSON.stringify(
  {
    agent: "refund-agent",
    action: "refund",
    resource: { kind: "order", id: "o-42" },
    context: { amount: 900, confidence: 0.95 },
  },
  null,
  2,
);

export const metadata: Metadata = { title: "Policies" };

const SETS = {
  GUARDRAILS: {
    title: "Guardrails",
    description: "Permit or forbid. A deny is final; nothing permitting is a deny.",
  },
  APPROVALS: {
    title: "Approvals",
    description:
      "Consulted only when the guardrails allow: a matching permit holds the action for a human, routed and timed by its @route and @timeout annotations.",
  },
} as const;

export default async function PoliciesPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "policies:read");
  const policies = await listPolicies({ workspaceId: access.workspace.id });
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader
        title="Policies"
        description="Cedar policies agents cannot talk their way around: evaluated outside the agent, before the action, by POST /api/v1/decisions. Published versions are in force. The editor, saved tests, version diffs and impact analysis are not built yet."
      />
      <Card
        title="Simulator"
        description="What the published policies answer to a request, with the policies that decided it. Nothing is stored or audited."
      >
        <DecisionSimulator
          slug={slug}
          example={EXAMPLE}
          policyNames={Object.fromEntries(policies.map((p) => [p.id, p.name]))}
        />
      </Card>
      {(Object.keys(SETS) as (keyof typeof SETS)[]).map((set) => {
        const inSet = policies.filter((p) => p.set === set);
        return (
          <Card key={set} title={SETS[set].title} description={SETS[set].description}>
            {inSet.length === 0 ? (
              <p className="text-sm text-slate-500">No {SETS[set].title.toLowerCase()} policies.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {inSet.map((p) => (
                  <li key={p.id} className="py-3">
                    <details>
                      <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
                        <span className="font-medium text-slate-900">{p.name}</span>
                        {p.activeVersion ? (
                          <Badge tone="green">v{p.activeVersion.version} published</Badge>
                        ) : (
                          <Badge>draft</Badge>
                        )}
                        {p.mode === "SHADOW" ? <Badge tone="violet">shadow</Badge> : <Badge tone="blue">enforce</Badge>}
                        <span className="text-xs text-slate-500">
                          {p._count.versions} version{p._count.versions === 1 ? "" : "s"} · changed{" "}
                          <Time value={p.activeVersion?.createdAt ?? p.updatedAt} />
                          {p.activeVersion?.author ? ` by ${p.activeVersion.author.email}` : ""}
                          {p.activeVersion?.message ? ` · “${p.activeVersion.message}”` : ""}
                        </span>
                      </summary>
                      {p.description ? <p className="mt-2 text-sm text-slate-600">{p.description}</p> : null}
                      {p.activeVersion ? (
                        <pre
                          aria-label={`Source of ${p.name}`}
                          className="mt-2 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
                        >
                          {p.activeVersion.source}
                        </pre>
                      ) : null}
                    </details>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        );
      })}
    </div>
  );
}
