import { describe, expect, it } from "vitest";
import { relativeTime } from "../../lib/format/relative-time";

describe("relative times", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const ago = (ms: number) => relativeTime(new Date(now.getTime() - ms), now);
  it("words a moment in its largest whole unit", () => {
    expect(ago(20_000)).toBe("just now");
    expect(ago(3 * 60_000)).toBe("3 minutes ago");
    expect(ago(90 * 60_000)).toBe("1 hour ago");
    expect(ago(26 * 3600_000)).toBe("yesterday");
    expect(ago(3 * 24 * 3600_000)).toBe("3 days ago");
    expect(ago(40 * 24 * 3600_000)).toBe("last month");
    expect(relativeTime(new Date(now.getTime() + 5 * 60_000), now)).toBe("in 5 minutes");
  });
});
