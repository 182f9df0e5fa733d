import { redirect } from "next/navigation";
import { requireUser } from "@/lib/http/page-access";
import { listWorkspacesForUser } from "@/lib/workspaces";
import { SignOutButton } from "@/components/auth/sign-out-button";

export default async function Home() {
  const user = await requireUser();
  const memberships = await listWorkspacesForUser({ userId: user.id });
  const first = memberships[0];
  if (first) redirect(`/${first.workspace.slug}`);
  return (
    <main className="grid min-h-screen place-items-center px-4">
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
        <h1 className="text-xl font-semibold">You are not in any workspace yet</h1>
        <p className="mt-2 text-sm text-slate-600">
          You are signed in as {user.email}. Ask an administrator of your Arbiter to add you to a workspace.
        </p>
        <div className="mt-6">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
