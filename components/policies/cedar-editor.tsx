"use client";

import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import { basicSetup, EditorView } from "codemirror";
import { EditorState } from "@codemirror/state";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { cedarLanguage } from "@/lib/policy/cedar-language";
import type { PolicyProblem } from "@/lib/policy/evaluate";

export interface CedarEditorHandle {
  /** Replaces the whole document (format, load a version). */
  setSource(source: string): void;
}

/** Cedar problems as CodeMirror diagnostics, at their source locations, with Cedar's help. */
export function toDiagnostics(problems: PolicyProblem[], length: number): Diagnostic[] {
  return problems.flatMap((p) => {
    const message = p.help ? `${p.message}\nhelp: ${p.help}` : p.message;
    const at = p.locations.length ? p.locations : [{ start: 0, end: 0 }];
    return at.map((l) => ({
      from: Math.min(l.start, length),
      to: Math.min(Math.max(l.end, l.start), length),
      severity: p.severity,
      message,
    }));
  });
}

const theme = EditorView.theme({
  "&": { fontSize: "13px", border: "1px solid rgb(203 213 225)", borderRadius: "6px", backgroundColor: "white" },
  "&.cm-focused": { outline: "2px solid rgb(99 102 241 / 0.3)" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", minHeight: "16rem" },
  ".cm-tooltip-lint": { maxWidth: "36rem", whiteSpace: "pre-wrap" },
});

/**
 * CodeMirror 6 with Cedar highlighting. `check` validates the source (on the server, against the
 * Arbiter schema) and its problems become inline diagnostics; read-only for those who cannot edit.
 */
export function CedarEditor({
  initialSource,
  onChange,
  check,
  readOnly = false,
  label,
  ref,
}: {
  initialSource: string;
  onChange?: (source: string) => void;
  check?: (source: string) => Promise<PolicyProblem[]>;
  readOnly?: boolean;
  label: string;
  ref?: Ref<CedarEditorHandle>;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest callbacks, read by the editor's listeners (created once).
  const callbacks = useRef({ onChange, check });
  useEffect(() => {
    callbacks.current = { onChange, check };
  });

  useEffect(() => {
    const created = new EditorView({
      parent: parent.current!,
      state: EditorState.create({
        doc: initialSource,
        extensions: [
          basicSetup,
          cedarLanguage,
          theme,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange?.(update.state.doc.toString());
          }),
          ...(readOnly
            ? []
            : [
                lintGutter(),
                linter(
                  async (v) => {
                    const doc = v.state.doc.toString();
                    const problems = (await callbacks.current.check?.(doc)) ?? [];
                    return toDiagnostics(problems, v.state.doc.length);
                  },
                  { delay: 400 },
                ),
              ]),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // The editor owns its document after creation; a new policy mounts a new editor (keyed).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useImperativeHandle(ref, () => ({
    setSource(source: string) {
      const v = view.current;
      if (v) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: source } });
    },
  }));

  return <div ref={parent} data-testid="cedar-editor" />;
}
