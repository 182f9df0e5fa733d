import { describe, expect, it } from "vitest";
import { database, db } from "../../lib/db";
import { appendAuditEvent, systemActor, verifyAuditChain } from "../../lib/audit";
import { GENESIS_HASH } from "../../lib/audit/hash";
import { createUser, createWorkspace } from "../factories";
import { createWorkspace as create, renameWorkspace } from "../../lib/workspaces";
import { addMember, changeMemberRole, removeMember } from "../../lib/members";
import { createApiKey, revokeApiKey } from "../../lib/api-keys";

async function appendThree(workspaceId: string) {
  for (const action of ["test.one", "test.two", "test.three"]) {
    await db().$transaction((tx) =>
      appendAuditEvent(tx, {
        workspaceId,
        actor: systemActor,
        action,
        after: { action, amount: 12.5, at: new Date() },
      }),
    );
  }
}

describe("audit chain", () => {
  it("links each event to the previous one, per workspace", async () => {
    const ws = await createWorkspace();
    await appendThree(ws.id);
    const events = await db().auditEvent.findMany({ where: { chain: ws.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    expect(await verifyAuditChain({ workspaceId: ws.id })).toEqual({ ok: true, checked: 3, firstBroken: null });
  });

  it("keeps concurrent appends gap-free", async () => {
    const ws = await createWorkspace();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db().$transaction((tx) =>
          appendAuditEvent(tx, { workspaceId: ws.id, actor: systemActor, action: `test.${i}` }),
        ),
      ),
    );
    const report = await verifyAuditChain({ workspaceId: ws.id });
    expect(report).toMatchObject({ ok: true, checked: 8 });
  });

  it("rolls the event back with the change it records", async () => {
    const ws = await createWorkspace();
    await expect(
      db().$transaction(async (tx) => {
        await appendAuditEvent(tx, { workspaceId: ws.id, actor: systemActor, action: "test.doomed" });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await db().auditEvent.count({ where: { chain: ws.id } })).toBe(0);
  });

  it("is refused UPDATE, DELETE and TRUNCATE by the database", async () => {
    const ws = await createWorkspace();
    await appendThree(ws.id);
    await expect(db().auditEvent.updateMany({ where: { chain: ws.id }, data: { action: "x" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db().auditEvent.deleteMany({ where: { chain: ws.id } })).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.count({ where: { chain: ws.id } })).toBe(3);
  });

  it("names the exact sequence number of a row altered with the trigger bypassed", async () => {
    const ws = await createWorkspace();
    await appendThree(ws.id);
    await appendThree(ws.id);
    // An attacker with database rights: switch the guard off, rewrite event 4, switch it on.
    await database().runScript(`
      ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete";
      UPDATE "AuditEvent" SET "after" = '{"amount": 1000000}' WHERE "chain" = '${ws.id}' AND "seq" = 4;
      ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete";
    `);
    const report = await verifyAuditChain({ workspaceId: ws.id });
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ chain: ws.id, seq: 4, reason: "hash_mismatch" });
  });

  it("reports a deleted row as a gap at its sequence number", async () => {
    const ws = await createWorkspace();
    await appendThree(ws.id);
    await database().runScript(`
      ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete";
      DELETE FROM "AuditEvent" WHERE "chain" = '${ws.id}' AND "seq" = 2;
      ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete";
    `);
    expect((await verifyAuditChain({ workspaceId: ws.id })).firstBroken).toMatchObject({
      chain: ws.id,
      seq: 2,
      reason: "sequence_gap",
    });
  });

  it("detects a rewritten row whose hash was recomputed, at the next link", async () => {
    const ws = await createWorkspace();
    await appendThree(ws.id);
    await database().runScript(`
      ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete";
      UPDATE "AuditEvent" SET "hash" = repeat('a', 64) WHERE "chain" = '${ws.id}' AND "seq" = 2;
      ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete";
    `);
    expect((await verifyAuditChain({ workspaceId: ws.id })).firstBroken?.seq).toBe(2);
  });
});

describe("an audit event per governance mutation", () => {
  it("records workspace, membership and key changes in order, and the chain verifies", async () => {
    const admin = await createUser();
    const actor = { type: "USER" as const, id: admin.id, label: admin.email };
    const ws = await create({ name: `Audited ${Date.now()}`, actor, adminUserId: admin.id });
    await renameWorkspace({ workspaceId: ws.id, name: "Audited, renamed", actor });
    const { membership } = await addMember({
      workspaceId: ws.id,
      input: { email: `audited-${Date.now()}@example.test`, role: "VIEWER" },
      actor,
    });
    await changeMemberRole({ workspaceId: ws.id, membershipId: membership.id, role: "APPROVER", actor });
    await removeMember({ workspaceId: ws.id, membershipId: membership.id, actor });
    const { key } = await createApiKey({
      workspaceId: ws.id,
      input: { name: "k", scopes: ["read"] },
      actor,
      createdById: admin.id,
    });
    await revokeApiKey({ workspaceId: ws.id, keyId: key.id, actor });

    const events = await db().auditEvent.findMany({ where: { chain: ws.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "workspace.created",
      "member.added",
      ...Array(5).fill("policy.published"), // the starter pack
      "workspace.renamed",
      "user.created",
      "member.added",
      "member.role_changed",
      "member.removed",
      "api_key.created",
      "api_key.revoked",
    ]);
    expect(events.every((e) => e.actorType === "USER" && e.actorId === admin.id)).toBe(true);
    expect(await verifyAuditChain({ workspaceId: ws.id })).toMatchObject({ ok: true, checked: 14 });
  });
});
