import { describe, expect, it } from "vitest";
import { calcPrice } from "@pydantic/genai-prices";
import { PRICE_DATA_VERSION, priceSpan, resourceModel } from "../../lib/ingest/price";

describe("pricing", () => {
  it("prices a model it has seen exactly as the price data's own lookup does, tiers and unknown models included", () => {
    const models: [string, string | undefined, string | undefined][] = [
      ["gpt-4o-mini", "openai", "openai"],
      ["gpt-4o", "azure.ai.openai", "azure"],
      ["claude-sonnet-4-5", "anthropic", "anthropic"],
      ["gemini-2.5-pro", "gcp.vertex_ai", "google"], // tiered: above 200k input tokens costs more
      ["llama-3.3-70b-versatile", "groq", "groq"],
      ["gpt-4o-mini", undefined, undefined],
      ["my-finetune", "openai", "openai"],
    ];
    const usages = [
      { inputTokens: 1_200, outputTokens: 300, cacheReadTokens: 200 },
      { inputTokens: 250_000, outputTokens: 10 },
      { inputTokens: 10, outputTokens: 0 },
    ];
    for (const [model, provider, providerId] of models)
      for (let round = 0; round < 2; round++)
        for (const u of usages) {
          const usage = {
            input_tokens: u.inputTokens,
            output_tokens: u.outputTokens,
            ...(u.cacheReadTokens ? { cache_read_tokens: u.cacheReadTokens } : {}),
          };
          const expected =
            calcPrice(usage, model, providerId ? { providerId } : {}) ??
            (providerId ? calcPrice(usage, model, {}) : null);
          expect(priceSpan({ model, provider, ...u }).costUsd, `${model} round ${round}`).toBe(
            expected?.total_price ?? null,
          );
        }
  });

  it("prices gpt-4o at its list price ($2.50 / $10 per million)", () => {
    const p = priceSpan({ model: "gpt-4o", provider: "openai", inputTokens: 1_000_000, outputTokens: 1_000_000 });
    expect(p).toEqual({ costUsd: 12.5, source: "computed", priceVersion: PRICE_DATA_VERSION, cacheSavingsUsd: null });
    expect(PRICE_DATA_VERSION).toMatch(/^genai-prices@\d+\.\d+\.\d+$/);
  });

  it("counts cached tokens once, at the cache rate, inside the input total", () => {
    // 1M input of which 500k were cache reads: 500k × $2.50/M + 500k × $1.25/M = $1.875.
    const cached = priceSpan({
      model: "gpt-4o",
      provider: "openai",
      inputTokens: 1_000_000,
      outputTokens: 0,
      cacheReadTokens: 500_000,
    });
    expect(cached.costUsd).toBeCloseTo(1.875, 9);
    const uncached = priceSpan({ model: "gpt-4o", provider: "openai", inputTokens: 1_000_000, outputTokens: 0 });
    expect(cached.costUsd!).toBeLessThan(uncached.costUsd!);
    // What caching saved at list prices: 500k tokens at $2.50/M rather than $1.25/M.
    expect(cached.cacheSavingsUsd).toBeCloseTo(0.625, 9);
    expect(cached.cacheSavingsUsd).toBeCloseTo(uncached.costUsd! - cached.costUsd!, 12);
    expect(uncached.cacheSavingsUsd).toBeNull();
  });

  it("lets a reported cost win", () => {
    expect(priceSpan({ model: "gpt-4o", inputTokens: 10, outputTokens: 10, reportedCostUsd: 0.5 })).toEqual({
      costUsd: 0.5,
      source: "reported",
      priceVersion: null,
      cacheSavingsUsd: null,
    });
  });

  it("flags an unknown model instead of charging 0", () => {
    expect(priceSpan({ model: "acme-llm-9000", provider: "acme", inputTokens: 100, outputTokens: 100 })).toEqual({
      costUsd: null,
      source: "unknown_model",
      priceVersion: PRICE_DATA_VERSION,
      cacheSavingsUsd: null,
    });
  });

  it("prices a model named by its provider resource path by the path's last segment", () => {
    const usage = { inputTokens: 1000, outputTokens: 100 };
    const bare = priceSpan({ model: "gemini-2.5-flash", provider: "google", ...usage });
    expect(bare.source).toBe("computed");
    const path = "projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash";
    expect(priceSpan({ model: path, ...usage })).toEqual(bare);
    expect(priceSpan({ model: "models/gemini-2.5-flash", provider: "gcp.gemini", ...usage })).toEqual(bare);
    expect(resourceModel(path)).toEqual({ model: "gemini-2.5-flash", provider: "google" });
    expect(resourceModel("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0")).toEqual(
      { model: "anthropic.claude-3-haiku-20240307-v1:0", provider: "aws" },
    );
    expect(resourceModel("openai/gpt-4o")).toBeNull();
    expect(resourceModel("gpt-4o")).toBeNull();
  });

  it("prices nothing without a model or tokens", () => {
    expect(priceSpan({ inputTokens: 100 })).toEqual({
      costUsd: null,
      source: null,
      priceVersion: null,
      cacheSavingsUsd: null,
    });
    expect(priceSpan({ model: "gpt-4o" })).toEqual({
      costUsd: null,
      source: null,
      priceVersion: null,
      cacheSavingsUsd: null,
    });
  });
});
