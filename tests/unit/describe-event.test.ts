import { describe, expect, it } from "vitest";
import { describeEvent } from "../../lib/audit/describe-event";

const event = (e: Partial<Parameters<typeof describeEvent>[1]>) => ({
  action: "x",
  targetType: null,
  targetId: null,
  before: null,
  after: null,
  metadata: null,
  ...e,
});

describe("what an audit event is about", () => {
  it("names a decision's request and outcome, and links it", () => {
    expect(
      describeEvent(
        "ops",
        event({
          action: "decision.made",
          targetType: "decision",
          targetId: "d-1",
          after: { agent: "refund-agent", action: "refund", resource: "order:o-1", outcome: "DENY" },
        }),
      ),
    ).toEqual({ target: "refund-agent · refund · order:o-1 → DENY", href: "/ops/decisions/d-1", reason: null });
  });

  it("carries the reason of a suspension and of a policy's mode switch", () => {
    expect(
      describeEvent(
        "ops",
        event({
          action: "agent.suspended",
          targetType: "agent",
          targetId: "a-1",
          after: { status: "SUSPENDED" },
          metadata: { reason: "runaway spend", agent: "purchaser" },
        }),
      ),
    ).toEqual({ target: "purchaser · SUSPENDED", href: "/ops/agents/a-1", reason: "runaway spend" });
    expect(
      describeEvent(
        "ops",
        event({
          action: "policy.mode_changed",
          targetType: "policy",
          targetId: "p-1",
          after: { name: "refund-review", mode: "SHADOW" },
          metadata: { reason: "measuring" },
        }),
      ),
    ).toEqual({ target: "refund-review · now shadow", href: "/ops/policies/p-1", reason: "measuring" });
  });

  it("links a publish to its version, with its message as the reason", () => {
    expect(
      describeEvent(
        "ops",
        event({
          action: "policy.published",
          targetType: "policy",
          targetId: "p-1",
          after: { name: "refund-review", version: 3, message: "Hold under-review accounts" },
        }),
      ),
    ).toEqual({ target: "refund-review · v3", href: "/ops/policies/p-1#v3", reason: "Hold under-review accounts" });
  });

  it("names members and keys, and says nothing it does not know", () => {
    expect(
      describeEvent(
        "ops",
        event({ targetType: "membership", targetId: "m", after: { email: "a@b.c", role: "VIEWER" } }),
      ),
    ).toEqual({ target: "a@b.c · VIEWER", href: "/ops/settings/members", reason: null });
    expect(describeEvent("ops", event({ targetType: "api_key", targetId: "k", after: { name: "bot" } })).href).toBe(
      "/ops/settings/api-keys",
    );
    expect(describeEvent("ops", event({ action: "auth.sign_in" }))).toEqual({ target: null, href: null, reason: null });
    expect(describeEvent("ops", event({ targetType: "decision", targetId: "d" })).target).toBeNull();
  });
});
