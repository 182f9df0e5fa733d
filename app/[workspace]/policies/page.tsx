import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { listPolicies } from "@/lib/policy/list-policies";
import { publishedTestResults } from "@/lib/policy/policy-tests";
import { EXAMPLE_REQUEST } from "@/lib/policy/examples";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { OutcomeBadge } from "@/components/decisions/outcome-badge";
import { DecisionSimulator } from "@/components/policies/decision-simulator";
import { NewPolicyForm } from "@/components/policies/new-policy-form";
import { DeleteTestButton } from "@/components/policies/delete-test-button";

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
  const [policies, tests] = await Promise.all([
    listPolicies({ workspaceId: access.workspace.id }),
    publishedTestResults(access.workspace.id),
  ]);
  const canWrite = can(access.role, "policies:write");
  const policyNames = Object.fromEntries(policies.map((p) => [p.id, p.name]));
  const failing = tests.filter((t) => !t.passed).length;
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader
        title="Policies"
        description="Cedar policies agents cannot talk their way around: evaluated outside the agent, before the action, by POST /api/v1/decisions. Published versions are in force; drafts are not."
      />
      {(Object.keys(SETS) as (keyof typeof SETS)[]).map((set) => {
        const inSet = policies.filter((p) => p.set === set);
        return (
          <Card key={set} title={SETS[set].title} description={SETS[set].description}>
            {inSet.length === 0 ? (
              <p className="text-sm text-slate-500">No {SETS[set].title.toLowerCase()} policies.</p>
            ) : (
              <Table label={`${SETS[set].title} policies`}>
                <thead>
                  <tr>
                    <Th>Policy</Th>
                    <Th>Status</Th>
                    <Th>Mode</Th>
                    <Th>Versions</Th>
                    <Th>Last change</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {inSet.map((p) => (
                    <tr key={p.id}>
                      <Td>
                        <Link
                          href={`/${slug}/policies/${p.id}`}
                          className="font-mono font-medium text-brand-700 hover:underline"
                        >
                          {p.name}
                        </Link>
                        {p.description ? <p className="text-xs text-slate-500">{p.description}</p> : null}
                      </Td>
                      <Td>
                        <div className="flex flex-wrap gap-1">
                          {p.activeVersion ? (
                            <Badge tone="green">v{p.activeVersion.version} published</Badge>
                          ) : (
                            <Badge tone="amber">never published</Badge>
                          )}
                          {p.draftUpdatedAt ? <Badge>draft</Badge> : null}
                        </div>
                      </Td>
                      <Td>
                        {p.mode === "SHADOW" ? <Badge tone="violet">shadow</Badge> : <Badge tone="blue">enforce</Badge>}
                      </Td>
                      <Td className="tabular-nums">{p._count.versions}</Td>
                      <Td className="text-xs text-slate-500">
                        <Time value={p.draftUpdatedAt ?? p.activeVersion?.createdAt ?? p.updatedAt} />
                        {p.activeVersion?.author ? <div>{p.activeVersion.author.email}</div> : null}
                        {p.activeVersion?.message ? (
                          <div className="max-w-64 truncate">“{p.activeVersion.message}”</div>
                        ) : null}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>
        );
      })}
      {canWrite ? (
        <Card
          title="New policy"
          description="It starts as a draft and takes part in decisions once an admin publishes it."
        >
          <NewPolicyForm slug={slug} />
        </Card>
      ) : null}
      <Card
        title="Saved tests"
        description={
          tests.length
            ? `Against the published policies: ${tests.length - failing} of ${tests.length} pass. A test written for a draft shows its result against that draft on the policy's page; every draft save runs them, and publishing is refused while one fails.`
            : "Requests with the outcome the policies must give them. Keep one from a simulator; every draft save runs them and a failing one blocks publishing."
        }
      >
        {tests.length ? (
          <Table label="Saved tests">
            <thead>
              <tr>
                <Th>Test</Th>
                <Th>Expects</Th>
                <Th>Published policies give</Th>
                {canWrite ? <Th className="sr-only">Actions</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tests.map((t) => (
                <tr key={t.id}>
                  <Td className="font-medium text-slate-800">{t.name}</Td>
                  <Td>
                    <OutcomeBadge outcome={t.expected} />
                  </Td>
                  <Td>
                    {t.actual ? (
                      <OutcomeBadge outcome={t.actual} />
                    ) : (
                      <span className="text-xs text-red-700">{t.error}</span>
                    )}{" "}
                    <span className={t.passed ? "text-xs text-emerald-700" : "text-xs font-medium text-red-700"}>
                      {t.passed ? "passes" : "fails"}
                    </span>
                  </Td>
                  {canWrite ? (
                    <Td className="text-right">
                      <DeleteTestButton slug={slug} testId={t.id} name={t.name} />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="text-sm text-slate-500">No saved tests yet.</p>
        )}
      </Card>
      <Card
        title="Simulator"
        description="What the published policies answer to a request, with the policies that decided it. Nothing is stored or audited."
      >
        <DecisionSimulator slug={slug} example={EXAMPLE_REQUEST} policyNames={policyNames} canSaveTests={canWrite} />
      </Card>
    </div>
  );
}
