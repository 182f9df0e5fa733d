import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requireUser } from "@/lib/http/page-access";
import { listWorkspacesForUser } from "@/lib/workspaces";
import { canCreateWorkspace } from "@/lib/auth/permissions";
import { CreateWorkspaceForm } from "@/components/settings/create-workspace-form";

export const metadata: Metadata = { title: "New workspace" };

export default async function NewWorkspacePage() {
  const user = await requireUser();
  const memberships = await listWorkspacesForUser({ userId: user.id });
  if (!canCreateWorkspace(memberships.map((m) => m.role))) forbidden();
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <Link href="/" className="text-sm text-slate-500 hover:text-slate-800">
        ← Back
      </Link>
      <h1 className="mt-4 text-2xl font-semibold">New workspace</h1>
      <p className="mt-1 mb-6 text-sm text-slate-500">
        You will be its first admin. Agents, keys, policies and costs are kept per workspace.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-xs">
        <CreateWorkspaceForm />
      </div>
    </main>
  );
}
