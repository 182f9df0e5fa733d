import { describe, expect, it } from "vitest";
import { fromNanos, nanos, ratio } from "../../lib/cost/nanos";

describe("nano-dollars", () => {
  it("read and write exact money with nine decimals, negatives and short fractions included", () => {
    expect(nanos("123.456789012")).toBe(123_456_789_012n);
    expect(nanos("0.5")).toBe(500_000_000n);
    expect(nanos("-0.000000001")).toBe(-1n);
    expect(nanos("7")).toBe(7_000_000_000n);
    expect(nanos(null)).toBe(0n);
    expect(fromNanos(-1n)).toBe("-0.000000001");
    expect(fromNanos(nanos("999999999.999999999") + 1n)).toBe("1000000000.000000000");
    expect(ratio(1n, 3n)).toBeCloseTo(1 / 3, 6);
    expect(ratio(5n, 0n)).toBe(0);
  });
});
