import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "../../lib/db";
import { systemActor, userActor } from "../../lib/audit";
import { runWorkspaceAction } from "../../lib/http/server-action";
import { updateAgentControls } from "../../lib/agents/update-agent-controls";
import { installStarterPack } from "../../lib/policy/install-starter-pack";
import { decide } from "../../lib/decisions/decide";
import { Invalid, NotFound } from "../../lib/errors";
import { createMember, createWorkspace } from "../factories";

async function seed() {
  const ws = await createWorkspace();
  await db().$transaction((tx) => installStarterPack(tx, { workspaceId: ws.id, actor: systemActor }));
  const agent = await db().agent.create({ data: { workspaceId: ws.id, externalId: "refunder", name: "Refunder" } });
  return { ws, agent };
}

const ask = (workspaceId: string) =>
  decide({
    workspaceId,
    actor: systemActor,
    apiKeyId: null,
    traceparent: null,
    body: { agent: "refunder", action: "read", resource: { kind: "table", id: "orders" } },
  });

describe("agent controls", () => {
  it("suspends and resumes an agent with a reason, audited, and decisions follow at once", async () => {
    const { ws, agent } = await seed();
    const { user } = await createMember({ workspaceId: ws.id, role: "ADMIN" });
    expect((await ask(ws.id)).decision).toBe("ALLOW");
    await updateAgentControls({
      workspaceId: ws.id,
      agentId: agent.id,
      input: { status: "SUSPENDED", reason: "refunds spiking" },
      actor: userActor(user),
    });
    expect(await ask(ws.id)).toMatchObject({ decision: "DENY", reasons: [{ policyId: "arbiter:kill-switch" }] });
    await updateAgentControls({
      workspaceId: ws.id,
      agentId: agent.id,
      input: { status: "ACTIVE", autonomyLevel: "READ_ONLY", reason: "back, but read-only" },
      actor: userActor(user),
    });
    expect((await ask(ws.id)).decision).toBe("ALLOW");
    const events = await db().auditEvent.findMany({
      where: { chain: ws.id, targetId: agent.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, (e.metadata as { reason: string }).reason])).toEqual([
      ["agent.suspended", "refunds spiking"],
      ["agent.resumed", "back, but read-only"],
      ["agent.autonomy_changed", "back, but read-only"],
    ]);
    expect(events.every((e) => e.actorId === user.id)).toBe(true);
  });

  it("wants a reason and a change, and keeps to the workspace", async () => {
    const { ws, agent } = await seed();
    await expect(
      updateAgentControls({
        workspaceId: ws.id,
        agentId: agent.id,
        input: { status: "SUSPENDED", reason: "" },
        actor: systemActor,
      }),
    ).rejects.toThrow(Invalid);
    await expect(
      updateAgentControls({
        workspaceId: ws.id,
        agentId: agent.id,
        input: { reason: "nothing to do" },
        actor: systemActor,
      }),
    ).rejects.toThrow(Invalid);
    const other = await createWorkspace();
    await expect(
      updateAgentControls({
        workspaceId: other.id,
        agentId: agent.id,
        input: { status: "SUSPENDED", reason: "not mine" },
        actor: systemActor,
      }),
    ).rejects.toThrow(NotFound);
    expect((await db().agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("ACTIVE");
  });

  it("lets admins change controls and refuses every other role", async () => {
    const { ws, agent } = await seed();
    const config = {
      input: z.object({ workspace: z.string(), status: z.enum(["ACTIVE", "SUSPENDED"]), reason: z.string() }),
      permission: "agents:manage" as const,
    };
    for (const role of ["ADMIN", "APPROVER", "ENGINEER", "AUDITOR", "VIEWER"] as const) {
      const { user } = await createMember({ workspaceId: ws.id, role });
      const result = await runWorkspaceAction({
        user: { ...user, name: user.name ?? null },
        raw: { workspace: ws.slug, status: "SUSPENDED", reason: `by ${role}` },
        config,
        handler: (input, access) =>
          updateAgentControls({ workspaceId: access.workspace.id, agentId: agent.id, input, actor: access.actor }),
      });
      expect(result.ok, role).toBe(role === "ADMIN");
      if (!result.ok) expect(result.error.code).toBe("forbidden");
    }
  });
});
