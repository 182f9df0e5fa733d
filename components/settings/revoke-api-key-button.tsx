"use client";

import { revokeApiKeyAction } from "@/app/[workspace]/settings/actions";
import { ConfirmActionButton } from "./confirm-action-button";

export function RevokeApiKeyButton({ slug, keyId, name }: { slug: string; keyId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={revokeApiKeyAction}
      input={{ workspace: slug, keyId }}
      label="Revoke"
      accessibleName={`Revoke ${name}`}
      question={`Revoke "${name}"? Agents using it will be refused at once.`}
    />
  );
}
