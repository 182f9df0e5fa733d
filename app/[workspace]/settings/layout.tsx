import type { ReactNode } from "react";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default async function SettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "workspace:read");
  const tabs = [
    { href: "", label: "General" },
    ...(can(access.role, "members:read") ? [{ href: "/members", label: "Members" }] : []),
    ...(can(access.role, "apiKeys:read") ? [{ href: "/api-keys", label: "API keys" }] : []),
  ];
  return (
    <div className="max-w-5xl">
      <PageHeader title="Settings" description={`Workspace ${access.workspace.name}`} />
      <SettingsTabs slug={slug} tabs={tabs} />
      {children}
    </div>
  );
}
