import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { authenticateApiKey, listApiKeys, requireScope, revokeApiKey } from "../../lib/api-keys";
import { hashSecret } from "../../lib/api-keys/secrets";
import { systemActor } from "../../lib/audit";
import { Forbidden, NotFound, Unauthorized } from "../../lib/errors";
import { createKey, createWorkspace } from "../factories";

const basic = (pk: string, sk: string) => `Basic ${Buffer.from(`${pk}:${sk}`).toString("base64")}`;

describe("API keys", () => {
  it("stores only the hash of the secret and shows the secret once", async () => {
    const ws = await createWorkspace();
    const { key, secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, omit: { secretHash: false } });
    expect(row.secretHash).toBe(hashSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    // Default reads never carry the hash.
    const listed = await listApiKeys({ workspaceId: ws.id });
    expect(listed[0]).not.toHaveProperty("secretHash");
    expect(await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).not.toHaveProperty("secretHash");
    expect(listed[0]!.secretHint).toBe(secret.slice(-4));
  });

  it("authenticates Bearer and Basic, and the key decides the workspace", async () => {
    const ws = await createWorkspace();
    const { key, secret } = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    const bearer = await authenticateApiKey({ authorization: `Bearer ${secret}` });
    expect(bearer).toMatchObject({ keyId: key.id, workspaceId: ws.id, scopes: ["read"] });
    const viaBasic = await authenticateApiKey({ authorization: basic(key.publicKey, secret) });
    expect(viaBasic.workspaceId).toBe(ws.id);
    const used = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses a missing, wrong or mismatched key", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    const other = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    await expect(authenticateApiKey({ authorization: null })).rejects.toThrow(Unauthorized);
    await expect(authenticateApiKey({ authorization: "Bearer sk-arb-nope" })).rejects.toThrow(Unauthorized);
    await expect(authenticateApiKey({ authorization: basic(other.key.publicKey, secret) })).rejects.toThrow(
      Unauthorized,
    );
  });

  it("refuses a revoked key", async () => {
    const ws = await createWorkspace();
    const { key, secret } = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    await revokeApiKey({ workspaceId: ws.id, keyId: key.id, actor: systemActor });
    await expect(authenticateApiKey({ authorization: `Bearer ${secret}` })).rejects.toThrow(/revoked/);
    await expect(revokeApiKey({ workspaceId: ws.id, keyId: key.id, actor: systemActor })).rejects.toThrow(NotFound);
  });

  it("enforces scopes", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest", "decide"] });
    const principal = await authenticateApiKey({ authorization: `Bearer ${secret}` });
    expect(() => requireScope(principal, "ingest")).not.toThrow();
    expect(() => requireScope(principal, "decide")).not.toThrow();
    expect(() => requireScope(principal, "read")).toThrow(Forbidden);
  });

  it("cannot revoke another workspace's key by id", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const { key, secret } = await createKey({ workspaceId: b.id, scopes: ["read"] });
    await expect(revokeApiKey({ workspaceId: a.id, keyId: key.id, actor: systemActor })).rejects.toThrow(NotFound);
    expect((await authenticateApiKey({ authorization: `Bearer ${secret}` })).workspaceId).toBe(b.id);
    expect(await db().auditEvent.count({ where: { chain: a.id, action: "api_key.revoked" } })).toBe(0);
  });

  it("audits creation and revocation in the key's workspace", async () => {
    const ws = await createWorkspace();
    const { key } = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    await revokeApiKey({ workspaceId: ws.id, keyId: key.id, actor: systemActor });
    const actions = await db().auditEvent.findMany({ where: { chain: ws.id }, orderBy: { seq: "asc" } });
    expect(actions.map((e) => [e.action, e.targetId])).toEqual([
      ["api_key.created", key.id],
      ["api_key.revoked", key.id],
    ]);
  });
});
