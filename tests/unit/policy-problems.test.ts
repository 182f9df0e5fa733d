import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../lib/policy/evaluate";
import { NEW_POLICY_SOURCE } from "../../lib/policy/policy-drafts";

describe("what the editor says about a policy", () => {
  it("has nothing to say about a new draft of either set", () => {
    expect(validatePolicy(NEW_POLICY_SOURCE.GUARDRAILS)).toEqual([]);
    expect(validatePolicy(NEW_POLICY_SOURCE.APPROVALS)).toEqual([]);
  });

  it("says how to compare an amount when a number meets a decimal", () => {
    const [problem] = validatePolicy(
      `forbid (principal, action, resource) when { context has amount && context.amount > 500 };`,
    );
    expect(problem?.message).toBe("unexpected type: expected Long but saw decimal");
    expect(problem?.help).toContain('context.amount.greaterThan(decimal("500.0"))');
  });

  it("says a problem Cedar finds for every action once, naming the actions", () => {
    const problems = validatePolicy(`forbid (principal, action, resource) when { context.amount > 500 };`);
    const optional = problems.filter((p) => p.message.includes("optional attribute `amount`"));
    expect(optional).toHaveLength(1);
    expect(optional[0]!.message).toMatch(/in context for \d+ actions \((\w+, )+\w+\)$/);
    expect(optional[0]!.message).toContain("refund");
    expect(optional[0]!.help).toContain("context has amount");
  });
});
