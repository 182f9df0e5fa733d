import { describe, expect, it } from "vitest";
import { dailyBars } from "@/lib/charts/daily-bars";

describe("daily bars", () => {
  const now = Date.parse("2026-11-22T15:00:00Z");
  it("fills every day of the window, oldest first, scaled to the largest day", () => {
    const bars = dailyBars(
      [
        { day: "2026-11-22", value: 2 },
        { day: "2026-11-20", value: 4 },
        { day: "2026-11-20", value: 4 },
        { day: "2026-11-01", value: 100 },
      ],
      { days: 4, now },
    );
    expect(bars).toEqual([
      { day: "2026-11-19", value: 0, heightPct: 0 },
      { day: "2026-11-20", value: 8, heightPct: 100 },
      { day: "2026-11-21", value: 0, heightPct: 0 },
      { day: "2026-11-22", value: 2, heightPct: 25 },
    ]);
  });
  it("draws an empty window flat", () => {
    expect(dailyBars([], { days: 2, now }).map((b) => b.heightPct)).toEqual([0, 0]);
  });
});
