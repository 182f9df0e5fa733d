import "server-only";
import { z } from "zod";
import { db, type Tx } from "../db";
import { isRecordNotFound, isUniqueViolation } from "../db/errors";
import { appendAuditEvent, type Actor } from "../audit";
import { Conflict, Invalid, NotFound } from "../errors";
import { ROLES, type Role } from "../auth/permissions";
import { generatePassword, hashPassword } from "../auth/password";

export const addMemberSchema = z.object({
  email: z.email("Enter a valid email address.").transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().max(100).optional(),
  role: z.enum(ROLES),
});

export function listMembers({ workspaceId }: { workspaceId: string }) {
  return db().membership.findMany({
    where: { workspaceId },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, email: true, name: true, lastSignInAt: true } },
    },
    orderBy: { user: { email: "asc" } },
  });
}

/**
 * Adds a user to the workspace. A user who does not exist yet is created with a one-time
 * password, returned here and shown once (Arbiter sends no email).
 */
export async function addMember({
  workspaceId,
  input,
  actor,
}: {
  workspaceId: string;
  input: z.input<typeof addMemberSchema>;
  actor: Actor;
}) {
  const parsed = addMemberSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]!.message);
  const { email, name, role } = parsed.data;

  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  const initialPassword = existing ? null : generatePassword();
  const passwordHash = initialPassword ? await hashPassword(initialPassword) : null;

  try {
    const membership = await db().$transaction(async (tx) => {
      const user =
        existing ??
        (await tx.user.create({
          data: { email, name: name || email.split("@")[0]!, passwordHash },
          select: { id: true },
        }));
      if (!existing) {
        await appendAuditEvent(tx, {
          workspaceId,
          actor,
          action: "user.created",
          target: { type: "user", id: user.id },
          after: { email },
        });
      }
      const created = await tx.membership.create({ data: { workspaceId, userId: user.id, role } });
      await appendAuditEvent(tx, {
        workspaceId,
        actor,
        action: "member.added",
        target: { type: "membership", id: created.id },
        after: { userId: user.id, email, role },
      });
      return created;
    });
    return { membership, initialPassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`${email} is already a member of this workspace.`);
    throw error;
  }
}

export async function changeMemberRole({
  workspaceId,
  membershipId,
  role,
  actor,
}: {
  workspaceId: string;
  membershipId: string;
  role: Role;
  actor: Actor;
}) {
  if (!ROLES.includes(role)) throw new Invalid("Unknown role.");
  return db().$transaction(async (tx) => {
    await lockMembers(tx, workspaceId);
    const before = await tx.membership.findFirst({ where: { id: membershipId, workspaceId } });
    if (!before) throw new NotFound("Member not found.");
    const updated = await tx.membership.update({ where: { id: membershipId, workspaceId }, data: { role } });
    await assertAnAdminRemains(tx, workspaceId);
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "member.role_changed",
      target: { type: "membership", id: membershipId },
      before: { userId: before.userId, role: before.role },
      after: { userId: updated.userId, role: updated.role },
    });
    return updated;
  });
}

export async function removeMember({
  workspaceId,
  membershipId,
  actor,
}: {
  workspaceId: string;
  membershipId: string;
  actor: Actor;
}) {
  try {
    return await db().$transaction(async (tx) => {
      await lockMembers(tx, workspaceId);
      const removed = await tx.membership.delete({ where: { id: membershipId, workspaceId } });
      await assertAnAdminRemains(tx, workspaceId);
      await appendAuditEvent(tx, {
        workspaceId,
        actor,
        action: "member.removed",
        target: { type: "membership", id: membershipId },
        before: { userId: removed.userId, role: removed.role },
      });
      return removed;
    });
  } catch (error) {
    if (isRecordNotFound(error)) throw new NotFound("Member not found.");
    throw error;
  }
}

// Serialises membership changes of one workspace, so two admins cannot demote each other at once.
async function lockMembers(tx: Tx, workspaceId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"members:" + workspaceId}))`;
}

async function assertAnAdminRemains(tx: Tx, workspaceId: string) {
  const admins = await tx.membership.count({ where: { workspaceId, role: "ADMIN" } });
  if (admins === 0) throw new Conflict("A workspace must keep at least one admin.");
}
