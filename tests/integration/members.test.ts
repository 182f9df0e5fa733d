import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { addMember, changeMemberRole, listMembers, removeMember } from "../../lib/members";
import { systemActor } from "../../lib/audit";
import { verifyPassword } from "../../lib/auth/password";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { createMember, createWorkspace, uniqueSuffix } from "../factories";

describe("members", () => {
  it("adds a new user with a one-time password, and an existing user without one", async () => {
    const ws = await createWorkspace();
    const email = `New.Person-${uniqueSuffix()}@Example.test`;
    const added = await addMember({ workspaceId: ws.id, input: { email, role: "ENGINEER" }, actor: systemActor });
    expect(added.initialPassword).toMatch(/^[A-Za-z0-9]{18}$/);
    const user = await db().user.findUniqueOrThrow({
      where: { email: email.toLowerCase() },
      omit: { passwordHash: false },
    });
    expect(await verifyPassword(added.initialPassword!, user.passwordHash!)).toBe(true);

    const other = await createWorkspace();
    const again = await addMember({ workspaceId: other.id, input: { email, role: "VIEWER" }, actor: systemActor });
    expect(again.initialPassword).toBeNull();
    const audit = await db().auditEvent.findMany({ where: { chain: ws.id }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["user.created", "member.added"]);
  });

  it("refuses a duplicate member and a bad email", async () => {
    const ws = await createWorkspace();
    const { user } = await createMember({ workspaceId: ws.id, role: "VIEWER" });
    await expect(
      addMember({ workspaceId: ws.id, input: { email: user.email, role: "ADMIN" }, actor: systemActor }),
    ).rejects.toThrow(Conflict);
    await expect(
      addMember({ workspaceId: ws.id, input: { email: "not-an-email", role: "ADMIN" }, actor: systemActor }),
    ).rejects.toThrow(Invalid);
  });

  it("changes roles, audited with before and after", async () => {
    const ws = await createWorkspace();
    await createMember({ workspaceId: ws.id, role: "ADMIN" });
    const { membership } = await createMember({ workspaceId: ws.id, role: "VIEWER" });
    await changeMemberRole({ workspaceId: ws.id, membershipId: membership.id, role: "APPROVER", actor: systemActor });
    const event = await db().auditEvent.findFirstOrThrow({ where: { chain: ws.id, action: "member.role_changed" } });
    expect(event.before).toMatchObject({ role: "VIEWER" });
    expect(event.after).toMatchObject({ role: "APPROVER" });
  });

  it("never removes or demotes the last admin", async () => {
    const ws = await createWorkspace();
    const { membership: admin } = await createMember({ workspaceId: ws.id, role: "ADMIN" });
    await expect(
      changeMemberRole({ workspaceId: ws.id, membershipId: admin.id, role: "VIEWER", actor: systemActor }),
    ).rejects.toThrow(Conflict);
    await expect(removeMember({ workspaceId: ws.id, membershipId: admin.id, actor: systemActor })).rejects.toThrow(
      Conflict,
    );
    expect((await listMembers({ workspaceId: ws.id }))[0]!.role).toBe("ADMIN");

    const { membership: second } = await createMember({ workspaceId: ws.id, role: "ADMIN" });
    await removeMember({ workspaceId: ws.id, membershipId: admin.id, actor: systemActor });
    expect((await listMembers({ workspaceId: ws.id })).map((m) => m.id)).toEqual([second.id]);
  });

  it("cannot change or remove another workspace's member by id", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    await createMember({ workspaceId: b.id, role: "ADMIN" });
    const { membership } = await createMember({ workspaceId: b.id, role: "VIEWER" });
    await expect(
      changeMemberRole({ workspaceId: a.id, membershipId: membership.id, role: "ADMIN", actor: systemActor }),
    ).rejects.toThrow(NotFound);
    await expect(removeMember({ workspaceId: a.id, membershipId: membership.id, actor: systemActor })).rejects.toThrow(
      NotFound,
    );
    expect((await db().membership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("VIEWER");
  });
});
