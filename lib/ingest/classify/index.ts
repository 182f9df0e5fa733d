// Span classification: a priority-ordered registry of small mappers. Earlier mappers win field
// by field: explicit arbiter.* → OpenInference → OTel GenAI → Vercel AI SDK → fallback.
import { arbiterMapper } from "./arbiter";
import { openInferenceMapper } from "./openinference";
import { genAiMapper } from "./genai";
import { vercelAiMapper } from "./vercel-ai";
import type { Classification, Mapper } from "./types";

export const MAPPERS: Mapper[] = [arbiterMapper, openInferenceMapper, genAiMapper, vercelAiMapper];

export type Classified = Classification & { kind: NonNullable<Classification["kind"]> };

export function classify(attributes: Record<string, unknown>, span: { name: string }): Classified {
  const merged: Classification = {};
  for (const mapper of MAPPERS) {
    const found = mapper.map(attributes, span);
    if (!found) continue;
    for (const [key, value] of Object.entries(found) as [keyof Classification, unknown][]) {
      if (merged[key] === undefined) (merged as Record<string, unknown>)[key] = value;
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
  if (merged.agentId === undefined && merged.agentName !== undefined) merged.agentId = merged.agentName;
  return { ...merged, kind };
}

export type { Classification, Mapper } from "./types";
