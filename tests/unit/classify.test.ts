import { describe, expect, it } from "vitest";
import { classify } from "../../lib/ingest/classify";
import { arbiterMapper } from "../../lib/ingest/classify/arbiter";
import { openInferenceMapper } from "../../lib/ingest/classify/openinference";
import { genAiMapper } from "../../lib/ingest/classify/genai";
import { vercelAiMapper } from "../../lib/ingest/classify/vercel-ai";

const span = { name: "span" };

describe("arbiter.* mapper", () => {
  it("reads explicit kind, agent, cost and handoff", () => {
    expect(
      arbiterMapper.map(
        {
          "arbiter.span.kind": "Guardrail",
          "arbiter.agent.id": "a-1",
          "arbiter.cost.usd": "0.25",
          "arbiter.handoff.to": "b",
        },
        span,
      ),
    ).toEqual({ kind: "GUARDRAIL", agentId: "a-1", reportedCostUsd: 0.25, handoffTo: "b" });
  });
  it("claims nothing without arbiter attributes", () => {
    expect(arbiterMapper.map({ "gen_ai.operation.name": "chat" }, span)).toBeNull();
  });
});

describe("OpenInference mapper", () => {
  it("reads an LLM span with flattened messages and token details", () => {
    const result = openInferenceMapper.map(
      {
        "openinference.span.kind": "LLM",
        "llm.model_name": "claude-sonnet-4-20250514",
        "llm.provider": "anthropic",
        "llm.token_count.prompt": 5000,
        "llm.token_count.completion": 300,
        "llm.token_count.prompt_details.cache_read": 4000,
        "llm.token_count.completion_details.reasoning": 120,
        "llm.input_messages.0.message.role": "system",
        "llm.input_messages.0.message.content": "Be brief.",
        "llm.input_messages.1.message.role": "user",
        "llm.input_messages.1.message.content": "Summarise.",
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.content": "Done.",
      },
      span,
    );
    expect(result).toEqual({
      kind: "LLM",
      model: "claude-sonnet-4-20250514",
      provider: "anthropic",
      inputTokens: 5000,
      outputTokens: 300,
      cacheReadTokens: 4000,
      reasoningTokens: 120,
      input: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Summarise." },
      ],
      output: [{ role: "assistant", content: "Done." }],
    });
  });
  it("maps every span kind and reads agent and tool names", () => {
    const kinds = {
      CHAIN: "CHAIN",
      TOOL: "TOOL",
      AGENT: "AGENT",
      RETRIEVER: "RETRIEVER",
      RERANKER: "RETRIEVER",
      EMBEDDING: "EMBEDDING",
      GUARDRAIL: "GUARDRAIL",
      EVALUATOR: "OTHER",
    };
    for (const [given, expected] of Object.entries(kinds)) {
      expect(openInferenceMapper.map({ "openinference.span.kind": given }, span)?.kind).toBe(expected);
    }
    expect(openInferenceMapper.map({ "openinference.span.kind": "AGENT", "agent.name": "researcher" }, span)).toEqual({
      kind: "AGENT",
      agentName: "researcher",
    });
    expect(
      openInferenceMapper.map(
        { "openinference.span.kind": "TOOL", "tool.name": "search", "input.value": '{"q":"x"}' },
        span,
      ),
    ).toEqual({
      kind: "TOOL",
      toolName: "search",
      input: { q: "x" },
    });
  });
});

describe("OTel GenAI mapper", () => {
  it("reads the current names", () => {
    expect(
      genAiMapper.map(
        {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.response.model": "gpt-4o-2024-08-06",
          "gen_ai.usage.input_tokens": 1200,
          "gen_ai.usage.output_tokens": 80,
          "gen_ai.usage.cache_read.input_tokens": 1000,
          "gen_ai.usage.cache_creation.input_tokens": 100,
          "gen_ai.agent.id": "agt-7",
          "gen_ai.agent.name": "purchaser",
          "gen_ai.input.messages": [{ role: "user", parts: [{ type: "text", content: "hi" }] }],
        },
        span,
      ),
    ).toEqual({
      kind: "LLM",
      model: "gpt-4o-2024-08-06",
      provider: "openai",
      inputTokens: 1200,
      outputTokens: 80,
      cacheReadTokens: 1000,
      cacheWriteTokens: 100,
      agentId: "agt-7",
      agentName: "purchaser",
      input: [{ role: "user", parts: [{ type: "text", content: "hi" }] }],
    });
  });
  it("reads the deprecated names the same way", () => {
    expect(
      genAiMapper.map(
        {
          "gen_ai.system": "anthropic",
          "gen_ai.request.model": "claude-3-5-haiku-latest",
          "gen_ai.usage.prompt_tokens": "900",
          "gen_ai.usage.completion_tokens": "40",
          "gen_ai.prompt": '[{"role":"user","content":"hello"}]',
          "gen_ai.completion": "hi there",
        },
        span,
      ),
    ).toEqual({
      model: "claude-3-5-haiku-latest",
      provider: "anthropic",
      inputTokens: 900,
      outputTokens: 40,
      input: [{ role: "user", content: "hello" }],
      output: "hi there",
    });
  });
  it("maps every operation", () => {
    const ops = {
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
    for (const [op, kind] of Object.entries(ops))
      expect(genAiMapper.map({ "gen_ai.operation.name": op }, span)?.kind).toBe(kind);
  });
});

describe("Vercel AI SDK mapper", () => {
  it("reads v4 usage names on doGenerate", () => {
    expect(
      vercelAiMapper.map(
        {
          "ai.operationId": "ai.generateText.doGenerate",
          "ai.model.id": "gpt-4o-mini",
          "ai.model.provider": "openai.chat",
          "ai.usage.promptTokens": 50,
          "ai.usage.completionTokens": 10,
          "ai.prompt.messages": '[{"role":"user","content":"x"}]',
          "ai.response.text": "y",
        },
        span,
      ),
    ).toEqual({
      kind: "LLM",
      model: "gpt-4o-mini",
      provider: "openai",
      inputTokens: 50,
      outputTokens: 10,
      input: [{ role: "user", content: "x" }],
      output: "y",
    });
  });
  it("reads v5 usage names, tool calls and the outer call", () => {
    expect(
      vercelAiMapper.map(
        {
          "ai.operationId": "ai.streamText.doStream",
          "ai.usage.inputTokens": 7,
          "ai.usage.outputTokens": 3,
          "ai.usage.cachedInputTokens": 5,
        },
        span,
      ),
    ).toMatchObject({
      kind: "LLM",
      inputTokens: 7,
      outputTokens: 3,
      cacheReadTokens: 5,
    });
    expect(
      vercelAiMapper.map(
        { "ai.operationId": "ai.toolCall", "ai.toolCall.name": "lookup", "ai.toolCall.args": '{"id":1}' },
        span,
      ),
    ).toEqual({
      kind: "TOOL",
      toolName: "lookup",
      input: { id: 1 },
    });
    expect(vercelAiMapper.map({ "ai.operationId": "ai.generateText" }, span)?.kind).toBe("CHAIN");
  });
});

describe("the registry", () => {
  it("lets earlier mappers win field by field", () => {
    const c = classify(
      {
        "arbiter.span.kind": "agent",
        "gen_ai.operation.name": "chat",
        "gen_ai.agent.name": "planner",
        "gen_ai.request.model": "gpt-4o",
      },
      span,
    );
    expect(c).toMatchObject({ kind: "AGENT", agentId: "planner", agentName: "planner", model: "gpt-4o" });
  });
  it("never takes a kind from Object.prototype", () => {
    for (const name of ["constructor", "toString", "__proto__"]) {
      expect(classify({ "logfire.msg": name }, { name }).kind).toBe("OTHER");
      expect(classify({ "gen_ai.operation.name": name, "openinference.span.kind": name }, span).kind).toBe("OTHER");
    }
  });
  it("falls back to OTHER, to LLM for a model with tokens, and to HANDOFF for transfer_to_*", () => {
    expect(classify({ "http.method": "GET" }, span).kind).toBe("OTHER");
    expect(classify({ "llm.model_name": "gpt-4o", "llm.token_count.prompt": 3 }, span).kind).toBe("LLM");
    expect(
      classify({ "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "transfer_to_refund_agent" }, span),
    ).toMatchObject({
      kind: "HANDOFF",
      handoffTo: "refund_agent",
    });
  });
});
