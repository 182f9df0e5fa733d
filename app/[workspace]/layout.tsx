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
import { WaitingCount } from "@/components/approvals/waiting-count";
import { countWaiting } from "@/lib/approvals/list-approvals";

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
  // What waits for this member in the inbox, kept live by the badge itself.
  const waiting = can(access.role, "approvals:decide")
    ? await countWaiting({ workspaceId: access.workspace.id, member: { userId: access.user.id, role: access.role } })
    : null;

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
            <SidebarNav
              slug={slug}
              items={items}
              badges={waiting !== null ? { "/approvals": <WaitingCount slug={slug} initial={waiting} /> } : {}}
            />
          </div>
          <UserMenu name={access.user.name} email={access.user.email} role={access.role} />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
