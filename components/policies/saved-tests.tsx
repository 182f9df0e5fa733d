"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { updatePolicyTestAction } from "@/app/[workspace]/policies/actions";
import { DeleteTestButton } from "./delete-test-button";
import { TestOutcome } from "./test-outcome";

export interface SavedTestRow {
  id: string;
  name: string;
  expected: "ALLOW" | "DENY" | "REQUIRE_APPROVAL";
  actual: "ALLOW" | "DENY" | "REQUIRE_APPROVAL" | null;
  passed: boolean;
  error: string | null;
  /** The saved request, as JSON text to edit. */
  request: string;
}

const OUTCOME_LABELS = { ALLOW: "Allow", DENY: "Deny", REQUIRE_APPROVAL: "Held for approval" } as const;

function EditTest({ slug, test, onDone }: { slug: string; test: SavedTestRow; onDone: () => void }) {
  const [name, setName] = useState(test.name);
  const [request, setRequest] = useState(test.request);
  const [expected, setExpected] = useState(test.expected);
  const update = useServerAction(updatePolicyTestAction);
  return (
    <form
      aria-label={`Edit test ${test.name}`}
      className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ workspace: slug, testId: test.id, name, request, expected }, { onSuccess: onDone });
      }}
    >
      <Field label="Name" htmlFor={`test-name-${test.id}`}>
        <Input id={`test-name-${test.id}`} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Request" htmlFor={`test-request-${test.id}`}>
        <Textarea
          id={`test-request-${test.id}`}
          rows={6}
          className="font-mono text-xs"
          value={request}
          onChange={(e) => setRequest(e.target.value)}
        />
      </Field>
      <Field label="Expected outcome" htmlFor={`test-expected-${test.id}`}>
        <Select
          id={`test-expected-${test.id}`}
          value={expected}
          onChange={(e) => setExpected(e.target.value as SavedTestRow["expected"])}
          className="w-52"
        >
          {Object.entries(OUTCOME_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={update.isPending}>
          Save test
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <FormError message={update.error?.message} />
    </form>
  );
}

/**
 * The workspace's saved tests next to the editor whose publish they block, each with its result
 * against this policy's draft (or the published policies when there is no draft); editable and
 * deletable here by those who may write policies.
 */
export function SavedTests({
  slug,
  against,
  tests,
  canWrite,
}: {
  slug: string;
  against: "draft" | "published";
  tests: SavedTestRow[];
  canWrite: boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const failing = tests.filter((t) => !t.passed).length;
  if (!tests.length)
    return <p className="text-sm text-slate-500">No saved tests yet: keep one from the simulator below.</p>;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        Against {against === "draft" ? "this draft" : "the published policies (no draft yet)"}: {tests.length - failing}{" "}
        of {tests.length} pass{failing ? "; publishing is refused while one fails." : "."}
      </p>
      <ul aria-label="Saved tests" className="divide-y divide-slate-100 text-sm">
        {tests.map((t) => (
          <li key={t.id} className="py-2">
            <div className="flex flex-wrap items-center gap-2">
              <TestOutcome test={t} />
              {canWrite ? (
                <span className="ml-auto flex gap-1">
                  <Button
                    variant="ghost"
                    className="py-0.5 text-xs"
                    aria-label={`Edit test ${t.name}`}
                    onClick={() => setEditing(editing === t.id ? null : t.id)}
                  >
                    Edit
                  </Button>
                  <DeleteTestButton slug={slug} testId={t.id} name={t.name} />
                </span>
              ) : null}
            </div>
            {editing === t.id ? <EditTest slug={slug} test={t} onDone={() => setEditing(null)} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
