import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "../../lib/db";
import { systemActor, userActor, verifyAuditChain } from "../../lib/audit";
import { runWorkspaceAction } from "../../lib/http/server-action";
import { installStarterPack } from "../../lib/policy/install-starter-pack";
import { decide } from "../../lib/decisions/decide";
import { simulateDecision } from "../../lib/policy/simulate";
import {
  checkDraft,
  createPolicy,
  discardDraft,
  publishDraft,
  rollbackPolicy,
  saveDraft,
  setPolicyMode,
} from "../../lib/policy/policy-drafts";
import {
  createPolicyTest,
  deletePolicyTest,
  draftTestResults,
  publishedTestResults,
  updatePolicyTest,
} from "../../lib/policy/policy-tests";
import { analyseImpact, analyseModeSwitch } from "../../lib/policy/impact";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { createMember, createWorkspace } from "../factories";

const REVIEW = (limit: number) => `@message("Refunds over $${limit} are held for a human.")
@route("APPROVER")
@timeout("4h")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has amount && context.amount.greaterThan(decimal("${limit}.0000")) };
`;

async function seed() {
  const ws = await createWorkspace();
  await db().$transaction((tx) => installStarterPack(tx, { workspaceId: ws.id, actor: systemActor }));
  await db().agent.create({ data: { workspaceId: ws.id, externalId: "refund-agent", name: "Refund agent" } });
  const { user } = await createMember({ workspaceId: ws.id, role: "ADMIN" });
  const review = await db().policy.findFirstOrThrow({ where: { workspaceId: ws.id, name: "refund-review" } });
  return { ws, user, actor: userActor(user), review };
}

const refund = (amount: number) => ({
  agent: "refund-agent",
  action: "refund",
  resource: { kind: "order", id: `o-${amount}` },
  context: { amount, confidence: 0.95 },
});

const ask = (workspaceId: string, amount: number) =>
  decide({ workspaceId, actor: systemActor, apiKeyId: null, traceparent: null, body: refund(amount) });

describe("policy drafts, tests and publishing", () => {
  it("saves drafts (even broken ones) without touching decisions, and reports problems where they are", async () => {
    const { ws, user, actor, review } = await seed();
    const broken = REVIEW(800).replace("context.amount.greaterThan", "context.amout.greaterThan");
    const check = await saveDraft({ workspaceId: ws.id, policyId: review.id, source: broken, actor, userId: user.id });
    expect(check.tests).toBeNull();
    const [problem] = check.problems;
    expect(problem).toMatchObject({ severity: "error", help: "did you mean `amount`?" });
    expect(problem!.message).not.toMatch(/policy0/);
    expect(broken.slice(problem!.locations[0]!.start, problem!.locations[0]!.end)).toMatch(/^context\.amout/);
    expect((await db().policy.findUniqueOrThrow({ where: { id: review.id } })).draftSource).toBe(broken);
    // The published set still decides: 600 is held by v1 ($500).
    expect((await ask(ws.id, 600)).decision).toBe("REQUIRE_APPROVAL");
    // Nothing evaluates a broken draft (Cedar would leave it out and answer for the rest).
    await expect(
      simulateDecision({ workspaceId: ws.id, body: refund(600), draft: { policyId: review.id, source: broken } }),
    ).rejects.toThrow(Invalid);
    await expect(
      publishDraft({
        workspaceId: ws.id,
        policyId: review.id,
        source: broken,
        message: "typo",
        actor,
        userId: user.id,
      }),
    ).rejects.toThrow(/does not validate/);

    const fixed = REVIEW(800);
    expect((await simulateDecision({ workspaceId: ws.id, body: refund(600) })).outcome).toBe("REQUIRE_APPROVAL");
    const draftAnswer = await simulateDecision({
      workspaceId: ws.id,
      body: refund(900),
      draft: { policyId: review.id, source: fixed },
    });
    expect(draftAnswer).toMatchObject({ outcome: "REQUIRE_APPROVAL", against: "draft" });
    expect(draftAnswer.reasons).toEqual([
      { policyId: review.id, version: 2, message: "Refunds over $800 are held for a human." },
    ]);
    expect(
      (await simulateDecision({ workspaceId: ws.id, body: refund(600), draft: { policyId: review.id, source: fixed } }))
        .outcome,
    ).toBe("ALLOW");

    await discardDraft({ workspaceId: ws.id, policyId: review.id, actor });
    expect((await db().policy.findUniqueOrThrow({ where: { id: review.id } })).draftSource).toBeNull();
    const actions = await db().auditEvent.findMany({
      where: { chain: ws.id, targetId: review.id },
      orderBy: { seq: "asc" },
    });
    expect(actions.map((e) => e.action)).toEqual(["policy.published", "policy.draft_saved", "policy.draft_discarded"]);
  });

  it("runs saved tests on every save and refuses to publish while one fails; the next decision follows the new version", async () => {
    const { ws, user, actor, review } = await seed();
    await createPolicyTest({
      workspaceId: ws.id,
      input: { name: "900 is held", request: JSON.stringify(refund(900)), expected: "REQUIRE_APPROVAL" },
      actor,
      userId: user.id,
    });
    await createPolicyTest({
      workspaceId: ws.id,
      input: { name: "small refunds pass", request: JSON.stringify(refund(20)), expected: "ALLOW" },
      actor,
      userId: user.id,
    });
    expect((await publishedTestResults(ws.id)).map((t) => t.passed)).toEqual([true, true]);

    const tooLoose = REVIEW(1000);
    const saved = await saveDraft({
      workspaceId: ws.id,
      policyId: review.id,
      source: tooLoose,
      actor,
      userId: user.id,
    });
    expect(saved.tests!.map((t) => [t.name, t.passed, t.actual])).toEqual([
      ["900 is held", false, "ALLOW"],
      ["small refunds pass", true, "ALLOW"],
    ]);
    const blocked = publishDraft({
      workspaceId: ws.id,
      policyId: review.id,
      source: tooLoose,
      message: "raise to 1000",
      actor,
      userId: user.id,
    });
    await expect(blocked).rejects.toThrow(Conflict);
    await expect(blocked).rejects.toThrow(/"900 is held" \(expected REQUIRE_APPROVAL, got ALLOW\)/);
    // The editor shows the tests against this draft (the published set still passes them).
    const onDraft = await draftTestResults(ws.id, review.id);
    expect(onDraft.against).toBe("draft");
    expect(onDraft.results.map((t) => [t.name, t.passed])).toEqual([
      ["900 is held", false],
      ["small refunds pass", true],
    ]);
    expect((await publishedTestResults(ws.id)).every((t) => t.passed)).toBe(true);
    // A test is edited in place, audited; a name another test has is refused.
    const held = await db().policyTest.findFirstOrThrow({ where: { workspaceId: ws.id, name: "900 is held" } });
    await updatePolicyTest({
      workspaceId: ws.id,
      testId: held.id,
      input: { name: "1500 is held", request: JSON.stringify(refund(1500)), expected: "REQUIRE_APPROVAL" },
      actor,
    });
    expect((await draftTestResults(ws.id, review.id)).results.map((t) => [t.name, t.passed])).toEqual([
      ["1500 is held", true],
      ["small refunds pass", true],
    ]);
    const edited = await db().auditEvent.findFirstOrThrow({ where: { chain: ws.id, action: "policy_test.updated" } });
    expect(edited.before).toMatchObject({ name: "900 is held" });
    expect(edited.after).toMatchObject({ name: "1500 is held", request: { context: { amount: 1500 } } });
    await expect(
      updatePolicyTest({
        workspaceId: ws.id,
        testId: held.id,
        input: { name: "small refunds pass", request: JSON.stringify(refund(1500)), expected: "ALLOW" },
        actor,
      }),
    ).rejects.toThrow(Conflict);
    const other = await createWorkspace();
    await expect(
      updatePolicyTest({
        workspaceId: other.id,
        testId: held.id,
        input: { name: "x", request: JSON.stringify(refund(1)), expected: "ALLOW" },
        actor,
      }),
    ).rejects.toThrow();
    // Back as it was, for the rest of this story.
    await updatePolicyTest({
      workspaceId: ws.id,
      testId: held.id,
      input: { name: "900 is held", request: JSON.stringify(refund(900)), expected: "REQUIRE_APPROVAL" },
      actor,
    });
    expect(await db().policyVersion.count({ where: { policyId: review.id } })).toBe(1);
    await expect(
      publishDraft({
        workspaceId: ws.id,
        policyId: review.id,
        source: REVIEW(800),
        message: "",
        actor,
        userId: user.id,
      }),
    ).rejects.toThrow(/Say what changed/);

    const published = await publishDraft({
      workspaceId: ws.id,
      policyId: review.id,
      source: REVIEW(800),
      message: "raise to 800",
      actor,
      userId: user.id,
    });
    expect(published.version).toBe(2);
    expect(published.tests.every((t) => t.passed)).toBe(true);
    const policy = await db().policy.findUniqueOrThrow({ where: { id: review.id }, include: { activeVersion: true } });
    expect(policy.draftSource).toBeNull();
    expect(policy.activeVersion).toMatchObject({
      version: 2,
      authorId: user.id,
      message: "raise to 800",
      status: "ACTIVE",
    });
    // In force for the next decision: 600 passes, 900 is held by version 2.
    // Publishing the source in force again would only add a version that changes nothing.
    await expect(
      publishDraft({
        workspaceId: ws.id,
        policyId: review.id,
        source: REVIEW(800),
        message: "again",
        actor,
        userId: user.id,
      }),
    ).rejects.toThrow(/Nothing to publish/);
    expect((await ask(ws.id, 600)).decision).toBe("ALLOW");
    expect(await ask(ws.id, 900)).toMatchObject({
      decision: "REQUIRE_APPROVAL",
      reasons: [{ policyId: review.id, version: 2 }],
    });
    expect((await verifyAuditChain({ workspaceId: ws.id })).ok).toBe(true);
  });

  it("rolls back to an earlier version as a new version, and switches enforce/shadow at once", async () => {
    const { ws, user, actor, review } = await seed();
    await publishDraft({
      workspaceId: ws.id,
      policyId: review.id,
      source: REVIEW(800),
      message: "to 800",
      actor,
      userId: user.id,
    });
    const v1 = await db().policyVersion.findFirstOrThrow({ where: { policyId: review.id, version: 1 } });
    expect((await ask(ws.id, 600)).decision).toBe("ALLOW");
    const rolled = await rollbackPolicy({
      workspaceId: ws.id,
      policyId: review.id,
      versionId: v1.id,
      actor,
      userId: user.id,
    });
    expect(rolled.version).toBe(3);
    const versions = await db().policyVersion.findMany({ where: { policyId: review.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, "ARCHIVED"],
      [2, "ARCHIVED"],
      [3, "ACTIVE"],
    ]);
    expect(versions[2]!.source).toBe(v1.source);
    // History is not rewritten: the database refuses to change a version's source or message.
    await expect(
      db().policyVersion.update({ where: { id: v1.id }, data: { source: "permit (principal, action, resource);" } }),
    ).rejects.toThrow(/immutable/);
    await expect(db().policyVersion.update({ where: { id: v1.id }, data: { message: "edited" } })).rejects.toThrow(
      /immutable/,
    );
    expect(versions[2]!.message).toBe("Roll back to version 1");
    expect((await ask(ws.id, 600)).decision).toBe("REQUIRE_APPROVAL");
    await expect(
      rollbackPolicy({ workspaceId: ws.id, policyId: review.id, versionId: versions[2]!.id, actor, userId: user.id }),
    ).rejects.toThrow(Invalid);
    const other = await createWorkspace();
    await expect(
      rollbackPolicy({ workspaceId: other.id, policyId: review.id, versionId: v1.id, actor, userId: user.id }),
    ).rejects.toThrow(NotFound);

    // Before the switch: what it would have changed, replayed over the recorded decisions.
    const impact = await analyseModeSwitch({ workspaceId: ws.id, policyId: review.id, mode: "SHADOW", days: 1 });
    expect(impact.flips).toContainEqual(expect.objectContaining({ from: "REQUIRE_APPROVAL", to: "ALLOW" }));
    expect(impact.changed).toBeGreaterThan(0);
    // A switch without a reason is refused; with one, the reason is in the audit event.
    await expect(
      setPolicyMode({ workspaceId: ws.id, policyId: review.id, mode: "SHADOW", reason: "  ", actor }),
    ).rejects.toThrow(Invalid);
    await setPolicyMode({
      workspaceId: ws.id,
      policyId: review.id,
      mode: "SHADOW",
      reason: "Measuring false holds before the refund season",
      actor,
    });
    const shadowed = await ask(ws.id, 600);
    expect(shadowed.decision).toBe("ALLOW");
    const stored = await db().decision.findUniqueOrThrow({ where: { id: shadowed.decisionId } });
    expect(stored.context).toMatchObject({ _shadow: { outcome: "REQUIRE_APPROVAL" } });
    await setPolicyMode({ workspaceId: ws.id, policyId: review.id, mode: "ENFORCE", reason: "Measured", actor });
    expect((await ask(ws.id, 600)).decision).toBe("REQUIRE_APPROVAL");
    const audit = await db().auditEvent.findMany({
      where: { chain: ws.id, targetId: review.id },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual([
      "policy.published",
      "policy.published",
      "policy.published",
      "policy.mode_changed",
      "policy.mode_changed",
    ]);
    expect(audit[2]!.after).toMatchObject({ version: 3, rollbackOf: 1 });
    expect(audit[3]!.metadata).toEqual({ reason: "Measuring false holds before the refund season" });
    expect(audit[4]!.metadata).toEqual({ reason: "Measured" });
  });

  it("creates a policy as a draft that takes no part in decisions until published", async () => {
    const { ws, user, actor } = await seed();
    const freeze = await createPolicy({
      workspaceId: ws.id,
      input: { name: "refund-freeze", set: "GUARDRAILS", description: "No refunds this week." },
      actor,
      userId: user.id,
    });
    expect(freeze.activeVersionId).toBeNull();
    expect(
      (await checkDraft(ws.id, freeze.id, freeze.draftSource!)).problems.filter((p) => p.severity === "error"),
    ).toEqual([]);
    const forbidRefunds = `@message("Refunds are frozen.")\nforbid (principal, action == Arbiter::Action::"refund", resource);\n`;
    await saveDraft({ workspaceId: ws.id, policyId: freeze.id, source: forbidRefunds, actor, userId: user.id });
    expect((await ask(ws.id, 20)).decision).toBe("ALLOW");
    await publishDraft({
      workspaceId: ws.id,
      policyId: freeze.id,
      source: forbidRefunds,
      message: "freeze",
      actor,
      userId: user.id,
    });
    expect(await ask(ws.id, 20)).toMatchObject({ decision: "DENY", reasons: [{ message: "Refunds are frozen." }] });
    await expect(
      createPolicy({ workspaceId: ws.id, input: { name: "refund-freeze", set: "GUARDRAILS" }, actor, userId: user.id }),
    ).rejects.toThrow(Conflict);
    await expect(
      createPolicy({ workspaceId: ws.id, input: { name: "Bad Name!", set: "GUARDRAILS" }, actor, userId: user.id }),
    ).rejects.toThrow(Invalid);
  });

  it("validates saved tests and audits their creation and deletion", async () => {
    const { ws, user, actor } = await seed();
    const add = (request: string, name = "t") =>
      createPolicyTest({ workspaceId: ws.id, input: { name, request, expected: "ALLOW" }, actor, userId: user.id });
    await expect(add("{not json")).rejects.toThrow(/not valid JSON/);
    await expect(add(JSON.stringify({ ...refund(5), agent: "ghost" }))).rejects.toThrow(NotFound);
    await expect(add(JSON.stringify({ ...refund(5), action: "fly" }))).rejects.toThrow(Invalid);
    const test = await add(JSON.stringify(refund(5)), "five");
    await expect(add(JSON.stringify(refund(6)), "five")).rejects.toThrow(Conflict);
    await deletePolicyTest({ workspaceId: ws.id, testId: test.id, actor });
    const audit = await db().auditEvent.findMany({
      where: { chain: ws.id, targetId: test.id },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual(["policy_test.created", "policy_test.deleted"]);
  });

  it("lets engineers save drafts, only admins publish, and nobody else write", async () => {
    const { ws, review } = await seed();
    const save = { input: z.object({ workspace: z.string() }), permission: "policies:write" as const };
    const publish = { input: z.object({ workspace: z.string() }), permission: "policies:publish" as const };
    for (const role of ["ADMIN", "APPROVER", "ENGINEER", "AUDITOR", "VIEWER"] as const) {
      const { user } = await createMember({ workspaceId: ws.id, role });
      const run = (config: typeof save | typeof publish) =>
        runWorkspaceAction({
          user: { ...user, name: user.name ?? null },
          raw: { workspace: ws.slug },
          config,
          handler: (_input, access) =>
            saveDraft({
              workspaceId: access.workspace.id,
              policyId: review.id,
              source: REVIEW(700),
              actor: access.actor,
              userId: access.user.id,
            }),
        });
      expect((await run(save)).ok, role).toBe(role === "ADMIN" || role === "ENGINEER");
      expect((await run(publish)).ok, role).toBe(role === "ADMIN");
    }
  });
});

describe("impact analysis", () => {
  it("replays recorded decisions against the draft and the published set and counts the flips", async () => {
    const { ws, review } = await seed();
    for (const amount of [100, 600, 600, 700, 900]) await ask(ws.id, amount);
    // A decision whose agent is gone cannot be replayed.
    await db().agent.create({ data: { workspaceId: ws.id, externalId: "temp", name: "Temp" } });
    await decide({
      workspaceId: ws.id,
      actor: systemActor,
      apiKeyId: null,
      traceparent: null,
      body: { ...refund(650), agent: "temp" },
    });
    await db().agent.delete({ where: { workspaceId_externalId: { workspaceId: ws.id, externalId: "temp" } } });

    const report = await analyseImpact({ workspaceId: ws.id, policyId: review.id, source: REVIEW(800), days: 7 });
    expect(report).toMatchObject({ replayed: 6, distinct: 5, skipped: 1, changed: 3, truncated: false });
    expect(report.flips).toHaveLength(1);
    const [flip] = report.flips;
    expect(flip).toMatchObject({ from: "REQUIRE_APPROVAL", to: "ALLOW", count: 3 });
    expect(flip!.examples.map((e) => e.resource).sort()).toEqual(["order:o-600", "order:o-600", "order:o-700"]);

    const stricter = await analyseImpact({ workspaceId: ws.id, policyId: review.id, source: REVIEW(50), days: 7 });
    expect(stricter.flips).toEqual([expect.objectContaining({ from: "ALLOW", to: "REQUIRE_APPROVAL", count: 1 })]);
    await expect(
      analyseImpact({ workspaceId: ws.id, policyId: review.id, source: "permit (", days: 7 }),
    ).rejects.toThrow(Invalid);
  });
});
