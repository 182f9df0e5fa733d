import type { Metadata } from "next";
import Link from "next/link";
import { findOrNotFound, requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { getPolicy } from "@/lib/policy/get-policy";
import { listPolicies } from "@/lib/policy/list-policies";
import { EXAMPLE_REQUEST } from "@/lib/policy/examples";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { PolicyWorkbench } from "@/components/policies/policy-workbench";
import { SavedTests } from "@/components/policies/saved-tests";
import { draftTestResults } from "@/lib/policy/policy-tests";
import { PolicyModeToggle } from "@/components/policies/policy-mode-toggle";
import { VersionHistory } from "@/components/policies/version-history";

export const metadata: Metadata = { title: "Policy" };

export default async function PolicyPage({ params }: { params: Promise<{ workspace: string; policyId: string }> }) {
  const { workspace: slug, policyId } = await params;
  const access = await requirePageAccess(slug, "policies:read");
  const policy = await findOrNotFound(getPolicy({ workspaceId: access.workspace.id, policyId }));
  const [names, tests] = await Promise.all([
    listPolicies({ workspaceId: access.workspace.id }),
    draftTestResults(access.workspace.id, policy.id),
  ]);
  const active = policy.versions.find((v) => v.id === policy.activeVersionId) ?? null;
  const canWrite = can(access.role, "policies:write");
  const canPublish = can(access.role, "policies:publish");
  const nextVersion = (policy.versions[0]?.version ?? 0) + 1;

  return (
    <div className="max-w-6xl space-y-4">
      <Link href={`/${slug}/policies`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Policies
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-mono text-2xl font-semibold tracking-tight text-slate-900">{policy.name}</h1>
          {policy.description ? <p className="mt-1 max-w-2xl text-sm text-slate-600">{policy.description}</p> : null}
          <div className="mt-2 flex flex-wrap items-center gap-1 text-xs text-slate-500">
            <Badge>{policy.set === "GUARDRAILS" ? "guardrail" : "approval"}</Badge>
            {policy.mode === "SHADOW" ? <Badge tone="violet">shadow</Badge> : <Badge tone="blue">enforce</Badge>}
            {active ? (
              <Badge tone="green">v{active.version} published</Badge>
            ) : (
              <Badge tone="amber">never published</Badge>
            )}
            {policy.draftSource !== null ? (
              <span>
                draft saved <Time value={policy.draftUpdatedAt} />
                {policy.draftAuthor ? ` by ${policy.draftAuthor.email}` : ""}
              </span>
            ) : null}
          </div>
        </div>
        {canPublish ? <PolicyModeToggle slug={slug} policyId={policy.id} mode={policy.mode} /> : null}
      </div>
      <PolicyWorkbench
        slug={slug}
        policyId={policy.id}
        initialSource={policy.draftSource ?? active?.source ?? ""}
        hasDraft={policy.draftSource !== null}
        publishedSource={active?.source ?? null}
        nextVersion={nextVersion}
        canWrite={canWrite}
        canPublish={canPublish}
        example={EXAMPLE_REQUEST}
        policyNames={Object.fromEntries(names.map((p) => [p.id, p.name]))}
      />
      <Card
        title="Saved tests"
        description="Requests with the outcome they must get. Every draft save runs them, and a publish is refused while one fails."
      >
        <SavedTests
          slug={slug}
          against={tests.against}
          canWrite={canWrite}
          tests={tests.results.map((t) => ({ ...t, request: JSON.stringify(t.request, null, 2) }))}
        />
      </Card>
      <Card
        title="Versions"
        description="Every publish is an immutable version. Rolling back publishes an earlier source as a new version."
      >
        <VersionHistory
          key={`${policy.versions.length}:${policy.draftUpdatedAt?.toISOString() ?? "none"}`}
          slug={slug}
          policyId={policy.id}
          draft={policy.draftSource}
          canPublish={canPublish}
          versions={policy.versions.map((v) => ({
            id: v.id,
            version: v.version,
            source: v.source,
            message: v.message,
            status: v.status,
            createdAt: v.createdAt.toISOString(),
            author: v.author?.email ?? null,
          }))}
        />
      </Card>
    </div>
  );
}
