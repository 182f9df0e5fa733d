import type { ReactNode } from "react";
import { requirePageAccess } from "@/lib/http/page-access";
import { listWorkspacesForUser } from "@/lib/workspaces";
import { can, canCreateWorkspace } from "@/lib/auth/permissions";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { AppShell } from "@/components/shell/app-shell";
import { BrandLink } from "@/components/shell/brand-link";
import { SidebarNav } from "@/components/shell/sidebar";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { UserMenu } from "@/components/shell/user-menu";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "workspace:read");
  const memberships = await listWorkspacesForUser({ userId: access.user.id });
  const items = NAV_ITEMS.filter((item) => can(access.role, item.permission));

  return (
    <AppShell
      homeHref={`/${slug}`}
      workspaceName={access.workspace.name}
      sidebar={
        <>
          {/* Below md the top bar shows the mark. */}
          <BrandLink href={`/${slug}`} className="hidden px-1 md:flex" />
          <WorkspaceSwitcher
            current={slug}
            workspaces={memberships.map((m) => m.workspace)}
            canCreate={canCreateWorkspace(memberships.map((m) => m.role))}
          />
          <div className="flex-1 overflow-y-auto">
            <SidebarNav slug={slug} items={items} />
          </div>
          <UserMenu name={access.user.name} email={access.user.email} role={access.role} />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
