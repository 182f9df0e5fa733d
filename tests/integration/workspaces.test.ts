import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import {
  assertCanCreateWorkspace,
  createWorkspace,
  renameWorkspace,
  setSpanBodyAccess,
  spanBodyAccess,
} from "../../lib/workspaces";
import { resolveWorkspaceAccess } from "../../lib/auth/access";
import { runWorkspaceAction } from "../../lib/http/server-action";
import { userActor, systemActor } from "../../lib/audit";
import { Conflict, Forbidden, Invalid, NotFound } from "../../lib/errors";
import { z } from "zod";
import { createMember, createUser, createWorkspace as makeWorkspace, uniqueSuffix } from "../factories";

describe("workspaces", () => {
  it("creates a workspace with its creator as ADMIN, audited in its own chain", async () => {
    const user = await createUser();
    const ws = await createWorkspace({
      name: `Fraud Ops ${uniqueSuffix()}`,
      actor: userActor(user),
      adminUserId: user.id,
    });
    expect(ws.slug).toMatch(/^fraud-ops-[0-9a-f]{10}$/);
    const membership = await db().membership.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(membership).toMatchObject({ userId: user.id, role: "ADMIN" });
    const events = await db().auditEvent.findMany({ where: { chain: ws.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "workspace.created",
      "member.added",
      ...Array(5).fill("policy.published"),
    ]);
    // The starter pack, published as version 1 of each policy.
    const policies = await db().policy.findMany({
      where: { workspaceId: ws.id },
      include: { activeVersion: true },
      orderBy: { name: "asc" },
    });
    expect(policies.map((p) => `${p.set} ${p.name} v${p.activeVersion?.version}`)).toEqual([
      "GUARDRAILS baseline v1",
      "APPROVALS finance-production-writes v1",
      "GUARDRAILS no-destructive-tools-for-public-agents v1",
      "GUARDRAILS purchase-limits v1",
      "APPROVALS refund-review v1",
    ]);
  });

  it("keeps span bodies to engineers, admins and auditors when an admin says so, audited", async () => {
    const ws = await makeWorkspace();
    expect(await spanBodyAccess(ws.id)).toBe("READERS");
    await setSpanBodyAccess({ workspaceId: ws.id, access: "PRIVILEGED", actor: systemActor });
    await setSpanBodyAccess({ workspaceId: ws.id, access: "PRIVILEGED", actor: systemActor }); // no change, no event
    expect(await spanBodyAccess(ws.id)).toBe("PRIVILEGED");
    const events = await db().auditEvent.findMany({ where: { chain: ws.id, action: "workspace.span_bodies_changed" } });
    expect(events.map((e) => [e.before, e.after])).toEqual([[{ spanBodies: "READERS" }, { spanBodies: "PRIVILEGED" }]]);
  });

  it("refuses a taken slug, a reserved slug and a short name", async () => {
    const existing = await makeWorkspace();
    await expect(
      createWorkspace({ name: "Another", slug: existing.slug, actor: systemActor, adminUserId: null }),
    ).rejects.toThrow(Conflict);
    await expect(createWorkspace({ name: "API", slug: "api", actor: systemActor, adminUserId: null })).rejects.toThrow(
      Invalid,
    );
    await expect(createWorkspace({ name: "x", actor: systemActor, adminUserId: null })).rejects.toThrow(Invalid);
  });

  it("lets only admins create workspaces", async () => {
    const ws = await makeWorkspace();
    const { user: admin } = await createMember({ workspaceId: ws.id, role: "ADMIN" });
    const { user: viewer } = await createMember({ workspaceId: ws.id, role: "VIEWER" });
    await expect(assertCanCreateWorkspace({ userId: admin.id })).resolves.toBeUndefined();
    await expect(assertCanCreateWorkspace({ userId: viewer.id })).rejects.toThrow(Forbidden);
  });

  it("renames with an audit record of before and after", async () => {
    const ws = await makeWorkspace();
    await renameWorkspace({ workspaceId: ws.id, name: "Renamed team", actor: systemActor });
    const event = await db().auditEvent.findFirstOrThrow({ where: { chain: ws.id, action: "workspace.renamed" } });
    expect(event.before).toEqual({ name: ws.name });
    expect(event.after).toEqual({ name: "Renamed team" });
  });
});

describe("workspace access", () => {
  it("hides workspaces the user is not a member of (404) and refuses missing permissions (403)", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const { user } = await createMember({ workspaceId: a.id, role: "VIEWER" });
    const access = await resolveWorkspaceAccess({ user, slug: a.slug, permission: "traces:read" });
    expect(access).toMatchObject({ role: "VIEWER", workspace: { id: a.id } });
    await expect(resolveWorkspaceAccess({ user, slug: b.slug, permission: "traces:read" })).rejects.toThrow(NotFound);
    await expect(resolveWorkspaceAccess({ user, slug: "no-such-slug", permission: "traces:read" })).rejects.toThrow(
      NotFound,
    );
    await expect(resolveWorkspaceAccess({ user, slug: a.slug, permission: "members:manage" })).rejects.toThrow(
      Forbidden,
    );
  });

  it("sees a role change on the very next check", async () => {
    const ws = await makeWorkspace();
    const { user, membership } = await createMember({ workspaceId: ws.id, role: "VIEWER" });
    await expect(resolveWorkspaceAccess({ user, slug: ws.slug, permission: "apiKeys:manage" })).rejects.toThrow(
      Forbidden,
    );
    await db().membership.update({ where: { id: membership.id }, data: { role: "ADMIN" } });
    await expect(resolveWorkspaceAccess({ user, slug: ws.slug, permission: "apiKeys:manage" })).resolves.toMatchObject({
      role: "ADMIN",
    });
  });
});

describe("server actions", () => {
  const config = {
    input: z.object({ workspace: z.string(), name: z.string() }),
    permission: "workspace:update" as const,
  };
  const rename = (user: { id: string; email: string; name: string } | null, raw: unknown) =>
    runWorkspaceAction({
      user,
      raw,
      config,
      handler: (input, access) =>
        renameWorkspace({ workspaceId: access.workspace.id, name: input.name, actor: access.actor }),
    });

  it("runs for a member with the permission, in the workspace named", async () => {
    const ws = await makeWorkspace();
    const { user } = await createMember({ workspaceId: ws.id, role: "ADMIN" });
    const result = await rename(user, { workspace: ws.slug, name: "Done by action" });
    expect(result).toMatchObject({ ok: true, data: { id: ws.id, name: "Done by action" } });
  });

  it("refuses no session, a missing permission, and another workspace", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const { user: viewer } = await createMember({ workspaceId: a.id, role: "VIEWER" });
    const { user: adminOfA } = await createMember({ workspaceId: a.id, role: "ADMIN" });
    expect(await rename(null, { workspace: a.slug, name: "x y" })).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
    expect(await rename(viewer, { workspace: a.slug, name: "x y" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await rename(adminOfA, { workspace: b.slug, name: "x y" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await rename(adminOfA, { name: "no workspace" })).toMatchObject({
      ok: false,
      error: { code: "invalid_request" },
    });
    expect((await db().workspace.findUniqueOrThrow({ where: { id: b.id } })).name).toBe(b.name);
  });
});
