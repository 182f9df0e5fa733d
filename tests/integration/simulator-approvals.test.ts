import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as decideRoute } from "../../app/api/v1/decisions/route";
import { GET as approvalRoute } from "../../app/api/v1/approvals/[approvalId]/route";
import { db } from "../../lib/db";
import { systemActor, userActor } from "../../lib/audit";
import { installStarterPack } from "../../lib/policy/install-starter-pack";
import { decideApproval } from "../../lib/approvals/decide-approval";
import { approvalsTopic, subscribe } from "../../lib/events/bus";
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
    // The person: answers each request as it appears (the inbox's live event), alternately
    // approving and rejecting.
    const answers: Promise<unknown>[] = [];
    const stop = subscribe(approvalsTopic(ws.id), (event) => {
      if (event.change !== "opened") return;
      const approve = answers.length % 2 === 0;
      answers.push(
        decideApproval({
          workspaceId: ws.id,
          approvalId: String(event.approvalId),
          decider: { userId: user.id, email: user.email, role: "APPROVER", actor: userActor(user) },
          input: approve ? { decision: "APPROVE" } : { decision: "REJECT", reason: "not this one" },
        }),
      );
    });
    const run = await runAgentApprovals({ url: server.url, key: secret, count: 12, waitSeconds: 20, seed: 3 });
    stop();
    await Promise.all(answers);
    expect(answers).toHaveLength(run.held);
    expect(run.asked).toBe(12);
    expect(run.held).toBeGreaterThan(0);
    expect(run.held).toBe(run.approved + run.rejected);
    expect(run.acted).toBe(run.approved);
    expect(run.allowed + run.denied + run.held).toBe(12);
  });
});
