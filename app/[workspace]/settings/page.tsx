import type { Metadata } from "next";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { Card } from "@/components/ui/card";
import { RenameWorkspaceForm } from "@/components/settings/rename-workspace-form";
import { SpanBodiesForm } from "@/components/settings/span-bodies-form";
import { SPAN_BODY_CHOICES } from "@/lib/traces/span-bodies";
import { spanBodyAccess } from "@/lib/workspaces";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "workspace:read");
  const bodies = await spanBodyAccess(access.workspace.id);
  return (
    <div className="space-y-6">
      <Card title="Workspace" description="The tenant and the unit of cost attribution: a team or a business unit.">
        {can(access.role, "workspace:update") ? <RenameWorkspaceForm slug={slug} name={access.workspace.name} /> : null}
        <dl className="mt-4 grid max-w-md grid-cols-3 gap-x-2 gap-y-2 text-sm">
          {can(access.role, "workspace:update") ? null : (
            <>
              <dt className="text-slate-500">Name</dt>
              <dd className="col-span-2 font-medium">{access.workspace.name}</dd>
            </>
          )}
          <dt className="text-slate-500">Slug</dt>
          <dd className="col-span-2 font-mono">{access.workspace.slug}</dd>
          <dt className="text-slate-500">Your role</dt>
          <dd className="col-span-2">{access.role}</dd>
        </dl>
      </Card>
      <Card
        title="Span bodies"
        description="Prompts, model outputs and tool arguments can hold customer data. Everything else about a span (its name, timing, tokens, cost, agent) stays readable by every role that reads traces; API keys with the read scope read bodies."
      >
        {can(access.role, "workspace:update") ? (
          <SpanBodiesForm slug={slug} access={bodies} />
        ) : (
          <p className="text-sm text-slate-700">Read by: {SPAN_BODY_CHOICES[bodies]}.</p>
        )}
      </Card>
    </div>
  );
}
