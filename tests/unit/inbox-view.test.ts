import { describe, expect, it } from "vitest";
import { countdown, formatAmount, formatSpan, quorumText, waiting } from "../../lib/approvals/inbox-view";

const t0 = Date.parse("2026-12-01T10:00:00Z");
const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();

describe("inbox view", () => {
  it("formats spans", () => {
    expect(formatSpan(0)).toBe("0 s");
    expect(formatSpan(59_999)).toBe("59 s");
    expect(formatSpan(12 * 60_000)).toBe("12 min");
    expect(formatSpan(185 * 60_000)).toBe("3 h 05 min");
    expect(formatSpan((52 * 60 + 3) * 60_000)).toBe("2 d 4 h");
    expect(formatSpan(-5)).toBe("0 s");
  });

  it("counts down and turns at risk in the last 20 % of the window", () => {
    const request = { createdAt: at(0), expiresAt: at(100), status: "PENDING" };
    expect(countdown(request, t0 + 10 * 60_000)).toMatchObject({ urgency: "ok", text: "1 h 30 min left" });
    expect(countdown(request, t0 + 79 * 60_000).urgency).toBe("ok");
    expect(countdown(request, t0 + 80 * 60_000)).toMatchObject({ urgency: "at-risk", text: "20 min left" });
    expect(countdown(request, t0 + 105 * 60_000)).toMatchObject({ urgency: "overdue", text: "expired 5 min ago" });
    expect(countdown({ ...request, status: "APPROVED" }, t0)).toMatchObject({ urgency: "settled", text: "approved" });
  });

  it("says how long a request waited, its amount and its quorum", () => {
    expect(waiting({ createdAt: at(0) }, t0 + 90_000)).toBe("1 min");
    expect(formatAmount(900, "USD")).toBe("$900.00");
    expect(formatAmount(1234.5, "EUR")).toBe("€1,234.50");
    expect(formatAmount(10.5, "points")).toBe("10.5 points");
    expect(formatAmount(5, null)).toBe("$5.00");
    expect(formatAmount(null, "USD")).toBeNull();
    expect(quorumText({ quorum: 2, approvals: 1 })).toBe("1 of 2");
    expect(quorumText({ quorum: 1, approvals: 0 })).toBeNull();
  });
});
