// OTLP/JSON traces in the shapes agent frameworks export, built from each framework's documented
// span names and attributes: who repeats whose usage, and how agents are named. Each shape lists
// its model calls (what usage must add up to) and the agents it names (what must be registered).
import { anyValue, exportRequest as otlpRequest, hex, type OtlpSpan } from "./otlp-fixtures";

type Scalar = string | number | boolean;
type Value = Scalar | string[];

interface Node {
  name: string;
  attributes?: Record<string, Value>;
  /** This span is a model call: its usage, as the framework reported it, and whose it is. */
  call?: ModelCall;
  children?: Node[];
}

export interface ModelCall {
  /** The model as stored and priced, and the provider genai-prices knows it by. */
  model: string;
  provider?: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  /** The agent it is attributed to (its own or its nearest named ancestor's), or null. */
  agent: string | null;
}

export interface SdkShape {
  name: string;
  traceId: string;
  /** Parents before children, in the order of the tree. */
  spans: OtlpSpan[];
  modelCalls: (ModelCall & { spanId: string })[];
  /** Agent external ids the trace names, sorted; nothing else may be registered. */
  agents: string[];
  /** Usage a parent repeats: it stays among that span's attributes. */
  repeated: { spanId: string; key: string; value: number }[];
  /** The model calls' names as stored (a provider resource path is stored by its last segment). */
  models: string[];
  spanIdOf(name: string): string;
}

const START_MS = Date.UTC(2026, 10, 20, 12);
const ns = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

function build(
  name: string,
  root: Node,
  { agents, repeated }: { agents: string[]; repeated: [spanName: string, key: string][] },
): SdkShape {
  const traceId = hex(`sdk-shape:${name}`, 16);
  const spans: OtlpSpan[] = [];
  const modelCalls: SdkShape["modelCalls"] = [];
  const ids = new Map<string, string>();
  let clock = START_MS;
  // Depth first: a parent opens before and closes after its children, 10 ms per step.
  const visit = (node: Node, path: string, parentSpanId: string | undefined) => {
    const spanId = hex(`${traceId}:${path}`, 8);
    if (!ids.has(node.name)) ids.set(node.name, spanId);
    const start = (clock += 10);
    const span: OtlpSpan = {
      traceId,
      spanId,
      ...(parentSpanId ? { parentSpanId } : {}),
      name: node.name,
      kind: node.call ? 3 : 1,
      startTimeUnixNano: ns(start),
      endTimeUnixNano: "",
      attributes: Object.entries(node.attributes ?? {}).map(([key, value]) => ({ key, value: anyValue(value) })),
    };
    spans.push(span);
    if (node.call) modelCalls.push({ ...node.call, spanId });
    (node.children ?? []).forEach((child, i) => visit(child, `${path}.${i}`, spanId));
    span.endTimeUnixNano = ns((clock += 10));
  };
  visit(root, "0", undefined);
  const spanIdOf = (spanName: string) => {
    const id = ids.get(spanName);
    if (!id) throw new Error(`${name} has no span named ${spanName}`);
    return id;
  };
  const attributesOf = (spanId: string) => spans.find((s) => s.spanId === spanId)!.attributes;
  return {
    name,
    traceId,
    spans,
    modelCalls,
    agents: [...agents].sort(),
    repeated: repeated.map(([spanName, key]) => {
      const spanId = spanIdOf(spanName);
      const attribute = attributesOf(spanId).find((a) => a.key === key);
      if (!attribute) throw new Error(`${name}: ${spanName} has no ${key}`);
      return { spanId, key, value: Number(attribute.value.intValue) };
    }),
    models: [...new Set(modelCalls.map((c) => c.model))].sort(),
    spanIdOf,
  };
}

export function exportRequest(spans: OtlpSpan[], service = "sdk-shapes") {
  return otlpRequest(spans, service, "sdk-shapes");
}

// ——— Vercel AI SDK ———
// `ai.generateText` wraps one `ai.generateText.doGenerate` per step and an `ai.toolCall` per tool
// call; the outer span repeats usage (v4: the steps' sum; v5: its `usage`, the last step's).

function vercelV4(): SdkShape {
  const model = "gpt-4o-mini";
  const step = (i: number, input: number, output: number, finish: string): Node => ({
    name: "ai.generateText.doGenerate",
    attributes: {
      "operation.name": "ai.generateText.doGenerate weather-chat",
      "ai.operationId": "ai.generateText.doGenerate",
      "ai.telemetry.functionId": "weather-chat",
      "ai.model.id": model,
      "ai.model.provider": "openai.chat",
      "ai.prompt.format": "messages",
      "ai.prompt.messages": JSON.stringify([{ role: "user", content: [{ type: "text", text: "Weather in Paris?" }] }]),
      "ai.response.finishReason": finish,
      "ai.response.id": `chatcmpl-${i}`,
      "ai.response.model": `${model}-2024-07-18`,
      "ai.usage.promptTokens": input,
      "ai.usage.completionTokens": output,
      "gen_ai.system": "openai.chat",
      "gen_ai.request.model": model,
      "gen_ai.response.model": `${model}-2024-07-18`,
      "gen_ai.response.finish_reasons": [finish],
      "gen_ai.usage.prompt_tokens": input,
      "gen_ai.usage.completion_tokens": output,
    },
    call: { model: `${model}-2024-07-18`, provider: "openai", inputTokens: input, outputTokens: output, agent: null },
  });
  return build(
    "Vercel AI SDK v4 (generateText, one tool call, two steps)",
    {
      name: "ai.generateText",
      attributes: {
        "operation.name": "ai.generateText weather-chat",
        "ai.operationId": "ai.generateText",
        "ai.telemetry.functionId": "weather-chat",
        "ai.model.id": model,
        "ai.model.provider": "openai.chat",
        "ai.prompt": JSON.stringify({ prompt: "Weather in Paris?" }),
        "ai.settings.maxSteps": 3,
        "ai.response.finishReason": "stop",
        "ai.response.text": "It is 18 °C and sunny in Paris.",
        "ai.usage.promptTokens": 280,
        "ai.usage.completionTokens": 43,
      },
      children: [
        step(1, 120, 18, "tool-calls"),
        {
          name: "ai.toolCall",
          attributes: {
            "operation.name": "ai.toolCall weather-chat",
            "ai.operationId": "ai.toolCall",
            "ai.toolCall.name": "getWeather",
            "ai.toolCall.id": "call_1",
            "ai.toolCall.args": JSON.stringify({ city: "Paris" }),
            "ai.toolCall.result": JSON.stringify({ celsius: 18, sky: "sunny" }),
          },
        },
        step(2, 160, 25, "stop"),
      ],
    },
    { agents: [], repeated: [["ai.generateText", "ai.usage.promptTokens"]] },
  );
}

function vercelV5(): SdkShape {
  const model = "gpt-4o-mini";
  const usage = (input: number, output: number, cached = 0) => ({
    "ai.usage.inputTokens": input,
    "ai.usage.outputTokens": output,
    "ai.usage.totalTokens": input + output,
    "ai.usage.reasoningTokens": 0,
    "ai.usage.cachedInputTokens": cached,
  });
  const step = (input: number, output: number, cached: number, finish: string): Node => ({
    name: "ai.generateText.doGenerate",
    attributes: {
      "operation.name": "ai.generateText.doGenerate",
      "ai.operationId": "ai.generateText.doGenerate",
      "ai.model.id": model,
      "ai.model.provider": "openai.responses",
      "ai.response.finishReason": finish,
      "ai.response.model": model,
      ...usage(input, output, cached),
      "gen_ai.system": "openai.responses",
      "gen_ai.request.model": model,
      "gen_ai.response.model": model,
      "gen_ai.response.finish_reasons": [finish],
      "gen_ai.usage.input_tokens": input,
      "gen_ai.usage.output_tokens": output,
    },
    call: {
      model,
      provider: "openai",
      inputTokens: input,
      outputTokens: output,
      ...(cached ? { cacheReadTokens: cached } : {}),
      agent: null,
    },
  });
  const embedding = "text-embedding-3-small";
  return build(
    "Vercel AI SDK v5 (embedMany, then generateText with a tool call)",
    {
      name: "POST /api/chat",
      attributes: { "http.request.method": "POST", "http.route": "/api/chat" },
      children: [
        {
          name: "ai.embedMany",
          attributes: {
            "operation.name": "ai.embedMany",
            "ai.operationId": "ai.embedMany",
            "ai.model.id": embedding,
            "ai.model.provider": "openai.embedding",
            "ai.usage.tokens": 24,
          },
          children: [
            {
              name: "ai.embedMany.doEmbed",
              attributes: {
                "operation.name": "ai.embedMany.doEmbed",
                "ai.operationId": "ai.embedMany.doEmbed",
                "ai.model.id": embedding,
                "ai.model.provider": "openai.embedding",
                "ai.usage.tokens": 24,
              },
              call: { model: embedding, provider: "openai", inputTokens: 24, outputTokens: 0, agent: null },
            },
          ],
        },
        {
          name: "ai.generateText",
          attributes: {
            "operation.name": "ai.generateText",
            "ai.operationId": "ai.generateText",
            "ai.model.id": model,
            "ai.model.provider": "openai.responses",
            "ai.response.finishReason": "stop",
            "ai.response.text": "It is 18 °C and sunny in Paris.",
            ...usage(160, 25, 100),
          },
          children: [
            step(120, 18, 0, "tool-calls"),
            {
              name: "ai.toolCall",
              attributes: {
                "operation.name": "ai.toolCall",
                "ai.operationId": "ai.toolCall",
                "ai.toolCall.name": "getWeather",
                "ai.toolCall.id": "call_1",
                "ai.toolCall.args": JSON.stringify({ city: "Paris" }),
                "ai.toolCall.result": JSON.stringify({ celsius: 18 }),
              },
            },
            step(160, 25, 100, "stop"),
          ],
        },
      ],
    },
    {
      agents: [],
      repeated: [
        ["ai.generateText", "ai.usage.outputTokens"],
        ["ai.embedMany", "ai.usage.tokens"],
      ],
    },
  );
}

// ——— Pydantic AI through Logfire ———
// The agent run span carries the run's usage as gen_ai.usage.*, like the chat spans it contains.

function pydanticChat(model: string, provider: string, input: number, output: number, agent: string): Node {
  return {
    name: `chat ${model}`,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.system": provider,
      "gen_ai.request.model": model,
      "gen_ai.response.model": model,
      "gen_ai.usage.input_tokens": input,
      "gen_ai.usage.output_tokens": output,
      "logfire.msg": `chat ${model}`,
    },
    call: { model, provider, inputTokens: input, outputTokens: output, agent },
  };
}

function pydanticV1(): SdkShape {
  return build(
    "Pydantic AI / Logfire, agent run (instrumentation v1/v2: agent run, running tools)",
    {
      name: "agent run",
      attributes: {
        model_name: "gpt-4o",
        agent_name: "support_agent",
        "logfire.msg": "support_agent run",
        "gen_ai.usage.input_tokens": 512 + 610,
        "gen_ai.usage.output_tokens": 60 + 45,
        all_messages_events: JSON.stringify([{ role: "user", content: "What is my balance?" }]),
        final_result: "Your balance is $123.45.",
      },
      children: [
        pydanticChat("gpt-4o", "openai", 512, 60, "support_agent"),
        {
          name: "running tools",
          attributes: { tools: ["customer_balance"], "logfire.msg": "running 1 tool" },
          children: [
            {
              name: "running tool",
              attributes: {
                "gen_ai.tool.name": "customer_balance",
                "gen_ai.tool.call.id": "call_9",
                tool_arguments: JSON.stringify({ include_pending: false }),
                "logfire.msg": "running tool: customer_balance",
              },
            },
          ],
        },
        pydanticChat("gpt-4o", "openai", 610, 45, "support_agent"),
      ],
    },
    { agents: ["support_agent"], repeated: [["agent run", "gen_ai.usage.output_tokens"]] },
  );
}

function pydanticV3(): SdkShape {
  const chat = (input: number, output: number, agent: string) => {
    const node = pydanticChat("claude-3-5-haiku-latest", "anthropic", input, output, agent);
    node.attributes!["gen_ai.agent.name"] = agent;
    return node;
  };
  const agentRun = (agent: string, input: number, output: number, children: Node[]): Node => ({
    name: `invoke_agent ${agent}`,
    attributes: {
      model_name: "claude-3-5-haiku-latest",
      agent_name: agent,
      "gen_ai.agent.name": agent,
      "gen_ai.operation.name": "invoke_agent",
      "logfire.msg": `${agent} run`,
      "gen_ai.usage.input_tokens": input,
      "gen_ai.usage.output_tokens": output,
      final_result: "done",
    },
    children,
  });
  return build(
    "Pydantic AI / Logfire, invoke_agent (instrumentation v3+), delegating to a second agent",
    agentRun("support_agent", 900 + 700 + 300, 40 + 30 + 20, [
      chat(900, 40, "support_agent"),
      {
        name: "execute_tool ask_expert",
        attributes: {
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": "ask_expert",
          "gen_ai.tool.call.id": "toolu_1",
          "gen_ai.tool.call.arguments": JSON.stringify({ question: "Is this a refund case?" }),
          "logfire.msg": "running tool: ask_expert",
        },
        children: [agentRun("expert", 300, 20, [chat(300, 20, "expert")])],
      },
      chat(700, 30, "support_agent"),
    ]),
    {
      agents: ["support_agent", "expert"],
      repeated: [
        ["invoke_agent support_agent", "gen_ai.usage.output_tokens"],
        ["invoke_agent expert", "gen_ai.usage.input_tokens"],
      ],
    },
  );
}

// ——— Microsoft Agent Framework / Microsoft.Extensions.AI (.NET, Gemini) ———
// invoke_agent is a chat span relabelled (it carries the run's usage); without an agent,
// FunctionInvokingChatClient groups the model calls of a tool loop under orchestrate_tools, which
// carries their summed gen_ai.usage.* and nothing else.

function mafChat(input: number, output: number, agent: string | null): Node {
  return {
    name: "chat gemini-2.5-flash",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "gcp.gemini",
      "gen_ai.request.model": "gemini-2.5-flash",
      "gen_ai.response.model": "gemini-2.5-flash",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": input,
      "gen_ai.usage.output_tokens": output,
      "server.address": "generativelanguage.googleapis.com",
    },
    call: { model: "gemini-2.5-flash", provider: "google", inputTokens: input, outputTokens: output, agent },
  };
}

const mafTool: Node = {
  name: "execute_tool get_weather",
  attributes: {
    "gen_ai.operation.name": "execute_tool",
    "gen_ai.tool.name": "get_weather",
    "gen_ai.tool.call.id": "call_w1",
    "gen_ai.tool.type": "function",
  },
};

function agentFramework(): SdkShape {
  return build(
    "Microsoft Agent Framework (.NET, Gemini): invoke_agent over its chat calls",
    {
      name: "invoke_agent WeatherAgent(weather-7f3a)",
      attributes: {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.provider.name": "gcp.gemini",
        "gen_ai.agent.id": "weather-7f3a",
        "gen_ai.agent.name": "WeatherAgent",
        "gen_ai.request.model": "gemini-2.5-flash",
        "gen_ai.response.model": "gemini-2.5-flash",
        "gen_ai.usage.input_tokens": 410 + 455,
        "gen_ai.usage.output_tokens": 22 + 64,
      },
      children: [mafChat(410, 22, "weather-7f3a"), mafTool, mafChat(455, 64, "weather-7f3a")],
    },
    { agents: ["weather-7f3a"], repeated: [["invoke_agent WeatherAgent(weather-7f3a)", "gen_ai.usage.output_tokens"]] },
  );
}

function orchestrateTools(): SdkShape {
  return build(
    "Microsoft.Extensions.AI function invocation: orchestrate_tools over its chat calls",
    {
      name: "GET /forecast",
      attributes: { "http.request.method": "GET", "http.route": "/forecast" },
      children: [
        {
          name: "orchestrate_tools",
          attributes: { "gen_ai.usage.input_tokens": 390 + 431, "gen_ai.usage.output_tokens": 19 + 57 },
          children: [mafChat(390, 19, null), mafTool, mafChat(431, 57, null)],
        },
      ],
    },
    { agents: [], repeated: [["orchestrate_tools", "gen_ai.usage.output_tokens"]] },
  );
}

// ——— OpenInference ———

function openInferenceLlm(name: string, input: number, output: number, agent: string | null): Node {
  return {
    name,
    attributes: {
      "openinference.span.kind": "LLM",
      "llm.model_name": "gpt-4o-mini",
      "llm.provider": "openai",
      "llm.system": "openai",
      "llm.token_count.prompt": input,
      "llm.token_count.completion": output,
      "llm.token_count.total": input + output,
      "llm.input_messages.0.message.role": "user",
      "llm.input_messages.0.message.content": "Weather in Paris?",
    },
    call: { model: "gpt-4o-mini", provider: "openai", inputTokens: input, outputTokens: output, agent },
  };
}

function openInferenceChain(): SdkShape {
  return build(
    "OpenInference chain (LangChain-style) repeating its LLM calls' token counts and cost",
    {
      name: "AgentExecutor",
      attributes: {
        "openinference.span.kind": "CHAIN",
        "input.value": JSON.stringify({ input: "Weather in Paris?" }),
        "output.value": JSON.stringify({ output: "18 °C" }),
        "llm.token_count.prompt": 12 + 300 + 340,
        "llm.token_count.completion": 30 + 12,
        "llm.token_count.total": 12 + 300 + 340 + 30 + 12,
        "llm.cost.total": 0.0042,
      },
      children: [
        {
          name: "VectorStoreRetriever",
          attributes: { "openinference.span.kind": "RETRIEVER", "input.value": "Paris weather" },
          children: [
            {
              name: "OpenAIEmbeddings",
              attributes: {
                "openinference.span.kind": "EMBEDDING",
                "embedding.model_name": "text-embedding-3-small",
                "llm.provider": "openai",
                "llm.system": "openai",
                "llm.token_count.prompt": 12,
                "llm.token_count.total": 12,
              },
              call: {
                model: "text-embedding-3-small",
                provider: "openai",
                inputTokens: 12,
                outputTokens: 0,
                agent: null,
              },
            },
          ],
        },
        openInferenceLlm("ChatOpenAI", 300, 30, null),
        {
          name: "get_weather",
          attributes: { "openinference.span.kind": "TOOL", "tool.name": "get_weather", "input.value": "Paris" },
        },
        openInferenceLlm("ChatOpenAI", 340, 12, null),
      ],
    },
    {
      agents: [],
      repeated: [
        ["AgentExecutor", "llm.token_count.prompt"],
        ["AgentExecutor", "llm.token_count.completion"],
      ],
    },
  );
}

// BeeAI through OpenInference: the agent's own span names it; each emitter event becomes a child
// span of the same kind (AGENT) named after the event, with no agent.name.
function beeAi(): SdkShape {
  const event = (name: string, children: Node[] = []): Node => ({
    name,
    attributes: {
      "openinference.span.kind": "AGENT",
      "input.value": JSON.stringify({ update: { key: "thought" } }),
      "input.mime_type": "application/json",
      "metadata.path": `agent.react.${name.split(".").pop()}`,
      "metadata.id": hex(name, 8),
    },
    children,
  });
  return build(
    "BeeAI (OpenInference): a named agent whose numbered event spans are AGENT spans without agent.name",
    {
      name: "weather_bee",
      attributes: {
        "openinference.span.kind": "AGENT",
        "agent.name": "weather_bee",
        "metadata.agent_description": "Answers weather questions",
        "input.value": "Weather in Paris?",
        "output.value": "18 °C and sunny",
        "llm.token_count.prompt": 220 + 260,
        "llm.token_count.completion": 35 + 14,
      },
      children: [
        event("agent.react.start-1"),
        event("agent.react.update-13", [openInferenceLlm("OpenAIChatModel", 220, 35, "weather_bee")]),
        {
          name: "OpenMeteoTool",
          attributes: { "openinference.span.kind": "TOOL", "tool.name": "OpenMeteoTool", "input.value": "Paris" },
        },
        event("agent.react.partial_update-263"),
        openInferenceLlm("OpenAIChatModel", 260, 14, "weather_bee"),
        event("agent.react.success-264"),
      ],
    },
    { agents: ["weather_bee"], repeated: [["weather_bee", "llm.token_count.completion"]] },
  );
}

// ——— OpenTelemetry GenAI agent spans ———
// invoke_agent spans name their agent in gen_ai.agent.name or in the span name; one without either
// belongs to the agent above it.
function genAiAgents(): SdkShape {
  const chat = (model: string, input: number, output: number, agent: string): Node => ({
    name: `chat ${model}`,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": model,
      "gen_ai.usage.input_tokens": input,
      "gen_ai.usage.output_tokens": output,
    },
    call: { model, provider: "openai", inputTokens: input, outputTokens: output, agent },
  });
  return build(
    "OpenTelemetry GenAI invoke_agent spans: named by attribute, by span name, and unnamed",
    {
      name: "invoke_agent planner",
      attributes: {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": "planner",
        "gen_ai.usage.input_tokens": 1000 + 400 + 250,
        "gen_ai.usage.output_tokens": 90 + 40 + 20,
      },
      children: [
        chat("gpt-4o", 1000, 90, "planner"),
        {
          name: "invoke_agent researcher",
          attributes: {
            "gen_ai.operation.name": "invoke_agent",
            "gen_ai.usage.input_tokens": 400,
            "gen_ai.usage.output_tokens": 40,
          },
          children: [
            chat("gpt-4o-mini", 400, 40, "researcher"),
            {
              name: "execute_tool web_search",
              attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "web_search" },
            },
          ],
        },
        {
          name: "invoke_agent",
          attributes: {
            "gen_ai.operation.name": "invoke_agent",
            "gen_ai.usage.input_tokens": 250,
            "gen_ai.usage.output_tokens": 20,
          },
          children: [chat("gpt-4o-mini", 250, 20, "planner")],
        },
      ],
    },
    {
      agents: ["planner", "researcher"],
      repeated: [
        ["invoke_agent planner", "gen_ai.usage.input_tokens"],
        ["invoke_agent researcher", "gen_ai.usage.output_tokens"],
      ],
    },
  );
}

// ——— Google ADK on Vertex AI ———
// The agent is named only in its span name, "agent_run [hello_agent]"; call_llm names the model by
// its Vertex AI resource path.
function googleAdk(): SdkShape {
  const path = "projects/acme-prod/locations/us-central1/publishers/google/models/gemini-2.5-flash";
  const callLlm = (i: number, input: number, output: number): Node => ({
    name: "call_llm",
    attributes: {
      "gen_ai.system": "gcp.vertex.agent",
      "gen_ai.request.model": path,
      "gen_ai.usage.input_tokens": input,
      "gen_ai.usage.output_tokens": output,
      "gcp.vertex.agent.invocation_id": "e-7c1",
      "gcp.vertex.agent.session_id": "s-42",
      "gcp.vertex.agent.event_id": `ev-${i}`,
      "gcp.vertex.agent.llm_request": JSON.stringify({ model: path, contents: [] }),
      "gcp.vertex.agent.llm_response": "{}",
    },
    call: {
      model: "gemini-2.5-flash",
      provider: "google",
      inputTokens: input,
      outputTokens: output,
      agent: "hello_agent",
    },
  });
  return build(
    "Google ADK on Vertex AI: agent_run [hello_agent], call_llm with a resource-path model",
    {
      name: "invocation",
      children: [
        {
          name: "agent_run [hello_agent]",
          children: [
            callLlm(1, 310, 21),
            {
              name: "execute_tool get_weather",
              attributes: {
                "gen_ai.system": "gcp.vertex.agent",
                "gen_ai.operation.name": "execute_tool",
                "gen_ai.tool.name": "get_weather",
                "gen_ai.tool.description": "Weather for a city",
                "gen_ai.tool.call.id": "adk-1",
                "gcp.vertex.agent.tool_call_args": JSON.stringify({ city: "Paris" }),
              },
            },
            callLlm(2, 365, 48),
          ],
        },
      ],
    },
    { agents: ["hello_agent"], repeated: [] },
  );
}

export function sdkShapes(): SdkShape[] {
  return [
    vercelV4(),
    vercelV5(),
    pydanticV1(),
    pydanticV3(),
    agentFramework(),
    orchestrateTools(),
    openInferenceChain(),
    beeAi(),
    genAiAgents(),
    googleAdk(),
  ];
}
