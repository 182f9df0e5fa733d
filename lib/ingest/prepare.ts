// Pure: normalized spans → rows ready to store (classified, attributed, priced). No database.
import { classify } from "./classify";
import { priceSpan, type CostSource } from "./price";
import type { NormalizedSpan } from "./normalize";
import type { SpanKind } from "../db/generated/enums";

export interface SpanRow {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  agentExternalId: string | null;
  agentInherited: boolean;
  agentName: string | null;
  handoffTo: string | null;
  model: string | null;
  provider: string | null;
  startTime: string; // ISO with microseconds
  endTime: string | null;
  durationMs: number | null;
  status: "UNSET" | "OK" | "ERROR";
  statusMessage: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  totalTokens: number | null;
  costUsd: number | null;
  costSource: CostSource | null;
  priceVersion: string | null;
  cacheSavingsUsd: number | null;
  input: unknown;
  output: unknown;
  attributes: Record<string, unknown>;
  events: unknown[];
  resource: Record<string, unknown>;
  scope: string | null;
}

/** Unix nanoseconds → ISO 8601 with microseconds (what timestamptz(6) keeps). */
export function nanosToIso(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const micros = (ns / 1000n) % 1000n;
  const iso = new Date(Number(ms)).toISOString(); // …sss Z
  return `${iso.slice(0, 23)}${micros.toString().padStart(3, "0")}Z`;
}

const int = (n: number | undefined) => (n === undefined ? null : Math.round(n));

// Attributes that carry a span's input or output bodies. Once lifted into the span's input and
// output they are not stored a second time among the attributes.
const BODY_KEYS = new Set([
  "gen_ai.input.messages",
  "gen_ai.output.messages",
  "gen_ai.prompt",
  "gen_ai.completion",
  "gen_ai.tool.call.arguments",
  "gen_ai.tool.call.result",
  "input.value",
  "output.value",
  "ai.prompt",
  "ai.prompt.messages",
  "ai.response.text",
  "ai.response.object",
  "ai.toolCall.args",
  "ai.toolCall.result",
  "arbiter.input",
  "arbiter.output",
]);
const BODY_PREFIXES = ["llm.input_messages.", "llm.output_messages."];

function withoutBodies(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (BODY_KEYS.has(key) || BODY_PREFIXES.some((p) => key.startsWith(p))) continue;
    out[key] = value;
  }
  return out;
}

export function prepareSpans(spans: NormalizedSpan[]): SpanRow[] {
  // The last copy of a span in one request wins.
  const unique = new Map<string, NormalizedSpan>();
  for (const span of spans) unique.set(`${span.traceId}:${span.spanId}`, span);

  return [...unique.values()].map((span) => {
    const c = classify(span.attributes, span);
    const cost = priceSpan(c);
    const input = int(c.inputTokens);
    const output = int(c.outputTokens);
    // An agent span without a name of its own belongs to the nearest named agent above it.
    const agentId = c.agentId;
    return {
      traceId: span.traceId,
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      name: span.name,
      kind: c.kind,
      agentExternalId: agentId ?? null,
      agentInherited: false,
      agentName: c.agentName ?? null,
      handoffTo: c.handoffTo ?? null,
      model: c.model ?? null,
      provider: c.provider ?? null,
      startTime: nanosToIso(span.startNs),
      endTime: span.endNs === null ? null : nanosToIso(span.endNs),
      durationMs: span.endNs === null ? null : Number(span.endNs - span.startNs) / 1e6,
      status: span.status,
      statusMessage: span.statusMessage,
      inputTokens: input,
      outputTokens: output,
      cacheReadTokens: int(c.cacheReadTokens),
      cacheWriteTokens: int(c.cacheWriteTokens),
      reasoningTokens: int(c.reasoningTokens),
      totalTokens: input === null && output === null ? null : (input ?? 0) + (output ?? 0),
      costUsd: cost.costUsd,
      costSource: cost.source,
      priceVersion: cost.priceVersion,
      cacheSavingsUsd: cost.cacheSavingsUsd,
      input: c.input ?? null,
      output: c.output ?? null,
      attributes: c.input !== undefined || c.output !== undefined ? withoutBodies(span.attributes) : span.attributes,
      events: span.events,
      resource: span.resource,
      scope: span.scope,
    };
  });
}

/**
 * Gives each span without an agent of its own the agent of its nearest agent ancestor, looking
 * through the batch first and then through `storedAgents` (parent span id → agent) for parents
 * stored by earlier requests. Iterative, cycle-safe. Returns the parent ids it could not resolve.
 */
export function attributeAgents(rows: SpanRow[], storedAgents: Map<string, string | null> = new Map()): string[] {
  const byId = new Map(rows.map((r) => [r.spanId, r]));
  const missing = new Set<string>();
  const resolved = new Map<string, string | null>();
  for (const row of rows) {
    if (row.agentExternalId && !row.agentInherited) continue;
    const path: SpanRow[] = [];
    const seen = new Set<string>();
    let parentId = row.parentSpanId;
    let agent: string | null = null;
    while (parentId && !seen.has(parentId)) {
      seen.add(parentId);
      if (resolved.has(parentId)) {
        agent = resolved.get(parentId) ?? null;
        break;
      }
      const parent = byId.get(parentId);
      if (!parent) {
        if (storedAgents.has(parentId)) agent = storedAgents.get(parentId) ?? null;
        else missing.add(parentId);
        break;
      }
      if (parent.agentExternalId && !parent.agentInherited) {
        agent = parent.agentExternalId;
        break;
      }
      path.push(parent);
      parentId = parent.parentSpanId;
    }
    for (const r of [row, ...path]) {
      resolved.set(r.spanId, agent);
      if (!r.agentExternalId || r.agentInherited) {
        r.agentExternalId = agent;
        r.agentInherited = agent !== null;
      }
    }
  }
  return [...missing];
}
