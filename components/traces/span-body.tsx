"use client";

import "react-json-view-lite/dist/index.css";
import { useMemo, useState } from "react";
import clsx from "clsx";
import { JsonView, defaultStyles } from "react-json-view-lite";
import { toChatMessages, type ChatMessage, type MessagePart } from "@/lib/traces/messages";

// Bodies above this size are not rendered until asked: a multi-megabyte body would freeze the tab.
const SIZE_GATE = 100_000;

const ROLE_STYLE: Record<string, string> = {
  system: "border-slate-300 bg-slate-50",
  user: "border-sky-200 bg-sky-50",
  assistant: "border-violet-200 bg-violet-50",
  tool: "border-amber-200 bg-amber-50",
};

function Json({ value }: { value: unknown }) {
  if (value === null || typeof value !== "object") {
    return <pre className="font-mono text-xs whitespace-pre-wrap text-slate-800">{JSON.stringify(value)}</pre>;
  }
  return (
    <div className="font-mono text-xs [&_*]:!text-xs">
      <JsonView data={value} shouldExpandNode={(level) => level < 2} style={defaultStyles} />
    </div>
  );
}

function Part({ part }: { part: MessagePart }) {
  if (part.kind === "text") return <p className="text-xs whitespace-pre-wrap text-slate-800">{part.text}</p>;
  if (part.kind === "tool_call") {
    return (
      <div className="rounded border border-amber-200 bg-white p-1.5">
        <p className="text-[11px] font-semibold text-amber-800">→ calls {part.name}</p>
        <Json value={part.arguments} />
      </div>
    );
  }
  if (part.kind === "tool_result") {
    return (
      <div className="rounded border border-slate-200 bg-white p-1.5">
        <p className="text-[11px] font-semibold text-slate-600">← result{part.name ? ` of ${part.name}` : ""}</p>
        <Json value={part.content} />
      </div>
    );
  }
  return <Json value={part.value} />;
}

function Messages({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol className="space-y-2">
      {messages.map((m, i) => (
        <li key={i} className={clsx("rounded-md border p-2", ROLE_STYLE[m.role] ?? "border-slate-200 bg-white")}>
          <p className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
            {m.role}
            {m.finishReason ? <span className="font-normal normal-case"> · {m.finishReason}</span> : null}
          </p>
          <div className="space-y-1.5">
            {m.parts.map((p, k) => (
              <Part key={k} part={p} />
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** A span's input or output: chat messages when it is messages, a collapsible JSON tree otherwise. */
export function SpanBody({ label, value }: { label: string; value: unknown }) {
  const [open, setOpen] = useState(false);
  const [raw, setRaw] = useState(false);
  const size = useMemo(
    () => (typeof value === "string" ? value.length : JSON.stringify(value ?? null).length),
    [value],
  );
  const gated = size > SIZE_GATE && !open;
  const messages = useMemo(() => (gated ? null : toChatMessages(value)), [value, gated]);
  if (value === null || value === undefined) return null;
  return (
    <section aria-label={label}>
      <div className="mb-1 flex items-center justify-between">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</h3>
        {messages && !gated ? (
          <button type="button" onClick={() => setRaw(!raw)} className="text-xs text-brand-700 hover:underline">
            {raw ? "As messages" : "As JSON"}
          </button>
        ) : null}
      </div>
      {gated ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-xs text-slate-600">
          <p>{(size / 1024).toFixed(0)} KB — too large to show at once.</p>
          <pre className="mt-1 max-h-24 overflow-hidden font-mono whitespace-pre-wrap text-slate-500">
            {(typeof value === "string" ? value : JSON.stringify(value)).slice(0, 600)}…
          </pre>
          <button type="button" onClick={() => setOpen(true)} className="mt-1 text-brand-700 hover:underline">
            Show all {(size / 1024).toFixed(0)} KB
          </button>
        </div>
      ) : messages && !raw ? (
        <Messages messages={messages} />
      ) : typeof value === "string" ? (
        <pre className="max-h-96 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap text-slate-800">
          {value}
        </pre>
      ) : (
        <div className="max-h-96 overflow-auto rounded-md border border-slate-100 p-1">
          <Json value={value} />
        </div>
      )}
    </section>
  );
}
