"use client";

import { useEffect, useRef, useState } from "react";
import { EditorState } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { MergeView } from "@codemirror/merge";
import { syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError, Select } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { useServerAction } from "@/components/settings/use-action";
import { rollbackPolicyAction } from "@/app/[workspace]/policies/actions";
import { cedarLanguage } from "@/lib/policy/cedar-language";

export interface VersionRow {
  id: string;
  version: number;
  source: string;
  message: string;
  status: string;
  createdAt: string;
  author: string | null;
}

const readOnly = [
  lineNumbers(),
  cedarLanguage,
  syntaxHighlighting(defaultHighlightStyle),
  EditorState.readOnly.of(true),
  EditorView.editable.of(false),
  EditorView.lineWrapping,
];

/** Side-by-side diff of two sources (CodeMirror's merge view), changed lines highlighted. */
function SideBySide({ left, right }: { left: string; right: string }) {
  const parent = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const view = new MergeView({
      a: { doc: left, extensions: readOnly },
      b: { doc: right, extensions: readOnly },
      parent: parent.current!,
      gutter: true,
    });
    return () => view.destroy();
  }, [left, right]);
  return (
    <div
      ref={parent}
      aria-label="Diff"
      className="overflow-hidden rounded-md border border-slate-200 font-mono text-xs [&_.cm-mergeView]:max-h-[32rem] [&_.cm-mergeView]:overflow-auto"
    />
  );
}

/**
 * Every published version, immutable: compare any two side by side (or a version with the draft),
 * and roll back to one — which publishes its source as a new version.
 */
export function VersionHistory({
  slug,
  policyId,
  versions,
  draft,
  canPublish,
}: {
  slug: string;
  policyId: string;
  versions: VersionRow[];
  draft: string | null;
  canPublish: boolean;
}) {
  const options = [
    ...(draft !== null ? [{ key: "draft", label: "Draft", source: draft }] : []),
    ...versions.map((v) => ({ key: v.id, label: `Version ${v.version}`, source: v.source })),
  ];
  const [right, setRight] = useState(options[0]?.key ?? "");
  const [left, setLeft] = useState(options[1]?.key ?? options[0]?.key ?? "");
  const rollback = useServerAction(rollbackPolicyAction);
  const sourceOf = (key: string) => options.find((o) => o.key === key)?.source ?? "";

  if (!versions.length) return <p className="text-sm text-slate-500">Not published yet: the draft is all there is.</p>;
  return (
    <div className="space-y-4">
      <ul aria-label="Versions" className="divide-y divide-slate-100 text-sm">
        {versions.map((v) => (
          <li
            key={v.id}
            id={`v${v.version}`}
            className="flex scroll-mt-4 flex-wrap items-center gap-2 py-2 target:rounded-md target:bg-amber-50 target:ring-1 target:ring-amber-300"
          >
            <span className="w-8 font-mono text-slate-500">v{v.version}</span>
            {v.status === "ACTIVE" ? <Badge tone="green">published</Badge> : <Badge>archived</Badge>}
            <span className="text-slate-800">{v.message}</span>
            <span className="text-xs text-slate-500">
              {v.author ?? "system"} · <Time value={v.createdAt} />
            </span>
            {canPublish && v.status !== "ACTIVE" ? (
              <Button
                variant="secondary"
                className="ml-auto py-0.5 text-xs"
                disabled={rollback.isPending}
                onClick={() => {
                  if (window.confirm(`Publish version ${v.version}'s source as a new version?`))
                    rollback.mutate({ workspace: slug, policyId, versionId: v.id });
                }}
              >
                Roll back to v{v.version}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <FormError message={rollback.error?.message} />
      {options.length > 1 ? (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-600">Compare</span>
            <Select aria-label="Left side" className="w-40" value={left} onChange={(e) => setLeft(e.target.value)}>
              {options.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </Select>
            <span className="text-slate-600">with</span>
            <Select aria-label="Right side" className="w-40" value={right} onChange={(e) => setRight(e.target.value)}>
              {options.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </Select>
          </div>
          <SideBySide left={sourceOf(left)} right={sourceOf(right)} />
        </div>
      ) : null}
    </div>
  );
}
