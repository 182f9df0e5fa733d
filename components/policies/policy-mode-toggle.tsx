"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Textarea } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { analyseModeSwitchAction, setPolicyModeAction } from "@/app/[workspace]/policies/actions";
import { ImpactReportView } from "./impact-report";

const DAYS = 7;

/**
 * Enforce or shadow (a shadow policy is evaluated and logged with each decision but changes no
 * outcome). A switch changes every decision at once, so it is asked twice: first what it would have
 * changed over the last week's decisions, then why — the reason goes into the audit trail.
 */
export function PolicyModeToggle({
  slug,
  policyId,
  mode,
}: {
  slug: string;
  policyId: string;
  mode: "ENFORCE" | "SHADOW";
}) {
  const next = mode === "ENFORCE" ? "SHADOW" : "ENFORCE";
  const label = next === "SHADOW" ? "Switch to shadow mode" : "Enforce this policy";
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const impact = useServerAction(analyseModeSwitchAction, { refresh: false });
  const toggle = useServerAction(setPolicyModeAction);

  if (!open)
    return (
      <Button
        variant="secondary"
        onClick={() => {
          setOpen(true);
          impact.mutate({ workspace: slug, policyId, mode: next, days: DAYS });
        }}
      >
        {label}…
      </Button>
    );
  return (
    <section
      aria-label="Switch the policy's mode"
      className="w-full max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 className="text-sm font-semibold text-slate-900">
        {next === "SHADOW"
          ? "Shadow mode: the policy is still evaluated and logged, but decides nothing."
          : "Enforce: the policy decides again, from the next request."}
      </h2>
      {impact.isPending ? (
        <p className="text-sm text-slate-500" role="status">
          Replaying the last {DAYS} days of decisions…
        </p>
      ) : impact.data ? (
        <ImpactReportView report={impact.data} slug={slug} />
      ) : null}
      <FormError message={impact.error?.message} />
      <Field label="Why (kept in the audit trail)" htmlFor={`mode-reason-${policyId}`}>
        <Textarea
          id={`mode-reason-${policyId}`}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={next === "SHADOW" ? "e.g. measuring false holds before the refund season" : "e.g. measured"}
        />
      </Field>
      <div className="flex gap-2">
        <Button
          disabled={toggle.isPending || reason.trim() === ""}
          onClick={() =>
            toggle.mutate(
              { workspace: slug, policyId, mode: next, reason },
              {
                // Done: the page shows the new mode; the next switch asks afresh.
                onSuccess: () => {
                  setOpen(false);
                  setReason("");
                  impact.reset();
                },
              },
            )
          }
        >
          {label}
        </Button>
        <Button variant="secondary" disabled={toggle.isPending} onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
      <FormError message={toggle.error?.message} />
    </section>
  );
}
