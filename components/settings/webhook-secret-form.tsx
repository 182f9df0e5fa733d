"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { rotateWebhookSecretAction } from "@/app/[workspace]/settings/actions";
import { useServerAction } from "./use-action";
import { OneTimeSecret } from "./one-time-secret";

/** Creates the signing secret, or rotates it after a confirmation, and shows the new one once. */
export function WebhookSecretForm({ slug, configured }: { slug: string; configured: boolean }) {
  const rotate = useServerAction(rotateWebhookSecretAction);
  // What the last click did: the page refreshes to "configured" before the secret is read.
  const [replaced, setReplaced] = useState(false);

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <Button
          variant={configured ? "danger" : "primary"}
          disabled={rotate.isPending}
          onClick={() => {
            if (
              configured &&
              !window.confirm(
                "Rotate the signing secret? The current secret stops signing at once: receivers that still check it will refuse Arbiter's webhooks until they have the new one.",
              )
            )
              return;
            setReplaced(configured);
            rotate.mutate({ workspace: slug });
          }}
        >
          {rotate.isPending ? "Working…" : configured ? "Rotate signing secret" : "Create signing secret"}
        </Button>
        <FormError message={rotate.error?.message} />
      </div>
      {rotate.data ? (
        <OneTimeSecret
          title={replaced ? "Signing secret rotated" : "Signing secret created"}
          description="Copy it now: it is shown once. Give it to the services that receive Arbiter's webhooks; they use it to check the X-Arbiter-Signature header."
          label="Signing secret"
          value={rotate.data.secret}
        />
      ) : null}
    </div>
  );
}
