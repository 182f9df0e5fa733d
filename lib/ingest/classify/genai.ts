import type { SpanKind } from "../../db/generated/enums";
import { compact, first, lookup, messages, num, str, type Mapper } from "./types";

// gen_ai.operation.name → kind (OpenTelemetry GenAI semantic conventions).
const OPERATIONS: Record<string, SpanKind> = {
  chat: "LLM",
  text_completion: "LLM",
  generate_content: "LLM",
  execute_tool: "TOOL",
  invoke_agent: "AGENT",
  create_agent: "AGENT",
  embeddings: "EMBEDDING",
  retrieval: "RETRIEVER",
  invoke_workflow: "CHAIN",
};

/** Current and deprecated GenAI names side by side. */
export const genAiMapper: Mapper = {
  name: "gen_ai",
  map(a) {
    if (!Object.keys(a).some((k) => k.startsWith("gen_ai."))) return null;
    const operation = str(a["gen_ai.operation.name"])?.toLowerCase();
    const input = first(a, ["gen_ai.input.messages", "gen_ai.prompt", "gen_ai.tool.call.arguments"], (v) =>
      v === undefined ? undefined : messages(v),
    );
    const output = first(a, ["gen_ai.output.messages", "gen_ai.completion", "gen_ai.tool.call.result"], (v) =>
      v === undefined ? undefined : messages(v),
    );
    return compact({
      kind: lookup(OPERATIONS, operation),
      agentId: str(a["gen_ai.agent.id"]),
      agentName: str(a["gen_ai.agent.name"]),
      model: first(a, ["gen_ai.response.model", "gen_ai.request.model"], str),
      provider: first(a, ["gen_ai.provider.name", "gen_ai.system"], str),
      inputTokens: first(a, ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"], num),
      outputTokens: first(a, ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"], num),
      cacheReadTokens: first(
        a,
        ["gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens", "gen_ai.usage.cached_tokens"],
        num,
      ),
      cacheWriteTokens: first(
        a,
        ["gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens"],
        num,
      ),
      reasoningTokens: first(a, ["gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens"], num),
      toolName: str(a["gen_ai.tool.name"]),
      input,
      output,
    });
  },
};
