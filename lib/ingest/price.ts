// Cost from @pydantic/genai-prices: provider + model + token counts. A cost the caller
// reported wins; an unknown model gets no cost and is flagged — never a silent 0. Only model calls
// are priced here: which spans count is classify's decision (see classify/index.ts).
import { calcPrice, type Provider } from "@pydantic/genai-prices";
import { readFileSync } from "node:fs";
import path from "node:path";

// The bundled price data is versioned with the package (its exports hide package.json).
function priceDataVersion(): string {
  try {
    const file = path.join(process.cwd(), "node_modules", "@pydantic", "genai-prices", "package.json");
    return `genai-prices@${(JSON.parse(readFileSync(file, "utf8")) as { version: string }).version}`;
  } catch {
    return "genai-prices@bundled";
  }
}

export const PRICE_DATA_VERSION = priceDataVersion();

export type CostSource = "reported" | "computed" | "unknown_model";

export interface PricedCost {
  costUsd: number | null;
  source: CostSource | null;
  priceVersion: string | null;
  /**
   * What prompt caching saved at list prices: the call priced with its cache reads and writes as
   * plain input, less its price. Null unless computed here with cache tokens.
   */
  cacheSavingsUsd: number | null;
}

// Provider names as telemetry spells them → genai-prices provider ids.
const PROVIDER_ALIASES: Record<string, string> = {
  "gcp.gemini": "google",
  "gcp.vertex_ai": "google",
  "gcp.vertex.agent": "google", // Google ADK's gen_ai.system
  "gcp.gen_ai": "google",
  gemini: "google",
  vertex_ai: "google",
  "az.ai.openai": "azure",
  "azure.ai.openai": "azure",
  "aws.bedrock": "aws",
  bedrock: "aws",
  mistral_ai: "mistral",
  mistralai: "mistral",
  "x.ai": "x-ai",
  xai: "x-ai",
};

// Providers name models by resource path: Vertex AI
// "projects/p/locations/l/publishers/google/models/gemini-2.5-flash", the Gemini API
// "models/gemini-2.5-flash", Bedrock "arn:aws:bedrock:us-east-1:123:inference-profile/us.anthropic.claude-…".
// The model is the last segment; "openai/gpt-4o"-style router names are not resource paths.
const RESOURCE_PATH = /^(?:[A-Za-z]+\/[^/]+\/)*(?:models|tunedModels)\/([^/]+)$/;
const PUBLISHER = /(?:^|\/)publishers\/([^/]+)\//;
const BEDROCK_ARN = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:[\w-]+\/(.+)$/;

/** A model named by its provider resource path → its readable name and the provider the path implies. */
export function resourceModel(model: string): { model: string; provider?: string } | null {
  const path = RESOURCE_PATH.exec(model);
  if (path) {
    const publisher = PUBLISHER.exec(model)?.[1];
    return { model: path[1]!, ...(publisher ? { provider: publisher } : {}) };
  }
  const arn = BEDROCK_ARN.exec(model);
  if (arn) return { model: arn[1]!, provider: "aws" };
  return null;
}

export function priceSpan({
  model,
  provider,
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
  reportedCostUsd,
}: {
  model?: string;
  provider?: string;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reportedCostUsd?: number;
}): PricedCost {
  if (reportedCostUsd !== undefined)
    return { costUsd: reportedCostUsd, source: "reported", priceVersion: null, cacheSavingsUsd: null };
  if (!model || (inputTokens === undefined && outputTokens === undefined)) {
    return { costUsd: null, source: null, priceVersion: null, cacheSavingsUsd: null };
  }
  const resource = resourceModel(model);
  const name = resource?.model ?? model;
  const providerName = provider ?? resource?.provider;
  const providerId = providerName
    ? (PROVIDER_ALIASES[providerName.toLowerCase()] ?? providerName.toLowerCase())
    : undefined;
  const input = inputTokens ?? 0;
  // Cache counts are partitions of the input total: never more than it, never added to it.
  const usage = {
    input_tokens: input,
    output_tokens: outputTokens ?? 0,
    ...(cacheReadTokens ? { cache_read_tokens: Math.min(cacheReadTokens, input) } : {}),
    ...(cacheWriteTokens
      ? { cache_write_tokens: Math.min(cacheWriteTokens, input - Math.min(cacheReadTokens ?? 0, input)) }
      : {}),
  };
  const result = price(usage, name, providerId);
  if (!result)
    return { costUsd: null, source: "unknown_model", priceVersion: PRICE_DATA_VERSION, cacheSavingsUsd: null };
  const cached = usage.cache_read_tokens !== undefined || usage.cache_write_tokens !== undefined;
  const uncached = cached ? price({ input_tokens: input, output_tokens: usage.output_tokens }, name, providerId) : null;
  return {
    costUsd: result.total_price,
    source: "computed",
    priceVersion: PRICE_DATA_VERSION,
    cacheSavingsUsd: uncached ? uncached.total_price - result.total_price : null,
  };
}

// Finding a model among the price data's providers costs ~15 µs a call (every provider's match
// rules, then every model's), as much as the rest of a span's ingest. So the first call for a
// (model, provider) finds it; later calls hand calcPrice that provider narrowed to the model it
// matched — the same match rules on the same name, so the same model and price, found at once.
// Unknown models are remembered too.
const resolved = new Map<string, Provider | null>();
const MAX_RESOLVED = 10_000;

function price(usage: Parameters<typeof calcPrice>[0], name: string, providerId: string | undefined) {
  const key = `${providerId ?? ""}\u0000${name}`;
  const known = resolved.get(key);
  try {
    if (known !== undefined) return known && calcPrice(usage, name, { provider: known });
    let result = calcPrice(usage, name, providerId ? { providerId } : {});
    if (!result && providerId) result = calcPrice(usage, name, {});
    if (resolved.size >= MAX_RESOLVED) resolved.clear();
    resolved.set(key, result && { ...result.provider, models: [result.model], fallback_model_providers: undefined });
    return result;
  } catch {
    return null;
  }
}
