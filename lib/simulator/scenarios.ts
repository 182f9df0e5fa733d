// Realistic multi-agent runs drawn from governance cases, as pure span trees (no SDK here):
// procurement (GenAI conventions), support refunds (OpenInference), research swarm (GenAI).
export interface SimSpan {
  name: string;
  startMs: number;
  endMs: number;
  attributes: Record<string, string | number | boolean>;
  error?: string;
  children: SimSpan[];
}

export type ScenarioName = "procurement" | "support-refunds" | "research-swarm";
export const SCENARIOS: ScenarioName[] = ["procurement", "support-refunds", "research-swarm"];

export type Random = () => number;

/** A small seeded generator (mulberry32), so runs can be replayed. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: Random, lo: number, hi: number) => Math.round(lo + r() * (hi - lo));
const pick = <T>(r: Random, items: readonly T[]) => items[Math.floor(r() * items.length)]!;

// A small builder that lays children out in time after each other (or in parallel).
class Clock {
  constructor(public now: number) {}
  advance(ms: number) {
    this.now += ms;
    return this.now;
  }
}

function genAiChat(
  r: Random,
  clock: Clock,
  model: string,
  provider: string,
  prompt: string,
  answer: string,
  tokens: [number, number],
  cached = 0,
): SimSpan {
  const start = clock.advance(between(r, 2, 15));
  const end = clock.advance(between(r, 400, 4000));
  return {
    name: `chat ${model}`,
    startMs: start,
    endMs: end,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": provider,
      "gen_ai.request.model": model,
      "gen_ai.usage.input_tokens": tokens[0],
      "gen_ai.usage.output_tokens": tokens[1],
      ...(cached ? { "gen_ai.usage.cache_read.input_tokens": cached } : {}),
      "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: prompt }] }]),
      "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: answer }] }]),
    },
    children: [],
  };
}

function genAiTool(r: Random, clock: Clock, tool: string, args: unknown, result: unknown, error?: string): SimSpan {
  const start = clock.advance(between(r, 2, 10));
  const end = clock.advance(between(r, 50, 1500));
  return {
    name: `execute_tool ${tool}`,
    startMs: start,
    endMs: end,
    attributes: {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": tool,
      "gen_ai.tool.call.arguments": JSON.stringify(args),
      ...(error ? {} : { "gen_ai.tool.call.result": JSON.stringify(result) }),
    },
    ...(error ? { error } : {}),
    children: [],
  };
}

function genAiAgent(clock: Clock, agent: string, build: () => SimSpan[]): SimSpan {
  const start = clock.advance(1);
  const children = build();
  return {
    name: `invoke_agent ${agent}`,
    startMs: start,
    endMs: clock.advance(2),
    attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": agent, "gen_ai.agent.id": agent },
    children,
  };
}

const VENDORS = [
  "Acme Industrial",
  "Globex Supply",
  "Initech Parts",
  "Umbrella Logistics",
  "Stark Components",
] as const;
const ITEMS = ["laptops", "office chairs", "GPU servers", "safety gloves", "network switches"] as const;

function procurement(r: Random, startMs: number): SimSpan {
  const clock = new Clock(startMs);
  const vendor = pick(r, VENDORS);
  const item = pick(r, ITEMS);
  const quantity = between(r, 2, 200);
  const amount = quantity * between(r, 40, 2500);
  const blacklisted = vendor === "Umbrella Logistics";
  return genAiAgent(clock, "procurement-planner", () => [
    genAiChat(
      r,
      clock,
      "gpt-4o",
      "openai",
      `Plan the purchase of ${quantity} ${item}`,
      `1. Check ${vendor}. 2. Raise a PO.`,
      [between(r, 800, 2500), between(r, 120, 400)],
    ),
    genAiAgent(clock, "purchaser", () => {
      const steps: SimSpan[] = [
        genAiChat(
          r,
          clock,
          "gpt-4o-mini",
          "openai",
          `Source ${item} from ${vendor}`,
          `Calling vendor check for ${vendor}`,
          [between(r, 600, 1800), between(r, 60, 200)],
          between(r, 0, 1) ? 512 : 0,
        ),
      ];
      // The vendor checker is an agent used as a tool; its first call sometimes times out and is retried.
      if (r() < 0.25) steps.push(genAiTool(r, clock, "vendor_check", { vendor }, null, "vendor registry timed out"));
      steps.push(
        genAiAgent(clock, "vendor-checker", () => [
          genAiTool(r, clock, "sanctions_lookup", { vendor }, { listed: false }),
          genAiTool(r, clock, "blacklist_lookup", { vendor }, { blacklisted }),
        ]),
      );
      if (blacklisted) {
        steps.push(
          genAiChat(r, clock, "gpt-4o-mini", "openai", `${vendor} is blacklisted`, "Stopping: vendor is blacklisted.", [
            between(r, 300, 700),
            between(r, 20, 60),
          ]),
        );
      } else {
        steps.push(
          genAiTool(
            r,
            clock,
            "create_purchase_order",
            { vendor, item, quantity, amountUsd: amount },
            { poNumber: `PO-${between(r, 10000, 99999)}` },
            amount > 250_000 && r() < 0.5 ? "amount exceeds the purchaser's spending limit" : undefined,
          ),
        );
      }
      return steps;
    }),
  ]);
}

// OpenInference conventions (as emitted by its instrumentations for LangChain, LlamaIndex, …).
function oiLlm(
  r: Random,
  clock: Clock,
  model: string,
  provider: string,
  prompt: string,
  answer: string,
  tokens: [number, number],
  cached = 0,
): SimSpan {
  const start = clock.advance(between(r, 2, 15));
  const end = clock.advance(between(r, 300, 3500));
  return {
    name: "ChatCompletion",
    startMs: start,
    endMs: end,
    attributes: {
      "openinference.span.kind": "LLM",
      "llm.model_name": model,
      "llm.provider": provider,
      "llm.token_count.prompt": tokens[0],
      "llm.token_count.completion": tokens[1],
      "llm.token_count.total": tokens[0] + tokens[1],
      ...(cached ? { "llm.token_count.prompt_details.cache_read": cached } : {}),
      "llm.input_messages.0.message.role": "system",
      "llm.input_messages.0.message.content": "You are a careful customer-support agent.",
      "llm.input_messages.1.message.role": "user",
      "llm.input_messages.1.message.content": prompt,
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.content": answer,
    },
    children: [],
  };
}

function oiTool(r: Random, clock: Clock, tool: string, args: unknown, output: unknown, error?: string): SimSpan {
  const start = clock.advance(between(r, 2, 10));
  const end = clock.advance(between(r, 40, 1200));
  return {
    name: tool,
    startMs: start,
    endMs: end,
    attributes: {
      "openinference.span.kind": "TOOL",
      "tool.name": tool,
      "input.value": JSON.stringify(args),
      "input.mime_type": "application/json",
      ...(error ? {} : { "output.value": JSON.stringify(output), "output.mime_type": "application/json" }),
    },
    ...(error ? { error } : {}),
    children: [],
  };
}

function oiAgent(clock: Clock, agent: string, build: () => SimSpan[]): SimSpan {
  const start = clock.advance(1);
  const children = build();
  return {
    name: agent,
    startMs: start,
    endMs: clock.advance(2),
    attributes: { "openinference.span.kind": "AGENT", "agent.name": agent },
    children,
  };
}

const ISSUES = ["damaged item", "late delivery", "double charge", "wrong size", "never arrived"] as const;

function supportRefunds(r: Random, startMs: number): SimSpan {
  const clock = new Clock(startMs);
  const order = between(r, 100000, 999999);
  const issue = pick(r, ISSUES);
  const amount = between(r, 8, 900);
  const confidence = Math.round((0.55 + r() * 0.44) * 100) / 100;
  return oiAgent(clock, "triage-agent", () => {
    const steps: SimSpan[] = [
      oiLlm(
        r,
        clock,
        "claude-3-5-haiku-latest",
        "anthropic",
        `Order ${order}: ${issue}. I want my money back.`,
        `Intent: refund (confidence ${confidence})`,
        [between(r, 400, 1200), between(r, 30, 90)],
      ),
    ];
    if (r() < 0.15) {
      steps.push(oiTool(r, clock, "kb_search", { query: issue }, { articles: 3 }));
      return steps;
    }
    // The handoff idiom of agent SDKs: a transfer_to_<agent> tool call.
    steps.push(oiTool(r, clock, "transfer_to_refund-agent", { order, issue }, { accepted: true }));
    steps.push(
      oiAgent(clock, "refund-agent", () => {
        const inner = [
          oiTool(r, clock, "lookup_order", { order }, { order, totalUsd: amount + between(r, 0, 200), paid: true }),
          oiLlm(
            r,
            clock,
            "claude-sonnet-4-20250514",
            "anthropic",
            `Decide a refund for order ${order} (${issue}), amount ${amount} USD`,
            `Refund ${amount} USD`,
            [between(r, 1500, 4000), between(r, 80, 250)],
            between(r, 0, 1) ? 1024 : 0,
          ),
        ];
        const failure = r() < 0.12 ? "payment gateway timeout" : undefined;
        inner.push(
          oiTool(
            r,
            clock,
            "issue_refund",
            { order, amountUsd: amount, confidence },
            failure ? null : { refundId: `rf_${between(r, 1e5, 9e5)}` },
            failure,
          ),
        );
        if (failure)
          inner.push(
            oiTool(
              r,
              clock,
              "issue_refund",
              { order, amountUsd: amount, confidence, retry: 1 },
              { refundId: `rf_${between(r, 1e5, 9e5)}` },
            ),
          );
        return inner;
      }),
    );
    return steps;
  });
}

const TOPICS = [
  "EU AI Act obligations for agents",
  "LLM evaluation methods",
  "agent sandboxing",
  "prompt injection defences",
  "cost of long-context models",
] as const;

function researchSwarm(r: Random, startMs: number): SimSpan {
  const clock = new Clock(startMs);
  const topic = pick(r, TOPICS);
  const workers = between(r, 2, 5);
  return genAiAgent(clock, "research-planner", () => {
    const steps = [
      genAiChat(r, clock, "gpt-4o", "openai", `Plan a literature review on ${topic}`, `${workers} sub-questions`, [
        between(r, 900, 2000),
        between(r, 150, 500),
      ]),
    ];
    // Researchers run in parallel: each starts at the same moment.
    const fork = clock.now;
    let join = fork;
    for (let w = 0; w < workers; w++) {
      const lane = new Clock(fork + w);
      const model = pick(r, ["gpt-4o-mini", "gemini-2.0-flash", "claude-3-5-haiku-latest"] as const);
      const provider = model.startsWith("gpt") ? "openai" : model.startsWith("gemini") ? "google" : "anthropic";
      const researcher = genAiAgent(lane, "researcher", () => [
        genAiTool(
          r,
          lane,
          "web_search",
          { q: `${topic} part ${w + 1}` },
          { results: between(r, 3, 10) },
          r() < 0.08 ? "search API rate limited (429)" : undefined,
        ),
        {
          name: "retrieval papers-index",
          startMs: lane.advance(3),
          endMs: lane.advance(between(r, 40, 300)),
          attributes: { "gen_ai.operation.name": "retrieval", "gen_ai.data_source.id": "papers-index" },
          children: [],
        },
        genAiChat(r, lane, model, provider, `Summarise sources on ${topic} (${w + 1})`, "Key findings: …", [
          between(r, 3000, 12000),
          between(r, 200, 700),
        ]),
      ]);
      steps.push(researcher);
      join = Math.max(join, lane.now);
    }
    clock.now = join;
    steps.push(
      genAiAgent(clock, "summarizer", () => [
        genAiChat(
          r,
          clock,
          "claude-sonnet-4-20250514",
          "anthropic",
          `Write the brief on ${topic}`,
          "Brief: …",
          [between(r, 5000, 15000), between(r, 600, 1500)],
          between(r, 0, 1) ? 4096 : 0,
        ),
      ]),
    );
    return steps;
  });
}

export function buildScenario(name: ScenarioName, r: Random, startMs: number): SimSpan {
  switch (name) {
    case "procurement":
      return procurement(r, startMs);
    case "support-refunds":
      return supportRefunds(r, startMs);
    case "research-swarm":
      return researchSwarm(r, startMs);
  }
}

/** Which scenario a demo workspace runs. */
export const DEMO_SCENARIO: Record<string, ScenarioName> = {
  "customer-support": "support-refunds",
  procurement: "procurement",
  research: "research-swarm",
};

/**
 * The scenarios to send into a workspace: "fit" is a demo workspace's own scenario, and every
 * scenario for any other workspace (`own` says which it was); "all" or one name, as asked.
 */
export function scenariosFor(slug: string, choice: string): { scenarios: ScenarioName[]; own: boolean } {
  if (choice === "all") return { scenarios: SCENARIOS, own: false };
  if (choice !== "fit") return { scenarios: [choice as ScenarioName], own: false };
  const own = DEMO_SCENARIO[slug];
  return own ? { scenarios: [own], own: true } : { scenarios: SCENARIOS, own: false };
}
