"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select } from "@/components/ui/field";
import { OutcomeBadge } from "@/components/decisions/outcome-badge";
import {
  createPolicyTestAction,
  simulateDecisionAction,
  simulateDraftAction,
} from "@/app/[workspace]/policies/actions";
import { useServerAction } from "@/components/settings/use-action";

type Outcome = "ALLOW" | "DENY" | "REQUIRE_APPROVAL";

/**
 * Asks the policies what they would answer, without storing a decision: the published set, or
 * the set a draft would put in force. A request and its expected outcome can be kept as a test.
 */
export function DecisionSimulator({
  slug,
  example,
  policyNames,
  draft,
  canSaveTests = false,
}: {
  slug: string;
  example: string;
  policyNames: Record<string, string>;
  /** Offer "against this draft" (the editor passes its current source). */
  draft?: { policyId: string; source: string };
  canSaveTests?: boolean;
}) {
  const [request, setRequest] = useState(example);
  const [against, setAgainst] = useState<"draft" | "published">(draft ? "draft" : "published");
  const [testName, setTestName] = useState("");
  const [expected, setExpected] = useState<Outcome>("ALLOW");
  const published = useServerAction(simulateDecisionAction, { refresh: false });
  const drafted = useServerAction(simulateDraftAction, { refresh: false });
  const saveTest = useServerAction(createPolicyTestAction);
  const simulate = against === "draft" && draft ? drafted : published;
  const answer = simulate.data;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (against === "draft" && draft) drafted.mutate({ workspace: slug, request, ...draft });
            else published.mutate({ workspace: slug, request });
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
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={simulate.isPending}>
              {simulate.isPending ? "Evaluating…" : "Evaluate"}
            </Button>
            {draft ? (
              <fieldset className="flex items-center gap-3 text-sm text-slate-700">
                <legend className="sr-only">Evaluate against</legend>
                {(["draft", "published"] as const).map((value) => (
                  <label key={value} className="flex items-center gap-1">
                    <input
                      type="radio"
                      name="simulate-against"
                      value={value}
                      checked={against === value}
                      onChange={() => setAgainst(value)}
                    />
                    {value === "draft" ? "this draft" : "published policies"}
                  </label>
                ))}
              </fieldset>
            ) : null}
          </div>
        </form>
        <section aria-label="Simulated decision" className="text-sm">
          <FormError message={simulate.error?.message} />
          {answer ? (
            <div className="space-y-2">
              <p className="flex items-center gap-2">
                <OutcomeBadge outcome={answer.outcome} />
                <span className="text-xs text-slate-500">
                  against {answer.policies}{" "}
                  {answer.against === "draft" ? "policies with this draft" : "published policies"}
                </span>
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
                  Held for {answer.approval.route}
                  {answer.approval.quorum > 1 ? ` (${answer.approval.quorum} approvers)` : ""}, deadline in{" "}
                  {answer.approval.timeoutMinutes} minutes
                  {answer.approval.escalateMinutes !== null
                    ? `, escalated to ADMIN after ${answer.approval.escalateMinutes} minutes`
                    : ""}
                  .
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
      {canSaveTests ? (
        <form
          aria-label="Save as a test"
          className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3"
          onSubmit={(event) => {
            event.preventDefault();
            saveTest.mutate(
              { workspace: slug, name: testName, request, expected },
              { onSuccess: () => setTestName("") },
            );
          }}
        >
          <div className="min-w-48 flex-1">
            <label htmlFor="test-name" className="block text-xs font-medium text-slate-600">
              Keep this request as a saved test named
            </label>
            <Input
              id="test-name"
              value={testName}
              onChange={(e) => setTestName(e.target.value)}
              placeholder="large refunds are held"
            />
          </div>
          <div>
            <label htmlFor="test-expected" className="block text-xs font-medium text-slate-600">
              expecting
            </label>
            <Select id="test-expected" value={expected} onChange={(e) => setExpected(e.target.value as Outcome)}>
              <option value="ALLOW">allow</option>
              <option value="DENY">deny</option>
              <option value="REQUIRE_APPROVAL">held for approval</option>
            </Select>
          </div>
          <Button type="submit" variant="secondary" disabled={saveTest.isPending}>
            Save test
          </Button>
          {saveTest.isSuccess ? <p className="text-xs text-emerald-700">Test saved.</p> : null}
          <div className="w-full">
            <FormError message={saveTest.error?.message} />
          </div>
        </form>
      ) : null}
    </div>
  );
}
