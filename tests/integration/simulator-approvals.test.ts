import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as decideRoute } from "../../app/api/v1/decisions/route";
import { GET as approvalRoute } from "../../app/api/v1/approvals/[approvalId]/route";
import { db } from "../../lib/db";
import { systemActor, userActor } from "../../lib/audit";
import { installStarterPack } from "../../lib/policy/install-starter-pack";
import { decideApproval } from "../../lib/approvals/decide-approval";
import { runAgentApprovals } from "../../lib/simulator/agent-approvals";
import { createKey, createMember, createWorkspace } from "../factories";
import { serveRoutes } from "../setup/route-server";

let server: Awaited<ReturnType<typeof serveRoutes>>;
beforeAll(async () => {
  server = await serveRoutes({
    "/api/v1/decisions": (r) => decideRoute(r, { params: Promise.resolve({}) }),
    "/api/v1/approvals/*": (r) =>
      approvalRoute(r, { params: Promise.resolve({ approvalId: new URL(r.url).pathname.split("/").at(-1)! }) }),
  });
});
afterAll(() => server.close());

describe("simulated agents on the approval path", () => {
  it("ask, wait in long-polls while a person decides, and act with the token when approved", async () => {
    const ws = await createWorkspace();
    await db().$transaction((tx) => installStarterPack(tx, { workspaceId: ws.id, actor: systemActor }));
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["decide"] });
    await db().agent.create({ data: { workspaceId: ws.id, externalId: "refund-agent", name: "Refund agent" } });
    const { user } = await createMember({ workspaceId: ws.id, role: "APPROVER" });
    const running = runAgentApprovals({ url: server.url, key: secret, count: 12, waitSeconds: 20, seed: 3 });
    // The person: answers what appears, alternately approving and rejecting.
    const decided = new Set<string>();
    let asked = 0;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      asked = await db().decision.count({ where: { workspaceId: ws.id, viaApprovalId: null } });
      const pending = await db().approvalRequest.findMany({ where: { workspaceId: ws.id, status: "PENDING" } });
      for (const p of pending) {
        if (decided.has(p.id)) continue;
        decided.add(p.id);
        await decideApproval({
          workspaceId: ws.id,
          approvalId: p.id,
          decider: { userId: user.id, email: user.email, role: "APPROVER", actor: userActor(user) },
          input: decided.size % 2 ? { decision: "APPROVE" } : { decision: "REJECT", reason: "not this one" },
        });
      }
      if (asked >= 12 && pending.length === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const run = await running;
    expect(run.asked).toBe(12);
    expect(run.held).toBeGreaterThan(0);
    expect(run.held).toBe(run.approved + run.rejected);
    expect(run.acted).toBe(run.approved);
    expect(run.allowed + run.denied + run.held).toBe(12);
  });
});
