import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { ensureInitWorkspace } from "../../lib/bootstrap";
import { authenticateApiKey } from "../../lib/api-keys";
import { createUser, uniqueSuffix } from "../factories";

describe("headless initialisation", () => {
  it("creates the workspace and the exact key once; a second run changes nothing", async () => {
    const slug = `init-${uniqueSuffix()}`;
    const publicKey = `pk-init-${uniqueSuffix()}`;
    const secret = `sk-init-${uniqueSuffix()}-${uniqueSuffix()}`;
    const admin = await createUser();
    const first = await ensureInitWorkspace({ slug, publicKey, secret, adminUserId: admin.id });
    expect(first).toEqual({ createdWorkspace: true, createdKey: true });
    const ws = await db().workspace.findUniqueOrThrow({ where: { slug } });
    const principal = await authenticateApiKey({ authorization: `Bearer ${secret}` });
    expect(principal).toMatchObject({ workspaceId: ws.id, publicKey, scopes: ["ingest", "decide", "read"] });
    const eventsAfterFirst = await db().auditEvent.count({ where: { chain: ws.id } });

    const second = await ensureInitWorkspace({ slug, publicKey, secret, adminUserId: admin.id });
    expect(second).toEqual({ createdWorkspace: false, createdKey: false });
    expect(await db().apiKey.count({ where: { workspaceId: ws.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { chain: ws.id } })).toBe(eventsAfterFirst);
  });

  it("refuses a known public key with a different secret", async () => {
    const slug = `init-${uniqueSuffix()}`;
    const publicKey = `pk-init-${uniqueSuffix()}`;
    await ensureInitWorkspace({ slug, publicKey, secret: "first-secret-123456", adminUserId: null });
    await expect(
      ensureInitWorkspace({ slug, publicKey, secret: "other-secret-123456", adminUserId: null }),
    ).rejects.toThrow(/different secret/);
  });
});
