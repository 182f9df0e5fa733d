import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Agents reach decisions and waits through the data plane, as on the production server.
import { viaDataPlane as decideRoute, viaDataPlane as approvalRoute } from "../setup/data-plane";
import { updateAgentControls } from "../../lib/agents/update-agent-controls";
import { DELETE as cancelRoute } from "../../app/api/v1/approvals/[approvalId]/route";
import { bulkDecideDef, decideApprovalDef } from "../../app/[workspace]/approvals/action-defs";
import { db } from "../../lib/db";
import { systemActor, userActor, verifyAuditChain } from "../../lib/audit";
import type { Role } from "../../lib/auth/permissions";
import { runWorkspaceAction } from "../../lib/http/server-action";
import { installStarterPack } from "../../lib/policy/install-starter-pack";
import { createPolicyTx, publishPolicy } from "../../lib/policy/publish-policy";
import { decideApproval, type Decider } from "../../lib/approvals/decide-approval";
import { escalateDueApprovals, expireDueApprovals } from "../../lib/approvals/expire-approvals";
import { countWaiting, listApprovals } from "../../lib/approvals/list-approvals";
import { waitForApproval } from "../../lib/approvals/wait-approval";
import { deliverDue } from "../../lib/outbox/deliver";
import { startBackgroundJobs } from "../../lib/jobs/background-jobs";
import { stopJobs } from "../../lib/jobs/scheduler";
import { verifySignature } from "../../lib/outbox/sign";
import { createKey, createMember, createWorkspace } from "../factories";

const base = "http://arbiter.test";

async function seed() {
  const ws = await createWorkspace();
  await db().$transaction((tx) => installStarterPack(tx, { workspaceId: ws.id, actor: systemActor }));
  const { secret } = await createKey({ workspaceId: ws.id, scopes: ["decide"] });
  const members = {} as Record<"admin" | "approver" | "approver2" | "engineer" | "auditor" | "viewer", Decider>;
  const roles: [keyof typeof members, Role][] = [
    ["admin", "ADMIN"],
    ["approver", "APPROVER"],
    ["approver2", "APPROVER"],
    ["engineer", "ENGINEER"],
    ["auditor", "AUDITOR"],
    ["viewer", "VIEWER"],
  ];
  for (const [name, role] of roles) {
    const { user } = await createMember({ workspaceId: ws.id, role });
    members[name] = { userId: user.id, email: user.email, role, actor: userActor(user) };
  }
  await db().agent.createMany({
    data: [
      { workspaceId: ws.id, externalId: "refund-agent", name: "Refund agent", ownerId: members.approver2.userId },
      { workspaceId: ws.id, externalId: "other-agent", name: "Other agent" },
    ],
  });
  return { ws, secret, members };
}

const ask = async (secret: string, body: unknown) => {
  const response = await decideRoute(
    new Request(`${base}/api/v1/decisions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, body: await response.json() };
};

const refund = (amount: number, extra: Record<string, unknown> = {}) => ({
  agent: "refund-agent",
  action: "refund",
  resource: { kind: "order", id: "o-1" },
  context: { amount, confidence: 0.95, currency: "USD" },
  ...extra,
});

async function held(secret: string, body: unknown = refund(900)) {
  const answer = await ask(secret, body);
  expect(answer.body.decision).toBe("REQUIRE_APPROVAL");
  return answer.body.approval.id as string;
}

const readApproval = async (secret: string, id: string, query = "") => {
  const response = await approvalRoute(
    new Request(`${base}/api/v1/approvals/${id}${query}`, { headers: { authorization: `Bearer ${secret}` } }),
    { params: Promise.resolve({ approvalId: id }) },
  );
  return { status: response.status, body: await response.json() };
};

const approve = (ws: { id: string }, id: string, decider: Decider, extra: object = {}) =>
  decideApproval({ workspaceId: ws.id, approvalId: id, decider, input: { decision: "APPROVE", ...extra } });

async function publishApprovalPolicy(workspaceId: string, source: string) {
  const policy = await db().$transaction((tx) =>
    createPolicyTx(tx, {
      workspaceId,
      name: `extra-${Math.random().toString(36).slice(2, 8)}`,
      description: null,
      set: "APPROVALS",
      source,
      message: "test",
      actor: systemActor,
      authorId: null,
    }),
  );
  return policy;
}

describe("approvals: deciding", () => {
  it("approves with a comment: the agent's wait returns APPROVED with a token; the token allows once, for these arguments only", async () => {
    const { ws, secret, members } = await seed();
    const id = await held(secret);
    const waiting = readApproval(secret, id, "?wait=10");
    const started = Date.now();
    const result = await approve(ws, id, members.approver, { comment: "customer is a regular" });
    expect(result.status).toBe("APPROVED");
    const answer = await waiting;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: "APPROVED",
      decidedBy: members.approver.email,
      comment: "customer is a regular",
      approved: { context: { amount: 900 } },
    });
    const token = answer.body.token as string;
    expect(token).toMatch(/^apt_/);

    // A different amount, another agent, a different action: refused, and the token stays good.
    const more = await ask(secret, refund(901, { approvalToken: token }));
    expect(more.body).toMatchObject({ decision: "DENY", reasons: [{ policyId: "arbiter:approval-token" }] });
    expect(more.body.reasons[0].message).toMatch(/differs from the one approved/);
    const other = await ask(secret, { ...refund(900), agent: "other-agent", approvalToken: token });
    expect(other.body.reasons[0].message).toMatch(/issued to agent "refund-agent"/);
    const ok = await ask(secret, refund(900, { approvalToken: token }));
    expect(ok.body).toMatchObject({ decision: "ALLOW", reasons: [{ policyId: "arbiter:approval" }] });
    expect(ok.body.reasons[0].message).toContain(members.approver.email);
    const again = await ask(secret, refund(900, { approvalToken: token }));
    expect(again.body.decision).toBe("DENY");
    expect(again.body.reasons[0].message).toMatch(/already used/);
    const forged = await ask(secret, refund(900, { approvalToken: `${token.slice(0, -3)}abc` }));
    expect(forged.body.reasons[0].message).toMatch(/not valid/);

    const stored = await db().decision.findFirstOrThrow({ where: { id: ok.body.decisionId } });
    expect(stored.viaApprovalId).toBe(id);
    expect((await readApproval(secret, id)).body.token).toBeNull();
    const events = await db().auditEvent.findMany({ where: { chain: ws.id, targetId: id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["approval.created", "approval.approved", "approval.token_used"]);
    expect(events[1]!.metadata).toMatchObject({ comment: "customer is a regular", argsHash: expect.any(String) });
    expect(await verifyAuditChain({ workspaceId: ws.id })).toMatchObject({ ok: true });
  });

  it("rejects with a required reason; the wait returns REJECTED with it", async () => {
    const { ws, secret, members } = await seed();
    const id = await held(secret);
    await expect(
      decideApproval({ workspaceId: ws.id, approvalId: id, decider: members.approver, input: { decision: "REJECT" } }),
    ).rejects.toThrow(/Say why/);
    await decideApproval({
      workspaceId: ws.id,
      approvalId: id,
      decider: members.approver,
      input: { decision: "REJECT", reason: "duplicate refund" },
    });
    const answer = await readApproval(secret, id, "?wait=5");
    expect(answer.body).toMatchObject({ status: "REJECTED", decisionReason: "duplicate refund", token: null });
  });

  it("routes by role, keeps separation of duties, and refuses a second answer", async () => {
    const { ws, secret, members } = await seed();
    const id = await held(secret);
    for (const who of ["engineer", "auditor", "viewer"] as const)
      await expect(approve(ws, id, members[who])).rejects.toThrow(/cannot decide/);
    // approver2 owns refund-agent.
    await expect(approve(ws, id, members.approver2)).rejects.toThrow(/Separation of duties/);
    expect(await countWaiting({ workspaceId: ws.id, member: members.approver2 })).toBe(0);
    expect(await countWaiting({ workspaceId: ws.id, member: members.approver })).toBe(1);
    // Routed to APPROVER: it does not wait for an admin (who may still decide it).
    expect(await countWaiting({ workspaceId: ws.id, member: members.admin })).toBe(0);
    await approve(ws, id, members.admin);
    await expect(approve(ws, id, members.approver)).rejects.toThrow(
      new RegExp(`already approved by ${members.admin.email}`),
    );

    // A request routed to ADMIN: an APPROVER may not decide it.
    const policy = await publishApprovalPolicy(
      ws.id,
      `@message("Deletes wait for an admin.") @route("ADMIN")
permit (principal, action == Arbiter::Action::"delete", resource);`,
    );
    expect(policy.id).toBeTruthy();
    const del = await held(secret, { agent: "other-agent", action: "delete", resource: { kind: "row", id: "r" } });
    await expect(approve(ws, del, members.approver)).rejects.toThrow(/routed to ADMIN/);
    expect(await countWaiting({ workspaceId: ws.id, member: members.admin })).toBe(1);
    const mine = await listApprovals({ workspaceId: ws.id, member: members.admin, query: { view: "mine" } });
    expect(mine.map((r) => r.id)).toEqual([del]);
  });

  it("requires a quorum of distinct approvers; one rejection rejects", async () => {
    const { ws, secret, members } = await seed();
    await publishApprovalPolicy(
      ws.id,
      `@message("Large refunds need two approvers.") @route("APPROVER") @quorum("2")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has amount && context.amount.greaterThan(decimal("5000.0000")) };`,
    );
    const id = await held(secret, { ...refund(6000), agent: "other-agent" });
    const first = await approve(ws, id, members.approver);
    expect(first).toMatchObject({ status: "PENDING", approvals: 1, quorum: 2 });
    expect((await readApproval(secret, id)).body).toMatchObject({ status: "PENDING", approvals: 1, quorum: 2 });
    await expect(approve(ws, id, members.approver)).rejects.toThrow(/already approved/);
    const second = await approve(ws, id, members.admin);
    expect(second).toMatchObject({ status: "APPROVED", approvals: 2 });
    const view = (await readApproval(secret, id)).body;
    expect(view.deciders.map((d: { email: string }) => d.email)).toEqual([members.approver.email, members.admin.email]);

    const other = await held(secret, { ...refund(7000), agent: "other-agent" });
    await approve(ws, other, members.approver);
    await decideApproval({
      workspaceId: ws.id,
      approvalId: other,
      decider: members.approver2,
      input: { decision: "REJECT", reason: "too large" },
    });
    expect((await readApproval(secret, other)).body.status).toBe("REJECTED");
    const actions = await db().auditEvent.findMany({
      where: { chain: ws.id, targetId: other },
      orderBy: { seq: "asc" },
    });
    expect(actions.map((e) => e.action)).toEqual(["approval.created", "approval.vote_recorded", "approval.rejected"]);
  });

  it("an approver who saw the request before another's edit is refused, not approving it blind", async () => {
    const { ws, secret, members } = await seed();
    await publishApprovalPolicy(
      ws.id,
      `@message("Two approvers for big refunds.") @route("APPROVER") @quorum("2")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has amount && context.amount.greaterThan(decimal("5000.0000")) };`,
    );
    const id = await held(secret, { ...refund(6000), agent: "other-agent" });
    const seen = (await readApproval(secret, id)).body.currentArgsHash as string;
    await approve(ws, id, members.approver, { changes: { amount: 5500 } });
    await expect(approve(ws, id, members.admin, { expectedArgsHash: seen })).rejects.toThrow(/changed this request/);
    const now = (await readApproval(secret, id)).body;
    expect(now).toMatchObject({ status: "PENDING", edited: true, current: { context: { amount: 5500 } } });
    expect((await approve(ws, id, members.admin, { expectedArgsHash: now.currentArgsHash })).status).toBe("APPROVED");
  });

  it("refuses text the database cannot store with a 400", async () => {
    const { secret } = await seed();
    for (const field of ["idempotencyKey", "callbackUrl", "approvalToken"]) {
      const answer = await ask(secret, refund(900, { [field]: "a\u0000b" }));
      expect(answer.status, field).toBe(400);
    }
    expect((await ask(secret, refund(900, { context: { amount: 900, reason: "x\u0000" } }))).status).toBe(400);
  });

  it("of two approvers deciding at once exactly one wins; the other is told by whom", async () => {
    const { ws, secret, members } = await seed();
    for (let round = 0; round < 3; round++) {
      const id = await held(secret, { ...refund(900), agent: "other-agent" });
      const results = await Promise.allSettled([
        approve(ws, id, members.approver),
        decideApproval({
          workspaceId: ws.id,
          approvalId: id,
          decider: members.admin,
          input: { decision: "REJECT", reason: "not needed" },
        }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(String(lost.reason.message)).toMatch(/already (approved|rejected) by/);
      expect(await db().approvalVote.count({ where: { approvalId: id } })).toBe(1);
    }
  });

  it("approves with changes: the edit passes the guardrails again and the token binds to it", async () => {
    const { ws, secret, members } = await seed();
    await db().agent.update({
      where: { workspaceId_externalId: { workspaceId: ws.id, externalId: "other-agent" } },
      data: { spendingLimitUsd: "2000" },
    });
    const id = await held(secret, { ...refund(900), agent: "other-agent" });
    // A guardrail still wins: raise the refund above what any refund may be (publish a cap).
    await publishPolicy({
      workspaceId: ws.id,
      policyId: (await db().policy.findFirstOrThrow({ where: { workspaceId: ws.id, name: "baseline" } })).id,
      source: `@message("Agents may act unless a guardrail forbids it.")
permit (principal, action, resource);
@message("No refund over $1,500.")
forbid (principal, action == Arbiter::Action::"refund", resource)
when { context has amount && context.amount.greaterThan(decimal("1500.0000")) };`,
      message: "cap refunds",
      actor: systemActor,
      authorId: null,
    });
    await expect(approve(ws, id, members.approver, { changes: { amount: 1600 } })).rejects.toThrow(
      /guardrails deny the edited request: No refund over \$1,500/,
    );
    const edited = await approve(ws, id, members.approver, { changes: { amount: 600 }, comment: "partial refund" });
    expect(edited.status).toBe("APPROVED");
    const view = (await readApproval(secret, id)).body;
    expect(view).toMatchObject({
      edited: true,
      approved: { context: { amount: 600 } },
      requested: { context: { amount: 900 } },
    });
    expect((await ask(secret, { ...refund(900), agent: "other-agent", approvalToken: view.token })).body.decision).toBe(
      "DENY",
    );
    expect((await ask(secret, { ...refund(600), agent: "other-agent", approvalToken: view.token })).body.decision).toBe(
      "ALLOW",
    );
    const events = await db().auditEvent.findMany({ where: { chain: ws.id, targetId: id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "approval.created",
      "approval.edited",
      "approval.approved",
      "approval.token_used",
    ]);
  });

  it("a token is void once the policy that held the action changes, or when the agent is suspended", async () => {
    const { ws, secret, members } = await seed();
    const id = await held(secret, { ...refund(900), agent: "other-agent" });
    await approve(ws, id, members.approver);
    const token = (await readApproval(secret, id)).body.token;
    const other = await db().agent.findUniqueOrThrow({
      where: { workspaceId_externalId: { workspaceId: ws.id, externalId: "other-agent" } },
    });
    // The kill switch as an admin throws it (the data plane hears of it at once).
    const kill = (status: "ACTIVE" | "SUSPENDED") =>
      updateAgentControls({
        workspaceId: ws.id,
        agentId: other.id,
        input: { status, reason: "token test" },
        actor: systemActor,
      });
    await kill("SUSPENDED");
    const suspended = await ask(secret, { ...refund(900), agent: "other-agent", approvalToken: token });
    expect(suspended.body.reasons[0].policyId).toBe("arbiter:kill-switch");
    await kill("ACTIVE");
    const review = await db().policy.findFirstOrThrow({ where: { workspaceId: ws.id, name: "refund-review" } });
    const active = await db().policyVersion.findFirstOrThrow({ where: { id: review.activeVersionId! } });
    await publishPolicy({
      workspaceId: ws.id,
      policyId: review.id,
      source: `${active.source}\n// reviewed`,
      message: "touch",
      actor: systemActor,
      authorId: null,
    });
    const changed = await ask(secret, { ...refund(900), agent: "other-agent", approvalToken: token });
    expect(changed.body.decision).toBe("DENY");
    expect(changed.body.reasons[0].message).toMatch(/changed since it was approved \(v1 → v2\)/);
  });

  it("a token expires", async () => {
    const { ws, secret, members } = await seed();
    const id = await held(secret, { ...refund(900), agent: "other-agent" });
    await approve(ws, id, members.approver);
    const token = (await readApproval(secret, id)).body.token;
    // The token's expiry is part of what it signs: moving it in the row voids the token outright.
    await db().approvalRequest.update({ where: { id }, data: { tokenExpiresAt: new Date(Date.now() - 1000) } });
    const late = await ask(secret, { ...refund(900), agent: "other-agent", approvalToken: token });
    expect(late.body.decision).toBe("DENY");
  });
});

describe("approvals: deadlines", () => {
  it("expires at the deadline (also when no server ran at the time), once, as a denial", async () => {
    const { ws, secret, members } = await seed();
    const id = await held(secret);
    const other = await held(secret, { ...refund(950), agent: "other-agent" });
    // The deadline passed while nothing ran.
    await db().approvalRequest.updateMany({
      where: { id: { in: [id, other] } },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    expect((await readApproval(secret, other)).body.status).toBe("EXPIRED"); // a read never shows it pending
    const [a, b] = await Promise.all([expireDueApprovals(), expireDueApprovals()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await expireDueApprovals()).toBe(0);
    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("EXPIRED");
    expect(await db().auditEvent.count({ where: { chain: ws.id, action: "approval.expired" } })).toBe(2);
    await expect(approve(ws, id, members.approver)).rejects.toThrow(/already expired/);
  });

  it("the server's scheduler expires a request with no traffic", async () => {
    const { ws, secret } = await seed();
    const id = await held(secret);
    await db().approvalRequest.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 300) } });
    startBackgroundJobs();
    try {
      await expect
        .poll(async () => (await db().approvalRequest.findUniqueOrThrow({ where: { id } })).status, { timeout: 5000 })
        .toBe("EXPIRED");
      expect(await db().auditEvent.count({ where: { chain: ws.id, action: "approval.expired", targetId: id } })).toBe(
        1,
      );
    } finally {
      await stopJobs();
    }
  });

  it("an approver answering after the deadline is told it expired (and it expires)", async () => {
    const { ws, secret, members } = await seed();
    const id = await held(secret);
    await db().approvalRequest.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(approve(ws, id, members.approver)).rejects.toThrow(/expired at its deadline/);
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id } })).status).toBe("EXPIRED");
  });

  it("a long-poll answers EXPIRED at the deadline", async () => {
    const { ws, secret } = await seed();
    const id = await held(secret);
    await db().approvalRequest.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 400) } });
    const started = Date.now();
    const view = await waitForApproval({ workspaceId: ws.id, approvalId: id, waitSeconds: 5 });
    expect(view.status).toBe("EXPIRED");
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("escalates to ADMIN after @escalate, once, audited", async () => {
    const { ws, secret, members } = await seed();
    await publishApprovalPolicy(
      ws.id,
      `@message("Writes wait for an approver.") @route("APPROVER") @escalate("30m") @timeout("2h")
permit (principal, action == Arbiter::Action::"write", resource);`,
    );
    const id = await held(secret, { agent: "other-agent", action: "write", resource: { kind: "doc", id: "d" } });
    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id } });
    expect(row.escalateAt!.getTime() - row.createdAt.getTime()).toBe(30 * 60_000);
    expect(await countWaiting({ workspaceId: ws.id, member: members.admin })).toBe(0);
    await db().approvalRequest.update({ where: { id }, data: { escalateAt: new Date(Date.now() - 1000) } });
    expect(await escalateDueApprovals()).toBeGreaterThanOrEqual(1);
    expect(await escalateDueApprovals()).toBe(0);
    expect(await countWaiting({ workspaceId: ws.id, member: members.admin })).toBe(1);
    expect(await countWaiting({ workspaceId: ws.id, member: members.approver })).toBe(1);
    expect(await db().auditEvent.count({ where: { chain: ws.id, action: "approval.escalated", targetId: id } })).toBe(
      1,
    );
  });
});

describe("approvals: idempotency, access and tenancy", () => {
  it("a retry with the same idempotency key gets the same decision and approval; a different request with it is a 409", async () => {
    const { ws, secret } = await seed();
    const body = refund(900, { idempotencyKey: "refund-o-1-attempt" });
    const answers = await Promise.all([ask(secret, body), ask(secret, body), ask(secret, body)]);
    const later = await ask(secret, body);
    const ids = new Set([...answers, later].map((a) => a.body.approval.id));
    expect(ids.size).toBe(1);
    expect(new Set([...answers, later].map((a) => a.body.decisionId)).size).toBe(1);
    expect(await db().approvalRequest.count({ where: { workspaceId: ws.id } })).toBe(1);
    expect(await db().decision.count({ where: { workspaceId: ws.id } })).toBe(1);
    const reused = await ask(secret, refund(901, { idempotencyKey: "refund-o-1-attempt" }));
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("conflict");
  });

  it("every role is allowed or refused by the inbox's action as the permissions say", async () => {
    const { ws, secret, members } = await seed();
    for (const [name, allowed] of [
      ["viewer", false],
      ["engineer", false],
      ["auditor", false],
      ["approver", true],
      ["admin", true],
    ] as const) {
      const id = await held(secret, { ...refund(900), agent: "other-agent" });
      const m = members[name];
      const result = await runWorkspaceAction({
        user: { id: m.userId, email: m.email, name: "Test User" },
        raw: { workspace: ws.slug, approvalId: id, decision: "APPROVE" },
        config: decideApprovalDef.config,
        handler: decideApprovalDef.handler,
      });
      expect(result.ok, name).toBe(allowed);
      if (!result.ok) expect(result.error.code).toBe("forbidden");
    }
  });

  it("another workspace's approval is a 404 for people and keys", async () => {
    const { ws, secret, members } = await seed();
    const id = await held(secret);
    const other = await createWorkspace();
    const { secret: otherKey } = await createKey({ workspaceId: other.id, scopes: ["decide"] });
    expect((await readApproval(otherKey, id)).status).toBe(404);
    expect((await readApproval(otherKey, "../../etc")).status).toBe(404);
    await expect(
      decideApproval({ workspaceId: other.id, approvalId: id, decider: members.admin, input: { decision: "APPROVE" } }),
    ).rejects.toThrow(/not found/);
    const outsider = await createMember({ workspaceId: other.id, role: "ADMIN" });
    const result = await runWorkspaceAction({
      user: { ...outsider.user, name: "Test User" },
      raw: { workspace: ws.slug, approvalId: id, decision: "APPROVE" },
      config: decideApprovalDef.config,
      handler: decideApprovalDef.handler,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect((await readApproval(secret, id, "?wait=abc")).status).toBe(400);
    expect((await readApproval(secret, id, "?wait=61")).status).toBe(400);
  });

  it("an agent cancels its pending request (audited); a settled one cannot be cancelled", async () => {
    const { ws, secret, members } = await seed();
    const id = await held(secret);
    const cancel = (approvalId: string, body?: string) =>
      cancelRoute(
        new Request(`${base}/api/v1/approvals/${approvalId}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${secret}` },
          ...(body !== undefined ? { body } : {}),
        }),
        { params: Promise.resolve({ approvalId }) },
      );
    const waiting = readApproval(secret, id, "?wait=10");
    const response = await cancel(id, JSON.stringify({ reason: "customer withdrew" }));
    expect(response.status).toBe(200);
    expect((await waiting).body).toMatchObject({ status: "CANCELLED", decisionReason: "customer withdrew" });
    expect((await cancel(id)).status).toBe(409);
    expect((await cancel(id, "{nope")).status).toBe(400);
    await expect(approve(ws, id, members.approver)).rejects.toThrow(/already cancelled/);
    expect(await db().auditEvent.count({ where: { chain: ws.id, action: "approval.cancelled", targetId: id } })).toBe(
      1,
    );
  });

  it("bulk-approves with one comment and says which did not succeed and why", async () => {
    const { ws, secret, members } = await seed();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await held(secret, { ...refund(900 + i), agent: "other-agent" }));
    await approve(ws, ids[0]!, members.admin);
    const result = await runWorkspaceAction({
      user: { id: members.approver.userId, email: members.approver.email, name: "Test User" },
      raw: { workspace: ws.slug, approvalIds: ids, decision: "APPROVE", comment: "batch ok" },
      config: bulkDecideDef.config,
      handler: bulkDecideDef.handler,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({ succeeded: 3, failed: 1 });
    expect(result.data.results[0]).toMatchObject({
      id: ids[0],
      ok: false,
      message: expect.stringMatching(/already approved/),
    });
    const comments = await db().approvalRequest.findMany({
      where: { id: { in: ids.slice(1) } },
      select: { comment: true },
    });
    expect(comments.every((c) => c.comment === "batch ok")).toBe(true);
  });
});

describe("approvals: webhooks", () => {
  let receiver: http.Server;
  let url = "";
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let failFirst = 0;
  beforeAll(async () => {
    process.env.ARBITER_WEBHOOK_ALLOW_PRIVATE = "1";
    receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (failFirst > 0) {
          failFirst--;
          res.writeHead(503).end();
          return;
        }
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    delete process.env.ARBITER_WEBHOOK_ALLOW_PRIVATE;
    await new Promise((r) => receiver.close(r));
  });

  it("refuses a callbackUrl before a signing secret exists, and private targets unless allowed", async () => {
    const { ws, secret } = await seed();
    const first = await ask(secret, refund(900, { callbackUrl: url }));
    expect(first.status).toBe(400);
    expect(first.body.error.message).toMatch(/signing secret/);
    await db().workspace.update({ where: { id: ws.id }, data: { webhookSecret: "whsec_test" } });
    delete process.env.ARBITER_WEBHOOK_ALLOW_PRIVATE;
    try {
      for (const target of [url, "http://localhost/x", "http://10.1.2.3/x", "http://[::1]/x", "ftp://example.com/x"]) {
        const refused = await ask(secret, refund(900, { callbackUrl: target }));
        expect(refused.status, target).toBe(400);
      }
    } finally {
      process.env.ARBITER_WEBHOOK_ALLOW_PRIVATE = "1";
    }
    expect(await db().approvalRequest.count({ where: { workspaceId: ws.id } })).toBe(0);
  });

  it("delivers a signed CloudEvent once, retrying until a 2xx, and a fresh worker picks up what an earlier one left", async () => {
    const { ws, secret, members } = await seed();
    await db().workspace.update({ where: { id: ws.id }, data: { webhookSecret: "whsec_test_secret" } });
    const id = await held(secret, refund(900, { callbackUrl: url }));
    failFirst = 1;
    await approve(ws, id, members.approver, { comment: "fine" });
    const first = await deliverDue();
    expect(first).toMatchObject({ delivered: 0, retrying: 1 });
    const row = await db().outboxMessage.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(row).toMatchObject({ attempts: 1, lastStatus: 503, deliveredAt: null });
    // "After a restart": the retry is due; a new delivery run (any instance) sends it.
    await db().outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    expect(await deliverDue()).toMatchObject({ delivered: 1 });
    expect(await deliverDue()).toMatchObject({ delivered: 0, retrying: 0 });
    const got = received.filter((r) => JSON.parse(r.body).data.id === id);
    expect(got).toHaveLength(1);
    const event = JSON.parse(got[0]!.body);
    expect(event).toMatchObject({
      specversion: "1.0",
      type: "arbiter.approval.decided",
      id: `${id}:arbiter.approval.decided`,
      data: { id, status: "APPROVED", comment: "fine", token: expect.stringMatching(/^apt_/) },
    });
    const header = got[0]!.headers["x-arbiter-signature"] as string;
    expect(verifySignature({ secret: "whsec_test_secret", body: got[0]!.body, header })).toBe(true);
    expect(verifySignature({ secret: "wrong", body: got[0]!.body, header })).toBe(false);
    expect(verifySignature({ secret: "whsec_test_secret", body: `${got[0]!.body} `, header })).toBe(false);
  });

  it("announces an expiry too", async () => {
    const { ws, secret } = await seed();
    await db().workspace.update({ where: { id: ws.id }, data: { webhookSecret: "whsec_x" } });
    const id = await held(secret, refund(900, { callbackUrl: url }));
    await db().approvalRequest.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expireDueApprovals();
    await deliverDue();
    const got = received.map((r) => JSON.parse(r.body)).find((e) => e.data.id === id);
    expect(got).toMatchObject({ type: "arbiter.approval.expired", data: { status: "EXPIRED" } });
  });
});
