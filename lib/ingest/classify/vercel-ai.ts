import type { SpanKind } from "../../db/generated/enums";
import { compact, first, messages, num, str, type Mapper } from "./types";

function kindOf(operationId: string | undefined): SpanKind | undefined {
  if (!operationId) return undefined;
  if (operationId === "ai.toolCall") return "TOOL";
  if (/\.do(Generate|Stream)$/.test(operationId)) return "LLM";
  if (/^ai\.embed(Many)?\.doEmbed$/.test(operationId)) return "EMBEDDING";
  // The outer call of each function wraps its provider calls (doGenerate, doStream, doEmbed).
  if (/^ai\.((generate|stream)(Text|Object)|embed(Many)?)$/.test(operationId)) return "CHAIN";
  return undefined;
}

/** The Vercel AI SDK's `ai.*` telemetry (v4 and v5 usage names). */
export const vercelAiMapper: Mapper = {
  name: "vercel_ai",
  map(a) {
    const operationId = str(a["ai.operationId"]);
    if (!operationId && !Object.keys(a).some((k) => k.startsWith("ai."))) return null;
    const providerRaw = str(a["ai.model.provider"]); // e.g. "openai.chat"
    return compact({
      kind: kindOf(operationId),
      model: first(a, ["ai.response.model", "ai.model.id"], str),
      provider: providerRaw?.split(".")[0],
      inputTokens: first(a, ["ai.usage.inputTokens", "ai.usage.promptTokens", "ai.usage.tokens"], num),
      outputTokens: first(a, ["ai.usage.outputTokens", "ai.usage.completionTokens"], num),
      cacheReadTokens: first(a, ["ai.usage.cachedInputTokens"], num),
      reasoningTokens: first(a, ["ai.usage.reasoningTokens"], num),
      toolName: str(a["ai.toolCall.name"]),
      input: first(a, ["ai.prompt.messages", "ai.prompt", "ai.toolCall.args"], (v) =>
        v === undefined ? undefined : messages(v),
      ),
      output: first(a, ["ai.response.text", "ai.response.object", "ai.toolCall.result"], (v) =>
        v === undefined ? undefined : messages(v),
      ),
    });
  },
};
