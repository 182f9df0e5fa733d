// Span classification: a priority-ordered registry of small mappers. Earlier mappers win field
// by field: explicit arbiter.* → OpenInference → OTel GenAI → Vercel AI SDK → Pydantic AI (Logfire)
// → conventions in span names → fallback.
import type { SpanKind } from "../../db/generated/enums";
import { resourceModel } from "../price";
import { arbiterMapper } from "./arbiter";
import { openInferenceMapper } from "./openinference";
import { genAiMapper } from "./genai";
import { vercelAiMapper } from "./vercel-ai";
import { logfireMapper } from "./logfire";
import { spanNameMapper } from "./span-names";
import type { Classification, Mapper } from "./types";

export const MAPPERS: Mapper[] = [
  arbiterMapper,
  openInferenceMapper,
  genAiMapper,
  vercelAiMapper,
  logfireMapper,
  spanNameMapper,
];

export type Classified = Classification & { kind: NonNullable<Classification["kind"]> };

/** The spans whose usage is counted: the model calls themselves. */
export const MODEL_CALL_KINDS: ReadonlySet<SpanKind> = new Set(["LLM", "EMBEDDING"]);
// Spans that group others; a cost on them is a roll-up, whoever reported it.
const GROUP_KINDS: ReadonlySet<SpanKind> = new Set(["AGENT", "CHAIN"]);
const USAGE_FIELDS = ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens"] as const;

export function classify(attributes: Record<string, unknown>, span: { name: string }): Classified {
  const merged: Classification = {};
  const source: Partial<Record<keyof Classification, string>> = {};
  for (const mapper of MAPPERS) {
    const found = mapper.map(attributes, span);
    if (!found) continue;
    for (const [key, value] of Object.entries(found) as [keyof Classification, unknown][]) {
      if (merged[key] !== undefined) continue;
      (merged as Record<string, unknown>)[key] = value;
      source[key] = mapper.name;
    }
  }
  // Fallbacks: a "transfer_to_<agent>" call (the handoff idiom of agent SDKs) is a handoff;
  // a span with a model and token counts is a model call, whatever else it lacks.
  const transfer = /^transfer_to_(.+)$/.exec(merged.toolName ?? span.name);
  if (transfer && merged.handoffTo === undefined) merged.handoffTo = transfer[1];
  const kind =
    merged.kind === undefined || (transfer && merged.kind === "TOOL")
      ? transfer
        ? "HANDOFF"
        : merged.model && merged.inputTokens !== undefined
          ? "LLM"
          : (merged.kind ?? "OTHER")
      : merged.kind;

  // A span name names an agent only when the span is an agent's. An agent span with no name of its
  // own (a framework's inner step) gets no agent: it belongs to the nearest named agent above it.
  if (source.agentName === spanNameMapper.name && kind !== "AGENT") delete merged.agentName;
  if (merged.agentId === undefined && merged.agentName !== undefined) merged.agentId = merged.agentName;

  if (merged.model !== undefined) {
    const resource = resourceModel(merged.model);
    if (resource) {
      merged.model = resource.model;
      merged.provider ??= resource.provider;
    }
  }

  // Usage is counted once, at the model call. Parents (agent runs, chains, tool loops) often repeat
  // their children's totals: those stay among the span's attributes, not in its counted fields. A
  // cost given explicitly through arbiter.* on a tool or retriever is its own spend (a paid API).
  if (!MODEL_CALL_KINDS.has(kind)) {
    for (const field of USAGE_FIELDS) delete merged[field];
    if (source.reportedCostUsd !== arbiterMapper.name || GROUP_KINDS.has(kind)) delete merged.reportedCostUsd;
  }
  return { ...merged, kind };
}

export type { Classification, Mapper } from "./types";
