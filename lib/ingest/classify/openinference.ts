import type { SpanKind } from "../../db/generated/enums";
import { compact, first, lookup, messages, num, str, type Mapper } from "./types";

const KINDS: Record<string, SpanKind> = {
  LLM: "LLM",
  CHAIN: "CHAIN",
  TOOL: "TOOL",
  AGENT: "AGENT",
  RETRIEVER: "RETRIEVER",
  RERANKER: "RETRIEVER",
  EMBEDDING: "EMBEDDING",
  GUARDRAIL: "GUARDRAIL",
  EVALUATOR: "OTHER",
};

const MESSAGE_PATTERNS: Record<string, RegExp> = {
  "llm.input_messages": /^llm\.input_messages\.(\d+)\.message\.(.+)$/,
  "llm.output_messages": /^llm\.output_messages\.(\d+)\.message\.(.+)$/,
};

/** OpenInference flattens message lists: llm.input_messages.0.message.role, …content. */
function flattenedMessages(a: Record<string, unknown>, prefix: keyof typeof MESSAGE_PATTERNS): unknown[] | undefined {
  const byIndex = new Map<number, Record<string, unknown>>();
  const pattern = MESSAGE_PATTERNS[prefix]!;
  for (const [key, value] of Object.entries(a)) {
    if (!key.startsWith(prefix)) continue;
    const match = pattern.exec(key);
    if (!match) continue;
    const i = Number(match[1]);
    const entry = byIndex.get(i) ?? {};
    entry[match[2]!] = value;
    byIndex.set(i, entry);
  }
  if (byIndex.size === 0) return undefined;
  return [...byIndex.entries()].sort(([x], [y]) => x - y).map(([, m]) => m);
}

export const openInferenceMapper: Mapper = {
  name: "openinference",
  map(a) {
    const kindName = str(a["openinference.span.kind"])?.toUpperCase();
    const hasLlm = Object.keys(a).some((k) => k.startsWith("llm."));
    if (!kindName && !hasLlm && a["agent.name"] === undefined) return null;
    return compact({
      kind: lookup(KINDS, kindName),
      // The OpenAI Agents and CrewAI instrumentations name an agent span's agent only as its graph node.
      agentName: str(a["agent.name"]) ?? (kindName === "AGENT" ? str(a["graph.node.id"]) : undefined),
      model: first(a, ["llm.model_name", "embedding.model_name"], str),
      provider: first(a, ["llm.provider", "llm.system"], str),
      inputTokens: num(a["llm.token_count.prompt"]),
      outputTokens: num(a["llm.token_count.completion"]),
      cacheReadTokens: num(a["llm.token_count.prompt_details.cache_read"]),
      cacheWriteTokens: num(a["llm.token_count.prompt_details.cache_write"]),
      reasoningTokens: num(a["llm.token_count.completion_details.reasoning"]),
      reportedCostUsd: num(a["llm.cost.total"]),
      input:
        flattenedMessages(a, "llm.input_messages") ??
        (a["input.value"] === undefined ? undefined : messages(a["input.value"])),
      output:
        flattenedMessages(a, "llm.output_messages") ??
        (a["output.value"] === undefined ? undefined : messages(a["output.value"])),
      toolName: str(a["tool.name"]),
    });
  },
};
