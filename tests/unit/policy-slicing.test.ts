// A request is evaluated only against the statements that can apply to its action and resource
// kind. These check the slicing changes no answer: against one unsliced Cedar set of every
// statement, over many requests, and where a statement's kind test is not its first condition.
import { describe, expect, it } from "vitest";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { compilePolicies, evaluate, type PolicySource } from "@/lib/policy/evaluate";
import { ARBITER_SCHEMA } from "@/lib/policy/schema";
import { decisionRequestSchema, toCedarRequest, type AgentFacts } from "@/lib/policy/request";
import { STARTER_PACK } from "@/lib/policy/starter-pack";
import { seededRandom } from "@/lib/simulator/scenarios";

const facts = (trustScore: number): AgentFacts => ({
  externalId: "buyer",
  name: "Buyer",
  owner: "owner@example.com",
  workspace: "ops",
  status: "ACTIVE",
  trustScore,
  autonomy: "CONDITIONAL_AUTO",
  riskTier: "MEDIUM",
  publicFacing: false,
  spendingLimitUsd: "1000",
});

const KINDS = Array.from({ length: 12 }, (_, i) => `tool_${i}`);
// Kind-first guards (sliced), a kind test in second place and one in an `unless` (not sliced), and
// one whose first conjunct can raise an error (context.amount is optional): that error must still
// fail the request closed for every kind.
const extra: PolicySource[] = [
  ...KINDS.map((kind, i) => ({
    policyId: `guard-${i}`,
    name: `guard-${i}`,
    version: 1,
    set: "GUARDRAILS" as const,
    mode: "ENFORCE" as const,
    source: `forbid (principal, action == Arbiter::Action::"call_tool", resource)
when { resource.kind == "${kind}" && principal.trustScore < ${20 + i * 5} };`,
  })),
  {
    policyId: "second",
    name: "second",
    version: 1,
    set: "GUARDRAILS",
    mode: "ENFORCE",
    source: `forbid (principal, action, resource) when { principal.trustScore < 25 && resource.kind == "tool_3" };`,
  },
  {
    policyId: "unless",
    name: "unless",
    version: 1,
    set: "GUARDRAILS",
    mode: "ENFORCE",
    source: `forbid (principal, action == Arbiter::Action::"pay", resource) unless { resource.kind == "invoice" };`,
  },
  {
    policyId: "amount",
    name: "amount",
    version: 1,
    set: "GUARDRAILS",
    mode: "ENFORCE",
    source: `forbid (principal, action == Arbiter::Action::"purchase", resource)
when { context.amount > decimal("500.0") && resource.kind == "tool_1" };`,
  },
  {
    policyId: "hold",
    name: "hold",
    version: 1,
    set: "APPROVALS",
    mode: "ENFORCE",
    source: `permit (principal, action, resource) when { resource.kind == "tool_2" && resource.environment == "production" };`,
  },
];
const sources: PolicySource[] = [
  ...STARTER_PACK.map((p, i) => ({ ...p, policyId: `starter-${i}`, version: 1, mode: "ENFORCE" as const })),
  ...extra,
];
const compiled = compilePolicies(sources);

// The reference: every statement of a set in one Cedar set, evaluated as is.
cedar.preparseSchema("slicing-ref", ARBITER_SCHEMA);
for (const set of ["GUARDRAILS", "APPROVALS"] as const) {
  const staticPolicies: Record<string, string> = {};
  for (const p of sources.filter((s) => s.set === set)) {
    const parts = cedar.policySetTextToParts(p.source);
    if (parts.type === "success") parts.policies.forEach((t, i) => (staticPolicies[`${p.policyId}@v1#${i}`] = t));
  }
  cedar.preparsePolicySet(`slicing-ref-${set}`, { staticPolicies });
}
function reference(request: ReturnType<typeof toCedarRequest>) {
  const run = (set: string) => {
    const answer = cedar.statefulIsAuthorized({
      ...request,
      preparsedPolicySetId: `slicing-ref-${set}`,
      preparsedSchemaName: "slicing-ref",
      validateRequest: true,
    });
    if (answer.type !== "success") return { allowed: false, errors: 1, reason: [] as string[] };
    const { decision, diagnostics } = answer.response;
    return { allowed: decision === "allow", errors: diagnostics.errors.length, reason: diagnostics.reason };
  };
  const guard = run("GUARDRAILS");
  if (guard.errors || !guard.allowed) return { outcome: "DENY", reasons: guard.errors ? [] : guard.reason };
  const hold = run("APPROVALS");
  if (hold.errors) return { outcome: "DENY", reasons: [] };
  return hold.allowed
    ? { outcome: "REQUIRE_APPROVAL", reasons: hold.reason }
    : { outcome: "ALLOW", reasons: guard.reason };
}

describe("policy slicing by action and resource kind", () => {
  it("gives the unsliced answer, with the same determining statements, for 600 random requests", () => {
    const random = seededRandom(11);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    for (let n = 0; n < 600; n++) {
      const body = decisionRequestSchema.parse({
        agent: "buyer",
        action: pick(["call_tool", "read", "purchase", "pay", "refund", "deploy"]),
        resource: {
          kind: pick([...KINDS, "invoice", "order", "table"]),
          id: `r${n}`,
          environment: pick(["production", "staging", ""]),
        },
        context: random() < 0.5 ? { amount: Math.round(random() * 1000) } : {},
      });
      const request = toCedarRequest(body, facts(Math.floor(random() * 100)));
      const got = evaluate(compiled, request, false);
      const want = reference(request);
      expect(got.outcome, JSON.stringify(body)).toBe(want.outcome);
      if (want.reasons.length)
        expect(got.reasons.map((r) => `${r.policyId}@v${r.version}`).sort()).toEqual(
          [...new Set(want.reasons.map((id) => id.replace(/#\d+$/, "")))].sort(),
        );
    }
  });

  it("keeps statements whose kind test is not first, and errors in a first conjunct, for every kind", () => {
    const lowTrust = facts(10);
    const ask = (action: string, kind: string, context: Record<string, unknown> = {}) =>
      evaluate(
        compiled,
        toCedarRequest(
          decisionRequestSchema.parse({ agent: "buyer", action, resource: { kind, id: "x" }, context }),
          lowTrust,
        ),
        false,
      );
    expect(ask("read", "tool_3").reasons.map((r) => r.policyId)).toContain("second");
    expect(ask("pay", "tool_7").reasons.map((r) => r.policyId)).toContain("unless");
    // No amount: `context.amount > …` raises an error before the kind test, so it fails closed.
    const missing = ask("purchase", "tool_9");
    expect(missing.outcome).toBe("DENY");
    expect(missing.errors.length).toBeGreaterThan(0);
  });
});
