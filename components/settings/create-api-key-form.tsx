"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/auth/permissions";
import { createApiKeyAction } from "@/app/[workspace]/settings/actions";
import { useServerAction } from "./use-action";
import { OneTimeSecret } from "./one-time-secret";

const scopeHelp: Record<ApiKeyScope, string> = {
  ingest: "send traces (OTLP and native batches)",
  decide: "ask for policy decisions",
  read: "read traces and agents through the API",
};

export function CreateApiKeyForm({ slug }: { slug: string }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["ingest"]);
  const create = useServerAction(createApiKeyAction);

  return (
    <div className="space-y-4">
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ workspace: slug, name, scopes }, { onSuccess: () => setName("") });
        }}
      >
        <div className="max-w-md">
          <Field label="Key name" htmlFor="key-name" hint="Where the key is used, e.g. “support-bot production”.">
            <Input id="key-name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <div className="mt-1.5 space-y-1.5">
            {API_KEY_SCOPES.map((scope) => (
              <label key={scope} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) =>
                    setScopes((current) =>
                      e.target.checked ? [...current, scope] : current.filter((s) => s !== scope),
                    )
                  }
                  className="size-4 rounded border-slate-300"
                />
                <span className="font-mono">{scope}</span>
                <span className="text-slate-500">— {scopeHelp[scope]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <FormError message={create.error?.message} />
        <Button type="submit" disabled={create.isPending || scopes.length === 0}>
          {create.isPending ? "Creating…" : "Create API key"}
        </Button>
      </form>
      {create.data ? (
        <OneTimeSecret
          title={`Key ${create.data.publicKey} created`}
          description="Copy the secret now: it is shown once and Arbiter keeps only its hash. Send it as Authorization: Bearer <secret>, or as HTTP Basic auth with the public key as the user and the secret as the password (Basic base64(<public key>:<secret>))."
          label="Secret key"
          value={create.data.secret}
        />
      ) : null}
    </div>
  );
}
