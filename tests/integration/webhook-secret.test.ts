import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "../../lib/db";
import { systemActor, userActor } from "../../lib/audit";
import { runWorkspaceAction } from "../../lib/http/server-action";
import { rotateWebhookSecret, webhookSecretStatus } from "../../lib/workspaces/webhook-secret";
import { signPayload, verifySignature } from "../../lib/outbox/sign";
import { NotFound } from "../../lib/errors";
import { createMember, createWorkspace } from "../factories";

const storedSecret = async (workspaceId: string) =>
  (
    await db().workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      omit: { webhookSecret: false },
    })
  ).webhookSecret;

const auditOf = (workspaceId: string) =>
  db().auditEvent.findMany({
    where: { chain: workspaceId, action: { startsWith: "webhook_secret." } },
    orderBy: { seq: "asc" },
  });

describe("webhook signing secret", () => {
  it("is created once, audited, and only its status is readable afterwards", async () => {
    const ws = await createWorkspace();
    const { user } = await createMember({ workspaceId: ws.id, role: "ADMIN" });
    expect(await webhookSecretStatus({ workspaceId: ws.id })).toEqual({ configured: false, createdAt: null });

    const { secret, createdAt } = await rotateWebhookSecret({ workspaceId: ws.id, actor: userActor(user) });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await storedSecret(ws.id)).toBe(secret);
    // What the admin copies is what Arbiter signs with.
    const body = JSON.stringify({ type: "arbiter.approval.decided" });
    const header = signPayload({
      secret: (await storedSecret(ws.id))!,
      body,
      timestamp: Math.floor(Date.now() / 1000),
    });
    expect(verifySignature({ secret, body, header })).toBe(true);

    const status = await webhookSecretStatus({ workspaceId: ws.id });
    expect(status).toEqual({ configured: true, createdAt });
    expect(Object.keys(status).sort()).toEqual(["configured", "createdAt"]);

    const events = await auditOf(ws.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "webhook_secret.created",
      actorType: "USER",
      actorId: user.id,
      targetType: "workspace",
      targetId: ws.id,
      metadata: { hint: secret.slice(-4) },
    });
    const { before, after, metadata } = events[0]!;
    expect(JSON.stringify({ before, after, metadata })).not.toContain(secret);
  });

  it("rotates: a new secret replaces the old one, audited as a rotation", async () => {
    const ws = await createWorkspace();
    const first = await rotateWebhookSecret({ workspaceId: ws.id, actor: systemActor });
    const second = await rotateWebhookSecret({ workspaceId: ws.id, actor: systemActor });
    expect(second.secret).not.toBe(first.secret);
    expect(second.createdAt.getTime()).toBeGreaterThanOrEqual(first.createdAt.getTime());
    expect(await storedSecret(ws.id)).toBe(second.secret);
    expect(await webhookSecretStatus({ workspaceId: ws.id })).toEqual({
      configured: true,
      createdAt: second.createdAt,
    });
    expect((await auditOf(ws.id)).map((e) => [e.action, (e.metadata as { hint: string }).hint])).toEqual([
      ["webhook_secret.created", first.secret.slice(-4)],
      ["webhook_secret.rotated", second.secret.slice(-4)],
    ]);
  });

  it("audits concurrent first rotations as one creation and one rotation", async () => {
    const ws = await createWorkspace();
    const results = await Promise.all([
      rotateWebhookSecret({ workspaceId: ws.id, actor: systemActor }),
      rotateWebhookSecret({ workspaceId: ws.id, actor: systemActor }),
    ]);
    expect((await auditOf(ws.id)).map((e) => e.action)).toEqual(["webhook_secret.created", "webhook_secret.rotated"]);
    expect(results.map((r) => r.secret)).toContain(await storedSecret(ws.id));
  });

  it("never leaves the database unless asked for", async () => {
    const ws = await createWorkspace();
    await rotateWebhookSecret({ workspaceId: ws.id, actor: systemActor });
    const row = await db().workspace.findUnique({ where: { id: ws.id } });
    expect(row).not.toBeNull();
    expect(row).not.toHaveProperty("webhookSecret");
    expect(row!.webhookSecretCreatedAt).toBeInstanceOf(Date);
    const [listed] = await db().workspace.findMany({ where: { id: ws.id } });
    expect(listed).not.toHaveProperty("webhookSecret");
  });

  it("refuses a workspace that does not exist", async () => {
    await expect(rotateWebhookSecret({ workspaceId: "no-such-workspace", actor: systemActor })).rejects.toThrow(
      NotFound,
    );
  });
});

describe("rotateWebhookSecretAction", () => {
  // As declared in app/[workspace]/settings/actions.ts (a "use server" module exports only functions).
  const config = { input: z.object({ workspace: z.string() }), permission: "workspace:update" as const };
  const rotate = (user: { id: string; email: string; name: string | null }, slug: string) =>
    runWorkspaceAction({
      user: { ...user, name: user.name ?? "" },
      raw: { workspace: slug },
      config,
      handler: (_input, access) => rotateWebhookSecret({ workspaceId: access.workspace.id, actor: access.actor }),
    });

  it("lets admins rotate and refuses every other role", async () => {
    const ws = await createWorkspace();
    for (const role of ["ADMIN", "APPROVER", "ENGINEER", "AUDITOR", "VIEWER"] as const) {
      const { user } = await createMember({ workspaceId: ws.id, role });
      const result = await rotate(user, ws.slug);
      expect(result.ok, role).toBe(role === "ADMIN");
      if (result.ok) expect(result.data.secret).toBe(await storedSecret(ws.id));
      else expect(result.error.code, role).toBe("forbidden");
    }
    expect((await auditOf(ws.id)).map((e) => e.action)).toEqual(["webhook_secret.created"]);
  });

  it("does not reach another workspace", async () => {
    const mine = await createWorkspace();
    const theirs = await createWorkspace();
    const { user } = await createMember({ workspaceId: mine.id, role: "ADMIN" });
    expect(await rotate(user, theirs.slug)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await webhookSecretStatus({ workspaceId: theirs.id })).toEqual({ configured: false, createdAt: null });
    expect(await auditOf(theirs.id)).toEqual([]);
  });
});
