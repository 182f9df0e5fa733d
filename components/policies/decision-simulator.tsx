"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { OutcomeBadge } from "@/components/decisions/outcome-badge";
import { simulateDecisionAction } from "@/app/[workspace]/policies/actions";
import { useServerAction } from "@/components/settings/use-action";

/** Asks the published policies what they would answer, without storing a decision. */
export function DecisionSimulator({
  slug,
  example,
  policyNames,
}: {
  slug: string;
  example: string;
  policyNames: Record<string, string>;
}) {
  const [request, setRequest] = useState(example);
  const simulate = useServerAction(simulateDecisionAction);
  const answer = simulate.data;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          simulate.mutate({ workspace: slug, request });
        }}
        className="space-y-2"
      >
        <label htmlFor="simulator-request" className="block text-sm font-medium text-slate-700">
          Request (as an agent would send it)
        </label>
        <textarea
          id="simulator-request"
          value={request}
          onChange={(e) => setRequest(e.target.value)}
          rows={12}
          spellCheck={false}
          className="block w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs focus:border-brand-500 focus:ring-2 focus:ring-brand-500/20 focus:outline-none"
        />
        <Button type="submit" disabled={simulate.isPending}>
          {simulate.isPending ? "Evaluating…" : "Evaluate"}
        </Button>
      </form>
      <section aria-label="Simulated decision" className="text-sm">
        <FormError message={simulate.error?.message} />
        {answer ? (
          <div className="space-y-2">
            <p className="flex items-center gap-2">
              <OutcomeBadge outcome={answer.outcome} />
              <span className="text-xs text-slate-500">against {answer.policies} published policies</span>
            </p>
            <ul className="space-y-1">
              {answer.reasons.map((r, i) => (
                <li key={i} className="text-slate-700">
                  {r.message}{" "}
                  <span className="text-xs text-slate-400">
                    ({policyNames[r.policyId] ?? r.policyId}
                    {r.version ? ` v${r.version}` : ""})
                  </span>
                </li>
              ))}
            </ul>
            {answer.approval ? (
              <p className="text-xs text-slate-600">
                Held for {answer.approval.route}, deadline in {answer.approval.timeoutMinutes} minutes.
              </p>
            ) : null}
            {answer.errors.length ? (
              <p role="alert" className="text-xs text-red-700">
                Errors (failed closed): {answer.errors.join("; ")}
              </p>
            ) : null}
            {answer.shadow ? (
              <p className="text-xs text-slate-600">
                With shadow policies: <OutcomeBadge outcome={answer.shadow.outcome} />
              </p>
            ) : null}
          </div>
        ) : (
          <p className="text-slate-500">The answer appears here. Nothing is stored.</p>
        )}
      </section>
    </div>
  );
}
