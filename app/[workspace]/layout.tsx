import type { ReactNode } from "react";
import Link from "next/link";
import { requirePageAccess } from "@/lib/http/page-access";
import { listWorkspacesForUser } from "@/lib/workspaces";
import { can, canCreateWorkspace } from "@/lib/auth/permissions";
import { NAV_ITEMS } from "@/components/shell/nav-items";
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
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col gap-6 bg-slate-900 px-4 py-5">
        <Link href={`/${slug}`} className="flex items-center gap-2 px-1 text-white">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm font-bold">
            A
          </span>
          <span className="text-lg font-semibold tracking-tight">Arbiter</span>
        </Link>
        <WorkspaceSwitcher
          current={slug}
          workspaces={memberships.map((m) => m.workspace)}
          canCreate={canCreateWorkspace(memberships.map((m) => m.role))}
        />
        <div className="flex-1 overflow-y-auto">
          <SidebarNav slug={slug} items={items} />
        </div>
        <UserMenu name={access.user.name} email={access.user.email} role={access.role} />
      </aside>
      <main className="min-w-0 flex-1 px-8 py-8">{children}</main>
    </div>
  );
}
