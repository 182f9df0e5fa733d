// Garbage at the approvals surface: the decision endpoint's new fields, the approval read/wait
// route and the inbox's action must answer a clear 4xx (or a typed error), never a 500, and lose
// nothing valid.
import { describe, expect, it } from "vitest";
// Through the data plane, as the production server answers agents.
import { viaDataPlane as decideRoute, viaDataPlane as approvalRoute } from "../setup/data-plane";
import { GET as listRoute } from "../../app/api/v1/approvals/route";
import { decideApprovalDef } from "../../app/[workspace]/approvals/action-defs";
import { db } from "../../lib/db";
import { systemActor } from "../../lib/audit";
import { runWorkspaceAction } from "../../lib/http/server-action";
import { installStarterPack } from "../../lib/policy/install-starter-pack";
import { seededRandom } from "../../lib/simulator/scenarios";
import { createKey, createMember, createWorkspace } from "../factories";

const base = "http://arbiter.test";

function junk(rand: () => number): unknown {
  const pick = Math.floor(rand() * 9);
  const text = () =>
    Array.from({ length: Math.floor(rand() * 80) }, () => String.fromCharCode(32 + rand() * 95)).join("");
  return [null, 42, -1e308, text(), [], { a: 1 }, true, "apt_" + text(), "x".repeat(5000)][pick];
}

describe("fuzzing the approvals surface", () => {
  it("never answers 5xx, and valid requests still work afterwards", async () => {
    const ws = await createWorkspace();
    await db().$transaction((tx) => installStarterPack(tx, { workspaceId: ws.id, actor: systemActor }));
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["decide", "read"] });
    await db().agent.create({ data: { workspaceId: ws.id, externalId: "a", name: "a" } });
    const { user } = await createMember({ workspaceId: ws.id, role: "APPROVER" });
    const rand = seededRandom(20261201);
    const headers = { "content-type": "application/json", authorization: `Bearer ${secret}` };
    const valid = { agent: "a", action: "refund", resource: { kind: "order", id: "o" }, context: { amount: 900 } };
    for (let i = 0; i < 300; i++) {
      const field = ["idempotencyKey", "callbackUrl", "approvalToken"][i % 3]!;
      const body = { ...valid, [field]: junk(rand) };
      const response = await decideRoute(
        new Request(`${base}/api/v1/decisions`, { method: "POST", headers, body: JSON.stringify(body) }),
        { params: Promise.resolve({}) },
      );
      expect(response.status, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
    }
    for (let i = 0; i < 200; i++) {
      const id = encodeURIComponent(String(junk(rand))).slice(0, 300);
      const wait = encodeURIComponent(String(junk(rand))).slice(0, 50);
      const response = await approvalRoute(new Request(`${base}/api/v1/approvals/${id}?wait=${wait}`, { headers }), {
        params: Promise.resolve({ approvalId: decodeURIComponent(id) }),
      });
      expect(response.status).toBeLessThan(500);
      const list = await listRoute(
        new Request(`${base}/api/v1/approvals?view=${wait}&risk=${id.slice(0, 20)}&limit=${wait}`, { headers }),
        { params: Promise.resolve({}) },
      );
      expect(list.status).toBeLessThan(500);
    }
    for (let i = 0; i < 100; i++) {
      const raw = {
        workspace: ws.slug,
        approvalId: junk(rand),
        decision: ["APPROVE", "REJECT", junk(rand)][i % 3],
        reason: junk(rand),
        changes: i % 2 ? { amount: junk(rand) } : junk(rand),
      };
      const result = await runWorkspaceAction({
        user: { ...user, name: "Fuzz" },
        raw,
        config: decideApprovalDef.config,
        handler: decideApprovalDef.handler,
      });
      if (!result.ok) expect(result.error.code, JSON.stringify(raw).slice(0, 200)).not.toBe("internal_error");
    }
    // Still works.
    const ok = await decideRoute(
      new Request(`${base}/api/v1/decisions`, { method: "POST", headers, body: JSON.stringify(valid) }),
      { params: Promise.resolve({}) },
    );
    expect((await ok.json()).decision).toBe("REQUIRE_APPROVAL");
  });
});
