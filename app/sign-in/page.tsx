import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/http/page-access";
import { safeCallback } from "@/lib/http/safe-callback";
import { oidcEnabled, oidcName } from "@/lib/auth/options";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : null;

  return (
    <main className="grid min-h-screen place-items-center bg-slate-900 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-white">
          <span aria-hidden className="grid size-9 place-items-center rounded-lg bg-brand-600 text-lg font-bold">
            A
          </span>
          <span className="text-2xl font-semibold tracking-tight">Arbiter</span>
        </div>
        <div className="rounded-xl bg-white p-7 shadow-xl">
          <h1 className="text-lg font-semibold text-slate-900">Sign in</h1>
          <p className="mb-5 text-sm text-slate-500">Governance for your fleet of AI agents.</p>
          <SignInForm
            callbackUrl={callbackUrl}
            initialError={error}
            oidc={oidcEnabled() ? { name: oidcName() } : null}
          />
        </div>
      </div>
    </main>
  );
}
