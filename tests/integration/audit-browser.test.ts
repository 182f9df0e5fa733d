import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { appendAuditEvent, systemActor, userActor } from "../../lib/audit";
import { auditQuery, chainActions, listAuditEvents, type AuditQuery } from "../../lib/audit/audit-query";
import { runWorkspaceAction } from "../../lib/http/server-action";
import { verifyChainDef } from "../../app/[workspace]/audit/action-defs";
import { createMember, createUser, createWorkspace } from "../factories";
import { seededRandom } from "../../lib/simulator/scenarios";

async function append(
  workspaceId: string,
  events: { action: string; actor?: "user" | "system"; target?: string }[],
  user?: { id: string; email: string },
) {
  for (const e of events) {
    await db().$transaction((tx) =>
      appendAuditEvent(tx, {
        workspaceId,
        actor: e.actor === "user" && user ? userActor(user) : systemActor,
        action: e.action,
        target: e.target ? { type: e.action.split(".")[0]!, id: e.target } : undefined,
        before: { n: 1 },
        after: { n: 2 },
      }),
    );
  }
}

const query = (q: Record<string, unknown>): AuditQuery => auditQuery.parse(q);

describe("the audit browser's reads", () => {
  it("pages newest first by sequence, both ways, and filters by group, action, actor, target and time", async () => {
    const ws = await createWorkspace();
    const user = await createUser();
    const plan = Array.from({ length: 23 }, (_, i) => ({
      action: ["policy.published", "decision.made", "policy_test.created", "approval.approved"][i % 4]!,
      actor: i % 5 === 0 ? ("user" as const) : ("system" as const),
      target: `t-${String(i).padStart(2, "0")}`,
    }));
    await append(ws.id, plan, user);

    const first = await listAuditEvents({ chain: ws.id, query: query({}), limit: 10 });
    expect(first.events.map((e) => e.seq)).toEqual([23, 22, 21, 20, 19, 18, 17, 16, 15, 14]);
    expect(first.newer).toBeNull();
    const second = await listAuditEvents({ chain: ws.id, query: query({ before: first.older }), limit: 10 });
    expect(second.events[0]!.seq).toBe(13);
    const third = await listAuditEvents({ chain: ws.id, query: query({ before: second.older }), limit: 10 });
    expect(third.events.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(third.older).toBeNull();
    const back = await listAuditEvents({ chain: ws.id, query: query({ after: third.newer }), limit: 10 });
    expect(back.events.map((e) => e.seq)).toEqual(second.events.map((e) => e.seq));

    // A group is several actions, merged newest first; paging through it sees each once.
    const seen: number[] = [];
    let cursor: number | null | undefined;
    do {
      const page = await listAuditEvents({
        chain: ws.id,
        query: query({ group: "policies", before: cursor ?? undefined }),
        limit: 4,
      });
      seen.push(...page.events.map((e) => e.seq));
      cursor = page.older;
    } while (cursor);
    const policies = plan.flatMap((p, i) => (p.action.startsWith("policy") ? [i + 1] : [])).reverse();
    expect(seen).toEqual(policies);

    const byAction = await listAuditEvents({ chain: ws.id, query: query({ action: "decision.made" }) });
    expect(byAction.events.every((e) => e.action === "decision.made")).toBe(true);
    expect(byAction.events).toHaveLength(6);
    const byEmail = await listAuditEvents({ chain: ws.id, query: query({ actor: user.email.toUpperCase() }) });
    expect(byEmail.events.map((e) => e.seq)).toEqual([21, 16, 11, 6, 1]);
    const byId = await listAuditEvents({ chain: ws.id, query: query({ actor: user.id, actorType: "USER" }) });
    expect(byId.events).toHaveLength(5);
    const byTarget = await listAuditEvents({ chain: ws.id, query: query({ q: "t-1" }) });
    expect(byTarget.events.map((e) => e.targetId)).toEqual([
      "t-19",
      "t-18",
      "t-17",
      "t-16",
      "t-15",
      "t-14",
      "t-13",
      "t-12",
      "t-11",
      "t-10",
    ]);
    // LIKE's wildcards in the text are literal.
    expect((await listAuditEvents({ chain: ws.id, query: query({ q: "t_" }) })).events).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEvents({ chain: ws.id, query: query({ from: today, to: today }) })).events).toHaveLength(23);
    expect((await listAuditEvents({ chain: ws.id, query: query({ to: "2020-01-01" }) })).events).toEqual([]);
    expect(await chainActions(ws.id)).toEqual([
      "approval.approved",
      "decision.made",
      "policy.published",
      "policy_test.created",
    ]);
    // Another workspace's chain is another chain.
    const other = await createWorkspace();
    expect((await listAuditEvents({ chain: other.id, query: query({}) })).events).toEqual([]);
  });

  it("refuses filters that are not valid, whatever is sent, and never throws on valid ones", async () => {
    for (const bad of [
      { from: "2026-13-01" },
      { from: "2026-02-30" },
      { from: "2026-12-02", to: "2026-12-01" },
      { before: "0" },
      { before: "1", after: "2" },
      { group: "everything" },
      { action: "DROP TABLE" },
      { actorType: "ROBOT" },
      { target: "x y" },
      { q: "\ud83d" },
    ]) {
      expect(auditQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const ws = await createWorkspace();
    await append(ws.id, [{ action: "policy.published", target: "p" }]);
    const random = seededRandom(7);
    const alphabet = "ab%_\\'\"-:.0123456789 TZé😀";
    for (let i = 0; i < 200; i++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join("");
      const parsed = auditQuery.safeParse({ q: text, actor: text, from: random() < 0.3 ? text : undefined });
      if (parsed.success) await listAuditEvents({ chain: ws.id, query: parsed.data });
    }
  });

  it("lets readers of the audit trail verify it, the sign-in chain admins only, and nobody else", async () => {
    const ws = await createWorkspace();
    for (const [role, workspaceChain, global] of [
      ["ADMIN", true, true],
      ["AUDITOR", true, false],
      ["VIEWER", false, false],
      ["ENGINEER", false, false],
    ] as const) {
      const { user } = await createMember({ workspaceId: ws.id, role });
      for (const [chain, allowed] of [
        ["workspace", workspaceChain],
        ["global", global],
      ] as const) {
        const result = await runWorkspaceAction({
          user,
          raw: { workspace: ws.slug, chain },
          config: verifyChainDef.config,
          handler: verifyChainDef.handler,
        });
        expect(result.ok, `${role} ${chain}`).toBe(allowed);
      }
    }
  });
});
