import { describe, expect, it } from "vitest";
import { GET } from "../../app/api/v1/agents/route";
import { revokeApiKey } from "../../lib/api-keys";
import { systemActor } from "../../lib/audit";
import { createAgent, createKey, createWorkspace } from "../factories";

const call = (authorization?: string) =>
  GET(new Request("http://arbiter.test/api/v1/agents", { headers: authorization ? { authorization } : {} }), {
    params: Promise.resolve({}),
  });

describe("GET /api/v1/agents", () => {
  it("lists the key's workspace's agents and nobody else's", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const mine = await createAgent({ workspaceId: a.id, externalId: "planner" });
    await createAgent({ workspaceId: b.id, externalId: "intruder" });
    const { secret } = await createKey({ workspaceId: a.id, scopes: ["read"] });
    const response = await call(`Bearer ${secret}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { id: string; externalId: string }[] };
    expect(body.data.map((agent) => agent.id)).toEqual([mine.id]);
  });

  it("answers 401 without a key, with a bad key, and with a revoked key", async () => {
    const ws = await createWorkspace();
    const { key, secret } = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    const none = await call();
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect((await call("Bearer sk-arb-wrong")).status).toBe(401);
    expect((await call("Basic !!!")).status).toBe(401);
    await revokeApiKey({ workspaceId: ws.id, keyId: key.id, actor: systemActor });
    const revoked = await call(`Bearer ${secret}`);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({
      error: { code: "unauthorized", message: "This API key has been revoked." },
    });
  });

  it("answers 403 to a key without the read scope", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest", "decide"] });
    const response = await call(`Bearer ${secret}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});
