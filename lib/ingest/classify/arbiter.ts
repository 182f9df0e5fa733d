import type { SpanKind } from "../../db/generated/enums";
import { compact, lookup, messages, num, str, type Mapper } from "./types";

const KINDS: Record<string, SpanKind> = {
  agent: "AGENT",
  llm: "LLM",
  tool: "TOOL",
  chain: "CHAIN",
  retriever: "RETRIEVER",
  embedding: "EMBEDDING",
  guardrail: "GUARDRAIL",
  handoff: "HANDOFF",
  other: "OTHER",
};

/** Explicit `arbiter.*` attributes: the caller says exactly what the span is. */
export const arbiterMapper: Mapper = {
  name: "arbiter",
  map(a) {
    const kind = str(a["arbiter.span.kind"])?.toLowerCase();
    return compact({
      kind: lookup(KINDS, kind),
      agentId: str(a["arbiter.agent.id"]),
      agentName: str(a["arbiter.agent.name"]),
      model: str(a["arbiter.model"]),
      provider: str(a["arbiter.provider"]),
      reportedCostUsd: num(a["arbiter.cost.usd"]),
      handoffTo: str(a["arbiter.handoff.to"]),
      toolName: str(a["arbiter.tool.name"]),
      input: a["arbiter.input"] === undefined ? undefined : messages(a["arbiter.input"]),
      output: a["arbiter.output"] === undefined ? undefined : messages(a["arbiter.output"]),
    });
  },
};
