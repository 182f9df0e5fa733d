"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { setPolicyModeAction } from "@/app/[workspace]/policies/actions";

/** Enforce or shadow: a shadow policy is evaluated and logged with each decision but changes no outcome. */
export function PolicyModeToggle({
  slug,
  policyId,
  mode,
}: {
  slug: string;
  policyId: string;
  mode: "ENFORCE" | "SHADOW";
}) {
  const toggle = useServerAction(setPolicyModeAction);
  const next = mode === "ENFORCE" ? "SHADOW" : "ENFORCE";
  return (
    <div className="space-y-1">
      <Button
        variant="secondary"
        disabled={toggle.isPending}
        onClick={() => toggle.mutate({ workspace: slug, policyId, mode: next })}
      >
        {next === "SHADOW" ? "Switch to shadow mode" : "Enforce this policy"}
      </Button>
      <FormError message={toggle.error?.message} />
    </div>
  );
}
