"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";

const knownErrors: Record<string, string> = {
  OidcNoEmail: "Your identity provider did not share an email address.",
  OAuthSignin: "Could not reach the identity provider.",
  OAuthCallback: "The identity provider's answer could not be verified.",
  AccessDenied: "Access denied.",
};

export function SignInForm({
  callbackUrl,
  initialError,
  oidc,
}: {
  callbackUrl: string;
  initialError: string | null;
  oidc: { name: string } | null;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(
    initialError ? (knownErrors[initialError] ?? "Sign-in failed.") : null,
  );
  const [pending, setPending] = useState(false);

  return (
    <div className="space-y-4">
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setPending(true);
          setError(null);
          const result = await signIn("credentials", { email, password, redirect: false });
          if (!result || result.error) {
            setPending(false);
            // authorize() throws messages written for people (wrong password, locked, rate limited).
            setError(
              result?.error && result.error !== "CredentialsSignin" ? result.error : "Invalid email or password.",
            );
            return;
          }
          // A document navigation, not the router's: the browser keeps this page painted until
          // the signed-in one has content (a soft navigation blanked the page for ~0.5 s).
          window.location.assign(callbackUrl);
        }}
      >
        <Field label="Email" htmlFor="email">
          <Input
            id="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <FormError message={error} />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidc ? (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-400">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
            Continue with {oidc.name}
          </Button>
        </>
      ) : null}
    </div>
  );
}
