"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { revokeApiKeyAction } from "@/app/[workspace]/settings/actions";
import { useServerAction } from "./use-action";

export function RevokeApiKeyButton({ slug, keyId, name }: { slug: string; keyId: string; name: string }) {
  const revoke = useServerAction(revokeApiKeyAction);
  return (
    <div className="space-y-1 text-right">
      <Button
        variant="danger"
        aria-label={`Revoke ${name}`}
        disabled={revoke.isPending}
        onClick={() => {
          if (window.confirm(`Revoke "${name}"? Agents using it will be refused at once.`)) {
            revoke.mutate({ workspace: slug, keyId });
          }
        }}
      >
        Revoke
      </Button>
      <FormError message={revoke.error?.message} />
    </div>
  );
}
