"use client";

import { useCallback, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { useLeaveGuard } from "@/components/ui/use-leave-guard";
import { CedarEditor, type CedarEditorHandle } from "./cedar-editor";
import { DecisionSimulator } from "./decision-simulator";
import { ImpactReportView } from "./impact-report";
import { TestOutcome } from "./test-outcome";
import {
  analyseImpactAction,
  checkPolicyAction,
  discardDraftAction,
  formatPolicyAction,
  publishDraftAction,
  saveDraftAction,
} from "@/app/[workspace]/policies/actions";
import type { PolicyProblem } from "@/lib/policy/evaluate";
import type { TestResult } from "@/lib/policy/policy-tests";

/** 1-based line and column of a character offset. */
function lineColumn(source: string, offset: number) {
  const before = source.slice(0, offset).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function TestResults({ results }: { results: TestResult[] }) {
  const failing = results.filter((t) => !t.passed).length;
  if (!results.length)
    return <p className="text-sm text-slate-500">No saved tests yet: keep one from the simulator.</p>;
  return (
    <div className="space-y-2 text-sm">
      <p className={failing ? "font-medium text-red-700" : "font-medium text-emerald-700"}>
        {failing
          ? `${failing} of ${results.length} saved tests fail against this draft`
          : `All ${results.length} saved tests pass against this draft`}
      </p>
      <ul aria-label="Test results" className="divide-y divide-slate-100">
        {results.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center gap-2 py-1.5">
            <TestOutcome test={t} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The editing workflow of one policy: the Cedar editor with live diagnostics, format, save draft
 * (running the saved tests), the simulator against the draft, and — for publishers — impact
 * analysis and publish. Read-only for those who may not write policies.
 */
export function PolicyWorkbench({
  slug,
  policyId,
  initialSource,
  hasDraft,
  publishedSource,
  nextVersion,
  canWrite,
  canPublish,
  example,
  policyNames,
}: {
  slug: string;
  policyId: string;
  initialSource: string;
  hasDraft: boolean;
  publishedSource: string | null;
  nextVersion: number;
  canWrite: boolean;
  canPublish: boolean;
  example: string;
  policyNames: Record<string, string>;
}) {
  const editor = useRef<CedarEditorHandle>(null);
  const [source, setSource] = useState(initialSource);
  const [savedSource, setSavedSource] = useState(initialSource);
  const [problems, setProblems] = useState<PolicyProblem[] | null>(null);
  const [days, setDays] = useState(7);
  const [message, setMessage] = useState("");
  const save = useServerAction(saveDraftAction);
  const format = useServerAction(formatPolicyAction, { refresh: false });
  const discard = useServerAction(discardDraftAction);
  const impact = useServerAction(analyseImpactAction, { refresh: false });
  const publish = useServerAction(publishDraftAction);

  const check = useCallback(
    async (text: string) => {
      const result = await checkPolicyAction({ workspace: slug, source: text });
      const found = result.ok ? result.data : [];
      setProblems(found);
      return found;
    },
    [slug],
  );

  const errors = (problems ?? []).filter((p) => p.severity === "error").length;
  const dirty = source !== savedSource;
  useLeaveGuard(canWrite && dirty, "This policy has unsaved changes. Leave and lose them?");
  const analysed = impact.data && impact.variables?.source === source ? impact.data : null;
  const tests = save.data && save.variables?.source === source ? save.data.tests : null;

  return (
    <div className="space-y-4">
      <Card
        title="Source"
        description={
          canWrite
            ? "Checked against the Arbiter schema as you type. Drafts never affect decisions; saving one runs the saved tests."
            : "You can read this policy; editing needs the engineer or admin role."
        }
        actions={
          canWrite ? (
            <div className="flex flex-wrap gap-2">
              <Button
                variant="secondary"
                disabled={format.isPending}
                onClick={() =>
                  format.mutate(
                    { workspace: slug, source },
                    { onSuccess: (formatted) => editor.current?.setSource(formatted) },
                  )
                }
              >
                Format
              </Button>
              {hasDraft && publishedSource !== null ? (
                <Button
                  variant="ghost"
                  disabled={discard.isPending}
                  onClick={() =>
                    discard.mutate(
                      { workspace: slug, policyId },
                      {
                        onSuccess: () => {
                          editor.current?.setSource(publishedSource);
                          setSavedSource(publishedSource);
                        },
                      },
                    )
                  }
                >
                  Discard draft
                </Button>
              ) : null}
              <Button
                disabled={save.isPending}
                onClick={() =>
                  save.mutate({ workspace: slug, policyId, source }, { onSuccess: () => setSavedSource(source) })
                }
              >
                {save.isPending ? "Saving…" : "Save draft"}
              </Button>
            </div>
          ) : null
        }
      >
        <div className="space-y-3">
          <CedarEditor
            ref={editor}
            initialSource={initialSource}
            onChange={setSource}
            check={canWrite ? check : undefined}
            readOnly={!canWrite}
            label="Policy source"
          />
          {canWrite ? (
            <p className="text-xs text-slate-500" aria-live="polite">
              {dirty
                ? "Unsaved changes."
                : hasDraft || save.isSuccess
                  ? "Draft saved."
                  : "Same as the published version."}{" "}
              {problems === null
                ? "Checking…"
                : errors
                  ? `${errors} error${errors === 1 ? "" : "s"}.`
                  : "Validates against the schema."}
            </p>
          ) : null}
          <FormError message={format.error?.message ?? save.error?.message ?? discard.error?.message} />
          {problems && problems.length ? (
            <ul aria-label="Problems" className="space-y-1 text-sm">
              {problems.map((p, i) => {
                const at = p.locations[0] ? lineColumn(source, p.locations[0].start) : null;
                return (
                  <li key={i} className={p.severity === "error" ? "text-red-700" : "text-amber-800"}>
                    <span className="font-mono text-xs">{at ? `${at.line}:${at.column}` : "—"}</span> {p.severity}:{" "}
                    {p.message}
                    {p.help ? <span className="text-slate-600"> — {p.help}</span> : null}
                  </li>
                );
              })}
            </ul>
          ) : null}
          {tests ? <TestResults results={tests} /> : null}
        </div>
      </Card>

      <Card
        title="Simulator"
        description="What the policies would answer — with this draft in place of the published version, or as published. Nothing is stored."
      >
        <DecisionSimulator
          slug={slug}
          example={example}
          policyNames={policyNames}
          draft={canWrite ? { policyId, source } : undefined}
          canSaveTests={canWrite}
        />
      </Card>

      {canPublish ? (
        <Card
          title={`Publish as version ${nextVersion}`}
          description="First see what it would change: recorded decisions are replayed against this draft and against the published set. Publishing is refused while a saved test fails."
        >
          <div className="space-y-3">
            <div className="flex flex-wrap items-end gap-2">
              <div>
                <label htmlFor="impact-days" className="block text-xs font-medium text-slate-600">
                  Replay decisions of the last
                </label>
                <Select id="impact-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                  <option value={1}>1 day</option>
                  <option value={7}>7 days</option>
                  <option value={30}>30 days</option>
                  <option value={90}>90 days</option>
                </Select>
              </div>
              <Button
                variant="secondary"
                disabled={impact.isPending || errors > 0}
                onClick={() => impact.mutate({ workspace: slug, policyId, source, days })}
              >
                {impact.isPending ? "Replaying…" : "Analyse impact"}
              </Button>
            </div>
            <FormError message={impact.error?.message} />
            {analysed ? <ImpactReportView report={analysed} slug={slug} /> : null}
            {analysed ? (
              <form
                className="space-y-2 border-t border-slate-100 pt-3"
                onSubmit={(event) => {
                  event.preventDefault();
                  publish.mutate(
                    { workspace: slug, policyId, source, message },
                    {
                      onSuccess: () => {
                        setSavedSource(source);
                        setMessage("");
                        // The next publish needs its own analysis.
                        impact.reset();
                      },
                    },
                  );
                }}
              >
                <Field label="What changed" htmlFor="publish-message">
                  <Input
                    id="publish-message"
                    value={message}
                    onChange={(e) => setMessage(e.target.value)}
                    placeholder="Raise the refund review threshold to $800"
                  />
                </Field>
                <Button type="submit" disabled={publish.isPending}>
                  {publish.isPending ? "Publishing…" : `Publish version ${nextVersion}`}
                </Button>
              </form>
            ) : (
              <p className="text-xs text-slate-500">Analyse the impact of the current source to publish it.</p>
            )}
            <FormError message={publish.error?.message} />
            {publish.data ? (
              <p role="status" className="text-sm text-emerald-700">
                Published version {publish.data.version}; it is in force for the next decision.
              </p>
            ) : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
