import { describe, expect, it } from "vitest";
// Through the data plane, as the production server answers agents.
import { viaDataPlane as decideRoute } from "../setup/data-plane";
import { db } from "../../lib/db";
import { systemActor, verifyAuditChain } from "../../lib/audit";
import { installStarterPack } from "../../lib/policy/install-starter-pack";
import { publishPolicy } from "../../lib/policy/publish-policy";
import { seededRandom } from "../../lib/simulator/scenarios";
import { createKey, createWorkspace } from "../factories";
import { getDecision, listDecisions } from "../../lib/decisions/queries";
import { NotFound } from "../../lib/errors";
import { simulateDecision } from "../../lib/policy/simulate";

const base = "http://arbiter.test";

async function seed({ slug }: { slug?: string } = {}) {
  const ws = await createWorkspace(slug ? { slug } : {});
  await db().$transaction((tx) => installStarterPack(tx, { workspaceId: ws.id, actor: systemActor }));
  const { secret } = await createKey({ workspaceId: ws.id, scopes: ["decide"] });
  await db().agent.createMany({
    data: [
      { workspaceId: ws.id, externalId: "refund-agent", name: "Refund agent" },
      { workspaceId: ws.id, externalId: "buyer", name: "Buyer", spendingLimitUsd: "1000" },
      { workspaceId: ws.id, externalId: "rogue", name: "Rogue", status: "SUSPENDED" },
    ],
  });
  return { ws, secret };
}

const post = (secret: string | null, body: unknown, headers: Record<string, string> = {}) =>
  decideRoute(
    new Request(`${base}/api/v1/decisions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(secret ? { authorization: `Bearer ${secret}` } : {}),
        ...headers,
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );

const refund = (amount: number, extra: Record<string, unknown> = {}) => ({
  agent: "refund-agent",
  action: "refund",
  resource: { kind: "order", id: "o-1" },
  context: { amount, confidence: 0.95 },
  ...extra,
});

describe("POST /api/v1/decisions", () => {
  it("answers allow, deny and hold, and stores each decision with its policies, approval and audit event", async () => {
    const { ws, secret } = await seed();
    const allowed = await post(secret, refund(20));
    expect(allowed.status).toBe(200);
    const allow = await allowed.json();
    expect(allow).toMatchObject({
      decision: "ALLOW",
      reasons: [{ message: "Agents may act unless a guardrail forbids it." }],
    });
    expect(allow.approval).toBeUndefined();

    const held = await (await post(secret, refund(900))).json();
    expect(held.decision).toBe("REQUIRE_APPROVAL");
    const expires = Date.parse(held.approval.expiresAt);
    expect(expires - Date.now()).toBeGreaterThan(239 * 60_000);
    expect(expires - Date.now()).toBeLessThan(241 * 60_000);
    const approval = await db().approvalRequest.findUniqueOrThrow({ where: { id: held.approval.id } });
    expect(approval).toMatchObject({
      workspaceId: ws.id,
      status: "PENDING",
      routedTo: "APPROVER",
      decisionId: held.decisionId,
    });

    const denied = await (
      await post(secret, {
        agent: "buyer",
        action: "purchase",
        resource: { kind: "vendor", id: "acme" },
        context: { amount: 5000 },
      })
    ).json();
    expect(denied).toMatchObject({
      decision: "DENY",
      reasons: [{ message: "Purchase orders above the agent's spending limit are denied.", version: 1 }],
    });

    const stored = await db().decision.findMany({ where: { workspaceId: ws.id }, orderBy: { createdAt: "asc" } });
    expect(stored.map((d) => d.outcome)).toEqual(["ALLOW", "REQUIRE_APPROVAL", "DENY"]);
    expect(stored[2]).toMatchObject({ agentExternalId: "buyer", action: "purchase" });
    expect((stored[0]!.policyVersions as unknown[]).length).toBe(5);
    expect(stored.every((d) => d.latencyMs > 0)).toBe(true);
    const audited = await db().auditEvent.findMany({ where: { chain: ws.id, action: "decision.made" } });
    expect(audited.map((e) => e.targetId).sort()).toEqual(stored.map((d) => d.id).sort());
  });

  it("stores a burst of concurrent decisions (written in groups) with a verifying audit chain", async () => {
    const { ws, secret } = await seed();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => post(secret, refund(i % 2 ? 900 : 10)).then((r) => r.json())),
    );
    expect(answers.filter((a) => a.decision === "REQUIRE_APPROVAL")).toHaveLength(30);
    expect(await db().decision.count({ where: { workspaceId: ws.id } })).toBe(60);
    expect(await db().approvalRequest.count({ where: { workspaceId: ws.id } })).toBe(30);
    expect(await db().auditEvent.count({ where: { chain: ws.id, action: "decision.made" } })).toBe(60);
    expect(await verifyAuditChain({ workspaceId: ws.id })).toMatchObject({ ok: true });
  });

  it("lists decisions by agent, outcome and policy, in pages, and keeps them to their workspace", async () => {
    const { ws, secret } = await seed();
    await post(secret, refund(10));
    await post(secret, refund(900));
    await post(secret, {
      agent: "buyer",
      action: "purchase",
      resource: { kind: "vendor", id: "v" },
      context: { amount: 5000 },
    });
    const all = await listDecisions({ workspaceId: ws.id, query: {} });
    expect(all.data.map((d) => d.outcome)).toEqual(["DENY", "REQUIRE_APPROVAL", "ALLOW"]);
    expect(all.data[1]!.approval?.status).toBe("PENDING");
    expect((await listDecisions({ workspaceId: ws.id, query: { agent: "buyer" } })).data).toHaveLength(1);
    expect((await listDecisions({ workspaceId: ws.id, query: { outcome: "ALLOW" } })).data).toHaveLength(1);
    const limits = await db().policy.findFirstOrThrow({ where: { workspaceId: ws.id, name: "purchase-limits" } });
    const byPolicy = await listDecisions({ workspaceId: ws.id, query: { policy: limits.id } });
    expect(byPolicy.data.map((d) => d.agentExternalId)).toEqual(["buyer"]);
    // Each decision carries its agent's name (read in the same query) for the log to show.
    expect(all.data.map((d) => d.agent?.name)).toEqual(["Buyer", "Refund agent", "Refund agent"]);
    const first = await listDecisions({ workspaceId: ws.id, query: { limit: 2 } });
    const rest = await listDecisions({ workspaceId: ws.id, query: { limit: 2, cursor: first.nextCursor! } });
    expect([...first.data, ...rest.data].map((d) => d.id)).toEqual(all.data.map((d) => d.id));
    // And back: "Newer" from the second page is the first page again, which has no newer.
    expect(first.prevCursor).toBeNull();
    expect(rest.prevCursor).not.toBeNull();
    const back = await listDecisions({ workspaceId: ws.id, query: { limit: 2, before: rest.prevCursor! } });
    expect(back.data.map((d) => d.id)).toEqual(first.data.map((d) => d.id));
    expect(back.prevCursor).toBeNull();
    const again = await listDecisions({ workspaceId: ws.id, query: { limit: 2, cursor: back.nextCursor! } });
    expect(again.data.map((d) => d.id)).toEqual(rest.data.map((d) => d.id));
    // One at a time, down and back up, every step is one decision further.
    let page = await listDecisions({ workspaceId: ws.id, query: { limit: 1 } });
    const down = [page.data[0]!.id];
    while (page.nextCursor) {
      page = await listDecisions({ workspaceId: ws.id, query: { limit: 1, cursor: page.nextCursor } });
      down.push(page.data[0]!.id);
    }
    const up = [page.data[0]!.id];
    while (page.prevCursor) {
      page = await listDecisions({ workspaceId: ws.id, query: { limit: 1, before: page.prevCursor } });
      up.push(page.data[0]!.id);
    }
    expect(down).toEqual(all.data.map((d) => d.id));
    expect(up).toEqual([...down].reverse());
    const other = await createWorkspace();
    expect((await listDecisions({ workspaceId: other.id, query: {} })).data).toEqual([]);
    await expect(getDecision({ workspaceId: other.id, decisionId: all.data[0]!.id })).rejects.toThrow(NotFound);
    expect((await getDecision({ workspaceId: ws.id, decisionId: all.data[0]!.id })).outcome).toBe("DENY");
  });

  it("simulates a decision against the published policies without storing or auditing it", async () => {
    const { ws } = await seed();
    const before = await db().auditEvent.count({ where: { chain: ws.id } });
    const answer = await simulateDecision({ workspaceId: ws.id, body: refund(900) });
    expect(answer).toMatchObject({
      outcome: "REQUIRE_APPROVAL",
      approval: { route: "APPROVER", timeoutMinutes: 240 },
      policies: 5,
    });
    expect((await simulateDecision({ workspaceId: ws.id, body: refund(5) })).outcome).toBe("ALLOW");
    await expect(simulateDecision({ workspaceId: ws.id, body: { ...refund(5), action: "fly" } })).rejects.toThrow(
      /action must be one of/,
    );
    expect(await db().decision.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { chain: ws.id } })).toBe(before);
  });

  it("denies everything to a suspended agent", async () => {
    const { secret } = await seed();
    const answer = await (await post(secret, { ...refund(1), agent: "rogue" })).json();
    expect(answer).toMatchObject({ decision: "DENY", reasons: [{ policyId: "arbiter:kill-switch" }] });
  });

  it("links the decision to a trace from the body or a traceparent header", async () => {
    const { secret } = await seed();
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const a = await (await post(secret, refund(1), { traceparent: `00-${traceId}-00f067aa0ba902b7-01` })).json();
    const b = await (
      await post(secret, refund(1, { traceId: traceId.toUpperCase(), spanId: "00f067aa0ba902b8" }))
    ).json();
    const rows = await db().decision.findMany({ where: { id: { in: [a.decisionId, b.decisionId] } } });
    expect(rows.map((r) => `${r.traceId}/${r.spanId}`).sort()).toEqual([
      `${traceId}/00f067aa0ba902b7`,
      `${traceId}/00f067aa0ba902b8`,
    ]);
  });

  it("follows a publish on the very next decision", async () => {
    const { ws, secret } = await seed();
    expect((await (await post(secret, refund(20))).json()).decision).toBe("ALLOW");
    const baseline = await db().policy.findFirstOrThrow({ where: { workspaceId: ws.id, name: "baseline" } });
    await publishPolicy({
      workspaceId: ws.id,
      policyId: baseline.id,
      source: `@message("Refunds are paused.") forbid (principal, action == Arbiter::Action::"refund", resource);
permit (principal, action, resource);`,
      message: "Pause refunds",
      actor: systemActor,
      authorId: null,
    });
    const after = await (await post(secret, refund(20))).json();
    expect(after).toMatchObject({
      decision: "DENY",
      reasons: [{ policyId: baseline.id, version: 2, message: "Refunds are paused." }],
    });
    // Another instance's cache is stale only until it reads the bumped revision with the agent.
    expect((await db().workspace.findUniqueOrThrow({ where: { id: ws.id } })).policyRevision).toBe(6);
  });

  it("refuses bad input with a clear 4xx and stores nothing", async () => {
    const { ws, secret } = await seed();
    const { secret: ingestOnly } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    const cases: [string | null, unknown, number, RegExp][] = [
      [secret, "{not json", 400, /not valid JSON/],
      [secret, { ...refund(1), agent: "nobody" }, 404, /No agent "nobody"/],
      [secret, { ...refund(1), action: "teleport" }, 400, /action must be one of/],
      [secret, { ...refund(1), context: { amount: "a lot" } }, 400, /context\.amount/],
      [secret, { ...refund(1), context: { confidence: 7 } }, 400, /context\.confidence/],
      [secret, { ...refund(1), context: { mood: "sunny" } }, 400, /mood/],
      [secret, { ...refund(1), resource: { id: "x" } }, 400, /resource\.kind/],
      [secret, [], 400, /body/],
      [null, refund(1), 401, /API key/],
      [ingestOnly, refund(1), 403, /decide/],
    ];
    for (const [key, body, status, message] of cases) {
      const response = await post(key, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await response.json()).error.message).toMatch(message);
    }
    const wrongType = await decideRoute(
      new Request(`${base}/api/v1/decisions`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "text/plain" },
        body: "{}",
      }),
      { params: Promise.resolve({}) },
    );
    expect(wrongType.status).toBe(415);
    expect(await db().decision.count({ where: { workspaceId: ws.id } })).toBe(0);
  });

  it("answers 500 mutated requests without a 5xx", async () => {
    const { secret } = await seed();
    const rand = seededRandom(42);
    const valid = JSON.stringify(refund(600, { resource: { kind: "order", id: "o-9", attributes: { region: "eu" } } }));
    for (let i = 0; i < 500; i++) {
      const chars = [...valid];
      for (let e = 0; e < 1 + Math.floor(rand() * 5); e++) {
        const at = Math.floor(rand() * chars.length);
        chars[at] = String.fromCharCode(32 + Math.floor(rand() * 95));
      }
      const response = await post(secret, chars.join(""));
      expect(response.status, chars.join("")).toBeLessThan(500);
    }
  });
});
