// The data plane answers from memory: API keys and agents cached on every instance, re-read when
// the workspace's control or policy revision moves. These check that what is cached never
// outlives a change: at once on the instance that made it, within a second on another.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, describe, expect, inject, it } from "vitest";
import { db } from "../../lib/db";
import { systemActor, verifyAuditChain } from "../../lib/audit";
import { revokeApiKey } from "../../lib/api-keys";
import { installStarterPack } from "../../lib/policy/install-starter-pack";
import { createKey, createWorkspace } from "../factories";
import { seededRandom } from "../../lib/simulator/scenarios";
import { dataPlaneUrl } from "../setup/data-plane";
import { rehearseDecisions } from "../../lib/decisions/rehearse";

async function seed() {
  const ws = await createWorkspace();
  await db().$transaction((tx) => installStarterPack(tx, { workspaceId: ws.id, actor: systemActor }));
  const { key, secret } = await createKey({ workspaceId: ws.id, scopes: ["decide"] });
  await db().agent.createMany({
    data: [
      { workspaceId: ws.id, externalId: "agt-purchaser", name: "purchaser" },
      { workspaceId: ws.id, externalId: "agt-a", name: "twin" },
      { workspaceId: ws.id, externalId: "agt-b", name: "twin" },
    ],
  });
  return { ws, key, secret };
}

async function ask(url: string, secret: string, agent: string) {
  const response = await fetch(`${url}/api/v1/decisions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ agent, action: "read", resource: { kind: "table", id: "t" } }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("data plane", () => {
  it("takes an agent by its external id or by its unique name, and says when a name is ambiguous", async () => {
    const { ws, secret } = await seed();
    const url = await dataPlaneUrl();
    const byId = await ask(url, secret, "agt-purchaser");
    const byName = await ask(url, secret, "purchaser");
    expect(byId.status).toBe(200);
    expect(byName.status).toBe(200);
    const stored = await db().decision.findMany({ where: { workspaceId: ws.id }, select: { agentExternalId: true } });
    expect(stored.map((d) => d.agentExternalId)).toEqual(["agt-purchaser", "agt-purchaser"]);
    const twin = await ask(url, secret, "twin");
    expect(twin.status).toBe(409);
    expect(JSON.stringify(twin.body)).toMatch(/agt-a, agt-b/);
    expect((await ask(url, secret, "agt-b")).status).toBe(200);
    expect((await ask(url, secret, "nobody")).status).toBe(404);
  });

  it("refuses a revoked key at once on the instance that revoked it", async () => {
    const { ws, key, secret } = await seed();
    const url = await dataPlaneUrl();
    expect((await ask(url, secret, "purchaser")).status).toBe(200);
    await revokeApiKey({ workspaceId: ws.id, keyId: key.id, actor: systemActor });
    expect((await ask(url, secret, "purchaser")).status).toBe(401);
  });

  it("sees a change made behind its back (plain SQL) within a second", async () => {
    const { ws, secret } = await seed();
    const url = await dataPlaneUrl();
    expect((await ask(url, secret, "purchaser")).body.decision).toBe("ALLOW");
    await db()
      .$executeRaw`UPDATE "Agent" SET "status" = 'SUSPENDED' WHERE "workspaceId" = ${ws.id} AND "externalId" = 'agt-purchaser'`;
    const changed = Date.now();
    await expect
      .poll(async () => (await ask(url, secret, "purchaser")).body.decision, { timeout: 1000, interval: 20 })
      .toBe("DENY");
    expect(Date.now() - changed).toBeLessThan(1000);
  });

  it("writes decisions in one statement after the head it knows, and yields to other appenders of the chain", async () => {
    const { ws, secret } = await seed();
    const url = await dataPlaneUrl();
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(Array.from({ length: 5 }, () => ask(url, secret, "purchaser")));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      // Another appender moves the head: the next batch must notice and take the locked path.
      await createKey({ workspaceId: ws.id, scopes: ["read"] });
    }
    expect(await db().decision.count({ where: { workspaceId: ws.id } })).toBe(20);
    const report = await verifyAuditChain({ workspaceId: ws.id });
    expect(report.ok).toBe(true);
    expect(await db().auditEvent.count({ where: { workspaceId: ws.id, action: "decision.made" } })).toBe(20);
  });

  it("rehearses decisions at boot (every scope, with their write) and keeps nothing of them", async () => {
    const { ws, secret } = await seed();
    // The most recently active agent's workspace is rehearsed first.
    await db().agent.updateMany({
      where: { workspaceId: ws.id, externalId: "agt-purchaser" },
      data: { lastSeenAt: new Date(Date.now() + 60_000) },
    });
    const url = await dataPlaneUrl();
    expect((await ask(url, secret, "purchaser")).status).toBe(200);
    const events = await db().auditEvent.count({ where: { workspaceId: ws.id } });
    const rehearsed = await rehearseDecisions({ workspaces: 1, rounds: 3, writes: 10, budgetMs: 10_000 });
    // The starter pack's scopes, three rounds; the first ten also ran their write statement.
    expect(rehearsed.decisions).toBeGreaterThanOrEqual(9);
    expect(rehearsed.writes).toBe(10);
    expect(await db().decision.count({ where: { workspaceId: ws.id } })).toBe(1);
    expect(await db().approvalRequest.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { workspaceId: ws.id } })).toBe(events);
    // Real decisions after it chain on as before.
    expect((await ask(url, secret, "purchaser")).status).toBe(200);
    expect(await db().decision.count({ where: { workspaceId: ws.id } })).toBe(2);
    expect((await verifyAuditChain({ workspaceId: ws.id })).ok).toBe(true);
  });

  it("answers 300 malformed requests to its routes with a 4xx, never a 5xx, and keeps serving", async () => {
    const { ws, secret } = await seed();
    const { secret: ingestKey } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    const url = await dataPlaneUrl();
    const rand = seededRandom(20261201);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const paths = ["/api/v1/decisions", "/api/v1/ingest", "/api/public/otel/v1/traces", "/api/v1/approvals/abc"];
    const bodies = [
      "",
      "{",
      "null",
      "[]",
      '{"agent":1}',
      '{"batch":[]}',
      '{"batch":[{"id":"x","type":"span","body":{}}]}',
      "\u0000\u0001",
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}',
      Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]).toString("latin1"),
    ];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const path = pick(paths);
      const headers: Record<string, string> = {};
      const key = pick([secret, ingestKey, "sk-arb-nope", ""]);
      if (key)
        headers.authorization = pick([`Bearer ${key}`, `Basic ${Buffer.from(`x:${key}`).toString("base64")}`, key]);
      headers["content-type"] = pick([
        "application/json",
        "application/x-protobuf",
        "text/plain",
        "application/json; charset=utf-8",
      ]);
      if (rand() < 0.2) headers["content-encoding"] = pick(["gzip", "br", "deflate"]);
      const response = await fetch(`${url}${path}${rand() < 0.3 ? "?wait=" + pick(["-1", "x", "99", "1e3"]) : ""}`, {
        method: path.includes("approvals") ? "GET" : "POST",
        headers,
        ...(path.includes("approvals") ? {} : { body: pick(bodies) }),
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
    }
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    expect((await ask(url, secret, "purchaser")).status).toBe(200);
  });

  describe.runIf(process.env.TEST_DB === "postgres")("with another instance on the same database", () => {
    let other: ChildProcess | null = null;
    afterAll(() => {
      other?.kill("SIGTERM");
    });

    async function startOther(): Promise<string> {
      other = spawn(
        process.execPath,
        ["--import", "tsx", "--conditions=react-server", "tests/setup/data-plane-instance.ts"],
        {
          env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      let out = "";
      for await (const chunk of other.stdout!) {
        out += String(chunk);
        const m = /port (\d+)/.exec(out);
        if (m) return `http://127.0.0.1:${m[1]}`;
      }
      await once(other, "exit");
      throw new Error("the other instance did not start");
    }

    it("refuses a key revoked on this instance within a second there, and follows the kill switch", async () => {
      const { ws, key, secret } = await seed();
      const url = await startOther();
      // Warm its caches: the key and the agent are held in memory from here on.
      for (let i = 0; i < 3; i++) expect((await ask(url, secret, "purchaser")).body.decision).toBe("ALLOW");

      await db().agent.update({
        where: { workspaceId_externalId: { workspaceId: ws.id, externalId: "agt-purchaser" } },
        data: { status: "SUSPENDED" },
      });
      let since = Date.now();
      await expect
        .poll(async () => (await ask(url, secret, "purchaser")).body.decision, { timeout: 1000, interval: 20 })
        .toBe("DENY");
      expect(Date.now() - since).toBeLessThan(1000);

      await revokeApiKey({ workspaceId: ws.id, keyId: key.id, actor: systemActor });
      since = Date.now();
      await expect
        .poll(async () => (await ask(url, secret, "purchaser")).status, { timeout: 1000, interval: 20 })
        .toBe(401);
      expect(Date.now() - since).toBeLessThan(1000);
    });
  });
});
