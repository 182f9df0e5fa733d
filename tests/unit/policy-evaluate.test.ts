import { describe, expect, it } from "vitest";
import {
  compareDecisions,
  compiledSetCount,
  compilePolicies,
  evaluate,
  formatPolicy,
  parseTimeout,
  policyActions,
  validatePolicy,
  type PolicySource,
} from "@/lib/policy/evaluate";
import { ACTIONS } from "@/lib/policy/schema";
import { seededRandom } from "@/lib/simulator/scenarios";
import { decisionRequestSchema, toCedarRequest, type AgentFacts } from "@/lib/policy/request";
import { STARTER_PACK } from "@/lib/policy/starter-pack";

const agent = (over: Partial<AgentFacts> = {}): AgentFacts => ({
  externalId: "refund-agent",
  name: "Refund agent",
  owner: "owner@example.com",
  workspace: "support",
  status: "ACTIVE",
  trustScore: 60,
  autonomy: "CONDITIONAL_AUTO",
  riskTier: "MEDIUM",
  publicFacing: false,
  spendingLimitUsd: null,
  ...over,
});

const request = (body: Record<string, unknown>) =>
  decisionRequestSchema.parse({ agent: "refund-agent", resource: { kind: "order", id: "42" }, ...body });

const starter = compilePolicies(
  STARTER_PACK.map((p, i) => ({ ...p, policyId: `starter-${i}`, version: 1, mode: "ENFORCE" as const })),
);

function decideWith(compiled: ReturnType<typeof compilePolicies>, body: Record<string, unknown>, facts = agent()) {
  return evaluate(compiled, toCedarRequest(request(body), facts), facts.status === "SUSPENDED");
}

const policy = (over: Partial<PolicySource> & Pick<PolicySource, "source">): PolicySource => ({
  policyId: "p",
  name: "p",
  version: 1,
  set: "GUARDRAILS",
  mode: "ENFORCE",
  ...over,
});

describe("decision outcomes", () => {
  it("allows, denies and holds, naming the determining policies at their versions", () => {
    const compiled = compilePolicies([
      policy({ policyId: "allow-all", version: 3, source: `@message("ok") permit (principal, action, resource);` }),
      policy({
        policyId: "no-deploy",
        version: 7,
        source: `@message("No deploys.") forbid (principal, action == Arbiter::Action::"deploy", resource);`,
      }),
      policy({
        policyId: "hold-pay",
        version: 2,
        set: "APPROVALS",
        source: `@message("Payments are reviewed.") @route("ADMIN") @timeout("2h") permit (principal, action == Arbiter::Action::"pay", resource);`,
      }),
    ]);
    expect(decideWith(compiled, { action: "read" })).toMatchObject({
      outcome: "ALLOW",
      reasons: [{ policyId: "allow-all", version: 3, message: "ok" }],
    });
    expect(decideWith(compiled, { action: "deploy" })).toMatchObject({
      outcome: "DENY",
      reasons: [{ policyId: "no-deploy", version: 7, message: "No deploys." }],
    });
    expect(decideWith(compiled, { action: "pay", context: { amount: 10 } })).toMatchObject({
      outcome: "REQUIRE_APPROVAL",
      reasons: [{ policyId: "hold-pay", version: 2, message: "Payments are reviewed." }],
      approval: { route: "ADMIN", timeoutMinutes: 120 },
    });
  });

  it("denies when no guardrail permits", () => {
    const compiled = compilePolicies([]);
    expect(decideWith(compiled, { action: "read" })).toMatchObject({
      outcome: "DENY",
      reasons: [{ policyId: "arbiter:default-deny" }],
    });
  });

  it("never lets an approval turn a deny into an allow or a hold", () => {
    const compiled = compilePolicies([
      policy({ source: `permit (principal, action, resource);` }),
      policy({ policyId: "f", source: `forbid (principal, action == Arbiter::Action::"pay", resource);` }),
      policy({
        policyId: "h",
        set: "APPROVALS",
        source: `permit (principal, action == Arbiter::Action::"pay", resource);`,
      }),
    ]);
    expect(decideWith(compiled, { action: "pay" }).outcome).toBe("DENY");
  });

  it("fails closed when a policy errors, instead of skipping it as Cedar would", () => {
    // Unguarded access to an optional attribute errors when the request leaves it out.
    const compiled = compilePolicies([
      policy({ source: `permit (principal, action, resource);` }),
      policy({
        policyId: "careless",
        source: `forbid (principal, action, resource) when { context.amount.greaterThan(decimal("100.0")) };`,
      }),
    ]);
    expect(decideWith(compiled, { action: "pay", context: { amount: 50 } }).outcome).toBe("ALLOW");
    const failed = decideWith(compiled, { action: "pay" });
    expect(failed.outcome).toBe("DENY");
    expect(failed.reasons[0]).toMatchObject({ policyId: "careless" });
    expect(failed.reasons[0]!.message).toMatch(/evaluation error, failing closed/);
    // The same in the approvals set.
    const holding = compilePolicies([
      policy({ source: `permit (principal, action, resource);` }),
      policy({
        policyId: "careless-hold",
        set: "APPROVALS",
        source: `permit (principal, action, resource) when { context.confidence.lessThan(decimal("0.5")) };`,
      }),
    ]);
    expect(decideWith(holding, { action: "refund" }).outcome).toBe("DENY");
  });

  it("suspends everything for a suspended agent (the kill switch), whatever the policies say", () => {
    expect(decideWith(starter, { action: "read" }, agent({ status: "SUSPENDED" }))).toMatchObject({
      outcome: "DENY",
      reasons: [{ policyId: "arbiter:kill-switch" }],
    });
  });

  it("evaluates shadow policies and reports what they would change, without changing the outcome", () => {
    const compiled = compilePolicies([
      policy({ source: `permit (principal, action, resource);` }),
      policy({
        policyId: "shadow-forbid",
        mode: "SHADOW",
        source: `@message("would deny") forbid (principal, action == Arbiter::Action::"delete", resource);`,
      }),
    ]);
    const result = decideWith(compiled, { action: "delete" });
    expect(result.outcome).toBe("ALLOW");
    expect(result.shadow).toMatchObject({ outcome: "DENY", reasons: [{ policyId: "shadow-forbid" }] });
    expect(decideWith(starter, { action: "read" }).shadow).toBeNull();
  });

  it("makes autonomy and trust available to policies", () => {
    const compiled = compilePolicies([
      policy({
        source: `permit (principal, action, resource) when { principal.autonomyRank >= 3 && principal.trustScore > 50 };`,
      }),
    ]);
    expect(decideWith(compiled, { action: "write" }).outcome).toBe("ALLOW");
    expect(decideWith(compiled, { action: "write" }, agent({ autonomy: "SUGGEST" })).outcome).toBe("DENY");
    expect(decideWith(compiled, { action: "write" }, agent({ trustScore: 10 })).outcome).toBe("DENY");
  });

  it("reads free attributes as resource tags", () => {
    const compiled = compilePolicies([
      policy({ source: `permit (principal, action, resource);` }),
      policy({
        policyId: "eu",
        source: `forbid (principal, action, resource) when { resource.hasTag("region") && resource.getTag("region") == "eu" };`,
      }),
    ]);
    expect(
      decideWith(compiled, { action: "read", resource: { kind: "table", id: "t", attributes: { region: "eu" } } })
        .outcome,
    ).toBe("DENY");
    expect(
      decideWith(compiled, { action: "read", resource: { kind: "table", id: "t", attributes: { region: "us" } } })
        .outcome,
    ).toBe("ALLOW");
  });

  it("keeps publishing and unparsable policies apart", () => {
    const compiled = compilePolicies([
      policy({ source: `permit (principal, action, resource);` }),
      policy({ policyId: "broken", source: `permit (principal, action, resource` }),
    ]);
    expect(compiled.problems).toHaveLength(1);
    expect(compiled.problems[0]!.policyId).toBe("broken");
    expect(decideWith(compiled, { action: "read" }).outcome).toBe("ALLOW");
  });
});

describe("decision requests", () => {
  it("refuses requests outside the schema", () => {
    for (const bad of [
      { action: "fly" },
      { action: "read", context: { amount: "lots" } },
      { action: "read", context: { confidence: 2 } },
      { action: "read", context: { mood: "great" } },
      { action: "read", resource: { kind: "order" } },
      { action: "read", resource: { kind: "order", id: "1", riskTier: "EXTREME" } },
    ]) {
      expect(
        decisionRequestSchema.safeParse({ agent: "a", resource: { kind: "order", id: "1" }, ...bad }).success,
        JSON.stringify(bad),
      ).toBe(false);
    }
  });
});

describe("the starter pack", () => {
  it("validates against the Arbiter schema", () => {
    for (const p of STARTER_PACK) expect(validatePolicy(p.source), p.name).toEqual([]);
    expect(starter.problems).toEqual([]);
  });

  it("holds refunds over $500 and refunds at low confidence; allows the rest", () => {
    expect(decideWith(starter, { action: "refund", context: { amount: 499.99, confidence: 0.95 } }).outcome).toBe(
      "ALLOW",
    );
    const big = decideWith(starter, { action: "refund", context: { amount: 500.01, confidence: 0.95 } });
    expect(big).toMatchObject({ outcome: "REQUIRE_APPROVAL", approval: { route: "APPROVER", timeoutMinutes: 240 } });
    expect(big.reasons[0]!.message).toBe("Refunds over $500 are held for a human.");
    expect(decideWith(starter, { action: "refund", context: { amount: 20, confidence: 0.5 } }).outcome).toBe(
      "REQUIRE_APPROVAL",
    );
    expect(decideWith(starter, { action: "refund", context: { amount: 20 } }).outcome).toBe("ALLOW");
  });

  it("denies purchases above the agent's spending limit and from blacklisted vendors", () => {
    const buyer = agent({ externalId: "buyer", spendingLimitUsd: "1000" });
    const vendor = { kind: "vendor", id: "acme" };
    expect(decideWith(starter, { action: "purchase", resource: vendor, context: { amount: 999 } }, buyer).outcome).toBe(
      "ALLOW",
    );
    expect(
      decideWith(starter, { action: "purchase", resource: vendor, context: { amount: 1000.5 } }, buyer),
    ).toMatchObject({
      outcome: "DENY",
      reasons: [{ message: "Purchase orders above the agent's spending limit are denied." }],
    });
    // No limit set: the limit rule does not apply.
    expect(decideWith(starter, { action: "purchase", resource: vendor, context: { amount: 1e6 } }).outcome).toBe(
      "ALLOW",
    );
    expect(
      decideWith(
        starter,
        { action: "purchase", resource: { ...vendor, blacklisted: true }, context: { amount: 5 } },
        buyer,
      ),
    ).toMatchObject({ outcome: "DENY", reasons: [{ message: "Purchases from a blacklisted vendor are denied." }] });
  });

  it("never lets a public-facing agent use a destructive tool", () => {
    const tool = { kind: "tool", id: "drop_table", destructive: true };
    expect(decideWith(starter, { action: "call_tool", resource: tool }, agent({ publicFacing: true })).outcome).toBe(
      "DENY",
    );
    expect(decideWith(starter, { action: "call_tool", resource: tool }).outcome).toBe("ALLOW");
    expect(
      decideWith(
        starter,
        { action: "call_tool", resource: { ...tool, destructive: false } },
        agent({ publicFacing: true }),
      ).outcome,
    ).toBe("ALLOW");
  });

  it("holds writes to production data in the finance workspace for an admin", () => {
    const prod = { kind: "table", id: "ledger", environment: "production" };
    const finance = agent({ workspace: "finance" });
    expect(decideWith(starter, { action: "write", resource: prod }, finance)).toMatchObject({
      outcome: "REQUIRE_APPROVAL",
      approval: { route: "ADMIN", timeoutMinutes: 60 },
    });
    expect(
      decideWith(starter, { action: "write", resource: { ...prod, environment: "staging" } }, finance).outcome,
    ).toBe("ALLOW");
    expect(decideWith(starter, { action: "write", resource: prod }).outcome).toBe("ALLOW");
    expect(decideWith(starter, { action: "read", resource: prod }, finance).outcome).toBe("ALLOW");
  });

  it("lets read-only agents read and nothing else", () => {
    const reader = agent({ autonomy: "READ_ONLY" });
    expect(decideWith(starter, { action: "read" }, reader).outcome).toBe("ALLOW");
    expect(decideWith(starter, { action: "write" }, reader)).toMatchObject({
      outcome: "DENY",
      reasons: [{ message: "A read-only agent may only read." }],
    });
  });
});

describe("policy annotations and validation", () => {
  it("reads approval timeouts in minutes, hours and days", () => {
    expect(parseTimeout("90")).toBe(90);
    expect(parseTimeout("2h")).toBe(120);
    expect(parseTimeout("1d")).toBe(1440);
    expect(parseTimeout("soon")).toBeNull();
  });

  it("reports schema errors at their source location with Cedar's help", () => {
    const source = `permit (principal, action, resource) when { principal.trustScor > 5 };`;
    // A policy that does not parse is a validation problem too (publishing relies on it).
    expect(validatePolicy(`permit (principal, action, resource`)[0]!.message).toMatch(/unexpected|expected/i);
    const [problem] = validatePolicy(source);
    expect(problem!.message).toMatch(/trustScor/);
    expect(problem!.help).toMatch(/trustScore/);
    const at = problem!.locations[0]!;
    expect(source.slice(at.start, at.end)).toContain("principal.trustScor");
  });
});

describe("evaluation by action", () => {
  it("reads the actions a policy's scope names", () => {
    expect(policyActions(`permit (principal, action, resource);`)).toBeNull();
    expect([...policyActions(`permit (principal, action == Arbiter::Action::"refund", resource);`)!]).toEqual([
      "refund",
    ]);
    expect(
      [
        ...policyActions(
          `forbid (principal, action in [Arbiter::Action::"write", Arbiter::Action::"delete"], resource);
           permit (principal, action in Arbiter::Action::"pay", resource);`,
        )!,
      ].sort(),
    ).toEqual(["delete", "pay", "write"]);
    // One statement for every action makes the whole policy apply to every action.
    expect(
      policyActions(
        `permit (principal, action == Arbiter::Action::"pay", resource); forbid (principal, action, resource);`,
      ),
    ).toBeNull();
  });

  it("evaluates each action against exactly the statements that can apply to it", () => {
    const compiled = compilePolicies([
      policy({ policyId: "all", source: `permit (principal, action, resource);` }),
      policy({
        policyId: "no-writes",
        source: `@message("no") forbid (principal, action in [Arbiter::Action::"write", Arbiter::Action::"delete"], resource);`,
      }),
    ]);
    for (const action of ACTIONS) {
      const outcome = decideWith(compiled, { action }).outcome;
      expect(outcome, action).toBe(action === "write" || action === "delete" ? "DENY" : "ALLOW");
    }
  });

  it("compares two compilations as two separate evaluations would", () => {
    const base = STARTER_PACK.map((p, i) => ({ ...p, policyId: `s${i}`, version: 1, mode: "ENFORCE" as const }));
    const review = base.find((p) => p.name === "refund-review")!;
    const limits = base.find((p) => p.name === "purchase-limits")!;
    const drafts: [PolicySource, PolicySource["set"]][] = [
      [{ ...review, version: 2, source: review.source.replace('"500.0000"', '"800.0000"') }, "APPROVALS"],
      [
        { ...limits, version: 2, source: `forbid (principal, action == Arbiter::Action::"purchase", resource);` },
        "GUARDRAILS",
      ],
    ];
    const before = compilePolicies(base);
    for (const [draft, set] of drafts) {
      const after = compilePolicies([...base.filter((p) => p.policyId !== draft.policyId), draft]);
      for (const body of [
        { action: "refund", context: { amount: 600, confidence: 0.9 } },
        { action: "refund", context: { amount: 900, confidence: 0.9 } },
        { action: "purchase", context: { amount: 10 } },
        { action: "read" },
      ]) {
        const cedarRequest = toCedarRequest(request(body), agent());
        const [b, a] = compareDecisions(before, after, cedarRequest, set);
        expect(b.outcome).toBe(evaluate(before, cedarRequest, false).outcome);
        expect(a.outcome).toBe(evaluate(after, cedarRequest, false).outcome);
        expect(a.reasons).toEqual(evaluate(after, cedarRequest, false).reasons);
      }
    }
    const refund600 = toCedarRequest(request({ action: "refund", context: { amount: 600, confidence: 0.9 } }), agent());
    const [b, a] = compareDecisions(
      before,
      compilePolicies([...base.filter((p) => p !== review), drafts[0]![0]]),
      refund600,
      "APPROVALS",
    );
    expect([b.outcome, a.outcome]).toEqual(["REQUIRE_APPROVAL", "ALLOW"]);
  });
});

describe("compiled sets in Cedar's memory", () => {
  const starterSources = STARTER_PACK.map((p, i) => ({
    ...p,
    policyId: `m${i}`,
    version: 1,
    mode: "ENFORCE" as const,
  }));
  const bodies = [
    { action: "refund", context: { amount: 600, confidence: 0.9 } },
    { action: "refund", context: { amount: 90, confidence: 0.9 } },
    { action: "purchase", resource: { kind: "vendor", id: "v", blacklisted: true }, context: { amount: 10 } },
    { action: "read" },
    { action: "delete", resource: { kind: "table", id: "t", destructive: true } },
  ];
  const answers = (compiled: ReturnType<typeof compilePolicies>) =>
    bodies.map((body) => {
      const { outcome, reasons, approval } = decideWith(compiled, body);
      return { outcome, reasons, approval };
    });

  it("gives the same answers after its sets are freed and their slots reused by other sets", () => {
    const compiled = compilePolicies(starterSources);
    const expected = answers(compiled);
    expect(expected.map((a) => a.outcome)).toEqual(["REQUIRE_APPROVAL", "ALLOW", "DENY", "ALLOW", "ALLOW"]);
    const live = compiledSetCount();
    compiled.free();
    compiled.free();
    expect(compiled.freed).toBe(true);
    expect(compiledSetCount()).toBe(live - 1);
    // The freed slot goes to the next compilation, a set that forbids everything.
    const other = compilePolicies([policy({ source: `forbid (principal, action, resource);` })]);
    expect(decideWith(other, { action: "read" }).outcome).toBe("DENY");
    // Evaluated again, the freed set is preparsed again (into a slot of its own).
    expect(answers(compiled)).toEqual(expected);
    expect(compiled.freed).toBe(false);
    expect(decideWith(other, { action: "read" }).outcome).toBe("DENY");
    const cedarRequest = toCedarRequest(request(bodies[0]!), agent());
    other.free();
    compiled.free();
    const [b, a] = compareDecisions(compiled, other, cedarRequest, "GUARDRAILS");
    expect([b.outcome, a.outcome]).toEqual(["REQUIRE_APPROVAL", "DENY"]);
    compiled.free();
    other.free();
    expect(compiledSetCount()).toBe(live - 1);
  });

  it("answers as before over many compile-and-free cycles", () => {
    const expected = answers(starter);
    for (let n = 0; n < 50; n++) {
      const compiled = compilePolicies(starterSources);
      expect(answers(compiled)).toEqual(
        expected.map((a) => ({
          ...a,
          reasons: a.reasons.map((r) => ({ ...r, policyId: r.policyId.replace("starter-", "m") })),
          approval: a.approval && { ...a.approval, policyId: a.approval.policyId.replace("starter-", "m") },
        })),
      );
      compiled.free();
    }
    expect(answers(starter)).toEqual(expected);
  });
});

describe("editor input", () => {
  it("validates and formats any text without throwing, with locations inside the source", () => {
    const r = seededRandom(42);
    const base = STARTER_PACK.map((p) => p.source).join("\n");
    const junk = ['"', "{", "}", "(", ")", ";", "@", "::", "é", "💥", "\\", "when", "&&", "\n", "decimal(", "🙂"];
    for (let i = 0; i < 300; i++) {
      let text = base;
      for (let k = 0; k < 1 + Math.floor(r() * 4); k++) {
        const at = Math.floor(r() * text.length);
        const cut = Math.floor(r() * 6);
        text = text.slice(0, at) + junk[Math.floor(r() * junk.length)] + text.slice(at + cut);
      }
      const problems = validatePolicy(text);
      for (const p of problems) {
        for (const l of p.locations) {
          expect(l.start).toBeGreaterThanOrEqual(0);
          expect(l.end).toBeLessThanOrEqual(text.length);
        }
      }
      const formatted = formatPolicy(text);
      if (problems.every((p) => p.severity !== "error")) expect(formatted).not.toBeNull();
    }
  });

  it("places diagnostics by character, after non-ASCII text", () => {
    const source = `// Rückerstattungen — ünïcödé 🙂\npermit (principal, action, resource) when { principal.trustScor > 5 };`;
    const [problem] = validatePolicy(source);
    const at = problem!.locations[0]!;
    expect(source.slice(at.start, at.end)).toContain("principal.trustScor");
  });
});
