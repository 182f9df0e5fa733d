import type { Metadata } from "next";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { Card } from "@/components/ui/card";
import { RenameWorkspaceForm } from "@/components/settings/rename-workspace-form";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "workspace:read");
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
    </div>
  );
}
