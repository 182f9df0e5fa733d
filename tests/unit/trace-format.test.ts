import { describe, expect, it } from "vitest";
import { formatCost, formatDuration, formatTokens } from "../../components/traces/format";

describe("trace formatters", () => {
  it("formats durations from microseconds to minutes", () => {
    expect(formatDuration(0.25)).toBe("250 µs");
    expect(formatDuration(4.36)).toBe("4.4 ms");
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(4379)).toBe("4.38 s");
    expect(formatDuration(42_000)).toBe("42.0 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(null)).toBe("—");
  });
  it("formats costs, keeping small amounts visible", () => {
    expect(formatCost("0.00406")).toBe("$0.0041");
    expect(formatCost(12.5)).toBe("$12.50");
    expect(formatCost("0")).toBe("$0");
    expect(formatCost(null)).toBe("—");
  });
  it("formats token counts", () => {
    expect(formatTokens(950n)).toBe("950");
    expect(formatTokens("4505")).toBe("4.5k");
    expect(formatTokens(43710)).toBe("44k");
    expect(formatTokens(4_857_044)).toBe("4.9M");
  });
});
